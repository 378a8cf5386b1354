export { assertIdentifiersOnly, JobPayloadError, type JobCounts, type JobHandler, type JobPayload, type JobQueue } from "./job-queue.js";
export { createInProcessQueue, type InProcessQueueOptions } from "./in-process-queue.js";
export { createBullQueue, type BullQueueOptions } from "./bull-queue.js";
export { formatJobMetrics } from "./metrics.js";
export * from "./work/index.js";
import type { Logger } from "@hub/config";
import type { JobQueue } from "./job-queue.js";
import { createBullQueue } from "./bull-queue.js";
import { createInProcessQueue } from "./in-process-queue.js";

/**
 * bull on Redis when a Redis URL is configured, the in-process runner otherwise. Both log
 * failed attempts (and bull stalled jobs) to `logger` by job name, id and attempt, and count them.
 */
export function createJobQueue(redisUrl: string | undefined, options: { logger?: Pick<Logger, "warn" | "error">; onAvailability?: (available: boolean) => void; prefix?: string } = {}): JobQueue {
  return redisUrl ? createBullQueue(redisUrl, options) : createInProcessQueue({ logger: options.logger });
}
