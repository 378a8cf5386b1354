// The hub worker: the same handlers in-process (embedded mode) and on bull; the scheduler's
// rounds collapse and repeat without duplicating anything; and losing everything in Redis
// between the commit of due work and its processing loses nothing, because the due work is in
// PostgreSQL and the next scheduled round finds it.
import { randomBytes } from "node:crypto";
import { createBullQueue, createHubWorker, createInProcessQueue, JobPayloadError, runKey } from "@hub/jobs";
import { createTestDatabase, makeCase, makeConsent, makeOrganisation, makeUser, testEngine, type TestDatabase } from "@hub/test-utils";
import Bull from "bull";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { captureLogger, clockState, insertDueClock, type LogLine, redisDatabase, removeQueueKeys, sleep, waitFor } from "./support.js";

const NOW = new Date("2026-12-02T10:00:00.000Z");

let db: TestDatabase;
let areaId: string;

beforeAll(async () => {
  db = await createTestDatabase();
  areaId = (await db.prisma.area.create({ data: { code: "WRK", name: "Worker test area" } })).id;
});
afterAll(async () => {
  await db?.close();
});

const runsOf = (lines: LogLine[], job: string) => lines.filter((l) => l.msg === "background job done" && l.job === job);

describe("createHubWorker", () => {
  it("runs the same handlers in-process: scan, keep-in-touch and the outbox drain, once however many rounds", async () => {
    const org = await makeOrganisation(db.prisma, { kind: "ISVA_SERVICE", areaIds: [areaId] });
    const contact = await makeUser(db.prisma, org.id, ["ADVOCATE"]);
    // Her ISVA is on the case and she lets it have her contact details: it keeps her informed.
    const made = await makeCase(db.prisma, { areaId, openedAt: new Date(NOW.getTime() - 30 * 86_400_000), involve: [{ organisationId: org.id }] });
    await makeConsent(db.prisma, { victimId: made.victimId, capturedByUserId: contact.id, capturedByOrganisationId: org.id, statements: [{ category: "CONTACT_DETAILS", to: { organisationId: org.id } }] });
    await db.prisma.victimContactContract.create({
      data: { victimId: made.victimId, channels: [], refusedChannels: [], safeDays: [], updateFrequency: "EVERY_WEEK", namedContactUserId: contact.id, agreedByUserId: contact.id, agreedByOrganisationId: org.id },
    });
    const clockId = await insertDueClock(db, made.id, NOW);

    const lines: LogLine[] = [];
    const worker = createHubWorker({ db, queue: createInProcessQueue(), logger: captureLogger(lines), now: () => NOW, intervalMs: 100 });
    try {
      await worker.start();
      await waitFor(() => runsOf(lines, "clocks.scan").length >= 4 && runsOf(lines, "keep-in-touch.schedule").length >= 4, 15_000, "four scheduled rounds");
      await waitFor(async () => (await clockState(db, clockId)).outboxProcessed === 1, 5_000, "the outbox drain");
    } finally {
      await worker.stop();
    }
    expect(await clockState(db, clockId)).toEqual({ breachedAt: NOW, outboxRows: 1, outboxProcessed: 1 });
    const tasks = await db.prisma.keepInTouchTask.findMany({ where: { caseId: made.id } });
    expect(tasks.map((t) => [t.organisationId, t.assignedToUserId, t.status])).toEqual([[org.id, contact.id, "OPEN"]]);
    const pending = await db.sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM "OutboxMessage" WHERE "processedAt" IS NULL`);
    expect(pending[0]!.n).toBe(0);
    // The log says what was done, in counts and identifiers only.
    expect(runsOf(lines, "clocks.scan").find((l) => l.breached === 1)).toMatchObject({ job: "clocks.scan", breached: 1, level: "info" });
    expect(JSON.stringify(lines)).not.toMatch(/CANARY/);
  });

  it("enqueues identifiers only, one job per period", async () => {
    expect(runKey(Date.parse("2026-11-28T15:05:42.123Z"), 60_000)).toBe("20261128T150500.000Z");
    const seen: { name: string; jobId?: string; payload: unknown }[] = [];
    const queue = createInProcessQueue();
    const recordingQueue = {
      ...queue,
      enqueue: async (name: string, payload: Record<string, string | number>, options?: { jobId?: string }) => {
        seen.push({ name, jobId: options?.jobId, payload });
        return queue.enqueue(name, payload, options);
      },
    };
    const worker = createHubWorker({ db, queue: recordingQueue, logger: captureLogger([]), now: () => NOW, intervalMs: 3_600_000 });
    await worker.tick();
    await worker.tick();
    await worker.stop();
    const run = runKey(Date.now(), 3_600_000);
    expect(seen.slice(0, 8).map((s) => s.jobId)).toEqual(
      ["clocks.scan", "keep-in-touch.schedule", "keep-in-touch.escalate", "outbox.drain", "clocks.scan", "keep-in-touch.schedule", "keep-in-touch.escalate", "outbox.drain"].map(
        (name) => `${name}-${run}`,
      ),
    );
    expect(seen.every((s) => JSON.stringify(s.payload) === JSON.stringify({ run }))).toBe(true);
    // The identifier rule stands between the scheduler and any payload.
    await expect(queue.enqueue("clocks.scan", { run: "2026-11-28 15:05" })).rejects.toThrow(JobPayloadError);
  });

  // FLUSHDB on a numbered Redis database of this test's own, not FLUSHALL: FLUSHALL would also
  // wipe the queues of the test files running beside this one (job-queue.test.ts), and for the
  // queue under test the effect is the same: everything it had in Redis is gone.
  it("loses nothing when Redis loses everything between the commit of due work and its processing", async () => {
    const redisUrl = redisDatabase(testEngine() === "postgres" ? 14 : 15);
    const prefix = `hub-flush-${randomBytes(4).toString("hex")}`;
    const made = await makeCase(db.prisma, { areaId });
    const clockId = await insertDueClock(db, made.id, NOW); // the due work, committed
    const lines: LogLine[] = [];
    const worker = createHubWorker({ db, queue: createBullQueue(redisUrl, { prefix }), logger: captureLogger(lines), now: () => NOW, intervalMs: 300 });
    const probe = new Bull("clocks.scan", redisUrl, { prefix });
    try {
      // Its job is queued, and no worker has picked it up yet.
      const queued = createBullQueue(redisUrl, { prefix });
      queued.define("clocks.scan", async () => {});
      await queued.enqueue("clocks.scan", { run: "before-flush" }, { jobId: "clocks.scan-before-flush" });
      await queued.close();
      expect((await probe.getJobCounts()).waiting).toBe(1);

      await probe.client.flushdb();
      expect((await probe.getJobCounts()).waiting).toBe(0);

      // A worker with no scheduler has nothing to do: the job really is gone.
      await worker.start({ schedule: false });
      await sleep(1_000);
      expect(await clockState(db, clockId)).toEqual({ breachedAt: null, outboxRows: 0, outboxProcessed: 0 });
      expect(runsOf(lines, "clocks.scan")).toEqual([]);

      // The next scheduled round finds the clock in PostgreSQL and marks it, once.
      worker.startScheduler();
      await waitFor(() => runsOf(lines, "clocks.scan").length >= 3, 15_000, "three scheduled scans");
      await waitFor(async () => (await clockState(db, clockId)).outboxProcessed === 1, 5_000, "the outbox drain");
    } finally {
      await worker.stop();
      await probe.close();
      await removeQueueKeys(redisUrl, prefix);
    }
    expect(await clockState(db, clockId)).toEqual({ breachedAt: NOW, outboxRows: 1, outboxProcessed: 1 });
    expect(runsOf(lines, "clocks.scan").filter((l) => l.breached === 1)).toHaveLength(1);
  });
});
