// The scans are meant to cost what is due, not what the hub holds: each batch statement must
// walk its partial index. With sequential scans priced out (the test tables are tiny, so the
// planner would otherwise read them whole), the plan must name the partial index; if someone
// changes a scan's WHERE so it no longer matches the index predicate, this fails.
import { CLOCK_SCAN_SQL, KEEP_IN_TOUCH_SCAN_SQL } from "@hub/jobs";
import { createTestDatabase, type TestDatabase } from "@hub/test-utils";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const NOW = "2026-12-02T10:00:00.000Z";
const FIRST = "00000000-0000-0000-0000-000000000000";

let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db?.close();
});

async function planOf(sql: string, params: unknown[]): Promise<string> {
  return db.sql.transaction(async (tx) => {
    await tx.query("SET LOCAL enable_seqscan = off");
    const rows = await tx.query<Record<string, unknown>>(`EXPLAIN (FORMAT JSON) ${sql}`, params);
    return JSON.stringify(rows);
  });
}

describe("scan plans", () => {
  it("the clock scan walks the open, agency-owed clocks' partial index", async () => {
    const plan = await planOf(CLOCK_SCAN_SQL, [NOW, "-infinity", FIRST, 1000]);
    expect(plan).toContain("StatutoryClock_open_due_idx");
  });

  it("the keep-in-touch scan walks open cases through their partial index", async () => {
    const plan = await planOf(KEEP_IN_TOUCH_SCAN_SQL.openCases, [FIRST, 500]);
    expect(plan).toContain("Case_open_id_idx");
  });

  it("escalation walks only open tasks, through the one-open-task partial index", async () => {
    const plan = await planOf(KEEP_IN_TOUCH_SCAN_SQL.escalate, [NOW, FIRST, FIRST, 1000]);
    expect(plan).toContain("KeepInTouchTask_one_open_per_case_org");
  });
});
