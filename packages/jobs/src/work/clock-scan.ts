// The clock scan: marks Victims' Code deadlines that passed unmet. Set-based, in keyset
// batches over the partial index "StatutoryClock_open_due_idx" ("dueAt", id WHERE not
// satisfied, not breached, not stopped and owed by an agency: the victim's own VRR window runs out, it is
// never breached), so its cost follows the number of open clocks that are due,
// never the number of clocks or cases. Each batch is one statement: the mark and its outbox
// rows commit together or not at all, and a clock already marked is never marked again.
import type { Database, SqlRunner } from "@hub/db";

/** Where a keyset scan of open clocks has got to: the last ("dueAt", id) it took. */
export interface ClockCursor {
  /** The clock's dueAt as PostgreSQL printed it (text, so no precision is lost on the way). */
  dueAt: string;
  id: string;
}

export const CLOCK_SCAN_START: ClockCursor = { dueAt: "-infinity", id: "00000000-0000-0000-0000-000000000000" };

export interface ClockBatchResult {
  /** Clocks this batch marked breached (each got exactly one "clock.breached" outbox row). */
  breached: number;
  /** The last clock taken, or null when the batch took none. */
  cursor: ClockCursor | null;
}

export interface ClockScanResult {
  breached: number;
  outboxMessages: number;
  batches: number;
}

// One statement: lock the next batch of due, open clocks (skipping any another scanner holds),
// mark them, and write one outbox row per clock marked. FOR UPDATE re-checks the conditions on
// the locked row, so a clock satisfied or marked meanwhile is left alone.
const MARK_BATCH = `
WITH marked AS (
  UPDATE "StatutoryClock" SET "breachedAt" = $1::timestamptz
  WHERE id IN (
    SELECT id FROM "StatutoryClock"
    WHERE "satisfiedAt" IS NULL AND "breachedAt" IS NULL AND "stoppedAt" IS NULL AND "owedByKind" IS NOT NULL AND "dueAt" < $1::timestamptz
      AND ("dueAt", id) > ($2::timestamptz, $3::uuid)
    ORDER BY "dueAt", id
    LIMIT $4
    FOR UPDATE SKIP LOCKED
  )
  RETURNING id, "dueAt"
), queued AS (
  INSERT INTO "OutboxMessage" (topic, payload)
  SELECT 'clock.breached', jsonb_build_object('clockId', id) FROM marked
  RETURNING id
)
SELECT (SELECT count(*) FROM marked)::int AS breached,
       (SELECT count(*) FROM queued)::int AS queued,
       last."dueAt"::text AS "lastDueAt", last.id::text AS "lastId"
FROM (SELECT 1) AS one
LEFT JOIN LATERAL (SELECT "dueAt", id FROM marked ORDER BY "dueAt" DESC, id DESC LIMIT 1) AS last ON true`;

/**
 * Marks one batch: up to `batchSize` open clocks due before `now`, after `cursor`. Exported so
 * a caller can run it inside its own transaction (the worker fault tests do).
 */
export async function markBreachedBatch(sql: SqlRunner, now: Date, cursor: ClockCursor, batchSize: number): Promise<ClockBatchResult> {
  const [row] = await sql.query<{ breached: number; queued: number; lastDueAt: string | null; lastId: string | null }>(MARK_BATCH, [
    now.toISOString(),
    cursor.dueAt,
    cursor.id,
    batchSize,
  ]);
  if (!row) throw new Error("The clock scan returned no summary row.");
  if (row.breached !== row.queued) throw new Error("The clock scan wrote a different number of outbox rows than clocks it marked.");
  return { breached: row.breached, cursor: row.lastDueAt && row.lastId ? { dueAt: row.lastDueAt, id: row.lastId } : null };
}

/**
 * Marks `breachedAt = now` on every clock not satisfied, not yet marked and due before `now`,
 * with one "clock.breached" outbox row ({ clockId }) per clock, in the same transaction as its
 * mark. Running it again marks nothing new. Safe to run from several workers at once.
 */
export async function scanBreachedClocks(db: Database, now: Date, batchSize = 1000): Promise<ClockScanResult> {
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new RangeError("batchSize must be a whole number, 1 or more.");
  let cursor = CLOCK_SCAN_START;
  let breached = 0;
  let batches = 0;
  for (;;) {
    const batch = await markBreachedBatch(db.sql, now, cursor, batchSize);
    batches += 1;
    breached += batch.breached;
    // Fewer than a full batch means nothing unlocked is left after the cursor.
    if (batch.breached < batchSize || !batch.cursor) break;
    cursor = batch.cursor;
  }
  return { breached, outboxMessages: breached, batches };
}

/** The marking statement ($1 now, $2 after dueAt, $3 after id, $4 batch size), for the plan test. */
export const CLOCK_SCAN_SQL = MARK_BATCH;
