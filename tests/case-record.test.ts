// Hearings, the victim's questions and the agreed victim message, over HTTP.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CPS_VLO, ISVA, startTestHub, type TestHub, WCU } from "./support/test-hub.js";

const HEARING = `mutation ($caseId: ID!, $startsAt: DateTime!) { recordHearing(caseId: $caseId, court: "Northtown Crown Court", startsAt: $startsAt, type: "Trial") { __typename ... on Hearing { id } ... on Error { message } } }`;
const RESULT = `mutation ($id: ID!, $at: DateTime) { recordCourtResult(hearingId: $id, outcome: "Adjourned to a later date", resultReceivedAt: $at) { __typename ... on Hearing { outcome resultReceivedAt } ... on Error { message } } }`;
const ASK = `mutation ($caseId: ID!, $for: OrganisationKind!) { askQuestion(caseId: $caseId, forKind: $for, question: "Will I have to see him in court?") { __typename ... on VictimQuestion { id dueBy } ... on Error { message } } }`;
const ANSWER = `mutation ($id: ID!) { answerQuestion(questionId: $id, answer: "No. The court has agreed you can give evidence from a separate room.") { __typename ... on VictimQuestion { answeredAt } ... on Error { message } } }`;
const CASE_Q = `query ($id: ID!) { case(id: $id) { ... on Case { agreedMessage { whereThingsStand whatHappensNext roughlyWhen namedContact { name organisation } sourceHearingId } hearings { id outcome } questions { id question answer overdue } } } }`;

describe("the case record", () => {
  let hub: TestHub;
  let caseId: string;
  let hearingId: string;
  beforeAll(async () => {
    hub = await startTestHub();
    caseId = (await hub.db.prisma.case.findFirstOrThrow({ where: { policeUrn: "41NS0102325" } })).id;
  });
  afterAll(async () => {
    await hub.close();
  });

  it("takes hearings from the WCU or CPS only, and the court result with the time the WCU received it", async () => {
    const startsAt = new Date(Date.now() + 10 * 86_400_000).toISOString();
    expect((await hub.gql(ISVA, HEARING, { caseId, startsAt })).data!.recordHearing.__typename).toBe("BadInputError");
    const listed = (await hub.gql(WCU, HEARING, { caseId, startsAt })).data!.recordHearing;
    expect(listed.__typename).toBe("Hearing");
    hearingId = listed.id;
    const early = await hub.gql(WCU, RESULT, { id: hearingId, at: new Date().toISOString() });
    expect(early.data!.recordCourtResult.message).toBe("A result cannot be received before the hearing starts.");
  });

  it("gives every organisation that may see the case the same agreed message, naming the victim's contact and the next date", async () => {
    const messages = await Promise.all([WCU, CPS_VLO, ISVA].map(async (who) => (await hub.gql(who, CASE_Q, { id: caseId })).data!.case.agreedMessage));
    expect(messages[1]).toEqual(messages[0]);
    expect(messages[2]).toEqual(messages[0]);
    expect(messages[0]).toMatchObject({ namedContact: { name: "Amira Khan", organisation: "Northshire Rape Crisis" }, sourceHearingId: hearingId });
    expect(messages[0].roughlyWhen).toMatch(/^The next trial is on \d{1,2} \w+ \d{4} at .+, at Northtown Crown Court\.$/);
  });

  it("sends a victim's question to the CPS, keeps it visible while unanswered, and lets only the CPS answer it", async () => {
    const asked = (await hub.gql(ISVA, ASK, { caseId, for: "CPS" })).data!.askQuestion;
    expect(asked.__typename).toBe("VictimQuestion");
    const due = new Date(asked.dueBy).getTime();
    expect(due).toBeGreaterThan(Date.now() + 6 * 86_400_000);
    const seenByWcu = (await hub.gql(WCU, CASE_Q, { id: caseId })).data!.case.questions;
    expect(seenByWcu).toContainEqual({ id: asked.id, question: "Will I have to see him in court?", answer: null, overdue: false });
    expect((await hub.gql(WCU, ANSWER, { id: asked.id })).data!.answerQuestion.__typename).toBe("NotFoundError");
    expect((await hub.gql(CPS_VLO, ANSWER, { id: asked.id })).data!.answerQuestion.__typename).toBe("VictimQuestion");
    expect((await hub.gql(CPS_VLO, ANSWER, { id: asked.id })).data!.answerQuestion.__typename).toBe("ConflictError");
    const seenByIsva = (await hub.gql(ISVA, CASE_Q, { id: caseId })).data!.case.questions;
    expect(seenByIsva.find((q: any) => q.id === asked.id).answer).toMatch(/separate room/);
  });

  it("refuses a question from an organisation that may not see the case, as not found", async () => {
    const res = await hub.gql("isva@southshire-isva.example.org", ASK, { caseId, for: "CPS" });
    expect(res.data!.askQuestion.__typename).toBe("NotFoundError");
  });
});
