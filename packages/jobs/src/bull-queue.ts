// Production's queue: bull on Redis, one bull queue per job name under the hub's prefix.
import Bull from "bull";
import { assertIdentifiersOnly, type JobHandler, type JobQueue } from "./job-queue.js";

export interface BullQueueOptions {
  prefix?: string;
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
  const queues = new Map<string, { queue: Bull.Queue; handler: JobHandler; attempts: number }>();
  // Every bull queue has its own Redis connections: Redis is available when all of them are.
  const available = () => queues.size > 0 && [...queues.values()].every(({ queue }) => queue.client.status === "ready");
  let said: boolean | null = null;
  const checkAvailability = () => {
    const now = available();
    if (now !== said && (said !== null || !now)) options.onAvailability?.(now);
    said = now;
  };
  return {
    kind: "bull",
    available,
    define(name, handler, { attempts = 3 } = {}) {
      const queue = new Bull(name, redisUrl, { prefix, ...(options.settings ? { settings: options.settings } : {}) });
      queue.on("failed", (_job, error) => options.onError?.(name, error));
      // A lost connection is an availability change, not a job failure: say it once.
      queue.on("error", () => checkAvailability());
      for (const event of ["ready", "close", "end", "error", "reconnecting"]) queue.client.on(event, () => setImmediate(checkAvailability));
      queues.set(name, { queue, handler, attempts });
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
  };
}
