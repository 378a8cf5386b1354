// Both queues run the same handlers the same way; bull is tested against the real Redis.
import { randomBytes } from "node:crypto";
import { createBullQueue, createInProcessQueue, JobPayloadError, type JobQueue } from "@hub/jobs";
import { afterEach, describe, expect, it } from "vitest";

const redisUrl = process.env.HUB_TEST_REDIS_URL ?? "redis://127.0.0.1:6379";

const makers: [string, () => JobQueue][] = [
  ["in-process", () => createInProcessQueue()],
  ["bull on Redis", () => createBullQueue(redisUrl, { prefix: `hub-test-${randomBytes(4).toString("hex")}` })],
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
