// Property: for any world of involvements, consents, withdrawals, withholdings and sharing
// decisions, and any actor and purpose, the policy answers the same in memory
// (ability.can on a loaded row) as in SQL (accessibleBy in the where). If the two ever
// disagree, a list could show what a single read refuses, or the other way round.
import type { AccessPurpose, DataCategory, OrganisationKind } from "@hub/db";
import { accessibleWhere, type Actor, defineAbilityFor, subject } from "@hub/policy";
import { createTestDatabase, type TestDatabase } from "@hub/test-utils";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const CATEGORIES: DataCategory[] = ["CASE_PROGRESS", "IDENTITY", "CONTACT_DETAILS"];
const PURPOSES: AccessPurpose[] = ["SUPPORT_AND_ADVOCACY", "KEEPING_VICTIM_INFORMED", "REFERRAL"];
const ORGS: { name: string; kind: OrganisationKind }[] = [
  { name: "Prop ISVA", kind: "ISVA_SERVICE" },
  { name: "Prop IDVA", kind: "IDVA_SERVICE" },
  { name: "Prop WCU", kind: "POLICE_WCU" },
  { name: "Prop CPS", kind: "CPS" },
];

const orgIndex = fc.integer({ min: 0, max: ORGS.length - 1 });
const recipient = fc.oneof(orgIndex.map((i) => ({ org: i })), orgIndex.map((i) => ({ kind: ORGS[i]!.kind })));
const world = fc.array(
  fc.record({
    involvements: fc.uniqueArray(fc.record({ org: orgIndex, ended: fc.boolean() }), { selector: (i) => i.org, maxLength: 3 }),
    consents: fc.array(
      fc.record({
        withdrawn: fc.boolean(),
        scopes: fc.array(fc.record({ category: fc.constantFrom(...CATEGORIES), purpose: fc.constantFrom(...PURPOSES), to: recipient }), { maxLength: 3 }),
        withholdings: fc.array(fc.record({ category: fc.constantFrom(...CATEGORIES), from: fc.option(orgIndex, { nil: null }) }), { maxLength: 1 }),
      }),
      { maxLength: 2 },
    ),
    decisions: fc.array(
      fc.record({
        to: orgIndex,
        approved: fc.boolean(),
        purpose: fc.constantFrom(...PURPOSES),
        categories: fc.uniqueArray(fc.constantFrom(...CATEGORIES), { minLength: 1 }),
        expired: fc.boolean(),
      }),
      { maxLength: 2 },
    ),
  }),
  { minLength: 1, maxLength: 4 },
);
// Biased towards askers the rules could let in, so most runs exercise a grant as well as refusals.
const asker = fc.record({ org: orgIndex, purpose: fc.option(fc.constantFrom(...PURPOSES), { nil: null, freq: 6 }), covered: fc.constantFrom(true, true, true, false) });

describe("policy: memory and SQL agree", () => {
  let db: TestDatabase;
  let orgIds: string[];
  let areaId: string;
  let userId: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    areaId = (await db.prisma.area.create({ data: { code: "PROP", name: "Property" } })).id;
    orgIds = [];
    for (const o of ORGS) orgIds.push((await db.prisma.organisation.create({ data: { name: o.name, kind: o.kind, legalType: "VOLUNTARY_SECTOR" } })).id);
    userId = (await db.prisma.user.create({ data: { email: "prop@example.org", name: "Prop", oidcSubject: "prop" } })).id;
  });
  afterAll(async () => {
    await db.close();
  });

  it("for Case, VictimIdentity and VictimContactDetails", async () => {
    let granted = 0;
    await fc.assert(
      fc.asyncProperty(world, asker, async (cases, who) => {
        const p = db.prisma;
        await p.$transaction(async (tx) => {
          await tx.$executeRawUnsafe(`SET LOCAL hub.erasure = 'on'`);
          await tx.case.deleteMany();
          await tx.victim.deleteMany();
        });
        const now = Date.now();
        for (const [n, c] of cases.entries()) {
          const created = await p.case.create({
            data: {
              offenceCategory: "ASSAULT",
              area: { connect: { id: areaId } },
              victim: { create: { reference: `P-${n}-${now}`, identity: { create: { fullName: "x" } }, contactDetails: { create: { phone: "x" } } } },
              involvements: { create: c.involvements.map((i) => ({ organisationId: orgIds[i.org]!, capacity: "OTHER_SUPPORT" as const, until: i.ended ? new Date(now - 1000) : null })) },
              sharingDecisions: {
                create: c.decisions.map((d) => ({
                  requestingOrganisationId: orgIds[0]!,
                  receivingOrganisationId: orgIds[d.to]!,
                  requesterName: "r",
                  requesterRole: "r",
                  purpose: d.purpose,
                  lawfulBasisCode: "SAFEGUARDING",
                  necessity: "n",
                  dpiaConsidered: true,
                  retention: "r",
                  outcome: d.approved ? ("APPROVED" as const) : ("REFUSED" as const),
                  reasons: "r",
                  decidedByUserId: userId,
                  expiresAt: d.expired ? new Date(now - 60_000) : null,
                  categories: { create: d.categories.map((category) => ({ category })) },
                })),
              },
            },
          });
          for (const consent of c.consents) {
            await p.consent.create({
              data: {
                victimId: created.victimId,
                givenBy: "VICTIM",
                capturedByUserId: userId,
                capturedByOrganisationId: orgIds[0]!,
                evidence: "e",
                withdrawnAt: consent.withdrawn ? new Date(now - 1000) : null,
                scopes: {
                  create: consent.scopes.map((s) => ({
                    category: s.category,
                    purpose: s.purpose,
                    recipientOrganisationId: "org" in s.to ? orgIds[s.to.org]! : null,
                    recipientKind: "kind" in s.to ? s.to.kind : null,
                  })),
                },
                withholdings: { create: consent.withholdings.map((w) => ({ category: w.category, fromOrganisationId: w.from === null ? null : orgIds[w.from]!, reason: "r" })) },
              },
            });
          }
        }
        const org = ORGS[who.org]!;
        const actor: Actor = {
          userId,
          name: "Prop",
          email: "prop@example.org",
          organisationId: orgIds[who.org]!,
          organisationName: org.name,
          organisationKind: org.kind,
          legalType: "VOLUNTARY_SECTOR",
          roles: ["CASEWORKER"],
          areaIds: [],
          agreements: who.covered ? [{ dsaId: "d", purposes: PURPOSES, categories: CATEGORIES, lawfulBasisCode: "CONSENT" }] : [],
        };
        const ability = defineAbilityFor(actor, { purpose: who.purpose });
        const consents = { include: { scopes: true, withholdings: true } } as const;
        const decisions = { include: { categories: true } } as const;

        const allCases = await p.case.findMany({ include: { involvements: true, sharingDecisions: decisions, victim: { include: { consents } } } });
        const sqlCases = await p.case.findMany({ where: accessibleWhere(ability, "Case"), select: { id: true } });
        granted += sqlCases.length;
        expect(sqlCases.map((r) => r.id).sort()).toEqual(allCases.filter((r) => ability.can("read", subject("Case", r))).map((r) => r.id).sort());

        const victimInclude = { victim: { include: { consents, cases: { include: { involvements: true, sharingDecisions: decisions } } } } } as const;
        for (const model of ["victimIdentity", "victimContactDetails"] as const) {
          const type = model === "victimIdentity" ? "VictimIdentity" : "VictimContactDetails";
          const all = await (p[model] as any).findMany({ include: victimInclude });
          const sql = await (p[model] as any).findMany({ where: accessibleWhere(ability, type), select: { victimId: true } });
          expect(sql.map((r: any) => r.victimId).sort()).toEqual(all.filter((r: any) => ability.can("read", subject(type, r))).map((r: any) => r.victimId).sort());
        }
      }),
      {
        numRuns: 40,
        // A world where access is certainly granted (a WCU on the case for its Victims' Code
        // duties), so every run checks a grant as well as the random refusals.
        examples: [[[{ involvements: [{ org: 2, ended: false }], consents: [], decisions: [] }], { org: 2, purpose: "KEEPING_VICTIM_INFORMED", covered: true }]],
      },
    );
    // The worlds must include some where access is granted, or agreement proves little.
    expect(granted).toBeGreaterThan(0);
  }, 120_000);
});
