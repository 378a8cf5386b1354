// Embedded mode's queue: the same handlers, run in this process, with the same retry rule.
// Nothing survives a restart, which is fine: due work is found again from the database.
import type { Logger } from "@hub/config";
import { assertIdentifiersOnly, type JobCounts, type JobHandler, type JobPayload, type JobQueue } from "./job-queue.js";
import { describeJobError } from "./work/worker.js";

export interface InProcessQueueOptions {
  /** Where failed attempts are logged: job name, job id, attempt; never the payload. */
  logger?: Pick<Logger, "warn" | "error">;
  /** Told when a job has failed its last attempt. */
  onError?: (name: string, error: unknown) => void;
}

export function createInProcessQueue({ logger, onError }: InProcessQueueOptions = {}): JobQueue {
  const handlers = new Map<string, { handler: JobHandler; attempts: number; counts: JobCounts }>();
  const queued = new Set<string>();
  const running = new Set<Promise<void>>();
  let started = false;
  let closed = false;
  const backlog: (() => void)[] = [];

  async function run(name: string, payload: JobPayload, jobId: string | undefined) {
    const entry = handlers.get(name);
    if (!entry) throw new Error(`No handler is defined for job ${name}.`);
    try {
      for (let attempt = 1; ; attempt++) {
        try {
          await entry.handler(payload);
          return;
        } catch (error) {
          // Counted and logged like bull's: each failed attempt (nothing runs here to stall).
          entry.counts.failed += 1;
          const willRetry = attempt < entry.attempts;
          const fields = { queue: name, ...(jobId ? { jobId } : {}), attemptsMade: attempt, attempts: entry.attempts, willRetry, ...describeJobError(error) };
          if (willRetry) {
            logger?.warn(fields, "background job failed; it will be retried");
            continue;
          }
          logger?.error(fields, "background job failed and will not be retried");
          onError?.(name, error);
          return;
        }
      }
    } finally {
      if (jobId) queued.delete(jobId);
    }
  }

  function launch(name: string, payload: JobPayload, jobId: string | undefined, delayMs: number) {
    const go = () => {
      if (closed) return;
      const p = run(name, payload, jobId).finally(() => running.delete(p));
      running.add(p);
    };
    if (!started) backlog.push(go);
    else if (delayMs > 0) setTimeout(go, delayMs).unref();
    else setImmediate(go);
  }

  return {
    available: () => !closed,
    kind: "in-process",
    define(name, handler, options = {}) {
      handlers.set(name, { handler, attempts: options.attempts ?? 3, counts: { queue: name, failed: 0, stalled: 0 } });
    },
    async enqueue(name, payload, options = {}) {
      assertIdentifiersOnly(name, payload);
      if (!handlers.has(name)) throw new Error(`No handler is defined for job ${name}.`);
      if (options.jobId) {
        if (queued.has(options.jobId)) return;
        queued.add(options.jobId);
      }
      launch(name, payload, options.jobId, options.delayMs ?? 0);
    },
    async start() {
      started = true;
      for (const go of backlog.splice(0)) setImmediate(go);
    },
    async close() {
      closed = true;
      await Promise.all(running);
    },
    counts: () => [...handlers.values()].map(({ counts }) => ({ ...counts })),
  };
}
