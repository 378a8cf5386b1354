// Small builders for records tests need beyond the demo partnership. Every sensitive field
// gets a unique canary string, so a test can prove it never reaches the wrong caller.
import { randomBytes } from "node:crypto";
import type { CaseStage, InvolvementCapacity, OffenceCategory, OrganisationKind, PrismaClient, LegalType, Role } from "@hub/db";

export const canary = (label: string) => `CANARY-${label}-${randomBytes(4).toString("hex")}`;

export async function makeOrganisation(prisma: PrismaClient, input: { name?: string; kind?: OrganisationKind; legalType?: LegalType; areaIds?: string[] } = {}) {
  return prisma.organisation.create({
    data: {
      name: input.name ?? `Test organisation ${randomBytes(3).toString("hex")}`,
      kind: input.kind ?? "ISVA_SERVICE",
      legalType: input.legalType ?? "VOLUNTARY_SECTOR",
      areas: { create: (input.areaIds ?? []).map((areaId) => ({ areaId })) },
    },
  });
}

export async function makeUser(prisma: PrismaClient, organisationId: string, roles: Role[] = ["CASEWORKER"]) {
  const tag = randomBytes(4).toString("hex");
  return prisma.user.create({
    data: {
      email: `user-${tag}@test.example.org`,
      name: `Test user ${tag}`,
      oidcSubject: `test|${tag}`,
      memberships: { create: { organisationId, roles } },
    },
  });
}

export async function makeCase(
  prisma: PrismaClient,
  input: {
    areaId: string;
    involve?: { organisationId: string; capacity?: InvolvementCapacity; until?: Date }[];
    offenceCategory?: OffenceCategory;
    stage?: CaseStage;
    openedAt?: Date;
  },
) {
  const tag = randomBytes(4).toString("hex");
  return prisma.case.create({
    data: {
      policeUrn: `TEST${tag}`,
      offenceCategory: input.offenceCategory ?? "ASSAULT",
      stage: input.stage ?? "UNDER_INVESTIGATION",
      openedAt: input.openedAt ?? new Date(),
      area: { connect: { id: input.areaId } },
      victim: {
        create: {
          reference: `V-TEST-${tag}`,
          identity: { create: { fullName: canary("name") } },
          contactDetails: { create: { address: canary("address"), phone: canary("phone") } },
        },
      },
      involvements: {
        create: (input.involve ?? []).map((i) => ({ organisationId: i.organisationId, capacity: i.capacity ?? "ISVA_SUPPORT", until: i.until ?? null })),
      },
    },
  });
}
