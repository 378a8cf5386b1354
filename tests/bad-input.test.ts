// Bad input is bad input (issue #13): a typed error naming where, never a 500, never a
// silently changed date, and never the value itself in the answer or the log.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestHub, type TestHub } from "./support/test-hub.js";

const POLICE = "officer@northshire-police.example.org";
const UPDATE = `mutation ($input: RecordCaseUpdateInput!) { recordCaseUpdate(input: $input) { __typename ... on CaseUpdate { occurredAt } ... on Error { message } } }`;

describe("bad input", () => {
  let hub: TestHub;
  let caseId: string;
  beforeAll(async () => {
    hub = await startTestHub();
    caseId = (await hub.db.prisma.case.findFirstOrThrow({ where: { policeUrn: "41NS0104125" } })).id;
  });
  afterAll(async () => {
    await hub.close();
  });

  const update = (occurredAt: unknown) => hub.gql(POLICE, UPDATE, { input: { caseId, type: "PROGRESS_NOTE", occurredAt, victimExplanation: "The police are still looking into what happened." } });

  it.each([["2026-02-30T10:00:00Z"], ["1"], ["March 7"], [""], ["2026-03-07"], ["2026-03-07 10:00:00"], ["-200000-01-01T00:00:00Z"], ["1066-10-14T09:00:00Z"], ["2026-13-01T10:00:00Z"], ["2026-03-07T24:00:00Z"]])(
    "refuses the DateTime %j as a typed bad input naming where, and saves nothing",
    async (value) => {
      const before = await hub.db.prisma.caseUpdate.count();
      const res = await update(value);
      expect(res.status).toBeLessThan(500);
      expect(res.errors?.[0]).toMatchObject({ extensions: { code: "BAD_INPUT", field: "input.occurredAt" } });
      if (value.length > 3) expect(JSON.stringify(res.errors)).not.toContain(value);
      expect(await hub.db.prisma.caseUpdate.count()).toBe(before);
    },
  );

  it("accepts RFC 3339 with an offset, and keeps the moment exactly", async () => {
    const res = await update("2026-03-07T10:00:00+01:00");
    expect(res.data!.recordCaseUpdate).toMatchObject({ __typename: "CaseUpdate", occurredAt: "2026-03-07T09:00:00.000Z" });
  });

  it("answers the open feed's bad queries with a 400 and matches % and _ as letters", async () => {
    for (const query of ["search=%00", "search=a%01b", "modified_after=-200000-01-01", "modified_after=2026-02-30T00:00:00Z", "modified_after=1"]) {
      const response = await fetch(`${hub.url}/openreferral/services?${query}`);
      expect(response.status, query).toBe(400);
    }
    const all = (await (await fetch(`${hub.url}/openreferral/services?per_page=100`)).json()).total_items;
    expect(all).toBeGreaterThan(5);
    for (const wildcard of ["%25", "_", "%5C"]) {
      const body = await (await fetch(`${hub.url}/openreferral/services?search=${wildcard}`)).json();
      expect(body.total_items, wildcard).toBe(0);
    }
  });

  describe("a table of hostile variables: each a typed bad input naming where, none logged", () => {
    const LIST = `query ($first: Int, $after: String) { cases(first: $first, after: $after) { edges { cursor } } }`;
    const SECRET = "12 Elm Row, Northtown";
    const good = () => ({ caseId, type: "PROGRESS_NOTE", occurredAt: new Date(Date.now() - 3_600_000).toISOString(), victimExplanation: "The police are still looking into what happened." });
    const cursorOf = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
    // Written out by hand: JSON.stringify itself cannot go 5,000 deep.
    const deepJson = `${"[".repeat(5000)}${JSON.stringify(SECRET)}${"]".repeat(5000)}`;
    const raw = async (body: string, headers: Record<string, string> = {}) =>
      fetch(`${hub.url}/graphql`, {
        method: "POST",
        headers: { "Content-Type": "application/json", Authorization: `Bearer ${await hub.tokenFor(POLICE)}`, "X-Access-Purpose": "LAW_ENFORCEMENT", ...headers },
        body,
      });
    const deepBody = () => `{"query":${JSON.stringify(UPDATE)},"variables":{"input":${JSON.stringify(good()).slice(0, -1)},"internalNote":${deepJson}}}}`;
    const rows: [string, string, () => Record<string, unknown>, string | null][] = [
      ["an Int too big", LIST, () => ({ first: 2147483648 }), "first"],
      ["an Int as a string", LIST, () => ({ first: "10" }), "first"],
      ["an Int as her address", LIST, () => ({ first: SECRET }), "first"],
      ["a float for an Int", LIST, () => ({ first: 2.5 }), "first"],
      ["a page size over the limit", LIST, () => ({ first: 1000 }), "first"],
      ["a forged cursor", LIST, () => ({ after: "eyJhIjoxfQ" }), "after"],
      ["a cursor with no uuid", LIST, () => ({ after: cursorOf(["2026-01-01T00:00:00Z", "not-a-uuid"]) }), "after"],
      ["a cursor with her address", LIST, () => ({ after: cursorOf([SECRET, SECRET]) }), "after"],
      ["a lower-case enum", UPDATE, () => ({ input: { ...good(), type: "progress_note" } }), "input.type"],
      ["an unknown enum", UPDATE, () => ({ input: { ...good(), type: SECRET } }), "input.type"],
      ["an input sent as a list", UPDATE, () => ({ input: [good()] }), "input"],
      ["an input sent as text", UPDATE, () => ({ input: SECRET }), "input"],
      ["an unknown field", UPDATE, () => ({ input: { ...good(), address: SECRET } }), "input"],
      ["a __proto__ field", UPDATE, () => JSON.parse(`{"input":${JSON.stringify(good()).slice(0, -1)},"__proto__":{"x":${JSON.stringify(SECRET)}}}}`), "input"],
      ["a DateTime as empty text", UPDATE, () => ({ input: { ...good(), occurredAt: "" } }), "input.occurredAt"],
      ["a DateTime as her address", UPDATE, () => ({ input: { ...good(), occurredAt: SECRET } }), "input.occurredAt"],
      ["a DateTime as a number", UPDATE, () => ({ input: { ...good(), occurredAt: 1700000000000 } }), "input.occurredAt"],
      ["a null byte in text", UPDATE, () => ({ input: { ...good(), victimExplanation: `${SECRET}\u0000 and more` } }), "input.victimExplanation"],
      ["a bell in text", UPDATE, () => ({ input: { ...good(), internalNote: `${SECRET}\u0007` } }), "input.internalNote"],
      ["a lone surrogate in text", UPDATE, () => ({ input: { ...good(), victimExplanation: `${SECRET} \ud800 more words here` } }), "input.victimExplanation"],
      ["a required field missing", UPDATE, () => ({ input: { ...good(), victimExplanation: undefined } }), "input"],
      ["a string for a boolean", `mutation ($id: ID!) { markNotificationRead(id: $id) { __typename } }`, () => ({ id: { value: SECRET } }), "id"],
    ];
    it.each(rows)("%s", async (_name, query, variables, field) => {
      const before = hub.logs.length;
      const res = await hub.gql(POLICE, query, variables());
      expect(res.status).toBeLessThan(500);
      const problems = JSON.stringify(res.errors ?? res.data);
      expect(problems).not.toContain("INTERNAL_SERVER_ERROR");
      expect(problems).toMatch(/BAD_INPUT|BadInputError/);
      if (field && res.errors) expect(res.errors[0]!.extensions?.field).toBe(field);
      expect(problems).not.toContain("Elm Row");
      expect(hub.logs.slice(before).join("")).not.toContain("Elm Row");
    });

    it("refuses a 5,000-deep list literal in the document itself", async () => {
      const res = await hub.gql(POLICE, `query { cases(first: 1, after: ${"[".repeat(5000)}"x"${"]".repeat(5000)}) { edges { cursor } } }`);
      expect(res.status).toBe(400);
      expect(res.errors?.[0]?.extensions?.code).toBe("BAD_INPUT");
    });

    it("refuses a variable nested 5,000 deep, with or without an Idempotency-Key, without overflowing", async () => {
      for (const headers of [{}, { "Idempotency-Key": "deep-one" }] as Record<string, string>[]) {
        const before = hub.logs.length;
        const response = await raw(deepBody(), headers);
        expect(response.status).toBe(400);
        const text = await response.text();
        expect(JSON.parse(text).errors[0].extensions).toMatchObject({ code: "BAD_INPUT" });
        expect(text).not.toContain("Elm Row");
        expect(hub.logs.slice(before).join("")).not.toContain("Elm Row");
      }
      expect(await hub.db.prisma.idempotencyRecord.count()).toBe(0);
    });
  });
});
