// Production's queue: bull on Redis, one bull queue per job name under the hub's prefix.
import type { Logger } from "@hub/config";
import Bull from "bull";
import { assertIdentifiersOnly, type JobCounts, type JobHandler, type JobQueue } from "./job-queue.js";
import { describeJobError } from "./work/worker.js";

export interface BullQueueOptions {
  prefix?: string;
  /**
   * Where failed and stalled jobs are logged: the job name, bull's job id and the attempt,
   * never the job's data (identifiers only, but a log is no place for them wholesale).
   */
  logger?: Pick<Logger, "warn" | "error">;
  /** Told of every failed attempt. */
  onError?: (name: string, error: unknown) => void;
  /** Told when Redis stops or starts answering (once per change, not once per connection). */
  onAvailability?: (available: boolean) => void;
  /**
   * bull's lock and stalled-job settings. A worker that dies mid-job stops renewing its lock;
   * after `lockDuration` another worker's stalled check (every `stalledInterval`) hands the job
   * out again. bull's defaults (30 s each) suit production; tests make them short.
   */
  settings?: Bull.AdvancedSettings;
}

export function createBullQueue(redisUrl: string, options: BullQueueOptions = {}): JobQueue {
  const prefix = options.prefix ?? "victims-hub";
  const queues = new Map<string, { queue: Bull.Queue; handler: JobHandler; attempts: number; counts: JobCounts }>();
  // Every bull queue has its own Redis connections: Redis is available when all of them are.
  const available = () => queues.size > 0 && [...queues.values()].every(({ queue }) => queue.client.status === "ready");
  let said: boolean | null = null;
  // Connections still being made at start (one queue ready, the next still connecting) are not
  // an outage: nothing is said until each has connected or one has failed.
  const starting = () => [...queues.values()].every(({ queue }) => ["wait", "connecting", "connect", "ready"].includes(queue.client.status));
  const checkAvailability = () => {
    const now = available();
    if (said === null && !now && starting()) return;
    if (now !== said && (said !== null || !now)) options.onAvailability?.(now);
    said = now;
  };
  return {
    kind: "bull",
    available,
    define(name, handler, { attempts = 3 } = {}) {
      const queue = new Bull(name, redisUrl, { prefix, ...(options.settings ? { settings: options.settings } : {}) });
      const counts: JobCounts = { queue: name, failed: 0, stalled: 0 };
      // Who the job is, never what it carries: bull's id and how many attempts it has had.
      const which = (job: Bull.Job | null | undefined) =>
        job ? { queue: name, jobId: String(job.id), attemptsMade: job.attemptsMade, attempts: job.opts.attempts ?? 1 } : { queue: name };
      // Every failed attempt, in the process that ran it (or whose stalled check gave the job up).
      queue.on("failed", (job: Bull.Job | null, error: Error) => {
        counts.failed += 1;
        const where = which(job);
        const retried = job ? job.attemptsMade < (job.opts.attempts ?? 1) && !error?.message?.startsWith("job stalled more than") : false;
        const fields = { ...where, willRetry: retried, ...describeJobError(error) };
        if (retried) options.logger?.warn(fields, "background job failed; bull will retry it");
        else options.logger?.error(fields, "background job failed and will not be retried");
        options.onError?.(name, error);
      });
      // A worker that stopped renewing its lock (killed mid-job): this process's stalled check
      // put the job back in the queue, and it will run again.
      queue.on("stalled", (job: Bull.Job | null) => {
        counts.stalled += 1;
        options.logger?.warn(which(job), "background job stalled (its worker stopped renewing its lock) and was handed out again");
      });
      // A lost connection is an availability change, not a job failure: say it once. Any other
      // error of the queue's (a stalled check or a lock renewal that failed) while Redis answers, log.
      queue.on("error", (error: unknown) => {
        checkAvailability();
        if (queue.client.status === "ready") options.logger?.warn({ queue: name, ...describeJobError(error) }, "job queue error");
      });
      for (const event of ["ready", "close", "end", "error", "reconnecting"]) queue.client.on(event, () => setImmediate(checkAvailability));
      queues.set(name, { queue, handler, attempts, counts });
    },
    async enqueue(name, payload, { jobId, delayMs } = {}) {
      assertIdentifiersOnly(name, payload);
      const entry = queues.get(name);
      if (!entry) throw new Error(`No handler is defined for job ${name}.`);
      await entry.queue.add(payload, {
        jobId,
        delay: delayMs,
        attempts: entry.attempts,
        backoff: { type: "exponential", delay: 1000 },
        removeOnComplete: true,
        removeOnFail: 1000,
      });
    },
    async start() {
      for (const { queue, handler } of queues.values()) {
        void queue.process(async (job) => handler(job.data));
      }
      await Promise.all([...queues.values()].map(({ queue }) => queue.isReady()));
    },
    async close() {
      await Promise.all([...queues.values()].map(({ queue }) => queue.close()));
    },
    counts: () => [...queues.values()].map(({ counts }) => ({ ...counts })),
  };
}
