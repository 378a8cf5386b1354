// The hub's background work. Due work itself lives in PostgreSQL (clock rows, an outbox
// written with the event); the queue only says "look at this id now". So job payloads are
// identifiers only, checked here, and a lost job can always be found again from the database.
export type JobPayload = Readonly<Record<string, string | number>>;
export type JobHandler = (payload: JobPayload) => Promise<void>;

/**
 * What one process has seen of a job name since it started: attempts that failed (a job retried
 * after a failure counts once per failure; one given up, stalled too often, counts too) and jobs
 * found stalled (their worker stopped renewing the lock, e.g. killed) and handed out again.
 */
export interface JobCounts {
  queue: string;
  failed: number;
  stalled: number;
}

export interface JobQueue {
  readonly kind: "bull" | "in-process";
  /** Registers the handler for a job name; call before start(). */
  define(name: string, handler: JobHandler, options?: { attempts?: number }): void;
  /** Adds a job. `jobId` makes it idempotent: the same id is queued at most once at a time. */
  enqueue(name: string, payload: JobPayload, options?: { jobId?: string; delayMs?: number }): Promise<void>;
  start(): Promise<void>;
  /** Waits for running jobs, then stops. */
  close(): Promise<void>;
  /** Can jobs be queued and taken now? False while bull's Redis does not answer. */
  available(): boolean;
  /** Failed and stalled jobs this process has seen, per job name (for /metrics). */
  counts(): JobCounts[];
}

export class JobPayloadError extends Error {
  override name = "JobPayloadError";
}

const IDENTIFIER = /^[A-Za-z0-9][A-Za-z0-9_:.-]{0,99}$/;

/** Refuses anything but identifiers and counts, so no victim data can ride on a job. */
export function assertIdentifiersOnly(name: string, payload: JobPayload): void {
  for (const [key, value] of Object.entries(payload)) {
    const ok = typeof value === "number" ? Number.isFinite(value) : IDENTIFIER.test(value);
    if (!ok) throw new JobPayloadError(`Job ${name}: field "${key}" is not an identifier. Jobs carry ids only; handlers read the rest from the database.`);
  }
}
