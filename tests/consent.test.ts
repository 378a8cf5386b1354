// Consent exactly as she said it, over HTTP: her latest word on each thing stands whichever
// record it was said in; a withdrawal names what it withdraws and touches nothing else; who
// may record what on her behalf is the policy's rule; an organisation recording a consent for
// itself says how and when, is marked, and is shown to her named contact; needs, safe-contact
// rules and health needs gate what they cover; the referral purpose opens nothing of the case.
import { drainOutbox, notifyOutboxHandler } from "@hub/jobs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AUDITOR, CPS_VLO, IDVA, ISVA, startTestHub, type TestHub, WCU } from "./support/test-hub.js";

const RECORD = `mutation ($input: RecordConsentInput!) { recordConsent(input: $input) {
  __typename ... on Consent { id evidence selfRecorded saidHow statements { decision category reason } } ... on BadInputError { message field } ... on Error { message } } }`;
const WITHDRAW = `mutation ($input: WithdrawConsentInput!) { withdrawConsent(input: $input) {
  __typename ... on Consent { id withdrawal statements { decision category purpose recipientOrganisationId } } ... on BadInputError { message field } ... on Error { message } } }`;
const CASE_Q = `query ($id: ID!) { case(id: $id) { __typename ... on Case { id
  consents { id evidence withdrawnAt selfRecorded withholdings { reason } statements { decision supersededAt } }
  consentNow { organisationId category purpose }
  victim { identity { fullName } contactDetails { phone address } needs { language accessibilityNeeds } enhancedRights { grounds } contactAgreement { codeword language accessibilityNeeds } }
  timeline { id } contacts { id }
} ... on NotFoundError { message } } }`;
const SET_AGREEMENT = `mutation ($input: ContactContractInput!) { setContactContract(input: $input) { __typename ... on Error { message } } }`;
const ASSESS = `mutation ($caseId: ID!) { assessEnhancedRights(caseId: $caseId, grounds: [VULNERABLE_OR_INTIMIDATED], serviceTier: ENHANCED) { __typename ... on Error { message } } }`;
const NOTIFICATIONS = `{ viewer { notifications(first: 50) { edges { node { kind message caseId } } } } }`;
const ACCESS_LOG = `query ($ref: String!) { victimAccessLog(victimReference: $ref, first: 100) { entries { organisationName consentId consentSelfRecorded action } } }`;
const CHARITY = "caseworker@victimsupport-northshire.example.org";

describe("consent as statements", () => {
  let hub: TestHub;
  let caseId: string;
  let victimId: string;
  let victimReference: string;
  let org: Record<"idva" | "isva" | "wcu" | "cps" | "police" | "charity", string>;
  const now = () => new Date().toISOString();
  const statementCount = () => hub.db.prisma.consentStatement.count({ where: { victimId } });

  beforeAll(async () => {
    hub = await startTestHub();
    const p = hub.db.prisma;
    // Alex Morgan's case: police, WCU, CPS and Rape Crisis on it; Safe Steps and Victim Support
    // join it now. She has agreed Rape Crisis may know her case, who she is and how to reach her.
    const c = await p.case.findFirstOrThrow({ where: { policeUrn: "41NS0102325" }, include: { victim: true } });
    caseId = c.id;
    victimId = c.victimId;
    victimReference = c.victim.reference;
    const id = async (name: string) => (await p.organisation.findUniqueOrThrow({ where: { name } })).id;
    org = {
      idva: await id("Safe Steps Northshire"),
      isva: await id("Northshire Rape Crisis"),
      wcu: await id("Northshire Police Witness Care Unit"),
      cps: await id("CPS Northshire"),
      police: await id("Northshire Police"),
      charity: await id("Victim Support Northshire"),
    };
    await p.caseInvolvement.createMany({ data: [org.idva, org.charity].map((organisationId) => ({ caseId, organisationId, capacity: "OTHER_SUPPORT" as const })) });
  });
  afterAll(async () => {
    await hub.close();
  });

  const record = (as: string, over: Record<string, unknown>, purpose?: string) =>
    hub.gql(as, RECORD, { input: { caseId, givenBy: "VICTIM", evidence: "Signed form SS-2291", explicit: false, ...over } }, purpose);
  const withdraw = (as: string, over: Record<string, unknown>) => hub.gql(as, WITHDRAW, { input: { caseId, givenBy: "VICTIM", evidence: "Phone call, noted", saidHow: "PHONE", ...over } });
  const read = async (as: string, purpose?: string) => (await hub.gql(as, CASE_Q, { id: caseId }, purpose)).data!.case;

  it("refuses bad input with a clear, typed error and writes nothing", async () => {
    const before = await statementCount();
    const auditBefore = await hub.db.prisma.auditEvent.count({ where: { action: "COLLECTION" } });
    const scope = (over: Record<string, unknown> = {}) => ({ category: "CASE_PROGRESS", purpose: "SUPPORT_AND_ADVOCACY", recipientOrganisationId: org.charity, ...over });
    expect((await record(IDVA, { scopes: [] })).data!.recordConsent).toEqual({ __typename: "BadInputError", message: "Record at least one thing the victim agreed to share.", field: "scopes" });
    expect((await record(IDVA, { scopes: [scope({ category: "SPECIAL_CATEGORY" })] })).data!.recordConsent).toMatchObject({ __typename: "BadInputError", field: "explicit" });
    expect((await record(IDVA, { scopes: [scope({ recipientKind: "IDVA_SERVICE" })] })).data!.recordConsent.__typename).toBe("BadInputError");
    expect((await record(IDVA, { scopes: [scope({ recipientOrganisationId: "00000000-0000-4000-8000-000000000000" })] })).data!.recordConsent).toMatchObject({ __typename: "BadInputError", field: "scopes" });
    // For itself, without saying how and when she said it.
    expect((await record(IDVA, { scopes: [scope({ recipientOrganisationId: org.idva })] })).data!.recordConsent).toMatchObject({ __typename: "BadInputError", field: "saidHow" });
    expect((await record(IDVA, { scopes: [scope({ recipientOrganisationId: org.idva })], saidHow: "IN_PERSON", saidAt: "2099-01-01T10:00:00Z" })).data!.recordConsent).toMatchObject({
      __typename: "BadInputError",
      field: "saidAt",
    });
    expect((await withdraw(ISVA, {})).data!.withdrawConsent).toMatchObject({ __typename: "BadInputError", message: "Say whom she is withdrawing it from: one organisation, one kind of organisation, or everyone." });
    expect(await statementCount()).toBe(before);
    expect(await hub.db.prisma.auditEvent.count({ where: { action: "COLLECTION" } })).toBe(auditBefore);
  });

  it("lets an organisation give itself access only with how and when she said it, marked, shown to her named contact and in the access log", async () => {
    // Rape Crisis (in her contact circle) agrees with her that Amira is her named contact.
    const amira = (await hub.db.prisma.user.findUniqueOrThrow({ where: { email: ISVA } })).id;
    expect((await hub.gql(ISVA, SET_AGREEMENT, { input: { caseId, channels: ["PHONE"], updateFrequency: "EVERY_2_WEEKS", namedContactUserId: amira } })).data!.setContactContract.__typename).toBe(
      "VictimContactContract",
    );
    expect((await read(IDVA)).__typename).toBe("NotFoundError");
    const token = await hub.tokenFor(IDVA);
    const recorded = await record(token, {
      saidHow: "IN_PERSON",
      saidAt: now(),
      scopes: ["CASE_PROGRESS", "IDENTITY"].map((category) => ({ category, purpose: "SUPPORT_AND_ADVOCACY", recipientOrganisationId: org.idva })),
    }, "SUPPORT_AND_ADVOCACY");
    expect(recorded.data!.recordConsent).toMatchObject({ __typename: "Consent", selfRecorded: true, saidHow: "IN_PERSON" });
    // The very next request, with the same token, opens the case.
    const opened = await hub.gql(token, CASE_Q, { id: caseId }, "SUPPORT_AND_ADVOCACY");
    expect(opened.data!.case).toMatchObject({ __typename: "Case", victim: { identity: { fullName: "Alex Morgan" }, contactDetails: null } });
    // Everyone on her case sees it was self-recorded.
    expect((await read(WCU)).consents).toContainEqual(expect.objectContaining({ id: recorded.data!.recordConsent.id, selfRecorded: true }));
    // Her named contact is told, in plain words naming who recorded it.
    await drainOutbox(hub.db, notifyOutboxHandler);
    const told = (await hub.gql(ISVA, NOTIFICATIONS)).data!.viewer.notifications.edges.map((e: any) => e.node);
    expect(told).toContainEqual(
      expect.objectContaining({ kind: "CONSENT_SELF_RECORDED", caseId, message: expect.stringMatching(/^Safe Steps Northshire recorded that the victim on case 41NS0102325 agreed to share her information with Safe Steps Northshire itself: it says she told them in person on /) }),
    );
    // Its reads on that consent are marked in the access log.
    const log = (await hub.gql(AUDITOR, ACCESS_LOG, { ref: victimReference }, "SUBJECT_ACCESS")).data!.victimAccessLog.entries;
    expect(log).toContainEqual(expect.objectContaining({ organisationName: "Safe Steps Northshire", consentId: recorded.data!.recordConsent.id, consentSelfRecorded: true }));
  });

  it("lets her latest word stand: kept back after it was given, then given again", async () => {
    const address = async () => (await read(CHARITY)).victim?.contactDetails;
    // WCU records that charities may have her case, name and number (not for itself: no evidence needed).
    const given = await record(WCU, { scopes: ["CASE_PROGRESS", "IDENTITY", "CONTACT_DETAILS"].map((category) => ({ category, purpose: "SUPPORT_AND_ADVOCACY", recipientKind: "VICTIM_SUPPORT_CHARITY" })) });
    expect(given.data!.recordConsent.__typename).toBe("Consent");
    expect(await address()).toMatchObject({ phone: "07700 900101" });
    // Later, to the WCU who recorded it: keep my address back from Victim Support.
    expect((await record(WCU, { withholdings: [{ category: "CONTACT_DETAILS", fromOrganisationId: org.charity, reason: "She has moved and wants to tell them herself." }] })).data!.recordConsent.__typename).toBe("Consent");
    expect(await address()).toBeNull();
    expect((await read(CHARITY)).victim.identity).toEqual({ fullName: "Alex Morgan" });
    // The earlier agreement is marked as no longer standing for Victim Support's address.
    const history = (await read(WCU)).consents.find((c: any) => c.id === given.data!.recordConsent.id);
    expect(history.withdrawnAt).toBeNull();
    // And later still she says they may have it: her latest word stands again.
    await record(WCU, { scopes: [{ category: "CONTACT_DETAILS", purpose: "SUPPORT_AND_ADVOCACY", recipientOrganisationId: org.charity }] });
    expect(await address()).toMatchObject({ phone: "07700 900101" });
  });

  it("withdraws exactly what it names: the ISVA service's access, never the WCU's or the CPS's in the same record", async () => {
    expect((await read(WCU)).victim.contactDetails).not.toBeNull();
    const before = (await read(ISVA)).victim.contactDetails;
    expect(before).not.toBeNull();
    // Amira is her named contact: she may record that Alex takes back what Rape Crisis had.
    const withdrawn = await withdraw(ISVA, { recipientOrganisationId: org.isva, categories: ["CONTACT_DETAILS"] });
    expect(withdrawn.data!.withdrawConsent).toMatchObject({ __typename: "Consent", withdrawal: true, statements: [{ decision: "WITHDRAWN", category: "CONTACT_DETAILS", purpose: null, recipientOrganisationId: org.isva }] });
    expect((await read(ISVA)).victim.contactDetails).toBeNull();
    expect((await read(ISVA)).__typename).toBe("Case");
    expect((await read(WCU)).victim.contactDetails).not.toBeNull();
    expect((await read(CPS_VLO)).victim.contactDetails).not.toBeNull();
    // Withdrawing it again is nothing to withdraw, and writes nothing.
    const count = await statementCount();
    expect((await withdraw(ISVA, { recipientOrganisationId: org.isva, categories: ["CONTACT_DETAILS"] })).data!.withdrawConsent).toEqual({
      __typename: "ConflictError",
      message: "She has not agreed to share that with Northshire Rape Crisis at the moment, so there is nothing to withdraw. Nothing was changed.",
    });
    expect(await statementCount()).toBe(count);
  });

  it("lets only the organisation concerned, whoever recorded it, or her named contact take something back", async () => {
    const count = await statementCount();
    // Victim Support cannot cut the Witness Care Unit out of her contact circle...
    const refused = await withdraw(CHARITY, { recipientOrganisationId: org.wcu });
    expect(refused.data!.withdrawConsent).toMatchObject({ __typename: "BadInputError", field: "recipient", message: expect.stringMatching(/^Only Northshire Police Witness Care Unit itself/) });
    // ...nor by keeping it back from everyone.
    expect((await record(CHARITY, { withholdings: [{ category: "CONTACT_DETAILS", reason: "Keep it from everyone" }] })).data!.recordConsent.__typename).toBe("BadInputError");
    expect(await statementCount()).toBe(count);
    expect((await read(WCU)).victim.contactDetails).not.toBeNull();
    // But it may step back itself.
    expect((await withdraw(CHARITY, { recipientOrganisationId: org.charity, categories: ["CONTACT_DETAILS"] })).data!.withdrawConsent.__typename).toBe("Consent");
    expect((await read(CHARITY)).victim.contactDetails).toBeNull();
  });

  it("opens her needs, her rules for contact and her health needs only with their own categories", async () => {
    // The WCU sets her language and health needs (it knows her needs by its duty; its agreement covers health needs).
    const wcuAgreement = await hub.gql(WCU, SET_AGREEMENT, {
      input: { caseId, channels: ["PHONE"], updateFrequency: "EVERY_2_WEEKS", codeword: "rowan", language: "Polish", interpreterNeeded: true, accessibilityNeeds: "Uses a hearing aid", expectedVersion: 1 },
    });
    expect(wcuAgreement.data!.setContactContract.__typename).toBe("VictimContactContract");
    expect((await hub.gql(CPS_VLO, ASSESS, { caseId })).data!.assessEnhancedRights.__typename).toBe("EnhancedRightsAssessment");
    // Safe Steps may see her case and who she is, nothing of her needs.
    const idva = (await read(IDVA)).victim;
    expect(idva).toMatchObject({ needs: null, enhancedRights: null, contactAgreement: null });
    expect((await hub.gql(IDVA, ASSESS, { caseId })).data!.assessEnhancedRights.__typename).toBe("NotFoundError");
    // She agrees Safe Steps may know her needs: language and Enhanced Rights, not yet her health.
    await record(IDVA, { saidHow: "PHONE", saidAt: now(), scopes: [{ category: "NEEDS_AND_VULNERABILITIES", purpose: "SUPPORT_AND_ADVOCACY", recipientOrganisationId: org.idva }] });
    expect((await read(IDVA)).victim).toMatchObject({ needs: { language: "Polish", accessibilityNeeds: null }, enhancedRights: { grounds: ["VULNERABLE_OR_INTIMIDATED"] }, contactAgreement: null });
    // Health needs only on explicit consent.
    await record(IDVA, { saidHow: "PHONE", saidAt: now(), explicit: true, scopes: [{ category: "SPECIAL_CATEGORY", purpose: "SUPPORT_AND_ADVOCACY", recipientOrganisationId: org.idva }] });
    expect((await read(IDVA)).victim.needs).toEqual({ language: "Polish", accessibilityNeeds: "Uses a hearing aid" });
    // Her contact circle knows her rules; the WCU reads its codeword with them.
    expect((await read(WCU)).victim.contactAgreement).toMatchObject({ codeword: "rowan", language: "Polish" });
  });

  it("opens nothing of the case for the referral purpose, whatever she agreed for referral", async () => {
    // An older consent for referral, and the support consent withdrawn.
    await record(IDVA, { saidHow: "PHONE", saidAt: now(), scopes: ["CASE_PROGRESS", "IDENTITY", "CONTACT_DETAILS"].map((category) => ({ category, purpose: "REFERRAL", recipientOrganisationId: org.idva })) });
    expect((await withdraw(IDVA, { recipientOrganisationId: org.idva, purposes: ["SUPPORT_AND_ADVOCACY"] })).data!.withdrawConsent.__typename).toBe("Consent");
    expect((await read(IDVA)).__typename).toBe("NotFoundError");
    const res = await hub.gql(IDVA, CASE_Q, { id: caseId }, "REFERRAL");
    expect(res.data!.case.__typename).toBe("NotFoundError");
    expect(JSON.stringify(res)).not.toMatch(/Alex|07700|Elm Row|rowan/);
  });

  it("shows where the evidence is kept, and why something is kept back, only to the organisation that recorded it", async () => {
    const res = await hub.gql(CPS_VLO, CASE_Q, { id: caseId });
    const byWcu = res.data!.case.consents.filter((c: any) => c.withholdings.length > 0);
    expect(byWcu.length).toBeGreaterThan(0);
    for (const c of byWcu) expect(c).toMatchObject({ evidence: null, withholdings: [{ reason: null }] });
    expect(JSON.stringify(res)).not.toContain("Signed form SS-2291");
    expect(JSON.stringify(res)).not.toContain("tell them herself");
    const own = (await read(WCU)).consents.find((c: any) => c.withholdings.length > 0);
    expect(own.withholdings).toEqual([{ reason: "She has moved and wants to tell them herself." }]);
  });

  it("never lets an organisation decide to share her information with itself without her consent", async () => {
    const DECISION = `mutation ($input: RecordSharingDecisionInput!) { recordSharingDecision(input: $input) { __typename ... on BadInputError { message field } ... on Error { message } } }`;
    const decision = (receivingOrganisationId: string) => ({
      caseId,
      requestingOrganisationId: receivingOrganisationId,
      receivingOrganisationId,
      requesterName: "Helen Ford",
      requesterRole: "Service manager",
      categories: ["CONTACT_DETAILS"],
      purpose: "SAFEGUARDING",
      lawfulBasisCode: "SAFEGUARDING",
      necessity: "Immediate safeguarding concern.",
      dpiaConsidered: true,
      retention: "Until the concern is closed.",
      outcome: "APPROVED",
      reasons: "Risk to life.",
    });
    const before = await hub.db.prisma.sharingDecision.count();
    const own = await hub.gql("lead@northshire-rapecrisis.example.org", DECISION, { input: decision(org.isva) });
    expect(own.data!.recordSharingDecision).toMatchObject({ __typename: "BadInputError", field: "receivingOrganisationId", message: expect.stringMatching(/made by an organisation that holds it/) });
    expect(await hub.db.prisma.sharingDecision.count()).toBe(before);
  });

  it("refuses to let an organisation not on the case record consent, as not found", async () => {
    const res = await hub.gql("isva@southshire-isva.example.org", RECORD, { input: { caseId, givenBy: "VICTIM", evidence: "x form", explicit: false, scopes: [{ category: "CASE_PROGRESS", purpose: "SUPPORT_AND_ADVOCACY", recipientKind: "ISVA_SERVICE" }] } });
    expect(res.data!.recordConsent).toEqual({ __typename: "NotFoundError", message: "No case was found with that reference." });
  });

  it("never writes consent text to the log or the audit rows", async () => {
    const logs = hub.logs.join("\n");
    expect(logs).not.toContain("Signed form SS-2291");
    expect(logs).not.toContain("tell them herself");
    const rows = JSON.stringify(await hub.db.prisma.auditEvent.findMany({ where: { victimId } }), (_k, v) => (typeof v === "bigint" ? v.toString() : v));
    expect(rows).not.toMatch(/SS-2291|tell them herself|hearing aid|Polish/);
  });
});
