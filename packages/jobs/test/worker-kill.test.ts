// kill -9 of a worker mid-job, against the real Redis with bull and a real PostgreSQL: the
// killed worker's transaction never commits, bull's stalled-job check hands the job to a
// second worker process, and the clock is marked exactly once with exactly one outbox row;
// the second worker logs the stalled job (id, never data) and counts it on /metrics.
// PostgreSQL only: the workers run in child processes, and an embedded PGlite database lives
// inside the test's own process, where no other process can reach it.
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { createBullQueue } from "@hub/jobs";
import { createTestDatabase, makeCase, testEngine, type TestDatabase } from "@hub/test-utils";
import Bull from "bull";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { clockState, insertDueClock, REDIS_URL, removeQueueKeys, sleep, waitFor } from "./support.js";

const here = dirname(fileURLToPath(import.meta.url));
const FIXTURE = join(here, "fixtures", "worker-process.ts");
const REPO = resolve(here, "../../..");
const NOW = new Date("2026-12-02T10:00:00.000Z");
const onPostgres = testEngine() === "postgres";

let db: TestDatabase;

beforeAll(async () => {
  if (onPostgres) db = await createTestDatabase();
});
afterAll(async () => {
  await db?.close();
});

describe("a worker killed mid-job", () => {
  it.runIf(onPostgres)(
    "never commits; bull hands the job to another worker, which does the work exactly once",
    async () => {
      const area = await db.prisma.area.create({ data: { code: "KILL", name: "Kill test area" } });
      const made = await makeCase(db.prisma, { areaId: area.id });
      const clockId = await insertDueClock(db, made.id, NOW);
      const dir = mkdtempSync(join(tmpdir(), "hub-kill-"));
      const prefix = `hub-kill-${randomBytes(4).toString("hex")}`;
      const children: ChildProcess[] = [];
      const stderr: string[] = [];
      const startWorker = (mode: "block" | "work") => {
        const child = spawn(process.execPath, ["--import", "tsx", FIXTURE], {
          cwd: REPO,
          env: {
            ...process.env,
            HUB_FIXTURE_MODE: mode,
            HUB_FIXTURE_DIR: dir,
            HUB_FIXTURE_NOW: NOW.toISOString(),
            HUB_FIXTURE_DATABASE_URL: db.url!,
            HUB_FIXTURE_REDIS_URL: REDIS_URL,
            HUB_FIXTURE_PREFIX: prefix,
          },
          stdio: ["ignore", "ignore", "pipe"],
        });
        child.stderr?.on("data", (chunk) => stderr.push(`[${mode}] ${chunk}`));
        children.push(child);
        return child;
      };
      const exited = (child: ChildProcess) => new Promise<void>((done) => (child.exitCode !== null || child.signalCode !== null ? done() : child.once("exit", () => done())));
      const fileExists = (name: string) => () => existsSync(join(dir, name));
      const workLines = () =>
        existsSync(join(dir, "work.log"))
          ? readFileSync(join(dir, "work.log"), "utf8")
              .split("\n")
              .filter(Boolean)
              .map((line) => JSON.parse(line) as Record<string, unknown>)
          : [];
      const producer = createBullQueue(REDIS_URL, { prefix });
      producer.define("clocks.scan", async () => {});
      const probe = new Bull("clocks.scan", REDIS_URL, { prefix });
      try {
        const first = startWorker("block");
        await waitFor(fileExists("block.ready"), 30_000, () => `the first worker to start ${stderr.join("")}`);
        await producer.enqueue("clocks.scan", { run: "kill-test" }, { jobId: "clocks.scan-kill-test" });
        await waitFor(fileExists("claimed"), 15_000, () => `the first worker to claim the clock ${stderr.join("")}`);

        // Claimed inside its open transaction: the mark and its outbox row exist only there.
        expect(JSON.parse(readFileSync(join(dir, "claimed"), "utf8"))).toMatchObject({ breached: 1, pid: first.pid });
        expect(await clockState(db, clockId)).toEqual({ breachedAt: null, outboxRows: 0, outboxProcessed: 0 });
        expect((await probe.getJobCounts()).active).toBe(1);

        process.kill(first.pid!, "SIGKILL");
        await exited(first);
        expect(first.signalCode).toBe("SIGKILL");
        // PostgreSQL rolls the dead connection's transaction back (wait until it has noticed).
        await waitFor(
          async () =>
            (
              await db.sql.query<{ n: number }>(
                `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND state LIKE 'idle in transaction%'`,
              )
            )[0]!.n === 0,
          10_000,
          "the killed worker's transaction to end",
        );
        expect(await clockState(db, clockId)).toEqual({ breachedAt: null, outboxRows: 0, outboxProcessed: 0 });

        // A second worker, with no scheduler: only bull's re-delivery of the stalled job can reach it.
        startWorker("work");
        await waitFor(() => workLines().some((l) => l.job === "clocks.scan"), 30_000, () => `the second worker to run the job ${stderr.join("")}`);
        await waitFor(async () => (await clockState(db, clockId)).outboxProcessed === 1, 10_000, "the outbox drain");
        await sleep(1_500); // time for any second delivery to show itself

        expect(await clockState(db, clockId)).toEqual({ breachedAt: NOW, outboxRows: 1, outboxProcessed: 1 });
        const scans = workLines().filter((l) => l.job === "clocks.scan");
        expect(scans).toHaveLength(1);
        expect(scans[0]).toMatchObject({ run: "kill-test", breached: 1 });
        expect(await probe.getJobCounts()).toMatchObject({ waiting: 0, active: 0, failed: 0, delayed: 0 });

        // The re-run is not silent: the worker whose stalled check found the job logged it by
        // name, id and attempt (nothing of what it carries), and counts it on its /metrics.
        const stalled = workLines().filter((l) => typeof l.msg === "string" && /stalled/.test(l.msg));
        expect(stalled).toEqual([
          expect.objectContaining({ level: "warn", queue: "clocks.scan", jobId: "clocks.scan-kill-test", attemptsMade: 0, attempts: 3, msg: expect.stringMatching(/handed out again/) }),
        ]);
        expect(Object.keys(stalled[0]!).sort()).toEqual(["attempts", "attemptsMade", "jobId", "level", "msg", "queue", "service", "time"]);
        const port = readFileSync(join(dir, "metrics.port"), "utf8");
        const metrics = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
        expect(metrics).toContain('hub_jobs_stalled_total{queue="clocks.scan"} 1\n');
        expect(metrics).toContain('hub_jobs_failed_total{queue="clocks.scan"} 0\n');
        expect(metrics).toContain("# TYPE hub_jobs_stalled_total counter");
      } finally {
        for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
        const stopped = Promise.all(children.map(exited));
        if ((await Promise.race([stopped.then(() => true), sleep(5_000).then(() => false)])) === false) for (const child of children) child.kill("SIGKILL");
        await stopped;
        await producer.close();
        await probe.close();
        await removeQueueKeys(REDIS_URL, prefix);
        rmSync(dir, { recursive: true, force: true });
      }
    },
    90_000,
  );
});
