// The victim-led contact contract, Enhanced Rights and service tiers, and Victims' Code
// clocks started by updates and satisfied by the ledger, over HTTP.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CPS_VLO, ISVA, startTestHub, type TestHub, WCU } from "./support/test-hub.js";

const SET = `mutation ($input: ContactContractInput!) { setContactContract(input: $input) { __typename ... on VictimContactContract { version channels } ... on Error { message } } }`;
const CONTACT = `mutation ($input: RecordContactInput!) { recordContact(input: $input) { __typename ... on ContactRecord { id } ... on ContactAgreementBreachError { message field breaches { rule message } } ... on BadInputError { message field } ... on Error { message } } }`;
const UPDATE = `mutation ($input: RecordCaseUpdateInput!) { recordCaseUpdate(input: $input) { __typename ... on CaseUpdate { id } ... on Error { message } } }`;
const ASSESS = `mutation ($caseId: ID!, $grounds: [EnhancedRightsGround!]!, $tier: ServiceTier!, $wish: Boolean) { assessEnhancedRights(caseId: $caseId, grounds: $grounds, serviceTier: $tier, raisedAtVictimsWish: $wish) { __typename ... on EnhancedRightsAssessment { eligible serviceTier } ... on Error { message } } }`;
const CASE_Q = `query ($id: ID!) { case(id: $id) { ... on Case { contactContract { channels refusedChannels safeFrom codeword } enhancedRights { eligible serviceTier grounds } clocks { duty owedByKind enhanced dueAt status } } } }`;

// A Wednesday and a Saturday, 10:30 in London (GMT in January).
const WEDNESDAY = "2026-01-14T10:30:00Z";
const SATURDAY = "2026-01-17T10:30:00Z";

describe("the victim's care: contact contract, Enhanced Rights, clocks", () => {
  let hub: TestHub;
  let caseId: string;
  let amiraId: string;
  beforeAll(async () => {
    hub = await startTestHub();
    caseId = (await hub.db.prisma.case.findFirstOrThrow({ where: { policeUrn: "41NS0102325" } })).id;
    amiraId = (await hub.db.prisma.user.findUniqueOrThrow({ where: { email: ISVA } })).id;
  });
  afterAll(async () => {
    await hub.close();
  });

  const contact = (over: Record<string, unknown>) => ({ caseId, at: WEDNESDAY, channel: "PHONE", summary: "Called to explain the next steps.", outcome: "REACHED", ...over });

  it("records the contract with someone in her contact circle, and shows it only to that circle", async () => {
    const input = {
      caseId,
      channels: ["SMS", "PHONE"],
      refusedChannels: ["LETTER"],
      safeDays: [1, 2, 3, 4, 5],
      safeFrom: "09:00",
      safeUntil: "17:00",
      noVoicemail: true,
      codeword: "bluebell",
      updateFrequency: "EVERY_2_WEEKS",
      namedContactUserId: amiraId,
    };
    expect((await hub.gql(ISVA, SET, { input: { ...input, channels: ["LETTER"] } })).data!.setContactContract.__typename).toBe("BadInputError");
    expect((await hub.gql(ISVA, SET, { input })).data!.setContactContract).toEqual({ __typename: "VictimContactContract", version: 1, channels: ["SMS", "PHONE"] });
    // WCU and CPS are in her circle for keeping her informed; the police are not.
    expect((await hub.gql(WCU, CASE_Q, { id: caseId })).data!.case.contactContract).toMatchObject({ codeword: "bluebell", refusedChannels: ["LETTER"] });
    expect((await hub.gql(CPS_VLO, CASE_Q, { id: caseId })).data!.case.contactContract).toMatchObject({ safeFrom: "09:00" });
    const police = await hub.gql("officer@northshire-police.example.org", CASE_Q, { id: caseId });
    expect(police.data!.case.contactContract).toBeNull();
    expect(JSON.stringify(police)).not.toContain("bluebell");
    // A stale version is a conflict, not a silent overwrite.
    expect((await hub.gql(ISVA, SET, { input: { ...input, expectedVersion: 7 } })).data!.setContactContract.__typename).toBe("ConflictError");
  });

  it("refuses to record a contact that breaks the contract with no reason given, says why, and logs the refusal", async () => {
    const letter = await hub.gql(WCU, CONTACT, { input: contact({ channel: "LETTER", outcome: "SENT" }) });
    expect(letter.data!.recordContact).toEqual({
      __typename: "ContactAgreementBreachError",
      field: "outsideAgreementReason",
      message:
        "This contact does not fit her contact agreement. The victim has asked not to be contacted by letter. Nothing was recorded. If it has already happened, record it with the reason (she contacted you, an emergency, face to face somewhere safe, or a mistake).",
      breaches: [{ rule: "REFUSED_CHANNEL", message: "The victim has asked not to be contacted by letter." }],
    });
    const saturday = await hub.gql(WCU, CONTACT, { input: contact({ at: SATURDAY }) });
    expect(saturday.data!.recordContact.message).toMatch(/only safe to contact her on Monday, Tuesday, Wednesday, Thursday, Friday/);
    const voicemail = await hub.gql(WCU, CONTACT, { input: contact({ outcome: "MESSAGE_LEFT" }) });
    expect(voicemail.data!.recordContact.message).toMatch(/no voicemail/);
    // Outside her circle, the refusal points to her named contact without revealing the contract.
    const police = await hub.gql("officer@northshire-police.example.org", CONTACT, { input: contact({ channel: "LETTER", outcome: "SENT" }) });
    expect(police.data!.recordContact.message).toBe(
      "This contact does not fit how the victim has asked to be contacted. Nothing was recorded. If it has already happened, record it with the reason (she contacted you, an emergency, face to face somewhere safe, or a mistake). Please speak to her named contact.",
    );
    expect(await hub.db.prisma.auditEvent.count({ where: { action: "DENIED", outcome: "breaks-contact-contract" } })).toBe(4);
    // Recording that contact was not attempted because it was unsafe is always possible.
    expect((await hub.gql(WCU, CONTACT, { input: contact({ channel: "LETTER", outcome: "NOT_ATTEMPTED_UNSAFE" }) })).data!.recordContact.__typename).toBe("ContactRecord");
    expect((await hub.gql(WCU, CONTACT, { input: contact({}) })).data!.recordContact.__typename).toBe("ContactRecord");
  });

  it("assesses Enhanced Rights once for every agency, and lets her wishes raise the tier but never lower it", async () => {
    const low = await hub.gql(CPS_VLO, ASSESS, { caseId, grounds: ["MOST_SERIOUS_CRIME"], tier: "STANDARD" });
    expect(low.data!.assessEnhancedRights.message).toMatch(/never lower it/);
    expect((await hub.gql(CPS_VLO, ASSESS, { caseId, grounds: ["MOST_SERIOUS_CRIME"], tier: "INTENSIVE", wish: true })).data!.assessEnhancedRights).toEqual({
      __typename: "EnhancedRightsAssessment",
      eligible: true,
      serviceTier: "INTENSIVE",
    });
    expect((await hub.gql(CPS_VLO, CASE_Q, { id: caseId })).data!.case.enhancedRights).toEqual({ eligible: true, serviceTier: "INTENSIVE", grounds: ["MOST_SERIOUS_CRIME"] });
  });

  it("starts the right clock at WCU receipt, with the enhanced deadline, and the ledger satisfies it", async () => {
    // Hearing details received by the Witness Care Unit on a Friday afternoon: due end of Monday.
    const friday = "2026-01-16T15:00:00Z";
    const listed = await hub.gql(WCU, UPDATE, { input: { caseId, type: "HEARING_LISTED", occurredAt: "2026-01-16T09:00:00Z", receivedAt: friday, victimExplanation: "The trial will start on 3 March. Your witness care officer will call you." } });
    const updateId = listed.data!.recordCaseUpdate.id;
    const discontinued = await hub.gql(CPS_VLO, UPDATE, { input: { caseId, type: "CPS_DISCONTINUED", occurredAt: friday, victimExplanation: "The case has been stopped. You can ask for this decision to be looked at again." } });
    expect(discontinued.data!.recordCaseUpdate.__typename).toBe("CaseUpdate");
    const clocks = (await hub.gql(ISVA, CASE_Q, { id: caseId })).data!.case.clocks;
    expect(clocks).toContainEqual({ duty: "RIGHT_8_HEARING_DETAILS", owedByKind: "POLICE_WCU", enhanced: true, dueAt: "2026-01-19T23:59:59.999Z", status: "BREACHED" });
    // Enhanced Rights: the VCL letter is due in 1 working day, not 5.
    expect(clocks).toContainEqual({ duty: "RIGHT_6_VCL_LETTER", owedByKind: "CPS", enhanced: true, dueAt: "2026-01-19T23:59:59.999Z", status: "BREACHED" });
    const call = await hub.gql(WCU, CONTACT, { input: contact({ at: "2026-01-19T10:00:00Z", answersUpdateId: updateId, summary: "Told her the trial date." }) });
    expect(call.data!.recordContact.__typename).toBe("ContactRecord");
    const after = (await hub.gql(WCU, CASE_Q, { id: caseId })).data!.case.clocks;
    expect(after.find((c: any) => c.duty === "RIGHT_8_HEARING_DETAILS").status).toBe("MET");
    expect(after.find((c: any) => c.duty === "RIGHT_6_VCL_LETTER").status).toBe("BREACHED");
  });
});
