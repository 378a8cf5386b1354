// The outbox: work to do after a commit, written in the same transaction as the event that
// causes it (a clock breached, a keep-in-touch task created or escalated). The drain claims
// pending rows through the partial index "OutboxMessage_pending_idx" with FOR UPDATE SKIP
// LOCKED, so several workers share the rows without taking the same one twice, and marks a row
// processed in the same transaction as the handler's own database writes: both happen, or
// neither does and the row is retried on the next drain.
import type { Database, SqlRunner } from "@hub/db";

export interface OutboxMessage {
  /** The row's id (a bigint, as text). */
  id: string;
  topic: string;
  /** Identifiers only, e.g. { clockId } or { taskId }. */
  payload: Record<string, unknown>;
  createdAt: Date;
}

/**
 * Handles one message. `tx` is the drain's transaction: writes made through it commit with the
 * message's processedAt, or roll back with it if the handler throws. A handler with effects
 * outside the database (an email) must make them idempotent itself, keyed by the message id.
 * Write through `tx` only, never through db.prisma: on embedded PGlite (one connection) a
 * second connection's query would wait for this transaction, which waits for the handler.
 */
export type OutboxHandler = (message: OutboxMessage, tx: SqlRunner) => Promise<void>;

export interface OutboxDrainResult {
  processed: number;
  /** Handler failures this drain; those rows stay pending and are retried next time. */
  failed: number;
  batches: number;
}

/**
 * A handler that acknowledges every message and does nothing else. The hub runs
 * notifyOutboxHandler (notify.ts), which turns each message into notification rows; this one
 * is for tests of the drain itself and for draining a backlog nobody should be told about.
 */
export const acknowledgeOnly: OutboxHandler = async () => {};

const CLAIM = `
SELECT m.id::text AS id, m.topic, m.payload, m."createdAt"
FROM "OutboxMessage" m
WHERE m."processedAt" IS NULL AND m.id > $1::bigint
ORDER BY m.id
LIMIT $2
FOR UPDATE SKIP LOCKED`;

/**
 * Runs `handle` on every pending outbox message, in batches of `batchSize` (one transaction per
 * batch, a savepoint per message). A handler that throws leaves its message pending (and its
 * own writes undone); the drain goes on past it, so one bad message never blocks the others.
 */
export async function drainOutbox(
  db: Database,
  handle: OutboxHandler,
  batchSize = 100,
  onFailure: (message: Pick<OutboxMessage, "id" | "topic">, error: unknown) => void = () => {},
): Promise<OutboxDrainResult> {
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new RangeError("batchSize must be a whole number, 1 or more.");
  const result: OutboxDrainResult = { processed: 0, failed: 0, batches: 0 };
  let cursor = "0";
  for (;;) {
    const batch = await db.sql.transaction(async (tx) => {
      const rows = await tx.query<{ id: string; topic: string; payload: unknown; createdAt: Date }>(CLAIM, [cursor, batchSize]);
      const done: string[] = [];
      let failed = 0;
      for (const row of rows) {
        const message: OutboxMessage = {
          id: row.id,
          topic: row.topic,
          payload: (typeof row.payload === "string" ? JSON.parse(row.payload) : row.payload) as Record<string, unknown>,
          createdAt: new Date(row.createdAt),
        };
        await tx.query("SAVEPOINT outbox_message");
        try {
          await handle(message, tx);
          await tx.query("RELEASE SAVEPOINT outbox_message");
          done.push(message.id);
        } catch (error) {
          await tx.query("ROLLBACK TO SAVEPOINT outbox_message");
          await tx.query("RELEASE SAVEPOINT outbox_message");
          failed += 1;
          onFailure({ id: message.id, topic: message.topic }, error);
        }
      }
      if (done.length) await tx.query(`UPDATE "OutboxMessage" SET "processedAt" = now() WHERE id = ANY($1::bigint[])`, [done]);
      return { claimed: rows.length, lastId: rows.at(-1)?.id, processed: done.length, failed };
    });
    result.batches += 1;
    result.processed += batch.processed;
    result.failed += batch.failed;
    if (batch.claimed < batchSize || !batch.lastId) break;
    cursor = batch.lastId;
  }
  return result;
}
