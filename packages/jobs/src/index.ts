export { assertIdentifiersOnly, JobPayloadError, type JobHandler, type JobPayload, type JobQueue } from "./job-queue.js";
export { createInProcessQueue } from "./in-process-queue.js";
export { createBullQueue, type BullQueueOptions } from "./bull-queue.js";
export * from "./work/index.js";
import type { JobQueue } from "./job-queue.js";
import { createBullQueue } from "./bull-queue.js";
import { createInProcessQueue } from "./in-process-queue.js";

/** bull on Redis when a Redis URL is configured, the in-process runner otherwise. */
export function createJobQueue(redisUrl: string | undefined, onError?: (name: string, error: unknown) => void, onAvailability?: (available: boolean) => void): JobQueue {
  return redisUrl ? createBullQueue(redisUrl, { onError, onAvailability }) : createInProcessQueue(onError);
}
