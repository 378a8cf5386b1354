// kill -9 of the hub in the middle of a keyed mutation (issue #13), against a real PostgreSQL:
// killed before its transaction commits, nothing of it is left and the retry runs once, at
// once; killed after the commit but before the answer reached the caller, the retry replays
// the stored answer and writes nothing. Never twice, never held for minutes.
// PostgreSQL only: the hub runs in child processes, and an embedded PGlite database lives inside
// the test's own process, where no other process can reach it.
import { type ChildProcess, spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { DEMO_USERS, seedDemoPartnership } from "@hub/db/seed";
import { createTestDatabase, createTestIssuer, testEngine, type TestDatabase, type TestIssuer } from "@hub/test-utils";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const here = dirname(fileURLToPath(import.meta.url));
const FIXTURE = join(here, "fixtures", "keyed-hub-process.ts");
const REPO = resolve(here, "..");
const onPostgres = testEngine() === "postgres";
const WCU = DEMO_USERS.find((u) => u.email === "wcu.officer@northshire-police.example.org")!;
const BATCH = `mutation ($updates: [BatchCaseUpdateInput!]!) { recordCaseUpdates(updates: $updates) { written errors { message } } }`;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
async function waitFor(check: () => boolean | Promise<boolean>, ms: number, what: string) {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (await check()) return;
    await sleep(50);
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe("a hub killed in the middle of a keyed mutation", () => {
  let db: TestDatabase;
  let issuer: TestIssuer;
  let dir: string;
  let caseId: string;
  const children: ChildProcess[] = [];

  beforeAll(async () => {
    if (!onPostgres) return;
    db = await createTestDatabase();
    await seedDemoPartnership(db.prisma);
    issuer = await createTestIssuer();
    dir = mkdtempSync(join(tmpdir(), "hub-keyed-"));
    caseId = (await db.prisma.case.findFirstOrThrow({ where: { policeUrn: "41NS0102325" } })).id;
  });
  afterAll(async () => {
    for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    await db?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  async function start(name: string, fault?: string): Promise<{ child: ChildProcess; url: string }> {
    const child = spawn(process.execPath, ["--import", "tsx", FIXTURE], {
      cwd: REPO,
      env: { ...process.env, HUB_FIXTURE_DIR: dir, HUB_FIXTURE_NAME: name, HUB_FIXTURE_FAULT: fault ?? "", HUB_FIXTURE_DATABASE_URL: db.url!, HUB_FIXTURE_ISSUER: issuer.issuer, HUB_FIXTURE_JWKS: JSON.stringify(issuer.jwks) },
      stdio: ["ignore", "ignore", "pipe"],
    });
    children.push(child);
    const portFile = join(dir, `${name}.port`);
    await waitFor(() => existsSync(portFile), 30_000, `hub ${name} to listen`);
    return { child, url: `http://127.0.0.1:${readFileSync(portFile, "utf8")}` };
  }

  const send = async (url: string, key: string, updates: unknown[]) =>
    fetch(`${url}/graphql`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Authorization: `Bearer ${await issuer.tokenFor(WCU.oidcSubject)}`, "X-Access-Purpose": "KEEPING_VICTIM_INFORMED", "Idempotency-Key": key },
      body: JSON.stringify({ query: BATCH, variables: { updates } }),
    });

  // The same payload every time it is sent (a retry sends exactly what it sent before).
  const AT = new Date(Date.now() - 3_600_000).toISOString();
  const batch = (tag: string) => Array.from({ length: 200 }, (_, i) => ({ caseId, type: "PROGRESS_NOTE", occurredAt: AT, victimExplanation: `Witness care checked in with her about the trial (${tag} ${i}).` }));
  const rows = (tag: string) => db.prisma.caseUpdate.count({ where: { victimExplanation: { contains: `(${tag} ` } } });
  const killed = async (child: ChildProcess) => {
    process.kill(child.pid!, "SIGKILL");
    await new Promise<void>((done) => (child.signalCode ? done() : child.once("exit", () => done())));
  };

  it.runIf(onPostgres)(
    "before the commit: nothing is left, and the retry on another hub runs once, at once",
    async () => {
      const tag = randomUUID();
      const key = `wcu-batch-${tag}`;
      const doomed = await start("doomed-before", "before-commit");
      const pending = send(doomed.url, key, batch(tag)).catch(() => null);
      await waitFor(() => existsSync(join(dir, "doomed-before.at-fault")), 30_000, "the mutation to reach its commit");
      await killed(doomed.child);
      expect(await pending).toBeNull(); // the caller never got an answer
      expect(await rows(tag)).toBe(0);
      const survivor = await start("survivor-1");
      const startedAt = Date.now();
      const retry = await send(survivor.url, key, batch(tag));
      expect(Date.now() - startedAt).toBeLessThan(10_000);
      expect(retry.status).toBe(200);
      expect((await retry.json()).data.recordCaseUpdates).toEqual({ written: 200, errors: [] });
      expect(await rows(tag)).toBe(200);
      const again = await send(survivor.url, key, batch(tag));
      expect(again.headers.get("idempotent-replayed")).toBe("true");
      expect(await rows(tag)).toBe(200);
    },
    90_000,
  );

  it.runIf(onPostgres)(
    "after the commit, before the answer: the retry replays the stored answer and writes nothing",
    async () => {
      const tag = randomUUID();
      const key = `wcu-batch-${tag}`;
      const doomed = await start("doomed-after", "after-commit");
      const pending = send(doomed.url, key, batch(tag)).catch(() => null);
      await waitFor(() => existsSync(join(dir, "doomed-after.at-fault")), 30_000, "the mutation to commit");
      await killed(doomed.child);
      expect(await pending).toBeNull();
      expect(await rows(tag)).toBe(200);
      const survivor = await start("survivor-2");
      const retry = await send(survivor.url, key, batch(tag));
      expect(retry.headers.get("idempotent-replayed")).toBe("true");
      expect((await retry.json()).data.recordCaseUpdates).toMatchObject({ written: 200 });
      expect(await rows(tag)).toBe(200);
    },
    90_000,
  );
});
