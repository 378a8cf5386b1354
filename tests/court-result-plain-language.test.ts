// A court result's words that fail the plain-language check are held back from the agreed
// message until the organisation that recorded the result accepts them (or records them again
// rewritten). Another organisation on the case is refused; one that cannot see the case is
// told the hearing is not found; words recorded again need a fresh acceptance.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CPS_VLO, ISVA, SOUTHSHIRE_ISVA, startTestHub, type TestHub, WCU } from "./support/test-hub.js";

const HEARING = `mutation ($caseId: ID!, $startsAt: DateTime!) { recordHearing(caseId: $caseId, court: "Northtown Crown Court", startsAt: $startsAt, type: "Trial") { __typename ... on Hearing { id } ... on Error { message } } }`;
const RESULT = `mutation ($id: ID!, $outcome: String!) { recordCourtResult(hearingId: $id, outcome: $outcome) { __typename ... on Hearing { id resultWordsAcceptedAt } ... on Error { message } } }`;
const ACCEPT = `mutation ($id: ID!) { acceptCourtResultPlainLanguage(hearingId: $id) { __typename ... on CourtResultPlainLanguageAcceptance { hearingId organisationId userId at } ... on Error { message } } }`;
const MESSAGE = `query ($id: ID!) { case(id: $id) { ... on Case { agreedMessage { sentences { text part sourceKind sourceId } heldBack { sourceKind sourceId findings { kind term } } } } } }`;

const JARGON = "The defendant was found guilty of all counts on the indictment.";
const JARGON_AGAIN = "The defendant was found guilty on the indictment.";

describe("accepting a court result's words for the agreed message", () => {
  let hub: TestHub;
  let caseId: string;
  let hearingId: string;
  beforeAll(async () => {
    hub = await startTestHub();
    caseId = (await hub.db.prisma.case.findFirstOrThrow({ where: { policeUrn: "41NS0102325" } })).id;
    const listed = (await hub.gql(WCU, HEARING, { caseId, startsAt: new Date(Date.now() - 2 * 3600_000).toISOString() })).data!.recordHearing;
    expect(listed.__typename).toBe("Hearing");
    hearingId = listed.id;
  });
  afterAll(async () => {
    await hub.close();
  });

  const message = async (who = ISVA) => (await hub.gql(who, MESSAGE, { id: caseId })).data!.case.agreedMessage;
  const accept = async (who: string) => (await hub.gql(who, ACCEPT, { id: hearingId })).data!.acceptCourtResultPlainLanguage;
  const heldIds = async () => (await message()).heldBack.map((h: { sourceId: string }) => h.sourceId);
  const resultSentence = (words: string) => ({ text: expect.stringContaining(words), part: "WHERE_THINGS_STAND", sourceKind: "HEARING", sourceId: hearingId });

  it("has nothing to accept before a result is recorded", async () => {
    expect(await accept(WCU)).toMatchObject({ __typename: "ConflictError" });
  });

  it("holds back the result's jargon with its findings, and only the recording organisation may accept it", async () => {
    expect((await hub.gql(WCU, RESULT, { id: hearingId, outcome: JARGON })).data!.recordCourtResult).toMatchObject({ __typename: "Hearing", resultWordsAcceptedAt: null });
    const held = (await message()).heldBack.find((h: { sourceId: string }) => h.sourceId === hearingId);
    expect(held).toMatchObject({ sourceKind: "HEARING", findings: expect.arrayContaining([{ kind: "LEGAL_TERM", term: "defendant" }]) });
    expect((await message()).sentences).not.toContainEqual(resultSentence(JARGON));

    // The CPS is on the case but did not record this result; Southshire cannot see the case at all.
    expect(await accept(CPS_VLO)).toEqual({
      __typename: "BadInputError",
      message: "Only the organisation that recorded this court result can accept its words. You can record the result again with rewritten words instead.",
    });
    expect(await accept(ISVA)).toMatchObject({ __typename: "BadInputError" });
    expect(await accept(SOUTHSHIRE_ISVA)).toMatchObject({ __typename: "NotFoundError" });
    expect((await hub.gql(WCU, ACCEPT, { id: "not-an-id" })).data!.acceptCourtResultPlainLanguage.__typename).toBe("NotFoundError");
    expect(await heldIds()).toContain(hearingId);
    expect((await hub.db.prisma.hearing.findUniqueOrThrow({ where: { id: hearingId } })).resultWordsAcceptedAt).toBeNull();
  });

  it("uses the accepted words with their source, lists them held back no more, and the first acceptance stands", async () => {
    const wcu = await hub.db.prisma.membership.findFirstOrThrow({ where: { user: { email: WCU } } });
    const accepted = await accept(WCU);
    expect(accepted).toMatchObject({ __typename: "CourtResultPlainLanguageAcceptance", hearingId, organisationId: wcu.organisationId, userId: wcu.userId });
    expect(await accept(WCU)).toEqual(accepted);

    const [forIsva, forCps] = await Promise.all([message(ISVA), message(CPS_VLO)]);
    expect(forCps).toEqual(forIsva);
    expect(forIsva.sentences).toContainEqual(resultSentence(JARGON));
    expect(forIsva.heldBack.map((h: { sourceId: string }) => h.sourceId)).not.toContain(hearingId);
  });

  it("holds back a result recorded again with other words until they are accepted afresh; the same words stay accepted", async () => {
    expect((await hub.gql(WCU, RESULT, { id: hearingId, outcome: JARGON })).data!.recordCourtResult.resultWordsAcceptedAt).not.toBeNull();
    expect(await heldIds()).not.toContain(hearingId);

    expect((await hub.gql(WCU, RESULT, { id: hearingId, outcome: JARGON_AGAIN })).data!.recordCourtResult).toMatchObject({ resultWordsAcceptedAt: null });
    expect(await heldIds()).toContain(hearingId);
    expect((await message()).sentences).not.toContainEqual(resultSentence(JARGON_AGAIN));

    expect((await accept(WCU)).__typename).toBe("CourtResultPlainLanguageAcceptance");
    expect((await message()).sentences).toContainEqual(resultSentence(JARGON_AGAIN));
    expect(await heldIds()).not.toContain(hearingId);
  });
});
