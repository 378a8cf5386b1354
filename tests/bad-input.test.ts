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
});
