// Seeds the demo partnership into an empty hub. Idempotent: a hub that already has
// organisations is left alone, so restarting the demo never duplicates anything.
import type { PrismaClient } from "../generated/prisma/client.js";
import { DEMO_AREAS, DEMO_CASES, DEMO_ORGANISATIONS, DEMO_USERS } from "./demo-partnership.js";

export { DEMO_AREAS, DEMO_CASES, DEMO_ORGANISATIONS, DEMO_USERS, type DemoUser, type DemoCase } from "./demo-partnership.js";

const DAY = 24 * 60 * 60 * 1000;

export async function seedDemoPartnership(prisma: PrismaClient, now = new Date()): Promise<{ seeded: boolean }> {
  if ((await prisma.organisation.count()) > 0) return { seeded: false };
  await prisma.$transaction(async (tx) => {
    const areaIds = new Map<string, string>();
    for (const area of DEMO_AREAS) areaIds.set(area.code, (await tx.area.create({ data: area })).id);
    const orgIds = new Map<string, string>();
    for (const org of DEMO_ORGANISATIONS) {
      const created = await tx.organisation.create({
        data: {
          name: org.name,
          kind: org.kind,
          legalType: org.legalType,
          areas: { create: org.areas.map((code) => ({ areaId: areaIds.get(code)! })) },
        },
      });
      orgIds.set(org.key, created.id);
    }
    const userIds = new Map<string, string>();
    for (const u of DEMO_USERS) {
      const created = await tx.user.create({
        data: {
          email: u.email,
          name: u.name,
          oidcSubject: u.oidcSubject,
          memberships: { create: { organisationId: orgIds.get(u.organisation)!, roles: u.roles } },
        },
      });
      userIds.set(u.email, created.id);
    }
    for (const c of DEMO_CASES) {
      const openedAt = new Date(now.getTime() - c.openedDaysAgo * DAY);
      const { reference, fullName, dateOfBirth, ...contact } = c.victim;
      await tx.case.create({
        data: {
          policeUrn: c.policeUrn,
          cpsReference: c.cpsReference ?? null,
          offenceCategory: c.offenceCategory,
          stage: c.stage,
          openedAt,
          closedAt: c.stage === "CLOSED" ? new Date(now.getTime() - 30 * DAY) : null,
          area: { connect: { id: areaIds.get(c.area)! } },
          victim: {
            create: {
              reference,
              identity: { create: { fullName, dateOfBirth: dateOfBirth ? new Date(dateOfBirth) : null } },
              contactDetails: Object.keys(contact).length ? { create: contact } : undefined,
            },
          },
          involvements: {
            create: c.involvements.map((inv) => ({
              organisationId: orgIds.get(inv.organisation)!,
              capacity: inv.capacity,
              since: openedAt,
              namedContactUserId: inv.namedContact ? userIds.get(inv.namedContact)! : null,
            })),
          },
        },
      });
    }
  }, { timeout: 60_000 });
  return { seeded: true };
}
