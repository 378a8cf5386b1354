// The agreed message over HTTP: words written for her that fail the plain-language check are
// held back with their findings, the message says the fact in its own words, and a rewrite
// (a correction of the update) is what the message then uses.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CPS_VLO, ISVA, startTestHub, type TestHub, WCU } from "./support/test-hub.js";

const UPDATE = `mutation ($input: RecordCaseUpdateInput!) { recordCaseUpdate(input: $input) { __typename ... on CaseUpdate { id } ... on Error { message } } }`;
const MESSAGE = `query ($id: ID!) { case(id: $id) { ... on Case { stage agreedMessage {
  whereThingsStand whatHappensNext sourceUpdateIds
  sentences { text part sourceKind sourceId }
  heldBack { sourceKind sourceId findings { kind term suggestion } }
} } } }`;

const ACCEPT = `mutation ($id: ID!) { acceptPlainLanguage(updateId: $id) { __typename ... on PlainLanguageAcceptance { updateId at } ... on Error { message } } }`;
const JARGON = "The defendant's barrister will ask you questions under special measures.";
const PLAIN = "The court has agreed you can answer questions from behind a screen, so you will not see him.";

describe("the agreed message, held back until words are plain", () => {
  let hub: TestHub;
  let caseId: string;
  let jargonId: string;
  beforeAll(async () => {
    hub = await startTestHub();
    caseId = (await hub.db.prisma.case.findFirstOrThrow({ where: { policeUrn: "41NS0102325" } })).id;
  });
  afterAll(async () => {
    await hub.close();
  });

  const record = async (input: Record<string, unknown>) => (await hub.gql(CPS_VLO, UPDATE, { input: { caseId, type: "SPECIAL_MEASURES_OUTCOME", occurredAt: new Date(Date.now() - 3600_000).toISOString(), ...input } })).data!.recordCaseUpdate;
  const read = async (who: string) => (await hub.gql(who, MESSAGE, { id: caseId })).data!.case;

  it("holds back the CPS's jargon with its findings, and says where things stand in the message's own words, the same for everyone", async () => {
    const recorded = await record({ victimExplanation: JARGON });
    expect(recorded.__typename).toBe("CaseUpdate");
    jargonId = recorded.id;

    const [wcu, isva] = await Promise.all([read(WCU), read(ISVA)]);
    expect(isva.agreedMessage).toEqual(wcu.agreedMessage);
    const message = wcu.agreedMessage;
    expect(message.heldBack).toContainEqual({
      sourceKind: "UPDATE",
      sourceId: jargonId,
      findings: [
        { kind: "LEGAL_TERM", term: "defendant", suggestion: "the person accused of the crime" },
        { kind: "LEGAL_TERM", term: "special measures", suggestion: expect.any(String) },
      ],
    });
    const said = message.sentences.map((s: { text: string }) => s.text).join(" ");
    expect(said).not.toContain("defendant");
    expect(message.sourceUpdateIds).not.toContain(jargonId);
    // The stage's own words stand first, and each sentence names its source.
    expect(message.sentences[0]).toMatchObject({ part: "WHERE_THINGS_STAND", sourceKind: "STAGE", sourceId: wcu.stage });
    expect(message.whereThingsStand.startsWith(message.sentences[0].text)).toBe(true);
    expect(message.whereThingsStand).not.toBe(message.whatHappensNext);
    expect(message.sentences.every((s: { sourceKind: string }) => s.sourceKind)).toBe(true);
  });

  it("uses the rewritten words once the update is corrected, and holds nothing of it back", async () => {
    const corrected = await record({ victimExplanation: PLAIN, supersedesId: jargonId });
    expect(corrected.__typename).toBe("CaseUpdate");
    const message = (await read(WCU)).agreedMessage;
    expect(message.sentences).toContainEqual({ text: PLAIN, part: "WHERE_THINGS_STAND", sourceKind: "UPDATE", sourceId: corrected.id });
    expect(message.whereThingsStand).toContain(PLAIN);
    expect(message.sourceUpdateIds).toContain(corrected.id);
    expect(message.heldBack.map((h: { sourceId: string }) => h.sourceId)).not.toContain(jargonId);
    expect(message.heldBack.map((h: { sourceId: string }) => h.sourceId)).not.toContain(corrected.id);
  });

  it("uses words as they are once the organisation that recorded them accepts them, and no one else may accept them", async () => {
    const words = "The court agreed to special measures for you. Your ISVA will explain what happens on the day.";
    const recorded = await record({ victimExplanation: words });
    const held = async () => (await read(WCU)).agreedMessage.heldBack.map((h: { sourceId: string }) => h.sourceId);
    expect(await held()).toContain(recorded.id);

    const byWcu = (await hub.gql(WCU, ACCEPT, { id: recorded.id })).data!.acceptPlainLanguage;
    expect(byWcu).toEqual({ __typename: "BadInputError", message: "Only the organisation that recorded this update can accept its words. You can record a correction with rewritten words instead." });
    expect(await held()).toContain(recorded.id);

    const byCps = (await hub.gql(CPS_VLO, ACCEPT, { id: recorded.id })).data!.acceptPlainLanguage;
    expect(byCps).toMatchObject({ __typename: "PlainLanguageAcceptance", updateId: recorded.id });
    // The first acceptance stands.
    expect((await hub.gql(CPS_VLO, ACCEPT, { id: recorded.id })).data!.acceptPlainLanguage).toEqual(byCps);
    const message = (await read(ISVA)).agreedMessage;
    expect(message.heldBack.map((h: { sourceId: string }) => h.sourceId)).not.toContain(recorded.id);
    expect(message.sentences).toContainEqual({ text: words, part: "WHERE_THINGS_STAND", sourceKind: "UPDATE", sourceId: recorded.id });

    // A replaced update's words are never used, so there is nothing to accept.
    expect((await hub.gql(CPS_VLO, ACCEPT, { id: jargonId })).data!.acceptPlainLanguage.__typename).toBe("ConflictError");
    expect((await hub.gql(CPS_VLO, ACCEPT, { id: "not-an-id" })).data!.acceptPlainLanguage.__typename).toBe("NotFoundError");
  });
});
