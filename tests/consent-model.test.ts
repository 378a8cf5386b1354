// Property: whatever she says, in whatever order, what each organisation may see is exactly
// what an independent model of "what she said" says. Random sequences of statements (given,
// kept back, withdrawn; to one organisation, a kind, or everyone; for one purpose or all) are
// recorded through the API by her named contact, then each asker reads her case for each
// purpose, and every row and field it gets is checked against the model, written here from
// the rules in plain terms and sharing no code with the hub:
//   - for an organisation, a category and a purpose, her most recent statement that speaks
//     about it stands; "yes" only if it is GIVEN (and, for health needs, explicit);
//   - the police read her case, who she is and her needs by their duty; how to reach her
//     only where she said yes; how to reach her safely wherever how to reach her goes;
//   - the referral purpose opens nothing of her case.
import { randomBytes } from "node:crypto";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestHub, type TestHub } from "./support/test-hub.js";

const CATEGORIES = ["CASE_PROGRESS", "IDENTITY", "CONTACT_DETAILS", "SAFE_CONTACT_RULES", "NEEDS_AND_VULNERABILITIES", "SPECIAL_CATEGORY"] as const;
const PURPOSES = ["SUPPORT_AND_ADVOCACY", "KEEPING_VICTIM_INFORMED", "REFERRAL"] as const;
type Category = (typeof CATEGORIES)[number];
type Purpose = (typeof PURPOSES)[number] | "LAW_ENFORCEMENT";
type Recipient = { org: "isva" | "vs" } | { kind: "ISVA_SERVICE" | "VICTIM_SUPPORT_CHARITY" | "POLICE" } | { everyone: true };
interface Said {
  decision: "GIVEN" | "WITHHELD" | "WITHDRAWN";
  category: Category;
  purpose: Purpose | null;
  to: Recipient;
  explicit: boolean;
}

const PRIYA = "wcu.officer@northshire-police.example.org";
const ASKERS = [
  { email: "isva@northshire-rapecrisis.example.org", org: "isva", kind: "ISVA_SERVICE", statutory: false, purposes: PURPOSES },
  { email: "caseworker@victimsupport-northshire.example.org", org: "vs", kind: "VICTIM_SUPPORT_CHARITY", statutory: false, purposes: ["SUPPORT_AND_ADVOCACY", "REFERRAL"] },
  { email: "officer@northshire-police.example.org", org: "police", kind: "POLICE", statutory: true, purposes: ["LAW_ENFORCEMENT", "REFERRAL"] },
] as const;

// ---- The model: what she said, in plain terms -------------------------------------------
const speaksAbout = (s: Said, org: string, kind: string) => ("everyone" in s.to ? true : "org" in s.to ? s.to.org === org : s.to.kind === kind);
function sheSaidYes(said: Said[], org: string, kind: string, category: Category, purpose: Purpose): boolean {
  const latest = [...said].reverse().find((s) => s.category === category && (s.purpose === null || s.purpose === purpose) && speaksAbout(s, org, kind));
  return latest?.decision === "GIVEN" && (category !== "SPECIAL_CATEGORY" || latest.explicit);
}
function expected(said: Said[], asker: (typeof ASKERS)[number], purpose: Purpose) {
  if (purpose === "REFERRAL") return null;
  const yes = (c: Category) => sheSaidYes(said, asker.org, asker.kind, c, purpose);
  const duty = asker.statutory;
  if (!duty && !yes("CASE_PROGRESS")) return null;
  const needs = duty || yes("NEEDS_AND_VULNERABILITIES");
  const health = duty || yes("SPECIAL_CATEGORY");
  return {
    identity: duty || yes("IDENTITY"),
    contactDetails: yes("CONTACT_DETAILS"),
    safeContact: yes("SAFE_CONTACT_RULES") || yes("CONTACT_DETAILS"),
    needs,
    health,
  };
}

// ---- What she may say (a statement the API refuses is not something she said) ------------
const recipient: fc.Arbitrary<Recipient> = fc.oneof(
  fc.constantFrom<Recipient>({ org: "isva" }, { org: "vs" }),
  fc.constantFrom<Recipient>({ kind: "ISVA_SERVICE" }, { kind: "VICTIM_SUPPORT_CHARITY" }, { kind: "POLICE" }),
  fc.constant<Recipient>({ everyone: true }),
);
const statement: fc.Arbitrary<Said> = fc
  .record({
    decision: fc.constantFrom<Said["decision"]>("GIVEN", "GIVEN", "GIVEN", "WITHHELD", "WITHDRAWN"),
    // Biased towards her case and support, so most runs open her case to a service and then
    // check the finer categories, as well as the refusals.
    category: fc.constantFrom<Category>("CASE_PROGRESS", "CASE_PROGRESS", "CASE_PROGRESS", ...CATEGORIES),
    purpose: fc.option(fc.constantFrom<Purpose>("SUPPORT_AND_ADVOCACY", "SUPPORT_AND_ADVOCACY", ...PURPOSES, "LAW_ENFORCEMENT"), { nil: null, freq: 3 }),
    to: recipient,
    explicit: fc.boolean(),
  })
  // An agreement names its recipient and purpose; only keeping back may be from everyone, for every purpose.
  .filter((s) => s.decision !== "GIVEN" || (!("everyone" in s.to) && s.purpose !== null));

describe("consent: the policy against a model of what she said", () => {
  let hub: TestHub;
  let org: Record<string, string>;
  let areaId: string;
  let priya: string;
  beforeAll(async () => {
    hub = await startTestHub();
    const p = hub.db.prisma;
    const id = async (name: string) => (await p.organisation.findUniqueOrThrow({ where: { name } })).id;
    org = { isva: await id("Northshire Rape Crisis"), vs: await id("Victim Support Northshire"), police: await id("Northshire Police"), wcu: await id("Northshire Police Witness Care Unit") };
    areaId = (await p.area.findUniqueOrThrow({ where: { code: "NSH" } })).id;
    priya = (await p.user.findUniqueOrThrow({ where: { email: PRIYA } })).id;
  });
  afterAll(async () => {
    await hub.close();
  });

  /** A fresh case for each run: the police, the WCU, Rape Crisis and Victim Support on it; her named contact is Priya (WCU). */
  async function freshCase() {
    const tag = randomBytes(4).toString("hex");
    const created = await hub.db.prisma.case.create({
      data: {
        policeUrn: `MODEL${tag}`,
        offenceCategory: "SEXUAL_OFFENCE",
        stage: "UNDER_INVESTIGATION",
        area: { connect: { id: areaId } },
        victim: {
          create: {
            reference: `V-MODEL-${tag}`,
            identity: { create: { fullName: `Model ${tag}` } },
            contactDetails: { create: { phone: `07700 ${tag}` } },
            contactContract: { create: { channels: ["PHONE"], codeword: "rowan", language: "Welsh", accessibilityNeeds: "Hearing aid", namedContactUserId: priya, agreedByUserId: priya, agreedByOrganisationId: org.wcu! } },
            enhancedRightsAssessments: { create: { eligible: true, grounds: ["MOST_SERIOUS_CRIME"], serviceTier: "ENHANCED", assessedByUserId: priya, assessedByOrganisationId: org.wcu! } },
          },
        },
        involvements: { create: (["police", "wcu", "isva", "vs"] as const).map((k) => ({ organisationId: org[k]!, capacity: "OTHER_SUPPORT" as const })) },
      },
    });
    return created.id;
  }

  const recipientInput = (to: Recipient, orgKey: "recipientOrganisationId" | "fromOrganisationId", kindKey: "recipientKind" | "fromKind") =>
    "org" in to ? { [orgKey]: org[to.org] } : "kind" in to ? { [kindKey]: to.kind } : {};

  /** Records one statement as Priya, her named contact; answers whether the hub took it. */
  async function say(caseId: string, s: Said, at: Date): Promise<boolean> {
    const common = { caseId, givenBy: "VICTIM", evidence: "Model run", saidHow: "PHONE", saidAt: at.toISOString() };
    if (s.decision === "WITHDRAWN") {
      const to = "everyone" in s.to ? { fromEveryone: true } : recipientInput(s.to, "recipientOrganisationId", "recipientKind");
      const res = await hub.gql(PRIYA, `mutation ($input: WithdrawConsentInput!) { withdrawConsent(input: $input) { __typename ... on Error { message } } }`, {
        input: { ...common, ...to, categories: [s.category], purposes: s.purpose ? [s.purpose] : [] },
      });
      const answer = res.data!.withdrawConsent;
      // "Nothing to withdraw" changes nothing, so it is the same as having said it.
      expect(["Consent", "ConflictError"], JSON.stringify(answer)).toContain(answer.__typename);
      return true;
    }
    const input =
      s.decision === "GIVEN"
        ? { ...common, explicit: s.explicit, scopes: [{ category: s.category, purpose: s.purpose, ...recipientInput(s.to, "recipientOrganisationId", "recipientKind") }] }
        : { ...common, explicit: false, withholdings: [{ category: s.category, purpose: s.purpose, reason: "Model run", ...recipientInput(s.to, "fromOrganisationId", "fromKind") }] };
    const res = await hub.gql(PRIYA, `mutation ($input: RecordConsentInput!) { recordConsent(input: $input) { __typename ... on Error { message } } }`, { input });
    const answer = res.data!.recordConsent;
    if (s.decision === "GIVEN" && s.category === "SPECIAL_CATEGORY" && !s.explicit) {
      expect(answer.__typename).toBe("BadInputError");
      return false;
    }
    expect(answer.__typename, JSON.stringify(answer)).toBe("Consent");
    return true;
  }

  const READ = `query ($id: ID!) { case(id: $id) { __typename ... on Case {
    victim { identity { fullName } contactDetails { phone } contactAgreement { codeword language accessibilityNeeds } needs { language accessibilityNeeds } enhancedRights { grounds } }
  } } }`;

  it("shows each organisation, for each purpose, exactly what her statements add up to", async () => {
    let opened = 0;
    let refusedAfterYes = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(statement, { minLength: 1, maxLength: 8 }), async (statements) => {
        const caseId = await freshCase();
        const said: Said[] = [];
        const start = Date.now() - 3_600_000;
        for (const [i, s] of statements.entries()) if (await say(caseId, s, new Date(start + i * 60_000))) said.push(s);
        for (const asker of ASKERS) {
          for (const purpose of asker.purposes) {
            const want = expected(said, asker, purpose);
            const got = (await hub.gql(asker.email, READ, { id: caseId }, purpose)).data!.case;
            const where = `${asker.email} for ${purpose} after ${JSON.stringify(said)}`;
            if (!want) {
              expect(got.__typename, where).toBe("NotFoundError");
              if (said.some((s) => s.decision === "GIVEN" && speaksAbout(s, asker.org, asker.kind))) refusedAfterYes++;
              continue;
            }
            if (!asker.statutory) opened++;
            expect(got.__typename, where).toBe("Case");
            const v = got.victim;
            expect(v.identity !== null, `identity: ${where}`).toBe(want.identity);
            expect(v.contactDetails !== null, `contact details: ${where}`).toBe(want.contactDetails);
            expect(v.contactAgreement !== null, `safe-contact rules: ${where}`).toBe(want.safeContact);
            if (v.contactAgreement) {
              expect(v.contactAgreement.codeword).toBe("rowan");
              expect(v.contactAgreement.language !== null, `needs in the agreement: ${where}`).toBe(want.needs);
              expect(v.contactAgreement.accessibilityNeeds !== null, `health in the agreement: ${where}`).toBe(want.health);
            }
            expect(v.enhancedRights !== null, `Enhanced Rights: ${where}`).toBe(want.needs);
            expect(v.needs?.language != null, `needs: ${where}`).toBe(want.needs);
            expect(v.needs?.accessibilityNeeds != null, `health needs: ${where}`).toBe(want.health);
          }
        }
      }),
      {
        numRuns: 30,
        // Besides the random runs, histories that must open her case to a voluntary service and
        // then close part of it again, so the coverage checks below never rest on chance alone.
        examples: [
          [
            [
              { decision: "GIVEN", category: "CASE_PROGRESS", purpose: "SUPPORT_AND_ADVOCACY", to: { org: "isva" }, explicit: false },
              { decision: "GIVEN", category: "IDENTITY", purpose: "SUPPORT_AND_ADVOCACY", to: { kind: "ISVA_SERVICE" }, explicit: false },
              { decision: "GIVEN", category: "CASE_PROGRESS", purpose: "SUPPORT_AND_ADVOCACY", to: { org: "vs" }, explicit: false },
            ],
          ],
          [
            [
              { decision: "GIVEN", category: "CASE_PROGRESS", purpose: "SUPPORT_AND_ADVOCACY", to: { org: "vs" }, explicit: false },
              { decision: "WITHDRAWN", category: "CASE_PROGRESS", purpose: null, to: { org: "vs" }, explicit: false },
            ],
          ],
        ],
      },
    );
    // The runs must have opened cases to the voluntary services, and refused some after a yes.
    expect(opened).toBeGreaterThan(1);
    expect(refusedAfterYes).toBeGreaterThan(0);
  }, 300_000);
});
