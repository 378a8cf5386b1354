// Small builders for records tests need beyond the demo partnership. Every sensitive field
// gets a unique canary string, so a test can prove it never reaches the wrong caller.
import { randomBytes } from "node:crypto";
import type { AccessPurpose, CaseStage, DataCategory, InvolvementCapacity, OffenceCategory, OrganisationKind, PrismaClient, LegalType, Role } from "@hub/db";

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

export interface StatementSpec {
  decision?: "GIVEN" | "WITHHELD" | "WITHDRAWN";
  category: DataCategory;
  /** null or absent: every purpose. */
  purpose?: AccessPurpose | null;
  /** An organisation id, an organisation kind, or (absent) everyone. */
  to?: { organisationId: string } | { kind: OrganisationKind };
  reason?: string;
}

/**
 * What a victim said, as one consent record written straight to the database (for tests that
 * need a world to exist; the hub's own path is recordConsent). The database works out the
 * grants from the statements, as it does for the hub.
 */
export function makeConsent(
  prisma: PrismaClient,
  input: { victimId: string; capturedByUserId: string; capturedByOrganisationId: string; statements: StatementSpec[]; at?: Date; explicit?: boolean; evidence?: string },
) {
  const at = input.at ?? new Date();
  return prisma.consent.create({
    data: {
      victimId: input.victimId,
      givenBy: "VICTIM",
      capturedByUserId: input.capturedByUserId,
      capturedByOrganisationId: input.capturedByOrganisationId,
      capturedAt: at,
      evidence: input.evidence ?? "Test consent form",
      explicit: input.explicit ?? false,
      statements: {
        create: input.statements.map((s) => ({
          victimId: input.victimId,
          decision: s.decision ?? "GIVEN",
          category: s.category,
          purpose: s.purpose ?? null,
          recipientOrganisationId: s.to && "organisationId" in s.to ? s.to.organisationId : null,
          recipientKind: s.to && "kind" in s.to ? s.to.kind : null,
          statedAt: at,
          reason: s.reason ?? null,
        })),
      },
    },
  });
}
