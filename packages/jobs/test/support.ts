// Helpers for the worker tests: waiting, capturing log lines, Redis URLs and clean-up.
import { createLogger, type Logger } from "@hub/config";
import type { Database } from "@hub/db";
import Bull from "bull";

export const REDIS_URL = process.env.HUB_TEST_REDIS_URL ?? "redis://127.0.0.1:6379";

/** The test Redis, on another of its numbered databases. */
export function redisDatabase(index: number): string {
  const url = new URL(REDIS_URL);
  url.pathname = `/${index}`;
  return url.toString();
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function waitFor(check: () => boolean | Promise<boolean>, ms = 15_000, what: string | (() => string) = "the condition"): Promise<void> {
  const until = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`Timed out waiting for ${typeof what === "function" ? what() : what}.`);
    await sleep(50);
  }
}

export type LogLine = Record<string, unknown> & { msg?: string; job?: string };

/** A real hub logger whose lines land in an array. */
export function captureLogger(lines: LogLine[]): Logger {
  return createLogger("debug", { write: (line: string) => void lines.push(JSON.parse(line) as LogLine) });
}

/** Deletes a test's bull keys (its own prefix) from a Redis database. */
export async function removeQueueKeys(redisUrl: string, prefix: string): Promise<void> {
  const probe = new Bull("cleanup", redisUrl, { prefix });
  try {
    const keys = await probe.client.keys(`${prefix}:*`);
    if (keys.length) await probe.client.del(...keys);
  } finally {
    await probe.close();
  }
}

/** One open clock on the case, due an hour before `now`. */
export async function insertDueClock(db: Database, caseId: string, now: Date): Promise<string> {
  const [row] = await db.sql.query<{ id: string }>(
    `INSERT INTO "StatutoryClock" ("caseId", duty, "owedByKind", enhanced, "startedAt", "dueAt")
     VALUES ($1, 'RIGHT_8_HEARING_DETAILS', 'POLICE_WCU', false, $2::timestamptz - interval '2 days', $2::timestamptz - interval '1 hour')
     RETURNING id::text AS id`,
    [caseId, now.toISOString()],
  );
  return row!.id;
}

export async function clockState(db: Database, clockId: string) {
  const [clock] = await db.sql.query<{ breachedAt: Date | null }>(`SELECT "breachedAt" FROM "StatutoryClock" WHERE id = $1`, [clockId]);
  const outbox = await db.sql.query<{ processed: boolean }>(
    `SELECT "processedAt" IS NOT NULL AS processed FROM "OutboxMessage" WHERE topic = 'clock.breached' AND payload->>'clockId' = $1`,
    [clockId],
  );
  return { breachedAt: clock?.breachedAt ? new Date(clock.breachedAt) : null, outboxRows: outbox.length, outboxProcessed: outbox.filter((o) => o.processed).length };
}
