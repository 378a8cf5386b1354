// Issue #5: the clock scan at scale, on PostgreSQL. With up to 1,000,000 open clocks (a tiny
// fraction due) it prints (a) the hub's scan, in keyset batches with an outbox row per clock,
// against one plain set-based UPDATE making the same selection on an identical copy of the
// table, as a ratio; and (b) the scan with nothing due at 100,000 and at 1,000,000 open clocks,
// which should be flat (the partial index is read only where something is due).
import type { Database } from "@hub/db";
import { scanBreachedClocks } from "@hub/jobs";
import { median } from "./stats.js";

const TARGET = 1_000_000;
const FIRST = 100_000;
const CHUNK = 100_000;
/** Stop growing the table when building it has taken this long (2-core machines). */
const BUILD_BUDGET_MS = 70_000;
const DUE = 2_000;
const RUNS = 7;
const EMPTY_RUNS = 51;

const fmt = (n: number) => n.toLocaleString("en-GB");

export async function benchClockScan(db: Database, label: string): Promise<void> {
  if (db.kind !== "postgres") {
    console.log(`[${label}] clock scan: skipped (PostgreSQL only; a million clocks in embedded PGlite take too long to build)`);
    return;
  }
  const caseIds = (await db.sql.query<{ id: string }>(`SELECT id::text AS id FROM "Case" ORDER BY id LIMIT 5`)).map((r) => r.id);
  if (caseIds.length === 0) throw new Error("The clock scan bench reuses real cases: seed the demo partnership first.");
  const now = new Date();
  // Anything already due (from the seed) is marked first, so that "nothing due" is true; its
  // outbox rows stay. Everything the bench adds after this is removed at the end.
  await scanBreachedClocks(db, now);
  const maxOutbox = (await db.sql.query<{ id: string }>(`SELECT coalesce(max(id), 0)::text AS id FROM "OutboxMessage"`))[0]!.id;

  // Open clocks, not due: due between 1 and 30 days from now, spread to the millisecond.
  const insertOpen = (from: number, to: number) =>
    db.sql.query(
      `INSERT INTO "StatutoryClock" ("caseId", duty, "owedByKind", enhanced, "startedAt", "dueAt")
       SELECT ($1::uuid[])[1 + i % cardinality($1::uuid[])], 'BENCH', 'POLICE', false, $2::timestamptz - interval '1 day',
              $2::timestamptz + interval '1 day' + (i % 29) * interval '1 day' + (i % 86400000) * interval '1 millisecond'
       FROM generate_series($3::int, $4::int) AS i`,
      [caseIds, now.toISOString(), from, to],
    );
  const nothingDue = async () => {
    const samples: number[] = [];
    for (let i = 0; i < EMPTY_RUNS; i++) {
      const t0 = performance.now();
      const r = await scanBreachedClocks(db, now);
      samples.push(performance.now() - t0);
      if (r.breached !== 0) throw new Error("The bench expected nothing to be due.");
    }
    return median(samples);
  };

  try {
    const built = performance.now();
    await insertOpen(1, FIRST);
    await db.sql.exec(`VACUUM ANALYZE "StatutoryClock"`);
    const emptySmall = await nothingDue();

    let n = FIRST;
    while (n < TARGET && performance.now() - built < BUILD_BUDGET_MS) {
      await insertOpen(n + 1, n + CHUNK);
      n += CHUNK;
    }
    await db.sql.exec(`VACUUM ANALYZE "StatutoryClock"`);
    const emptyLarge = await nothingDue();
    const buildSeconds = (performance.now() - built) / 1000;
    const scale = n < TARGET ? ` (only ${fmt(n)} built: 1,000,000 did not fit the ${BUILD_BUDGET_MS / 1000} s budget)` : "";

    // A tiny fraction due: DUE clocks, due within the last two days.
    await db.sql.query(
      `INSERT INTO "StatutoryClock" ("caseId", duty, "owedByKind", enhanced, "startedAt", "dueAt")
       SELECT ($1::uuid[])[1 + i % cardinality($1::uuid[])], 'BENCH', 'POLICE', true, $2::timestamptz - interval '3 days',
              $2::timestamptz - (1 + i % 172800) * interval '1 second'
       FROM generate_series(1, $3::int) AS i`,
      [caseIds, now.toISOString(), DUE],
    );
    await db.sql.exec(`
      DROP TABLE IF EXISTS bench_clock_copy;
      CREATE TABLE bench_clock_copy (LIKE "StatutoryClock" INCLUDING DEFAULTS INCLUDING INDEXES);
      INSERT INTO bench_clock_copy SELECT * FROM "StatutoryClock";`);
    // VACUUM refuses to run inside the transaction a multi-statement string gets.
    await db.sql.exec(`VACUUM ANALYZE "StatutoryClock"`);
    await db.sql.exec(`VACUUM ANALYZE bench_clock_copy`);

    const reset = async () => {
      await db.sql.query(`UPDATE "StatutoryClock" SET "breachedAt" = NULL WHERE duty = 'BENCH' AND "breachedAt" = $1::timestamptz`, [now.toISOString()]);
      await db.sql.query(`UPDATE bench_clock_copy SET "breachedAt" = NULL WHERE duty = 'BENCH' AND "breachedAt" = $1::timestamptz`, [now.toISOString()]);
      await db.sql.query(`DELETE FROM "OutboxMessage" WHERE id > $1::bigint`, [maxOutbox]);
    };
    const hub: number[] = [];
    const plain: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      await reset();
      let t0 = performance.now();
      const r = await scanBreachedClocks(db, now);
      hub.push(performance.now() - t0);
      if (r.breached !== DUE) throw new Error(`The scan marked ${r.breached} clocks, not ${DUE}.`);
      t0 = performance.now();
      const marked = await db.sql.query(
        `UPDATE bench_clock_copy SET "breachedAt" = $1::timestamptz
         WHERE "satisfiedAt" IS NULL AND "breachedAt" IS NULL AND "stoppedAt" IS NULL AND "owedByKind" IS NOT NULL AND "dueAt" < $1::timestamptz RETURNING id`,
        [now.toISOString()],
      );
      plain.push(performance.now() - t0);
      if (marked.length !== DUE) throw new Error(`The plain UPDATE marked ${marked.length} clocks, not ${DUE}.`);
    }
    const h = median(hub);
    const p = median(plain);
    console.log(
      `[${label}] clock scan, ${fmt(n)} open clocks, ${fmt(DUE)} due: hub scan (batches of 1,000, one outbox row per clock) ${h.toFixed(1)} ms, ` +
        `one plain UPDATE on an identical copy ${p.toFixed(1)} ms (ratio ${(h / p).toFixed(2)}; medians of ${RUNS})${scale}`,
    );
    console.log(
      `[${label}] clock scan with nothing due: ${fmt(FIRST)} open clocks ${emptySmall.toFixed(3)} ms, ${fmt(n)} open clocks ${emptyLarge.toFixed(3)} ms ` +
        `(ratio ${(emptyLarge / emptySmall).toFixed(2)}; medians of ${EMPTY_RUNS}; table built in ${buildSeconds.toFixed(0)} s)${scale}`,
    );
  } finally {
    await db.sql.exec(`DROP TABLE IF EXISTS bench_clock_copy`);
    await db.sql.query(`DELETE FROM "OutboxMessage" WHERE id > $1::bigint`, [maxOutbox]);
    await db.sql.exec(`DELETE FROM "StatutoryClock" WHERE duty = 'BENCH'`);
  }
}
