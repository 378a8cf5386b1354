// Both queues run the same handlers the same way; bull is tested against the real Redis.
import { randomBytes } from "node:crypto";
import type { Logger } from "@hub/config";
import { createBullQueue, createInProcessQueue, formatJobMetrics, JobPayloadError, type JobQueue } from "@hub/jobs";
import { afterEach, describe, expect, it } from "vitest";
import { captureLogger, type LogLine } from "./support.js";

const redisUrl = process.env.HUB_TEST_REDIS_URL ?? "redis://127.0.0.1:6379";

const makers: [string, (logger?: Logger) => JobQueue][] = [
  ["in-process", (logger) => createInProcessQueue({ logger })],
  ["bull on Redis", (logger) => createBullQueue(redisUrl, { prefix: `hub-test-${randomBytes(4).toString("hex")}`, logger })],
];

const waitFor = async (check: () => boolean, ms = 10_000) => {
  const until = Date.now() + ms;
  while (!check()) {
    if (Date.now() > until) throw new Error("timed out waiting");
    await new Promise((r) => setTimeout(r, 20));
  }
};

describe.each(makers)("%s queue", (_label, make) => {
  let queue: JobQueue;
  afterEach(async () => {
    await queue.close();
  });

  it("runs each job's handler with its identifiers", async () => {
    queue = make();
    const seen: unknown[] = [];
    queue.define("clock-check", async (payload) => {
      seen.push(payload);
    });
    await queue.start();
    await queue.enqueue("clock-check", { caseId: "3f1c2d4e-0000-4000-8000-000000000001" });
    await queue.enqueue("clock-check", { caseId: "3f1c2d4e-0000-4000-8000-000000000002", attempt: 2 });
    await waitFor(() => seen.length === 2);
    expect(seen).toEqual([
      { caseId: "3f1c2d4e-0000-4000-8000-000000000001" },
      { caseId: "3f1c2d4e-0000-4000-8000-000000000002", attempt: 2 },
    ]);
  });

  it("retries a failing handler up to its attempts", async () => {
    queue = make();
    let calls = 0;
    queue.define(
      "flaky",
      async () => {
        calls++;
        if (calls < 2) throw new Error("transient");
      },
      { attempts: 3 },
    );
    await queue.start();
    await queue.enqueue("flaky", { id: "x1" });
    await waitFor(() => calls === 2, 15_000);
    await new Promise((r) => setTimeout(r, 200));
    expect(calls).toBe(2);
  });

  it("logs each failed attempt by job name, id and attempt, never its payload, and counts it for /metrics", async () => {
    const lines: LogLine[] = [];
    queue = make(captureLogger(lines));
    queue.define(
      "outbox.drain",
      async () => {
        throw new Error("handler refused");
      },
      { attempts: 2 },
    );
    queue.define("clocks.scan", async () => {});
    await queue.start();
    await queue.enqueue("outbox.drain", { run: "payload-canary-7f3a" }, { jobId: "outbox.drain-fail-test" });
    await waitFor(() => lines.filter((l) => l.queue === "outbox.drain").length === 2, 15_000);
    expect(lines.filter((l) => l.queue === "outbox.drain")).toEqual([
      expect.objectContaining({ level: "warn", jobId: "outbox.drain-fail-test", attemptsMade: 1, attempts: 2, willRetry: true, errorKind: "Error", message: "handler refused" }),
      expect.objectContaining({ level: "error", jobId: "outbox.drain-fail-test", attemptsMade: 2, attempts: 2, willRetry: false, msg: expect.stringMatching(/will not be retried/) }),
    ]);
    expect(JSON.stringify(lines)).not.toContain("payload-canary");
    expect(queue.counts()).toEqual([
      { queue: "outbox.drain", failed: 2, stalled: 0 },
      { queue: "clocks.scan", failed: 0, stalled: 0 },
    ]);
    expect(formatJobMetrics(queue.counts())).toContain('hub_jobs_failed_total{queue="outbox.drain"} 2\nhub_jobs_failed_total{queue="clocks.scan"} 0\n');
  });

  it("refuses a payload that is not identifiers, before anything is queued", async () => {
    queue = make();
    let calls = 0;
    queue.define("notify", async () => {
      calls++;
    });
    await queue.start();
    await expect(queue.enqueue("notify", { victimName: "Alex Morgan" })).rejects.toThrow(JobPayloadError);
    await expect(queue.enqueue("notify", { address: "12 Elm Row, Northtown" })).rejects.toThrow(/ids only/);
    await new Promise((r) => setTimeout(r, 100));
    expect(calls).toBe(0);
  });
});
