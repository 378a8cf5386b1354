// The clock scan marks exactly the open clocks that are due, across keyset batch boundaries,
// with one outbox row per clock marked, and never marks a clock twice.
import { markBreachedBatch, scanBreachedClocks, CLOCK_SCAN_START } from "@hub/jobs";
import { createTestDatabase, makeCase, type TestDatabase } from "@hub/test-utils";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const NOW = new Date("2026-12-02T10:00:00.000Z");

let db: TestDatabase;
let caseId: string;

beforeAll(async () => {
  db = await createTestDatabase();
  const area = await db.prisma.area.create({ data: { code: "SCAN", name: "Scan test area" } });
  caseId = (await makeCase(db.prisma, { areaId: area.id })).id;
});
afterAll(async () => {
  await db?.close();
});

/**
 * n clocks in ten kinds by i % 10: 0-5 due and open (breached by a scan at NOW), 6-7 not due yet,
 * 8 due but satisfied, 9 due but already breached the day before. Due times take only three
 * values, so runs of equal dueAt straddle every batch boundary and the id breaks the ties.
 */
async function insertClocks(n: number, tag: string) {
  await db.sql.query(
    `INSERT INTO "StatutoryClock" ("caseId", duty, "owedByKind", enhanced, "startedAt", "dueAt", "satisfiedAt", "breachedAt")
     SELECT $1::uuid, $3 || '-' || (i % 10), 'POLICE', false, $2::timestamptz - interval '10 days',
       CASE WHEN i % 10 IN (6, 7) THEN $2::timestamptz + (i % 3 + 1) * interval '1 hour'
            ELSE $2::timestamptz - (i % 3 + 1) * interval '1 hour' END,
       CASE WHEN i % 10 = 8 THEN $2::timestamptz - interval '1 day' END,
       CASE WHEN i % 10 = 9 THEN $2::timestamptz - interval '1 day' END
     FROM generate_series(0, $4::int - 1) AS i`,
    [caseId, NOW.toISOString(), tag, n],
  );
}

const breachedIds = async (tag: string) =>
  (
    await db.sql.query<{ id: string }>(`SELECT id::text AS id FROM "StatutoryClock" WHERE duty LIKE $1 || '-%' AND "breachedAt" = $2::timestamptz ORDER BY id`, [
      tag,
      NOW.toISOString(),
    ])
  ).map((r) => r.id);

const outboxClockIds = async () =>
  (await db.sql.query<{ clockId: string }>(`SELECT payload->>'clockId' AS "clockId" FROM "OutboxMessage" WHERE topic = 'clock.breached' ORDER BY 1`)).map(
    (r) => r.clockId,
  );

describe("scanBreachedClocks", () => {
  it("marks exactly the due, open clocks across batch boundaries, with one outbox row each, and a second scan changes nothing", async () => {
    await insertClocks(2500, "MIX");
    // Due exactly now is not late yet.
    await db.sql.query(
      `INSERT INTO "StatutoryClock" ("caseId", duty, "owedByKind", enhanced, "startedAt", "dueAt") VALUES ($1, 'EDGE', 'CPS', true, $2::timestamptz - interval '1 day', $2::timestamptz)`,
      [caseId, NOW.toISOString()],
    );

    const first = await scanBreachedClocks(db, NOW, 1000);
    expect(first).toEqual({ breached: 1500, outboxMessages: 1500, batches: 2 });

    const perKind = await db.sql.query<{ duty: string; marked: number; total: number }>(
      `SELECT duty, count(*) FILTER (WHERE "breachedAt" = $1::timestamptz)::int AS marked, count(*)::int AS total
       FROM "StatutoryClock" GROUP BY duty ORDER BY duty`,
      [NOW.toISOString()],
    );
    expect(perKind).toEqual([
      { duty: "EDGE", marked: 0, total: 1 },
      ...[0, 1, 2, 3, 4, 5].map((k) => ({ duty: `MIX-${k}`, marked: 250, total: 250 })),
      { duty: "MIX-6", marked: 0, total: 250 },
      { duty: "MIX-7", marked: 0, total: 250 },
      { duty: "MIX-8", marked: 0, total: 250 },
      { duty: "MIX-9", marked: 0, total: 250 }, // kept its earlier breachedAt
    ]);
    const earlier = await db.sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM "StatutoryClock" WHERE duty = 'MIX-9' AND "breachedAt" = $1::timestamptz - interval '1 day'`, [
      NOW.toISOString(),
    ]);
    expect(earlier[0]!.n).toBe(250);

    const marked = await breachedIds("MIX");
    expect(marked).toHaveLength(1500);
    expect(await outboxClockIds()).toEqual(marked);

    const second = await scanBreachedClocks(db, NOW, 1000);
    expect(second).toEqual({ breached: 0, outboxMessages: 0, batches: 1 });
    expect(await breachedIds("MIX")).toEqual(marked);
    expect(await outboxClockIds()).toEqual(marked);
  });

  it("marks each clock once when several scans run at the same time", async () => {
    await db.sql.query(`DELETE FROM "OutboxMessage"`);
    await insertClocks(3000, "PAR");
    const results = await Promise.all([scanBreachedClocks(db, NOW, 300), scanBreachedClocks(db, NOW, 300), scanBreachedClocks(db, NOW, 300)]);
    expect(results.reduce((sum, r) => sum + r.breached, 0)).toBe(1800);
    const marked = await breachedIds("PAR");
    expect(marked).toHaveLength(1800);
    expect(await outboxClockIds()).toEqual(marked);
  });

  it("leaves nothing behind when the batch's transaction rolls back", async () => {
    await db.sql.query(`DELETE FROM "OutboxMessage"`);
    await insertClocks(20, "RB");
    await expect(
      db.sql.transaction(async (tx) => {
        const batch = await markBreachedBatch(tx, NOW, CLOCK_SCAN_START, 100);
        expect(batch.breached).toBe(12);
        throw new Error("worker died before commit");
      }),
    ).rejects.toThrow("worker died");
    expect(await breachedIds("RB")).toEqual([]);
    expect(await outboxClockIds()).toEqual([]);
    expect((await scanBreachedClocks(db, NOW)).breached).toBe(12);
    expect(await outboxClockIds()).toEqual(await breachedIds("RB"));
  });

  it("refuses a batch size that is not a whole number", async () => {
    await expect(scanBreachedClocks(db, NOW, 0)).rejects.toThrow(RangeError);
  });
});
