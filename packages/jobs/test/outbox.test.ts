// The outbox drain: a message is processed in the same transaction as its handler's writes, a
// failing handler leaves it pending (with its writes undone) without blocking the others, and
// concurrent drains never hand the same message to two handlers.
import { acknowledgeOnly, drainOutbox, type OutboxHandler } from "@hub/jobs";
import { createTestDatabase, type TestDatabase } from "@hub/test-utils";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase();
  // Stands in for what a real handler writes (a notification row, later).
  await db.sql.exec(`CREATE TABLE test_outbox_effect (message_id bigint PRIMARY KEY, topic text NOT NULL)`);
});
afterAll(async () => {
  await db?.close();
});
beforeEach(async () => {
  await db.sql.exec(`DELETE FROM test_outbox_effect; DELETE FROM "OutboxMessage";`);
});

async function addMessages(topics: string[]) {
  await db.sql.query(
    `INSERT INTO "OutboxMessage" (topic, payload) SELECT t, jsonb_build_object('clockId', gen_random_uuid()) FROM unnest($1::text[]) WITH ORDINALITY AS x(t, n) ORDER BY n`,
    [topics],
  );
}
const pending = async () => (await db.sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM "OutboxMessage" WHERE "processedAt" IS NULL`))[0]!.n;
const effects = async () => (await db.sql.query<{ topic: string; n: number }>(`SELECT topic, count(*)::int AS n FROM test_outbox_effect GROUP BY topic ORDER BY topic`));

/** Writes its effect through the drain's transaction; throws for "poison" after writing. */
const recording: OutboxHandler = async (message, tx) => {
  await tx.query(`INSERT INTO test_outbox_effect (message_id, topic) VALUES ($1::bigint, $2)`, [message.id, message.topic]);
  if (message.topic === "poison") throw new Error("handler failed");
};

describe("drainOutbox", () => {
  it("processes every pending message once, with the handler's writes in the same transaction", async () => {
    await addMessages(Array.from({ length: 25 }, (_, i) => (i % 2 ? "clock.breached" : "keep-in-touch.created")));
    const seen: unknown[] = [];
    const result = await drainOutbox(db, async (message, tx) => {
      seen.push(message.payload);
      await recording(message, tx);
    }, 10);
    expect(result).toEqual({ processed: 25, failed: 0, batches: 3 });
    expect(seen.every((p) => typeof (p as { clockId?: unknown }).clockId === "string")).toBe(true);
    expect(await pending()).toBe(0);
    expect(await effects()).toEqual([
      { topic: "clock.breached", n: 12 },
      { topic: "keep-in-touch.created", n: 13 },
    ]);
    expect(await drainOutbox(db, recording, 10)).toEqual({ processed: 0, failed: 0, batches: 1 });
    expect((await effects()).reduce((s, e) => s + e.n, 0)).toBe(25);
  });

  it("leaves a failing message pending with its writes undone, and goes on past it", async () => {
    // Poison at the head of every batch: the drain must still reach the good ones behind them.
    await addMessages(["poison", "poison", "ok", "poison", "ok", "ok", "ok"]);
    const failures: string[] = [];
    const result = await drainOutbox(db, recording, 2, (m) => failures.push(m.topic));
    expect(result).toEqual({ processed: 4, failed: 3, batches: 4 });
    expect(failures).toEqual(["poison", "poison", "poison"]);
    expect(await effects()).toEqual([{ topic: "ok", n: 4 }]);
    expect(await pending()).toBe(3);

    // Retried next time: once the handler copes, they are processed, exactly once.
    const fixed: OutboxHandler = async (message, tx) => {
      await tx.query(`INSERT INTO test_outbox_effect (message_id, topic) VALUES ($1::bigint, $2)`, [message.id, message.topic]);
    };
    expect(await drainOutbox(db, fixed, 2)).toEqual({ processed: 3, failed: 0, batches: 2 });
    expect(await effects()).toEqual([
      { topic: "ok", n: 4 },
      { topic: "poison", n: 3 },
    ]);
    expect(await pending()).toBe(0);
  });

  it("hands each message to one handler when several drains run at once", async () => {
    await addMessages(Array.from({ length: 300 }, () => "clock.breached"));
    const slowRecording: OutboxHandler = async (message, tx) => {
      await recording(message, tx);
      if (Number(message.id) % 50 === 0) await new Promise((r) => setTimeout(r, 5));
    };
    const results = await Promise.all([drainOutbox(db, slowRecording, 40), drainOutbox(db, slowRecording, 40), drainOutbox(db, slowRecording, 40)]);
    expect(results.reduce((s, r) => s + r.processed, 0)).toBe(300);
    // The primary key on message_id would have refused a second handling; count them anyway.
    expect(await effects()).toEqual([{ topic: "clock.breached", n: 300 }]);
    expect(await pending()).toBe(0);
  });

  it("the hub's default handler acknowledges messages and writes nothing else", async () => {
    await addMessages(["clock.breached", "keep-in-touch.escalated"]);
    expect(await drainOutbox(db, acknowledgeOnly)).toEqual({ processed: 2, failed: 0, batches: 1 });
    expect(await pending()).toBe(0);
    expect(await effects()).toEqual([]);
  });
});
