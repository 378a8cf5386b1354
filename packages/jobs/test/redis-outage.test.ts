// Redis going away is said plainly (issue #13): the queue notices once, the worker's status is
// degraded with the work waiting in the outbox (nothing due is lost: it is all in PostgreSQL),
// and when Redis answers again the queue says so once. A Redis server of the test's own, on a
// port of its own, so stopping it disturbs nobody else. PostgreSQL only for the outbox count
// (any engine would do; one is enough).
import { type ChildProcess, spawn } from "node:child_process";
import { connect, createServer } from "node:net";
import { createBullQueue, createHubWorker } from "@hub/jobs";
import { createTestDatabase, type TestDatabase } from "@hub/test-utils";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { captureLogger, type LogLine, waitFor } from "./support.js";

// A free port outside the range the system hands out for port 0 (Linux: 32768-60999), so that
// while this Redis is stopped no other test's server can be given its port: bull connects
// without a ready check, so any listener there would look like Redis coming back.
const freePort = async (): Promise<number> => {
  for (;;) {
    const port = 20_000 + Math.floor(Math.random() * 12_000);
    const free = await new Promise<boolean>((resolve) => {
      const s = createServer()
        .once("error", () => resolve(false))
        .listen(port, "127.0.0.1", () => s.close(() => resolve(true)));
    });
    if (free) return port;
  }
};

describe("a Redis outage", () => {
  let db: TestDatabase;
  let port: number;
  let redis: ChildProcess | undefined;
  const listening = () =>
    new Promise<boolean>((ok) => {
      const socket = connect(port, "127.0.0.1");
      socket.once("connect", () => {
        socket.destroy();
        ok(true);
      });
      socket.once("error", () => ok(false));
    });
  const startRedis = async () => {
    redis = spawn("redis-server", ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"], { stdio: "ignore" });
    await waitFor(listening, 10_000, "redis-server to listen");
  };
  const stopRedis = async () => {
    const exited = new Promise((r) => redis!.once("exit", r));
    redis!.kill("SIGKILL");
    await exited;
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    port = await freePort();
    await startRedis();
  });
  afterAll(async () => {
    if (redis && redis.exitCode === null && redis.signalCode === null) await stopRedis();
    await db?.close();
  });

  it("is noticed once, reported as degraded with the outbox waiting, and noticed again when Redis is back", async () => {
    const changes: boolean[] = [];
    const queue = createBullQueue(`redis://127.0.0.1:${port}`, { prefix: "hub-outage", onAvailability: (available) => changes.push(available) });
    const lines: LogLine[] = [];
    const worker = createHubWorker({ db, queue, logger: captureLogger(lines), intervalMs: 60_000 });
    await worker.start({ schedule: false });
    try {
      await waitFor(() => queue.available(), 10_000, "the queue to connect");
      expect(await worker.status()).toMatchObject({ degraded: false, queue: "bull", available: true });
      await db.sql.query(`INSERT INTO "OutboxMessage" (topic, payload) VALUES ('clock.breached', '{"clockId":"00000000-0000-4000-8000-000000000000"}')`);

      await stopRedis();
      await waitFor(() => changes.includes(false), 15_000, "the queue to notice Redis has gone");
      expect(await worker.status()).toEqual({ degraded: true, queue: "bull", available: false, outboxWaiting: 1 });
      await new Promise((r) => setTimeout(r, 1500)); // reconnect attempts meanwhile say nothing more
      expect(changes).toEqual([false]);

      await startRedis();
      await waitFor(() => changes.at(-1) === true, 20_000, "the queue to notice Redis is back");
      expect(changes).toEqual([false, true]);
      expect((await worker.status()).degraded).toBe(false);
    } finally {
      await worker.stop();
    }
  }, 60_000);

  it("says once that Redis cannot be reached when it is not there at start, and not while it is still connecting", async () => {
    const changes: boolean[] = [];
    const nobody = await freePort(); // nothing listens there
    const queue = createBullQueue(`redis://127.0.0.1:${nobody}`, { prefix: "hub-outage-start", onAvailability: (available) => changes.push(available) });
    for (const name of ["first", "second", "third"]) queue.define(name, async () => {});
    try {
      await waitFor(() => changes.length > 0, 15_000, "the queue to say Redis is not there");
      await new Promise((r) => setTimeout(r, 1000)); // reconnect attempts meanwhile say nothing more
      expect(changes).toEqual([false]);
      expect(queue.available()).toBe(false);
    } finally {
      await queue.close().catch(() => {});
    }
  }, 30_000);
});
