// Embedded mode's queue: the same handlers, run in this process, with the same retry rule.
// Nothing survives a restart, which is fine: due work is found again from the database.
import { assertIdentifiersOnly, type JobHandler, type JobPayload, type JobQueue } from "./job-queue.js";

export function createInProcessQueue(onError: (name: string, error: unknown) => void = () => {}): JobQueue {
  const handlers = new Map<string, { handler: JobHandler; attempts: number }>();
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
          if (attempt >= entry.attempts) {
            onError(name, error);
            return;
          }
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
      handlers.set(name, { handler, attempts: options.attempts ?? 3 });
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
  };
}
