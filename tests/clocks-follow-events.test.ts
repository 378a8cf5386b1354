// The clocks stay true to what happened (#14, "The clocks"): a court result starts the WCU's
// Right 8 or Right 9 clock; a correction moves the clock of the update it corrects instead of
// starting a second one; news cannot be received before it happened or in the future; when
// the CPS records court news the WCU's clock starts when the hub passes it on; a charge is a
// police update she is owed; each review scheme gives her its own window. Over HTTP.
import { scanBreachedClocks } from "@hub/jobs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CPS_VLO, ISVA, startTestHub, type TestHub, WCU } from "./support/test-hub.js";

const OFFICER = "officer@northshire-police.example.org";
const HEARING = `mutation ($caseId: ID!, $startsAt: DateTime!) { recordHearing(caseId: $caseId, court: "Northtown Crown Court", startsAt: $startsAt, type: "Trial") { __typename ... on Hearing { id } ... on Error { message } } }`;
const RESULT = `mutation ($id: ID!, $outcome: String!, $at: DateTime, $kind: CourtResultKind) {
  recordCourtResult(hearingId: $id, outcome: $outcome, resultReceivedAt: $at, kind: $kind) { __typename ... on Hearing { resultKind } ... on Error { message } ... on BadInputError { field } } }`;
const UPDATE = `mutation ($input: RecordCaseUpdateInput!) { recordCaseUpdate(input: $input) { __typename ... on CaseUpdate { id } ... on Error { message } ... on BadInputError { field } } }`;
const BATCH = `mutation ($updates: [BatchCaseUpdateInput!]!) { recordCaseUpdates(updates: $updates) { written errors { index message field } } }`;
const CONTACT = `mutation ($input: RecordContactInput!) { recordContact(input: $input) { __typename ... on ContactRecord { id } ... on Error { message } } }`;
const CLOCKS = `query ($id: ID!) { case(id: $id) { __typename ... on Case { clocks { id duty owedByKind startedAt dueAt status source startedByUpdateId startedByHearingId } } } }`;
const ASSESS = `mutation ($caseId: ID!) { assessEnhancedRights(caseId: $caseId, grounds: [MOST_SERIOUS_CRIME], serviceTier: ENHANCED) { __typename ... on Error { message } } }`;
const REFER = `mutation ($caseId: ID!, $to: ID!) { makeReferral(caseId: $caseId, toOrganisationId: $to, reason: "She would like help to stay safe at home.", urgency: ROUTINE) { __typename ... on Referral { id } ... on Error { message } } }`;

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const ago = (ms: number) => new Date(Date.now() - ms).toISOString();
const EXPLAIN = "The police arrested a man and questioned him about what happened to you.";

describe("clocks that follow what really happened", () => {
  let hub: TestHub;
  /** Sexual offence awaiting trial: police, WCU, CPS and ISVA on it. */
  let trial: string;
  /** Domestic abuse under investigation: police on it. */
  let investigation: string;
  beforeAll(async () => {
    hub = await startTestHub();
    const id = async (policeUrn: string) => (await hub.db.prisma.case.findFirstOrThrow({ where: { policeUrn } })).id;
    [trial, investigation] = await Promise.all([id("41NS0102325"), id("41NS0104125")]);
  });
  afterAll(async () => {
    await hub.close();
  });

  const clocks = async (as: string, caseId: string) => (await hub.gql(as, CLOCKS, { id: caseId })).data!.case.clocks as any[];
  const hearing = async (as: string, startsAt: string) => {
    const res = await hub.gql(as, HEARING, { caseId: trial, startsAt });
    expect(res.data!.recordHearing.__typename).toBe("Hearing");
    return res.data!.recordHearing.id as string;
  };

  it("starts the WCU's Right 9 clock from the moment it received a verdict, and moves it (never adds one) when the result is recorded again", async () => {
    const id = await hearing(WCU, ago(3 * DAY));
    const receivedAt = ago(2 * HOUR);
    const first = await hub.gql(WCU, RESULT, { id, outcome: "Found guilty of all counts", at: receivedAt });
    expect(first.data!.recordCourtResult).toEqual({ __typename: "Hearing", resultKind: "OUTCOME" });
    const started = (await clocks(WCU, trial)).filter((c) => c.startedByHearingId === id);
    expect(started).toMatchObject([{ duty: "RIGHT_9_OUTCOME_AND_SENTENCE", owedByKind: "POLICE_WCU", status: "OPEN" }]);
    expect(new Date(started[0].startedAt).toISOString()).toBe(receivedAt);

    // The WCU got it wrong: it was a bail decision. The Right 9 clock is no longer owed.
    const again = await hub.gql(WCU, RESULT, { id, outcome: "Remanded on bail with conditions until sentencing", at: receivedAt, kind: "BAIL_DECISION" });
    expect(again.data!.recordCourtResult.resultKind).toBe("BAIL_DECISION");
    const after = (await clocks(WCU, trial)).filter((c) => c.startedByHearingId === id);
    expect(after.map((c) => [c.duty, c.status]).sort()).toEqual([
      ["RIGHT_8_BAIL_OUTCOME", "OPEN"],
      ["RIGHT_9_OUTCOME_AND_SENTENCE", "STOPPED"],
    ]);
    // Recorded a third time with the same kind: still one bail clock.
    await hub.gql(WCU, RESULT, { id, outcome: "Remanded on bail: must not contact the victim", at: receivedAt, kind: "BAIL_DECISION" });
    expect((await clocks(WCU, trial)).filter((c) => c.startedByHearingId === id && c.duty === "RIGHT_8_BAIL_OUTCOME")).toHaveLength(1);
  });

  it("starts the WCU's clock when the hub passes on a result the CPS recorded, not when the CPS heard it", async () => {
    const id = await hearing(CPS_VLO, ago(5 * DAY));
    const before = Date.now();
    const res = await hub.gql(CPS_VLO, RESULT, { id, outcome: "The hearing was adjourned to next month", at: ago(4 * DAY), kind: "ADJOURNED" });
    expect(res.data!.recordCourtResult.__typename).toBe("Hearing");
    const [clock] = (await clocks(WCU, trial)).filter((c) => c.startedByHearingId === id);
    expect(clock).toMatchObject({ duty: "RIGHT_8_HEARING_DETAILS", owedByKind: "POLICE_WCU", status: "OPEN" });
    expect(new Date(clock.startedAt).getTime()).toBeGreaterThanOrEqual(before - 1000);
  });

  it("refuses a court result received in the future, and writes nothing", async () => {
    const id = await hearing(WCU, ago(DAY));
    const res = await hub.gql(WCU, RESULT, { id, outcome: "Found guilty", at: new Date(Date.now() + 2 * HOUR).toISOString() });
    expect(res.data!.recordCourtResult).toMatchObject({ __typename: "BadInputError", field: "resultReceivedAt" });
    expect((await clocks(WCU, trial)).filter((c) => c.startedByHearingId === id)).toEqual([]);
    expect((await hub.db.prisma.hearing.findUniqueOrThrow({ where: { id } })).outcome).toBeNull();
  });

  it("refuses news received before it happened or in the future, one update or a batch, and starts no clock", async () => {
    const early = await hub.gql(OFFICER, UPDATE, { input: { caseId: investigation, type: "SUSPECT_ARRESTED", occurredAt: ago(HOUR), receivedAt: ago(2 * HOUR), victimExplanation: EXPLAIN } });
    expect(early.data!.recordCaseUpdate).toMatchObject({ __typename: "BadInputError", field: "receivedAt" });
    const future = await hub.gql(OFFICER, UPDATE, { input: { caseId: investigation, type: "SUSPECT_ARRESTED", occurredAt: ago(HOUR), receivedAt: new Date(Date.now() + DAY).toISOString(), victimExplanation: EXPLAIN } });
    expect(future.data!.recordCaseUpdate).toMatchObject({ __typename: "BadInputError", field: "receivedAt" });
    const batch = await hub.gql(OFFICER, BATCH, {
      updates: [
        { caseId: investigation, type: "SUSPECT_INTERVIEWED", occurredAt: ago(HOUR), victimExplanation: EXPLAIN },
        { caseId: investigation, type: "SUSPECT_ARRESTED", occurredAt: ago(HOUR), receivedAt: ago(3 * HOUR), victimExplanation: EXPLAIN },
      ],
    });
    expect(batch.data!.recordCaseUpdates).toMatchObject({ written: 0, errors: [{ index: 1, field: "receivedAt" }] });
  });

  it("moves a late arrest's clock to the corrected time: one duty, one clock, and a breach its corrected deadline has not reached is undone", async () => {
    const count = () => hub.db.prisma.statutoryClock.count({ where: { caseId: investigation, duty: "RIGHT_6_POLICE_UPDATE" } });
    const clocksBefore = await count();
    // Recorded as ten days ago: its deadline has passed, and the scan marks it breached.
    const wrong = await hub.gql(OFFICER, UPDATE, { input: { caseId: investigation, type: "SUSPECT_ARRESTED", occurredAt: ago(10 * DAY), victimExplanation: EXPLAIN } });
    const wrongId = wrong.data!.recordCaseUpdate.id as string;
    await scanBreachedClocks(hub.db, new Date());
    expect((await clocks(OFFICER, investigation)).find((c) => c.startedByUpdateId === wrongId)).toMatchObject({ status: "BREACHED" });

    // It was this morning: the correction moves the clock, and the breach the corrected deadline has not reached is undone.
    const rightAt = ago(2 * HOUR);
    const fixed = await hub.gql(OFFICER, UPDATE, { input: { caseId: investigation, type: "SUSPECT_ARRESTED", occurredAt: rightAt, supersedesId: wrongId, victimExplanation: EXPLAIN } });
    const fixedId = fixed.data!.recordCaseUpdate.id as string;
    expect(await count()).toBe(clocksBefore + 1);
    const moved = (await clocks(OFFICER, investigation)).filter((c) => c.startedByUpdateId === fixedId || c.startedByUpdateId === wrongId);
    expect(moved).toMatchObject([{ duty: "RIGHT_6_POLICE_UPDATE", status: "OPEN", startedByUpdateId: fixedId }]);
    expect(new Date(moved[0].startedAt).toISOString()).toBe(rightAt);
    await scanBreachedClocks(hub.db, new Date());
    expect((await clocks(OFFICER, investigation)).find((c) => c.id === moved[0].id).status).toBe("OPEN");
  });

  it("stops a clock the corrected update no longer starts, and keeps it", async () => {
    const wrong = await hub.gql(OFFICER, UPDATE, { input: { caseId: investigation, type: "SUSPECT_BAILED", occurredAt: ago(3 * HOUR), victimExplanation: EXPLAIN } });
    const wrongId = wrong.data!.recordCaseUpdate.id as string;
    const fixed = await hub.gql(OFFICER, UPDATE, {
      input: { caseId: investigation, type: "PROGRESS_NOTE", occurredAt: ago(3 * HOUR), supersedesId: wrongId, victimExplanation: "The police are still looking into what happened to you." },
    });
    expect(fixed.data!.recordCaseUpdate.__typename).toBe("CaseUpdate");
    const clock = (await clocks(OFFICER, investigation)).filter((c) => c.startedByUpdateId === wrongId);
    expect(clock).toMatchObject([{ duty: "RIGHT_6_POLICE_UPDATE", status: "STOPPED" }]);
  });

  it("owes her a police update within the Right 6 deadline when a suspect is charged, even when the CPS recorded the charge", async () => {
    const at = ago(HOUR);
    const charged = await hub.gql(CPS_VLO, UPDATE, { input: { caseId: trial, type: "SUSPECT_CHARGED", occurredAt: at, victimExplanation: "The man has been charged. This means the case will go to court." } });
    const id = charged.data!.recordCaseUpdate.id as string;
    expect(charged.data!.recordCaseUpdate.__typename).toBe("CaseUpdate");
    expect((await clocks(WCU, trial)).filter((c) => c.startedByUpdateId === id)).toMatchObject([{ duty: "RIGHT_6_POLICE_UPDATE", owedByKind: "POLICE", status: "OPEN" }]);
  });

  it("gives her the police scheme's 3 months to ask for a review of no further action, from when she was told", async () => {
    const decidedAt = "2026-05-01T09:00:00Z";
    const nfa = await hub.gql(OFFICER, UPDATE, {
      input: { caseId: investigation, type: "POLICE_NO_FURTHER_ACTION", occurredAt: decidedAt, victimExplanation: "The police have decided to take no further action. You can ask for this to be looked at again." },
    });
    const decision = nfa.data!.recordCaseUpdate.id as string;
    const told = await hub.gql(OFFICER, CONTACT, {
      input: { caseId: investigation, at: "2026-05-04T11:00:00Z", channel: "FACE_TO_FACE", outcome: "REACHED", answersUpdateId: decision, summary: "Explained the decision and how to ask for a review." },
    });
    expect(told.data!.recordContact.__typename).toBe("ContactRecord");
    const window = (await clocks(OFFICER, investigation)).find((c) => c.duty === "VRR_REQUEST_WINDOW" && c.startedByUpdateId === decision);
    // Told on 4 May: she has until the end of 4 August (London summer time), not 10 working days.
    expect(window).toMatchObject({ owedByKind: null, dueAt: "2026-08-04T22:59:59.999Z" });
  });

  it("times Right 4 as the WCU's duty to refer her within 2 working days of her needs assessment, and the service's answer as a standard of its own", async () => {
    const right4 = async () => (await clocks(WCU, trial)).filter((c) => c.duty === "RIGHT_4_REFERRAL" && c.owedByKind === "POLICE_WCU");
    expect((await hub.gql(WCU, ASSESS, { caseId: trial })).data!.assessEnhancedRights.__typename).toBe("EnhancedRightsAssessment");
    expect(await right4()).toMatchObject([{ status: "OPEN", source: "VICTIMS_CODE" }]);
    // Assessed again while the duty runs: still one clock.
    await hub.gql(WCU, ASSESS, { caseId: trial });
    expect(await right4()).toHaveLength(1);

    const safeSteps = (await hub.db.prisma.organisation.findUniqueOrThrow({ where: { name: "Safe Steps Northshire" } })).id;
    const referred = await hub.gql(WCU, REFER, { caseId: trial, to: safeSteps }, "REFERRAL");
    expect(referred.data!.makeReferral.__typename).toBe("Referral");
    expect(await right4()).toMatchObject([{ status: "MET" }]);
    const answer = (await clocks(WCU, trial)).filter((c) => c.startedByUpdateId === referred.data!.makeReferral.id);
    expect(answer).toMatchObject([{ duty: "REFERRAL_ACKNOWLEDGEMENT", owedByKind: "IDVA_SERVICE", status: "OPEN", source: "SERVICE_STANDARD" }]);
  });

  it("starts no Right 4 clock when a support service assesses her needs: the duty is the police's and the WCU's", async () => {
    // She tells her ISVA in person that it may know her needs; the ISVA records it for itself.
    const isvaOrg = (await hub.db.prisma.organisation.findUniqueOrThrow({ where: { name: "Northshire Rape Crisis" } })).id;
    const consent = await hub.gql(ISVA, `mutation ($input: RecordConsentInput!) { recordConsent(input: $input) { __typename ... on Error { message } } }`, {
      input: {
        caseId: trial,
        givenBy: "VICTIM",
        evidence: "ISVA session notes",
        saidHow: "IN_PERSON",
        saidAt: ago(HOUR),
        explicit: true,
        scopes: ["NEEDS_AND_VULNERABILITIES"].map((category) => ({ category, purpose: "SUPPORT_AND_ADVOCACY", recipientOrganisationId: isvaOrg })),
      },
    });
    expect(consent.data!.recordConsent.__typename).toBe("Consent");
    const before = await hub.db.prisma.statutoryClock.count({ where: { duty: "RIGHT_4_REFERRAL" } });
    const res = await hub.gql(ISVA, ASSESS, { caseId: trial });
    expect(res.data!.assessEnhancedRights.__typename).toBe("EnhancedRightsAssessment");
    expect(await hub.db.prisma.statutoryClock.count({ where: { duty: "RIGHT_4_REFERRAL" } })).toBe(before);
  });
  it("counts one outcome once: the court's result and the WCU's verdict update for it are one Right 9 duty, met by a contact answering either", async () => {
    const areaId = (await hub.db.prisma.area.findUniqueOrThrow({ where: { code: "NSH" } })).id;
    const open = await hub.gql(OFFICER, `mutation ($input: OpenCaseInput!) { openCase(input: $input) { ... on OpenedCase { case { id } } ... on Error { message } } }`, {
      input: { policeUrn: "41NS0990126", offenceCategory: "ASSAULT", areaId, stage: "TRIAL", victim: { fullName: "Test Victim", dateOfBirth: "1970-05-05" } },
    }, "LAW_ENFORCEMENT");
    const caseId = open.data!.openCase.case.id as string;
    const listed = await hub.gql(WCU, HEARING, { caseId, startsAt: ago(6 * HOUR) });
    const hearingId = listed.data!.recordHearing.id as string;
    expect((await hub.gql(WCU, RESULT, { id: hearingId, outcome: "Found guilty", at: ago(2 * HOUR) })).data!.recordCourtResult.resultKind).toBe("OUTCOME");
    const verdict = await hub.gql(WCU, UPDATE, { input: { caseId, type: "VERDICT", occurredAt: ago(3 * HOUR), receivedAt: ago(2 * HOUR), victimExplanation: "The jury found him guilty. We will tell you when he will be sentenced." } });
    const verdictId = verdict.data!.recordCaseUpdate.id as string;
    const outcome = (await clocks(WCU, caseId)).filter((c) => c.duty === "RIGHT_9_OUTCOME_AND_SENTENCE");
    expect(outcome).toMatchObject([{ startedByHearingId: hearingId, startedByUpdateId: verdictId, status: "OPEN" }]);
    const told = await hub.gql(WCU, CONTACT, { input: { caseId, at: ago(HOUR), channel: "PHONE", outcome: "REACHED", answersUpdateId: verdictId, summary: "Told her the verdict." } });
    expect(told.data!.recordContact.__typename).toBe("ContactRecord");
    expect((await clocks(WCU, caseId)).filter((c) => c.duty === "RIGHT_9_OUTCOME_AND_SENTENCE")).toMatchObject([{ status: "MET" }]);
    // Sentenced later: that is new news, and a duty of its own.
    await hub.gql(WCU, UPDATE, { input: { caseId, type: "SENTENCE", occurredAt: ago(30 * 60_000), victimExplanation: "He was sent to prison for two years. We can explain what that means for you." } });
    expect((await clocks(WCU, caseId)).filter((c) => c.duty === "RIGHT_9_OUTCOME_AND_SENTENCE").map((c) => c.status).sort()).toEqual(["MET", "OPEN"]);
  });
});
