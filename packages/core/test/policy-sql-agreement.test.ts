// Property: for any world of involvements, consent statements (given, withheld, withdrawn),
// referrals carrying her details and sharing decisions, and any actor and purpose, the policy answers the same in memory
// (ability.can on a loaded row) as in SQL (accessibleBy in the where). If the two ever
// disagree, a list could show what a single read refuses, or the other way round.
import type { AccessPurpose, DataCategory, OrganisationKind } from "@hub/db";
import { accessibleWhere, type Actor, defineAbilityFor, subject } from "@hub/policy";
import { createTestDatabase, type TestDatabase } from "@hub/test-utils";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const CATEGORIES: DataCategory[] = ["CASE_PROGRESS", "IDENTITY", "CONTACT_DETAILS", "SAFE_CONTACT_RULES", "NEEDS_AND_VULNERABILITIES", "SPECIAL_CATEGORY"];
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
        explicit: fc.boolean(),
        statements: fc.array(
          fc.record({
            decision: fc.constantFrom("GIVEN", "GIVEN", "WITHHELD", "WITHDRAWN"),
            category: fc.constantFrom(...CATEGORIES),
            purpose: fc.option(fc.constantFrom(...PURPOSES), { nil: null }),
            to: recipient,
          }),
          { maxLength: 4 },
        ),
      }),
      { maxLength: 3 },
    ),
    referrals: fc.array(
      fc.record({ to: orgIndex, status: fc.constantFrom("REQUESTED", "ACCEPTED", "COMPLETED"), shares: fc.uniqueArray(fc.constantFrom(...CATEGORIES), { maxLength: 3 }) }),
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

  it("for Case, VictimIdentity, VictimContactDetails, VictimContactContract and EnhancedRightsAssessment", async () => {
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
          for (const [k, consent] of c.consents.entries()) {
            await p.consent.create({
              data: {
                victimId: created.victimId,
                givenBy: "VICTIM",
                capturedByUserId: userId,
                capturedByOrganisationId: orgIds[0]!,
                evidence: "e",
                explicit: consent.explicit,
                statements: {
                  create: consent.statements.map((s) => ({
                    victimId: created.victimId,
                    decision: s.decision,
                    category: s.category,
                    purpose: s.purpose,
                    recipientOrganisationId: "org" in s.to ? orgIds[s.to.org]! : null,
                    recipientKind: "kind" in s.to ? s.to.kind : null,
                    statedAt: new Date(now - 100_000 + k * 1000),
                  })),
                },
              },
            });
          }
          for (const r of c.referrals) {
            await p.referral.create({
              data: { caseId: created.id, fromOrganisationId: orgIds[0]!, toOrganisationId: orgIds[r.to]!, reason: "r", status: r.status, createdByUserId: userId, shares: { create: r.shares.map((category) => ({ category })) } },
            });
          }
          await p.victimContactContract.create({ data: { victimId: created.victimId, channels: ["PHONE"], language: "Polish", accessibilityNeeds: "x", agreedByUserId: userId, agreedByOrganisationId: orgIds[0]! } });
          await p.enhancedRightsAssessment.create({ data: { victimId: created.victimId, eligible: false, serviceTier: "STANDARD", assessedByUserId: userId, assessedByOrganisationId: orgIds[0]! } });
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
        const consentGrants = { where: { organisationId: actor.organisationId } } as const;
        const decisions = { include: { categories: true } } as const;
        const referrals = { include: { shares: true } } as const;

        const allCases = await p.case.findMany({ include: { involvements: true, sharingDecisions: decisions, referrals, victim: { include: { consentGrants } } } });
        const sqlCases = await p.case.findMany({ where: accessibleWhere(ability, "Case"), select: { id: true } });
        granted += sqlCases.length;
        expect(sqlCases.map((r) => r.id).sort()).toEqual(allCases.filter((r) => ability.can("read", subject("Case", r))).map((r) => r.id).sort());

        const victimInclude = { victim: { include: { consentGrants, cases: { include: { involvements: true, sharingDecisions: decisions, referrals } } } } } as const;
        const types = { victimIdentity: "VictimIdentity", victimContactDetails: "VictimContactDetails", victimContactContract: "VictimContactContract", enhancedRightsAssessment: "EnhancedRightsAssessment" } as const;
        for (const model of Object.keys(types) as (keyof typeof types)[]) {
          const type = types[model];
          const all = await (p[model] as any).findMany({ include: victimInclude });
          const sql = await (p[model] as any).findMany({ where: accessibleWhere(ability, type), select: { victimId: true } });
          expect(sql.map((r: any) => r.victimId).sort()).toEqual(all.filter((r: any) => ability.can("read", subject(type, r))).map((r: any) => r.victimId).sort());
        }
      }),
      {
        numRuns: 40,
        // A world where access is certainly granted (a WCU on the case for its Victims' Code
        // duties), so every run checks a grant as well as the random refusals.
        examples: [[[{ involvements: [{ org: 2, ended: false }], consents: [], referrals: [], decisions: [] }], { org: 2, purpose: "KEEPING_VICTIM_INFORMED", covered: true }]],
      },
    );
    // The worlds must include some where access is granted, or agreement proves little.
    expect(granted).toBeGreaterThan(0);
  }, 120_000);
});
