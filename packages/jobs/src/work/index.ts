// The hub's background work: set-based passes over PostgreSQL, run by bull or in-process.
export { CLOCK_SCAN_SQL, CLOCK_SCAN_START, type ClockBatchResult, type ClockCursor, type ClockScanResult, markBreachedBatch, scanBreachedClocks } from "./clock-scan.js";
export {
  escalateOverdueKeepInTouch,
  KEEP_IN_TOUCH_SCAN_SQL,
  KEEP_IN_TOUCH_WORKING_DAYS,
  type KeepInTouchEscalationResult,
  type KeepInTouchScheduleResult,
  scheduleKeepInTouch,
} from "./keep-in-touch.js";
export { notifyForMessage, notifyOutboxHandler, NOTIFYING_TOPICS, OutboxMessageError } from "./notify.js";
export { acknowledgeOnly, drainOutbox, type OutboxDrainResult, type OutboxHandler, type OutboxMessage } from "./outbox.js";
export { createHubWorker, DEFAULT_JOB_INTERVAL_MS, describeJobError, HUB_JOBS, type HubJobName, type HubWorker, type HubWorkerOptions, runKey } from "./worker.js";
