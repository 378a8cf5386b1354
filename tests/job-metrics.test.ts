// GET /metrics on the real hub (startHub): the background jobs' failed and stalled counters in
// Prometheus' text format, counted where the jobs run (the hub's own process), and each failure
// logged by job name, id and attempt. The outbox drain is made to fail by taking its table away.
// PostgreSQL only: the hub opens the test's database by URL (bull's stalled jobs, which need a
// second process, are in packages/jobs/test/worker-kill.test.ts).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startHub, type RunningHub } from "@hub/api";
import { readConfig } from "@hub/config";
import { createTestDatabase, testEngine, type TestDatabase } from "@hub/test-utils";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { capturingLogger } from "./support/test-hub.js";

const onPostgres = testEngine() === "postgres";

const counter = (text: string, name: string, queue: string) => {
  const line = text.split("\n").find((l) => l.startsWith(`${name}{queue="${queue}"} `));
  return line === undefined ? undefined : Number(line.split(" ")[1]);
};

describe.runIf(onPostgres)("the hub's /metrics", () => {
  let db: TestDatabase;
  let hub: RunningHub;
  let dataDir: string;
  const logs: string[] = [];
  const lines = () => logs.map((l) => JSON.parse(l) as Record<string, unknown>);
  const failures = (queue: string) => lines().filter((l) => l.queue === queue && typeof l.msg === "string" && l.msg.startsWith("background job failed"));
  beforeAll(async () => {
    db = await createTestDatabase();
    // The outbox drain, which the hub runs as soon as it starts, finds no table and fails.
    await db.sql.exec(`ALTER TABLE "OutboxMessage" RENAME TO "OutboxMessageAway"`);
    dataDir = mkdtempSync(join(tmpdir(), "hub-metrics-"));
    const config = readConfig({ DATABASE_URL: db.url!, HUB_DATA_DIR: dataDir, PORT: "0", HUB_SEED_DEMO: "no", LOG_LEVEL: "info" });
    hub = await startHub(config, capturingLogger(logs), { jobIntervalSeconds: 3600 });
  });
  afterAll(async () => {
    await db?.sql.exec(`ALTER TABLE "OutboxMessageAway" RENAME TO "OutboxMessage"`).catch(() => {});
    await hub?.close();
    await db?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("logs a failing job by name, id and attempt (never its payload), and /metrics counts it", async () => {
    // The in-process queue (no REDIS_URL) runs the drain's three attempts straight away.
    const until = Date.now() + 20_000;
    while (!failures("outbox.drain").some((l) => l.willRetry === false)) {
      if (Date.now() > until) throw new Error(`the drain did not give up:\n${logs.join("")}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    const drain = failures("outbox.drain");
    expect(drain.map((l) => [l.level, l.attemptsMade, l.attempts, l.willRetry])).toEqual([
      ["warn", 1, 3, true],
      ["warn", 2, 3, true],
      ["error", 3, 3, false],
    ]);
    expect(drain[0]).toMatchObject({ jobId: expect.stringMatching(/^outbox\.drain-\d{8}T/), errorKind: expect.any(String) });
    // The payload is { run }: only the job's id names it, and no failure line carries it.
    for (const line of drain) expect(line).not.toHaveProperty("run");

    // The other start-up jobs (an escalation writes to the outbox too) may still be retrying:
    // read /metrics until no failure is logged while it is read, so both sides count the same.
    const queues = ["clocks.scan", "keep-in-touch.schedule", "keep-in-touch.escalate", "outbox.drain"];
    const logged = () => queues.map((q) => failures(q).length).join();
    let text = "";
    const settled = Date.now() + 20_000;
    for (;;) {
      const before = logged();
      const res = await fetch(`${hub.url}/metrics`);
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
      text = await res.text();
      await new Promise((r) => setTimeout(r, 200));
      if (logged() === before) break;
      if (Date.now() > settled) throw new Error("the start-up jobs kept failing while /metrics was read");
    }
    expect(text).toContain("# TYPE hub_jobs_failed_total counter\n");
    expect(text).toContain("# TYPE hub_jobs_stalled_total counter\n");
    for (const queue of queues) {
      expect(counter(text, "hub_jobs_failed_total", queue), queue).toBe(failures(queue).length);
      expect(counter(text, "hub_jobs_stalled_total", queue), queue).toBe(0);
    }
    expect(counter(text, "hub_jobs_failed_total", "outbox.drain")).toBe(3);
  });
});
