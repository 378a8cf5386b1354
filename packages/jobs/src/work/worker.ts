// The hub's background worker: the same four jobs on bull (REDIS_URL set) or in-process
// (embedded mode). Every job is a set-based pass over PostgreSQL, where the due work lives, so
// a job lost with Redis, or a worker killed mid-job (its transaction never commits), costs
// nothing: the next period's job finds the same rows and does the work once.
import { describeError, type Logger } from "@hub/config";
import { type Database, sealAuditLog } from "@hub/db";
import type { JobQueue } from "../job-queue.js";
import { scanBreachedClocks } from "./clock-scan.js";
import { escalateOverdueKeepInTouch, scheduleKeepInTouch } from "./keep-in-touch.js";
import { notifyOutboxHandler } from "./notify.js";
import { drainOutbox, type OutboxHandler } from "./outbox.js";

export const HUB_JOBS = ["clocks.scan", "keep-in-touch.schedule", "keep-in-touch.escalate", "outbox.drain"] as const;
export type HubJobName = (typeof HUB_JOBS)[number];

export const DEFAULT_JOB_INTERVAL_MS = 60_000;

export interface HubWorkerOptions {
  db: Database;
  queue: JobQueue;
  logger: Logger;
  /** The time the jobs act at (tests fix it). */
  now?: () => Date;
  /** How often the scheduler enqueues every job (default 60 s). */
  intervalMs?: number;
  /** What a drained outbox message does (default: notify the people who must act; see notify.ts). */
  outboxHandler?: OutboxHandler;
  /** How long start() waits for the queue to be ready before going on without it (default 10 s). */
  readyTimeoutMs?: number;
  /** How often new audit entries are sealed into the hash chain (default 2 s; 0: never, for tests that seal themselves). */
  auditSealIntervalMs?: number;
}

export interface HubWorker {
  /** Starts processing jobs and, unless `schedule` is false, the periodic scheduler. */
  start(options?: { schedule?: boolean }): Promise<void>;
  /** Starts the periodic scheduler: a first round now, then one every interval. */
  startScheduler(): void;
  /** One scheduler round: enqueues every job once for the current period. */
  tick(): Promise<void>;
  /** Clears the timer, waits for running jobs and closes the queue. */
  stop(): Promise<void>;
  /** For readiness: whether the job queue answers, and how much work waits in the outbox. */
  status(): Promise<{ degraded: boolean; queue: string; available: boolean; outboxWaiting: number }>;
}

/** What may be logged about a failed job: never a PostgreSQL message, which can quote values. */
export function describeJobError(error: unknown): Record<string, unknown> {
  const described = describeError(error);
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" && /^[0-9A-Z]{5}$/.test(code) ? { ...described, message: undefined } : described;
}

/** The period a moment falls in, as an identifier: 2026-11-28T15:05:00.000Z → "20261128T150500.000Z". */
export const runKey = (ms: number, intervalMs: number): string =>
  new Date(Math.floor(ms / intervalMs) * intervalMs).toISOString().replace(/[-:]/g, "");

export function createHubWorker(options: HubWorkerOptions): HubWorker {
  const { db, queue, logger } = options;
  const now = options.now ?? (() => new Date());
  const intervalMs = options.intervalMs ?? DEFAULT_JOB_INTERVAL_MS;
  if (!(intervalMs > 0)) throw new RangeError("The job interval must be more than 0 ms.");
  const outboxHandler = options.outboxHandler ?? notifyOutboxHandler;

  const work: Record<HubJobName, () => Promise<{ outboxWritten: number } & Record<string, number>>> = {
    "clocks.scan": async () => {
      const r = await scanBreachedClocks(db, now());
      return { ...r, outboxWritten: r.outboxMessages };
    },
    "keep-in-touch.schedule": async () => {
      const r = await scheduleKeepInTouch(db, now());
      return { ...r, outboxWritten: r.created };
    },
    "keep-in-touch.escalate": async () => {
      const r = await escalateOverdueKeepInTouch(db, now());
      return { ...r, outboxWritten: r.escalated };
    },
    "outbox.drain": async () => {
      const r = await drainOutbox(db, outboxHandler, 100, (message, error) =>
        logger.warn({ outboxId: message.id, topic: message.topic, ...describeJobError(error) }, "outbox message failed; it stays pending"),
      );
      return { ...r, outboxWritten: 0 };
    },
  };

  for (const name of HUB_JOBS) {
    queue.define(name, async (payload) => {
      const run = typeof payload.run === "string" ? payload.run : runKey(Date.now(), intervalMs);
      const counts = await work[name]();
      const { outboxWritten, ...rest } = counts;
      // Something marked, created, escalated or drained: info. A quiet round: debug.
      const changed = outboxWritten > 0 || (rest.processed ?? 0) > 0 || (rest.failed ?? 0) > 0;
      // Counts and identifiers only: never anything about a victim.
      if (changed) logger.info({ job: name, run, ...rest }, "background job done");
      else logger.debug({ job: name, run, ...rest }, "background job done");
      // What was just written to the outbox need not wait for the next period.
      if (outboxWritten > 0) await queue.enqueue("outbox.drain", { run }, { jobId: `outbox.drain-after-${name}-${run}` });
    });
  }

  let timer: NodeJS.Timeout | undefined;
  let ticking: Promise<void> | undefined;
  // The audit sealer links new audit rows into the hash chain every few seconds, straight
  // against the database (it needs no queue: it is idempotent, and one sealer runs at a time).
  let sealer: NodeJS.Timeout | undefined;
  let sealing: Promise<void> | undefined;
  const sealIntervalMs = options.auditSealIntervalMs ?? 2_000;
  const sealNow = () => {
    if (sealing) return;
    sealing = sealAuditLog(db.sql)
      .then((sealed) => {
        if (sealed > 0) logger.debug({ sealed }, "audit entries sealed into the chain");
      })
      .catch((error) => logger.warn({ ...describeJobError(error) }, "could not seal audit entries; the next round will try again"))
      .finally(() => {
        sealing = undefined;
      });
  };

  async function tick() {
    const run = runKey(Date.now(), intervalMs);
    // The job id makes a period's job collapse however many schedulers (hub instances) add it.
    await Promise.all(HUB_JOBS.map((name) => queue.enqueue(name, { run }, { jobId: `${name}-${run}` })));
  }

  function scheduledTick() {
    // While Redis is away an enqueue waits for it (bull keeps reconnecting): do not pile up
    // rounds behind it, but say so, since nothing else in the log would.
    if (ticking) {
      logger.warn({ queue: queue.kind }, "the last round of background jobs is still waiting for the job queue; is Redis reachable?");
      return;
    }
    ticking = tick()
      .catch((error) => logger.warn({ ...describeJobError(error) }, "could not enqueue background jobs; the next round will try again"))
      .finally(() => {
        ticking = undefined;
      });
  }

  function startScheduler() {
    if (timer) return;
    scheduledTick();
    timer = setInterval(scheduledTick, intervalMs);
    timer.unref();
  }

  return {
    async start({ schedule = true } = {}) {
      const started = queue.start();
      let waiting: NodeJS.Timeout | undefined;
      const timedOut = new Promise<false>((resolve) => {
        waiting = setTimeout(() => resolve(false), options.readyTimeoutMs ?? 10_000);
        waiting.unref();
      });
      const ready = await Promise.race([started.then(() => true as const), timedOut]);
      clearTimeout(waiting);
      if (!ready) {
        // bull keeps reconnecting; the jobs run once Redis answers, and nothing due is lost
        // meanwhile because it is all in PostgreSQL.
        logger.warn({ queue: queue.kind }, "job queue is not ready yet; background jobs will start when it is");
        started.catch((error) => logger.error({ queue: queue.kind, ...describeJobError(error) }, "job queue failed to start"));
      }
      if (schedule) startScheduler();
      if (!sealer && sealIntervalMs > 0) {
        sealer = setInterval(sealNow, sealIntervalMs);
        sealer.unref();
      }
    },
    startScheduler,
    tick,
    async stop() {
      clearInterval(timer);
      timer = undefined;
      clearInterval(sealer);
      sealer = undefined;
      await sealing;
      await queue.close();
    },
    async status() {
      const [row] = await db.sql.query<{ waiting: number }>(`SELECT count(*)::int AS waiting FROM "OutboxMessage" WHERE "processedAt" IS NULL`);
      const available = queue.available();
      return { degraded: !available, queue: queue.kind, available, outboxWaiting: row?.waiting ?? 0 };
    },
  };
}
