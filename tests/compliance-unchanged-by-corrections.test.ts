// The compliance report counts events, not records of them: correcting an update (a
// superseding update with the right time) moves its clock, so the report after a correction
// is the report after the original, never one breach or one clock more.
import { scanBreachedClocks } from "@hub/jobs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AUDITOR, startTestHub, type TestHub } from "./support/test-hub.js";

const OFFICER = "officer@northshire-police.example.org";
const REPORT = `query ($from: DateTime!, $to: DateTime!) {
  complianceReport(from: $from, to: $to) { areaId organisationId duty suppressed clocks onTime late breachedOpen stillOpen onTimePercent medianWorkingDays }
}`;
const UPDATE = `mutation ($input: RecordCaseUpdateInput!) { recordCaseUpdate(input: $input) { __typename ... on CaseUpdate { id } ... on Error { message } } }`;
const PERIOD = { from: "2025-04-01T00:00:00.000Z", to: "2030-01-01T00:00:00.000Z" };
const EXPLAIN = "The police arrested a man and questioned him about what happened to you.";
const DAY = 86_400_000;
const HOUR = 3_600_000;
const ago = (ms: number) => new Date(Date.now() - ms).toISOString();

describe("the compliance report is unchanged by corrections", () => {
  let hub: TestHub;
  let caseId: string;
  beforeAll(async () => {
    hub = await startTestHub();
    caseId = (await hub.db.prisma.case.findFirstOrThrow({ where: { policeUrn: "41NS0102325" } })).id;
  });
  afterAll(async () => {
    await hub.close();
  });

  const report = async () => {
    await scanBreachedClocks(hub.db, new Date());
    const res = await hub.gql(AUDITOR, REPORT, PERIOD, "COMPLIANCE_MONITORING");
    expect(res.errors).toBeUndefined();
    return res.data!.complianceReport as { organisationId: string; duty: string; clocks: number | null; breachedOpen: number | null }[];
  };
  const arrest = async (occurredAt: string, supersedesId?: string) => {
    const res = (await hub.gql(OFFICER, UPDATE, { input: { caseId, type: "SUSPECT_ARRESTED", occurredAt, victimExplanation: EXPLAIN, ...(supersedesId ? { supersedesId } : {}) } })).data!.recordCaseUpdate;
    expect(res.__typename).toBe("CaseUpdate");
    return res.id as string;
  };

  it("counts an open clock once, however many times its update is corrected", async () => {
    const before = await report();
    const first = await arrest(ago(2 * HOUR));
    const afterOriginal = await report();
    // The arrest is counted (the report changed), so the comparisons below can fail.
    expect(afterOriginal).not.toEqual(before);
    const second = await arrest(ago(3 * HOUR), first);
    expect(await report()).toEqual(afterOriginal);
    await arrest(ago(4 * HOUR), second);
    expect(await report()).toEqual(afterOriginal);
  });

  it("counts a late arrest's breach once when a correction keeps it late, and the corrected clock is the only one", async () => {
    const chainClocks = (ids: string[]) => hub.db.prisma.statutoryClock.findMany({ where: { startedByUpdateId: { in: ids }, duty: "RIGHT_6_POLICE_UPDATE" } });
    const late = await arrest(ago(12 * DAY));
    const afterOriginal = await report();
    expect((await chainClocks([late])).map((c) => c.breachedAt !== null)).toEqual([true]);
    // Still late: the same report, one breach not two, on the correction's clock.
    const stillLate = await arrest(ago(11 * DAY), late);
    expect(await report()).toEqual(afterOriginal);
    expect((await chainClocks([late, stillLate])).map((c) => [c.startedByUpdateId, c.breachedAt !== null])).toEqual([[stillLate, true]]);
    // It was this morning after all: the clock moves and the breach its new deadline has not reached is undone.
    const inTime = await arrest(ago(2 * HOUR), stillLate);
    await report();
    expect((await chainClocks([late, stillLate, inTime])).map((c) => [c.startedByUpdateId, c.breachedAt])).toEqual([[inTime, null]]);
  });
});
