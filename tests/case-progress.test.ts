// Case progress over HTTP: the stage state machine, optimistic concurrency, typed updates
// with corrections and acknowledgements, and the communication ledger.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CPS_VLO, IDVA, ISVA, startTestHub, type TestHub, WCU } from "./support/test-hub.js";

const MOVE = `mutation ($caseId: ID!, $to: CaseStage!, $v: Int!) { moveCaseStage(caseId: $caseId, to: $to, expectedVersion: $v) { __typename ... on MovedCase { stage version } ... on Error { message } } }`;
const UPDATE = `mutation ($input: RecordCaseUpdateInput!) { recordCaseUpdate(input: $input) { __typename ... on CaseUpdate { id type supersedesId } ... on BadInputError { message field } ... on Error { message } } }`;
const ACK = `mutation ($id: ID!) { acknowledgeCaseUpdate(updateId: $id) { __typename ... on CaseUpdateAcknowledgement { organisationId } } }`;
const CONTACT = `mutation ($input: RecordContactInput!) { recordContact(input: $input) { __typename ... on ContactRecord { id } ... on Error { message } } }`;
const TIMELINE = `query ($id: ID!) { case(id: $id) { __typename ... on Case { version stage timeline { id type victimExplanation internalNote supersededById acknowledgements { organisationId } } contacts { channel summary outcome } } } }`;

describe("case progress", () => {
  let hub: TestHub;
  let caseId: string;
  beforeAll(async () => {
    hub = await startTestHub();
    // The demo's awaiting-trial sexual offence case: police, WCU, CPS and the ISVA (with consent).
    caseId = (await hub.db.prisma.case.findFirstOrThrow({ where: { policeUrn: "41NS0102325" } })).id;
  });
  afterAll(async () => {
    await hub.close();
  });

  const update = (over: Record<string, unknown> = {}) => ({
    caseId,
    type: "HEARING_LISTED",
    occurredAt: new Date(Date.now() - 3600_000).toISOString(),
    internalNote: "Listed by the court office for a two-day trial.",
    victimExplanation: "The trial will start on 3 March at Northtown Crown Court. Your witness care officer will call you about the day.",
    ...over,
  });

  it("moves a case along its stages for the agency allowed to, and refuses others with a reason", async () => {
    const { version } = (await hub.gql(WCU, TIMELINE, { id: caseId })).data!.case;
    const wrongMove = await hub.gql(WCU, MOVE, { caseId, to: "NO_FURTHER_ACTION", v: version });
    expect(wrongMove.data!.moveCaseStage).toEqual({
      __typename: "BadInputError",
      message: 'A case cannot go from "awaiting trial" to "no further action". From "awaiting trial" it can go to: trial, sentenced, discontinued.',
    });
    const wrongAgency = await hub.gql(WCU, MOVE, { caseId, to: "DISCONTINUED", v: version });
    expect(wrongAgency.data!.moveCaseStage.message).toBe('Only the CPS can move a case from "awaiting trial" to "discontinued".');
    const notStatutory = await hub.gql(ISVA, MOVE, { caseId, to: "TRIAL", v: version });
    expect(notStatutory.data!.moveCaseStage.__typename).toBe("BadInputError");
    const moved = await hub.gql(WCU, MOVE, { caseId, to: "TRIAL", v: version });
    expect(moved.data!.moveCaseStage).toEqual({ __typename: "MovedCase", stage: "TRIAL", version: version + 1 });
  });

  it("gives the slower of two writers holding the same version a conflict, not a lost update", async () => {
    const { version } = (await hub.gql(CPS_VLO, TIMELINE, { id: caseId })).data!.case;
    const [a, b] = await Promise.all([hub.gql(WCU, MOVE, { caseId, to: "VERDICT", v: version }), hub.gql(CPS_VLO, MOVE, { caseId, to: "AWAITING_TRIAL", v: version })]);
    const outcomes = [a.data!.moveCaseStage.__typename, b.data!.moveCaseStage.__typename].sort();
    expect(outcomes).toEqual(["ConflictError", "MovedCase"]);
    expect((await hub.gql(WCU, TIMELINE, { id: caseId })).data!.case.version).toBe(version + 1);
  });

  it("records typed updates, keeps corrections as history, and lets partners acknowledge them", async () => {
    const first = (await hub.gql(WCU, UPDATE, { input: update() })).data!.recordCaseUpdate;
    expect(first).toMatchObject({ __typename: "CaseUpdate", type: "HEARING_LISTED" });
    const fix = (await hub.gql(WCU, UPDATE, { input: update({ type: "HEARING_MOVED", supersedesId: first.id, victimExplanation: "The trial now starts on 4 March, a day later than we said. We are sorry for the change." }) })).data!.recordCaseUpdate;
    expect(fix).toMatchObject({ __typename: "CaseUpdate", supersedesId: first.id });
    const twice = await hub.gql(WCU, UPDATE, { input: update({ supersedesId: first.id }) });
    expect(twice.data!.recordCaseUpdate.__typename).toBe("ConflictError");
    expect((await hub.gql(ISVA, ACK, { id: fix.id })).data!.acknowledgeCaseUpdate.__typename).toBe("CaseUpdateAcknowledgement");
    expect((await hub.gql(ISVA, ACK, { id: fix.id })).data!.acknowledgeCaseUpdate.__typename).toBe("CaseUpdateAcknowledgement");
    const timeline = (await hub.gql(ISVA, TIMELINE, { id: caseId })).data!.case.timeline;
    expect(timeline.find((u: any) => u.id === first.id).supersededById).toBe(fix.id);
    expect(timeline.find((u: any) => u.id === fix.id).acknowledgements).toHaveLength(1);
    await expect(hub.db.sql.query(`UPDATE "CaseUpdate" SET "victimExplanation" = 'edited' WHERE id = $1`, [first.id])).rejects.toThrow(/history/);
  });

  it("lets each agency record only the updates it is the source for", async () => {
    const res = await hub.gql(ISVA, UPDATE, { input: update({ type: "VERDICT" }) });
    expect(res.data!.recordCaseUpdate).toMatchObject({ __typename: "BadInputError", field: "type" });
    const note = await hub.gql(ISVA, UPDATE, { input: update({ type: "PROGRESS_NOTE", victimExplanation: "Amira met her to go through what happens at court." }) });
    expect(note.data!.recordCaseUpdate.__typename).toBe("CaseUpdate");
    const outsider = await hub.gql(IDVA, UPDATE, { input: update({ type: "PROGRESS_NOTE" }) });
    expect(outsider.data!.recordCaseUpdate.__typename).toBe("NotFoundError");
  });

  it("keeps one ledger of what the victim has been told, by whom and how", async () => {
    const input = { caseId, at: new Date().toISOString(), channel: "PHONE", summary: "Told her the new trial date and that special measures were granted.", outcome: "REACHED", statutoryDuty: "RIGHT_8_COURT_INFORMATION" };
    expect((await hub.gql(WCU, CONTACT, { input })).data!.recordContact.__typename).toBe("ContactRecord");
    const seenByIsva = (await hub.gql(ISVA, TIMELINE, { id: caseId })).data!.case.contacts;
    expect(seenByIsva).toContainEqual({ channel: "PHONE", summary: input.summary, outcome: "REACHED" });
    expect((await hub.gql(IDVA, CONTACT, { input })).data!.recordContact.__typename).toBe("NotFoundError");
  });

  it("reads a 500-update timeline with the same number of SQL statements as a 50-update one", async () => {
    const count = async (n: number) => {
      const c = await hub.db.prisma.case.create({
        data: { offenceCategory: "ASSAULT", area: { connect: { code: "NSH" } }, victim: { create: { reference: `V-T-${n}-${Date.now()}` } }, involvements: { create: { organisationId: (await hub.db.prisma.organisation.findUniqueOrThrow({ where: { name: "Northshire Police Witness Care Unit" } })).id, capacity: "WITNESS_CARE" } } },
      });
      const wcu = await hub.db.prisma.user.findUniqueOrThrow({ where: { email: WCU } });
      await hub.db.prisma.caseUpdate.createMany({
        data: Array.from({ length: n }, (_, i) => ({ caseId: c.id, type: "PROGRESS_NOTE" as const, occurredAt: new Date(Date.now() - i * 1000), victimExplanation: `Update ${i}`, recordedByUserId: wcu.id, recordedByOrganisationId: wcu.id })),
      });
      const statements: string[] = [];
      const stop = hub.db.onQuery((sql) => statements.push(sql));
      const res = await hub.gql(WCU, TIMELINE, { id: c.id });
      stop();
      expect(res.data!.case.timeline).toHaveLength(n);
      return statements.length;
    };
    const small = await count(50);
    const large = await count(500);
    expect(small).toBeGreaterThan(0);
    expect(large).toBe(small);
  });
});

describe("plain-language check over GraphQL", () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startTestHub();
  });
  afterAll(async () => {
    await hub.close();
  });

  it("finds unexplained legal terms and blaming wording, and says what to do, without changing the text", async () => {
    const text = "The CPS has discontinued the case because you did not attend the interview.";
    const res = await hub.gql(CPS_VLO, `query ($text: String!) { checkPlainLanguage(text: $text) { ok findings { kind text start end message suggestion } readability { fleschReadingEase } } }`, { text });
    const report = res.data!.checkPlainLanguage;
    expect(report.ok).toBe(false);
    const kinds = report.findings.map((f: any) => `${f.kind}:${text.slice(f.start, f.end)}`);
    expect(kinds).toContain("LEGAL_TERM:discontinued");
    expect(kinds.some((k: string) => k.startsWith("BLAMING:") && k.includes("did not attend"))).toBe(true);
    for (const f of report.findings) expect(f.message.length).toBeGreaterThan(10);
  });

  it("passes plain, kind wording", async () => {
    const text = "The people who bring the case to court have stopped it. We know this is hard news. Your adviser can talk it through with you.";
    const res = await hub.gql(CPS_VLO, `query ($text: String!) { checkPlainLanguage(text: $text) { ok findings { kind text } } }`, { text });
    expect(res.data!.checkPlainLanguage).toEqual({ ok: true, findings: [] });
  });
});
