// Every role × every operation × every data dimension, over real HTTP with real tokens.
// The expectations are written out by hand from the rules in shared/domain/information-sharing.md,
// and every sensitive field holds a unique canary that must never reach a caller who may
// not see it, nor any error text, nor the logs.
import { randomBytes } from "node:crypto";
import { DEMO_USERS } from "@hub/db/seed";
import { makeConsent } from "@hub/test-utils";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestHub, type TestHub } from "./support/test-hub.js";

const canary = (label: string) => `CANARY-${label}-${randomBytes(5).toString("hex")}`;
const CANARIES = {
  name: canary("NAME"),
  address: canary("ADDRESS"),
  phone: canary("PHONE"),
  withdrawnName: canary("WITHDRAWN-NAME"),
  withdrawnPhone: canary("WITHDRAWN-PHONE"),
  codeword: canary("CODEWORD"),
  language: canary("LANGUAGE"),
  health: canary("HEALTH"),
};

type Op = "listCase" | "readCase" | "identity" | "contact" | "safeContact" | "needs" | "health" | "enhancedRights" | "consents" | "recordConsent" | "sharingDecision" | "accessLog";
const OPS: Op[] = ["listCase", "readCase", "identity", "contact", "safeContact", "needs", "health", "enhancedRights", "consents", "recordConsent", "sharingDecision", "accessLog"];

// The consented case (Northshire): police, WCU, CPS and the ISVA service support it, and so does
// Victim Support, which has no consent. The victim consented to the ISVA service (her case, who
// she is and how to reach her, for support; not her needs) and to WCU and CPS (contact details,
// to keep her informed). Her contact agreement holds a codeword, her language and a health need;
// her Enhanced Rights are assessed. Whoever may reach her knows her rules for it; the statutory
// agencies know her needs (and, as the agreement covers it, her health needs) by their duty.
const STATUTORY_READS: Op[] = ["listCase", "readCase", "identity", "contact", "safeContact", "needs", "health", "enhancedRights", "consents", "recordConsent"];
const ON_CONSENTED_CASE: Record<string, Op[]> = {
  "officer@northshire-police.example.org": ["listCase", "readCase", "identity", "needs", "health", "enhancedRights", "consents", "recordConsent"],
  "wcu.officer@northshire-police.example.org": STATUTORY_READS,
  "wcu.lead@northshire-police.example.org": [...STATUTORY_READS, "sharingDecision"],
  "vlo@cps-northshire.example.org": STATUTORY_READS,
  "prosecutor@cps-northshire.example.org": STATUTORY_READS,
  "isva@northshire-rapecrisis.example.org": ["listCase", "readCase", "identity", "contact", "safeContact", "consents", "recordConsent"],
  "lead@northshire-rapecrisis.example.org": ["listCase", "readCase", "identity", "contact", "safeContact", "consents", "recordConsent", "sharingDecision"],
  // Not on the case at all.
  "idva@safesteps-northshire.example.org": [],
  // On the case, but the victim has not consented: it may record her consent, nothing more.
  "caseworker@victimsupport-northshire.example.org": ["recordConsent"],
  // Auditors read the log, never the case.
  "auditor@northshire-partnership.example.org": ["accessLog"],
  // The partnership's directory admin maintains the services directory, not cases.
  "directory@northshire-partnership.example.org": [],
  // Another area.
  "isva@southshire-isva.example.org": [],
  // Another area's partnership administrator: runs Southshire, never sees Northshire's cases.
  "admin@southshire-partnership.example.org": [],
};

const CASE_Q = `query ($id: ID!) { case(id: $id) { __typename ... on Case { id
  victim { identity { fullName } contactDetails { address phone } contactAgreement { codeword language accessibilityNeeds } needs { language accessibilityNeeds } enhancedRights { grounds } }
  consents { id } } ... on NotFoundError { message } } }`;
const LIST_Q = `{ cases(first: 100) { edges { node { id } } } }`;
const RECORD_CONSENT = `mutation ($input: RecordConsentInput!) { recordConsent(input: $input) { __typename ... on Consent { id } ... on Error { message } } }`;
const DECISION = `mutation ($input: RecordSharingDecisionInput!) { recordSharingDecision(input: $input) { __typename ... on SharingDecision { id } ... on Error { message } } }`;
const ACCESS_LOG = `query ($ref: String!) { victimAccessLog(victimReference: $ref) { entries { action organisationName } } }`;

describe("authorization matrix", () => {
  let hub: TestHub;
  let consentedCaseId: string;
  let withdrawnCaseId: string;
  let victimReference: string;
  const orgId = new Map<string, string>();
  const responses = new Map<string, string[]>();

  beforeAll(async () => {
    hub = await startTestHub();
    const p = hub.db.prisma;
    for (const o of await p.organisation.findMany()) orgId.set(o.name, o.id);
    const area = await p.area.findUniqueOrThrow({ where: { code: "NSH" } });
    const capturer = await p.user.findUniqueOrThrow({ where: { email: "isva@northshire-rapecrisis.example.org" } });
    const involve = (names: string[]) => ({ create: names.map((n) => ({ organisationId: orgId.get(n)!, capacity: "OTHER_SUPPORT" as const })) });
    victimReference = `V-MATRIX-${randomBytes(3).toString("hex")}`;
    const consented = await p.case.create({
      data: {
        policeUrn: "41NS9990001",
        offenceCategory: "SEXUAL_OFFENCE",
        stage: "AWAITING_TRIAL",
        area: { connect: { id: area.id } },
        victim: {
          create: {
            reference: victimReference,
            identity: { create: { fullName: CANARIES.name } },
            contactDetails: { create: { address: CANARIES.address, phone: CANARIES.phone } },
          },
        },
        involvements: involve(["Northshire Police", "Northshire Police Witness Care Unit", "CPS Northshire", "Northshire Rape Crisis", "Victim Support Northshire"]),
      },
    });
    consentedCaseId = consented.id;
    await p.victimContactContract.create({
      data: { victimId: consented.victimId, channels: ["PHONE"], codeword: CANARIES.codeword, language: CANARIES.language, accessibilityNeeds: CANARIES.health, agreedByUserId: capturer.id, agreedByOrganisationId: orgId.get("Northshire Rape Crisis")! },
    });
    await p.enhancedRightsAssessment.create({ data: { victimId: consented.victimId, eligible: true, grounds: ["MOST_SERIOUS_CRIME"], serviceTier: "ENHANCED", assessedByUserId: capturer.id, assessedByOrganisationId: orgId.get("Northshire Rape Crisis")! } });
    const rapeCrisis = { organisationId: orgId.get("Northshire Rape Crisis")! };
    await makeConsent(p, {
      victimId: consented.victimId,
      capturedByUserId: capturer.id,
      capturedByOrganisationId: rapeCrisis.organisationId,
      evidence: "Matrix form 1",
      statements: [
        ...(["CASE_PROGRESS", "IDENTITY", "CONTACT_DETAILS"] as const).map((category) => ({ category, purpose: "SUPPORT_AND_ADVOCACY" as const, to: rapeCrisis })),
        { category: "CONTACT_DETAILS", purpose: "KEEPING_VICTIM_INFORMED", to: { kind: "POLICE_WCU" } },
        { category: "CONTACT_DETAILS", purpose: "KEEPING_VICTIM_INFORMED", to: { kind: "CPS" } },
      ],
    });
    // A second case whose victim consented to the IDVA service and then withdrew.
    const withdrawn = await p.case.create({
      data: {
        policeUrn: "41NS9990002",
        offenceCategory: "DOMESTIC_ABUSE",
        area: { connect: { id: area.id } },
        victim: {
          create: {
            reference: `V-MATRIX-W-${randomBytes(3).toString("hex")}`,
            identity: { create: { fullName: CANARIES.withdrawnName } },
            contactDetails: { create: { phone: CANARIES.withdrawnPhone } },
          },
        },
        involvements: involve(["Safe Steps Northshire"]),
      },
    });
    withdrawnCaseId = withdrawn.id;
    const safeSteps = { organisationId: orgId.get("Safe Steps Northshire")! };
    const everyday = (["CASE_PROGRESS", "IDENTITY", "CONTACT_DETAILS"] as const).map((category) => ({ category, purpose: "SUPPORT_AND_ADVOCACY" as const, to: safeSteps }));
    const given = new Date(Date.now() - 60_000);
    await makeConsent(p, { victimId: withdrawn.victimId, capturedByUserId: capturer.id, capturedByOrganisationId: safeSteps.organisationId, evidence: "Matrix form 2", statements: everyday, at: given });
    await makeConsent(p, {
      victimId: withdrawn.victimId,
      capturedByUserId: capturer.id,
      capturedByOrganisationId: safeSteps.organisationId,
      evidence: "Matrix withdrawal",
      statements: everyday.map((s) => ({ ...s, decision: "WITHDRAWN" as const })),
    });
  });

  afterAll(async () => {
    await hub.close();
  });

  async function attempt(email: string, op: Op, purpose?: string): Promise<boolean> {
    const keep = (r: unknown) => {
      responses.set(email, [...(responses.get(email) ?? []), JSON.stringify(r)]);
      return r as any;
    };
    switch (op) {
      case "listCase": {
        const r = keep(await hub.gql(email, LIST_Q));
        return (r.data?.cases.edges ?? []).some((e: any) => e.node.id === consentedCaseId);
      }
      case "readCase":
        return keep(await hub.gql(email, CASE_Q, { id: consentedCaseId }, purpose)).data?.case?.__typename === "Case";
      case "identity":
        return keep(await hub.gql(email, CASE_Q, { id: consentedCaseId }, purpose)).data?.case?.victim?.identity?.fullName === CANARIES.name;
      case "contact":
        return keep(await hub.gql(email, CASE_Q, { id: consentedCaseId }, purpose)).data?.case?.victim?.contactDetails?.phone === CANARIES.phone;
      case "safeContact":
        return keep(await hub.gql(email, CASE_Q, { id: consentedCaseId }, purpose)).data?.case?.victim?.contactAgreement?.codeword === CANARIES.codeword;
      case "needs": {
        const victim = keep(await hub.gql(email, CASE_Q, { id: consentedCaseId }, purpose)).data?.case?.victim;
        return victim?.needs?.language === CANARIES.language;
      }
      case "health":
        return keep(await hub.gql(email, CASE_Q, { id: consentedCaseId }, purpose)).data?.case?.victim?.needs?.accessibilityNeeds === CANARIES.health;
      case "enhancedRights":
        return (keep(await hub.gql(email, CASE_Q, { id: consentedCaseId }, purpose)).data?.case?.victim?.enhancedRights?.grounds ?? []).includes("MOST_SERIOUS_CRIME");
      case "consents":
        return (keep(await hub.gql(email, CASE_Q, { id: consentedCaseId }, purpose)).data?.case?.consents?.length ?? 0) > 0;
      case "recordConsent": {
        const input = {
          caseId: consentedCaseId,
          givenBy: "VICTIM",
          evidence: "Matrix form 3",
          explicit: false,
          scopes: [{ category: "CASE_PROGRESS", purpose: "REFERRAL", recipientKind: "IDVA_SERVICE" }],
        };
        return keep(await hub.gql(email, RECORD_CONSENT, { input })).data?.recordConsent?.__typename === "Consent";
      }
      case "sharingDecision": {
        const input = {
          caseId: consentedCaseId,
          requestingOrganisationId: orgId.get("Safe Steps Northshire"),
          receivingOrganisationId: orgId.get("Safe Steps Northshire"),
          requesterName: "Jo Evans",
          requesterRole: "IDVA",
          categories: ["CASE_PROGRESS"],
          purpose: "SAFEGUARDING",
          lawfulBasisCode: "SAFEGUARDING",
          necessity: "Immediate safeguarding concern reported by the victim's sister.",
          dpiaConsidered: true,
          retention: "Until the safeguarding concern is closed.",
          outcome: "REFUSED",
          reasons: "The victim can be asked first; there is time to seek her consent.",
        };
        return keep(await hub.gql(email, DECISION, { input })).data?.recordSharingDecision?.__typename === "SharingDecision";
      }
      case "accessLog":
        return Array.isArray(keep(await hub.gql(email, ACCESS_LOG, { ref: victimReference })).data?.victimAccessLog?.entries);
    }
  }

  it("covers every demo user, so every role", () => {
    expect(Object.keys(ON_CONSENTED_CASE).sort()).toEqual(DEMO_USERS.map((u) => u.email).sort());
  });

  it.each(Object.entries(ON_CONSENTED_CASE))("%s can do exactly what the rules allow on a consented case", async (email, allowed) => {
    const actual: Op[] = [];
    for (const op of OPS) if (await attempt(email, op)) actual.push(op);
    expect(actual).toEqual(allowed);
  });

  // What each purpose opens: consent is for a purpose, a purpose opens only the categories it
  // needs, and nobody may state another's purpose. (Read operations only.)
  const READS: Op[] = ["readCase", "identity", "contact", "safeContact", "needs", "health", "enhancedRights"];
  const BY_PURPOSE: [string, string, Op[]][] = [
    ["isva@northshire-rapecrisis.example.org", "SUPPORT_AND_ADVOCACY", ["readCase", "identity", "contact", "safeContact"]],
    // She agreed for support, not to keep her informed, and nothing for referral or safeguarding.
    ["isva@northshire-rapecrisis.example.org", "KEEPING_VICTIM_INFORMED", []],
    ["isva@northshire-rapecrisis.example.org", "REFERRAL", []],
    ["isva@northshire-rapecrisis.example.org", "SAFEGUARDING", []],
    ["isva@northshire-rapecrisis.example.org", "LAW_ENFORCEMENT", []],
    ["wcu.officer@northshire-police.example.org", "KEEPING_VICTIM_INFORMED", ["readCase", "identity", "contact", "safeContact", "needs", "health", "enhancedRights"]],
    ["wcu.officer@northshire-police.example.org", "SAFEGUARDING", ["readCase", "identity", "needs", "health", "enhancedRights"]],
    ["wcu.officer@northshire-police.example.org", "REFERRAL", []],
    ["wcu.officer@northshire-police.example.org", "SUPPORT_AND_ADVOCACY", []],
    ["officer@northshire-police.example.org", "LAW_ENFORCEMENT", ["readCase", "identity", "needs", "health", "enhancedRights"]],
    ["officer@northshire-police.example.org", "REFERRAL", []],
    ["auditor@northshire-partnership.example.org", "AUDIT", []],
    ["auditor@northshire-partnership.example.org", "SUBJECT_ACCESS", []],
  ];
  it.each(BY_PURPOSE)("%s, for %s, reads exactly what that purpose opens", async (email, purpose, allowed) => {
    const actual: Op[] = [];
    for (const op of READS) if (await attempt(email, op, purpose)) actual.push(op);
    expect(actual).toEqual(allowed);
  });

  it("stops sharing with the IDVA service once the victim withdrew consent", async () => {
    const r = await hub.gql("idva@safesteps-northshire.example.org", CASE_Q, { id: withdrawnCaseId });
    expect(r.data?.case).toEqual({ __typename: "NotFoundError", message: "No case was found with that reference." });
    const list = await hub.gql("idva@safesteps-northshire.example.org", LIST_Q);
    expect(list.data!.cases.edges.map((e: any) => e.node.id)).not.toContain(withdrawnCaseId);
  });

  it("never lets a canary reach anyone who may not see it, nor any log line", () => {
    const mayNotSee = (email: string, op: Op) => !ON_CONSENTED_CASE[email]!.includes(op);
    for (const [email, bodies] of responses) {
      const text = bodies.join("\n");
      if (mayNotSee(email, "identity")) expect(text, email).not.toContain(CANARIES.name);
      if (mayNotSee(email, "contact")) {
        expect(text, email).not.toContain(CANARIES.phone);
        expect(text, email).not.toContain(CANARIES.address);
      }
      if (mayNotSee(email, "safeContact")) expect(text, email).not.toContain(CANARIES.codeword);
      if (mayNotSee(email, "needs")) expect(text, email).not.toContain(CANARIES.language);
      if (mayNotSee(email, "health")) expect(text, email).not.toContain(CANARIES.health);
      expect(text, email).not.toContain(CANARIES.withdrawnName);
      expect(text, email).not.toContain(CANARIES.withdrawnPhone);
    }
    const logs = hub.logs.join("\n");
    for (const value of Object.values(CANARIES)) expect(logs).not.toContain(value);
  });

  it("keeps canaries out of the audit log, which holds identifiers only", async () => {
    const rows = await hub.db.sql.query(`SELECT row_to_json(a)::text AS j FROM "AuditEvent" a`);
    expect(rows.length).toBeGreaterThan(0);
    const text = rows.map((r: any) => r.j).join("\n");
    for (const value of Object.values(CANARIES)) expect(text).not.toContain(value);
  });
});

// Who may change a data-sharing agreement (issue #12): the partnership's administrators for
// the parties' areas change, sign off, suspend and end what binds several organisations; any
// party's organisation admin may withdraw its own organisation, and nothing more. Each attempt
// is made on a fresh agreement, so one user's success never changes another's row.
type AgreementOp = "changeDraft" | "signOff" | "suspend" | "end" | "withdraw";
const AGREEMENT_OPS: AgreementOp[] = ["changeDraft", "signOff", "suspend", "end", "withdraw"];
const ON_SHARED_AGREEMENT: Record<string, AgreementOp[]> = {
  "officer@northshire-police.example.org": [],
  "wcu.officer@northshire-police.example.org": [],
  "wcu.lead@northshire-police.example.org": ["withdraw"],
  "vlo@cps-northshire.example.org": [],
  "prosecutor@cps-northshire.example.org": [],
  "isva@northshire-rapecrisis.example.org": [],
  "lead@northshire-rapecrisis.example.org": ["withdraw"],
  "idva@safesteps-northshire.example.org": [],
  "caseworker@victimsupport-northshire.example.org": [],
  "auditor@northshire-partnership.example.org": [],
  "directory@northshire-partnership.example.org": ["changeDraft", "signOff", "suspend", "end", "withdraw"],
  "isva@southshire-isva.example.org": [],
  // Its body is a party, so it may withdraw it; the agreement binds Northshire's organisations, so nothing else.
  "admin@southshire-partnership.example.org": ["withdraw"],
};
const AGREEMENT_RESULT = `__typename ... on DataSharingAgreement { id } ... on Error { message }`;
const AGREEMENT_MUTATIONS: Record<AgreementOp, string> = {
  changeDraft: `mutation ($input: UpdateDataSharingAgreementInput!) { m: updateDataSharingAgreement(input: $input) { ${AGREEMENT_RESULT} } }`,
  signOff: `mutation ($input: SignOffDataSharingAgreementInput!) { m: signOffDataSharingAgreement(input: $input) { ${AGREEMENT_RESULT} } }`,
  suspend: `mutation ($input: ChangeDataSharingAgreementStatusInput!) { m: changeDataSharingAgreementStatus(input: $input) { ${AGREEMENT_RESULT} } }`,
  end: `mutation ($input: ChangeDataSharingAgreementStatusInput!) { m: changeDataSharingAgreementStatus(input: $input) { ${AGREEMENT_RESULT} } }`,
  withdraw: `mutation ($input: WithdrawFromDataSharingAgreementInput!) { m: withdrawFromDataSharingAgreement(input: $input) { ${AGREEMENT_RESULT} } }`,
};

describe("authorization matrix: the data-sharing agreement register", () => {
  let hub: TestHub;
  let northshire: { organisationId: string; lawfulBasisCode: string }[];
  let everyone: { organisationId: string; lawfulBasisCode: string }[];
  let made = 0;

  beforeAll(async () => {
    hub = await startTestHub();
    const orgs = await hub.db.prisma.organisation.findMany({ include: { areas: { include: { area: true } } } });
    const basis = (kind: string) => (kind === "POLICE" ? "LAW_ENFORCEMENT" : ["POLICE_WCU", "CPS", "OTHER"].includes(kind) ? "PUBLIC_TASK" : "CONSENT");
    everyone = orgs.map((o) => ({ organisationId: o.id, lawfulBasisCode: basis(o.kind) }));
    northshire = everyone.filter((p) => orgs.find((o) => o.id === p.organisationId)!.areas.some((a) => a.area.code === "NSH"));
  });
  afterAll(async () => {
    await hub.close();
  });

  /** A fresh agreement binding the given parties: a complete draft, or one in force. */
  const fresh = async (status: "DRAFT" | "ACTIVE", parties: { organisationId: string; lawfulBasisCode: string }[]) =>
    hub.db.prisma.dataSharingAgreement.create({
      data: {
        reference: `MATRIX-DSA-${++made}`,
        title: "Matrix agreement",
        purposes: ["KEEPING_VICTIM_INFORMED"],
        categories: ["CASE_PROGRESS"],
        retention: "Until the case closes.",
        reviewDate: new Date(Date.now() + 90 * 86_400_000),
        status,
        ...(status === "ACTIVE" ? { signedOffBy: "Matrix board", signedOffAt: new Date() } : {}),
        parties: { create: parties.map((p) => ({ ...p, controllerRole: "SEPARATE_CONTROLLER" as const })) },
      },
    });

  async function attemptOnAgreement(email: string, op: AgreementOp): Promise<boolean> {
    const row = await fresh(op === "changeDraft" || op === "signOff" ? "DRAFT" : "ACTIVE", op === "withdraw" ? everyone : northshire);
    const base = { id: row.id, expectedVersion: row.version };
    const input = {
      changeDraft: { ...base, title: "Changed by the matrix" },
      signOff: { ...base, signedOffBy: "Matrix signatory" },
      suspend: { ...base, to: "SUSPENDED" },
      end: { ...base, to: "ENDED", confirmEnd: true },
      withdraw: { ...base, reason: "Matrix withdrawal" },
    }[op];
    const res = await hub.gql(email, AGREEMENT_MUTATIONS[op], { input }, null);
    expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
    const answer = res.data!.m.__typename as string;
    // A refusal is "not found" or a plain, typed reason, and writes nothing.
    if (answer !== "DataSharingAgreement") {
      expect(["NotFoundError", "BadInputError"]).toContain(answer);
      const after = await hub.db.prisma.dataSharingAgreement.findUniqueOrThrow({ where: { id: row.id }, include: { parties: true } });
      expect(after).toMatchObject({ version: row.version, status: row.status, title: row.title, signedOffBy: row.signedOffBy });
      expect(after.parties.every((p) => p.withdrawnAt === null)).toBe(true);
    }
    return answer === "DataSharingAgreement";
  }

  it("covers every demo user, so every role", () => {
    expect(Object.keys(ON_SHARED_AGREEMENT).sort()).toEqual(DEMO_USERS.map((u) => u.email).sort());
  });

  it.each(Object.entries(ON_SHARED_AGREEMENT))("%s can do exactly what the rules allow to an agreement binding several organisations", async (email, allowed) => {
    const actual: AgreementOp[] = [];
    for (const op of AGREEMENT_OPS) if (await attemptOnAgreement(email, op)) actual.push(op);
    expect(actual).toEqual(allowed);
  });
});
