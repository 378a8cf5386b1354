// Two hub processes on one Redis share their rate limits: a person's requests split between
// them are refused after the limit in total, and so are failed sign-ins from one address. An
// integration client (an agency's system, one service account) has its own higher limit while
// a person keeps theirs. A hub whose Redis does not answer still serves, counting in memory.
// The real hub (startHub) twice in this process, on the test's PostgreSQL database and the
// test Redis; every key under a prefix of this run's own, removed afterwards.
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadEmbeddedIssuer, startHub, type RunningHub } from "@hub/api";
import { ConfigError, type HubConfig, readConfig } from "@hub/config";
import { DEMO_USERS, seedDemoPartnership } from "@hub/db/seed";
import { createTestDatabase, testEngine, type TestDatabase } from "@hub/test-utils";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { capturingLogger, ISVA, IDVA, WCU, CPS_VLO } from "./support/test-hub.js";

const onPostgres = testEngine() === "postgres";
const redisUrl = process.env.HUB_TEST_REDIS_URL ?? "redis://127.0.0.1:6379";
const subjectOf = (email: string) => DEMO_USERS.find((u) => u.email === email)!.oidcSubject;

/** Removes every key under the prefix (this run's alone). */
async function removeKeys(url: string, prefix: string) {
  const redis = new Redis(url);
  try {
    let cursor = "0";
    do {
      const [next, keys] = await redis.scan(cursor, "MATCH", `${prefix}:*`, "COUNT", 500);
      if (keys.length) await redis.del(...keys);
      cursor = next;
    } while (cursor !== "0");
  } finally {
    redis.disconnect();
  }
}

/** The hubs' rate-limit connections to Redis under the prefix, by the name each gives itself. */
async function rateLimitConnections(prefix: string) {
  const redis = new Redis(redisUrl);
  try {
    const clients = (await redis.client("LIST")) as string;
    return clients.split("\n").filter((line) => line.includes(` name=${prefix}:rate-limit `)).length;
  } finally {
    redis.disconnect();
  }
}

interface TwoHubs {
  hubs: [RunningHub, RunningHub];
  logs: string[];
  tokenFor(email: string): Promise<string>;
  close(): Promise<void>;
}

/** Two hubs on one database and one data folder (so one embedded issuer's keys), each on its own port. */
async function startTwoHubs(db: TestDatabase, env: Record<string, string>): Promise<TwoHubs> {
  const dataDir = mkdtempSync(join(tmpdir(), "hub-shared-limits-"));
  const config: HubConfig = readConfig({ DATABASE_URL: db.url!, HUB_DATA_DIR: dataDir, PORT: "0", HUB_SEED_DEMO: "no", LOG_LEVEL: "info", ...env });
  const logs: string[] = [];
  const first = await startHub(config, capturingLogger(logs), { jobIntervalSeconds: 3600 });
  const second = await startHub(config, capturingLogger(logs), { jobIntervalSeconds: 3600 });
  if (config.identity.kind !== "embedded") throw new Error("the test expects the embedded issuer");
  const issuer = await loadEmbeddedIssuer(config.identity);
  return {
    hubs: [first, second],
    logs,
    tokenFor: (email) => issuer.issueAccessToken(subjectOf(email)),
    async close() {
      await Promise.all([first.close(), second.close()]);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

const ask = (hub: RunningHub, token: string, from = "203.0.113.50") =>
  fetch(`${hub.url}/graphql`, {
    method: "POST",
    headers: { "Content-Type": "application/json", Authorization: `Bearer ${token}`, "X-Forwarded-For": from },
    body: JSON.stringify({ query: "{ __typename }" }),
  });

/** Statuses of `count` requests, alternating between the hubs; each 429's Retry-After kept. */
async function alternate(hubs: readonly RunningHub[], count: number, token: string, from?: string) {
  const statuses: number[] = [];
  const waits: (string | null)[] = [];
  for (let i = 0; i < count; i++) {
    const response = await ask(hubs[i % hubs.length]!, token, from);
    statuses.push(response.status);
    if (response.status === 429) waits.push(response.headers.get("retry-after"));
    await response.body?.cancel();
  }
  return { statuses, waits };
}

const ok = (n: number) => Array.from({ length: n }, () => 200);
const refused = (n: number) => Array.from({ length: n }, () => 429);

describe.runIf(onPostgres)("rate limits shared by two hubs on one Redis", () => {
  let db: TestDatabase;
  let two: TwoHubs;
  const prefix = `hub-test-${randomBytes(6).toString("hex")}`;
  beforeAll(async () => {
    db = await createTestDatabase();
    await seedDemoPartnership(db.prisma);
    two = await startTwoHubs(db, {
      REDIS_URL: redisUrl,
      HUB_REDIS_KEY_PREFIX: prefix,
      HUB_USER_RATE_LIMIT: "5/60",
      HUB_FAILED_SIGN_IN_LIMIT: "3/60",
      HUB_INTEGRATION_RATE_LIMIT: "7/60",
      // The WCU officer's and the CPS officer's accounts stand in for their agencies' systems.
      HUB_INTEGRATION_CLIENTS: `${subjectOf(WCU)}=9/60, ${subjectOf(CPS_VLO)}`,
    });
  }, 60_000);
  afterAll(async () => {
    await two?.close();
    await db?.close();
    await removeKeys(redisUrl, prefix);
  });

  it("refuses a person after 5 requests in total across both hubs, with Retry-After, on either hub", async () => {
    const { statuses, waits } = await alternate(two.hubs, 8, await two.tokenFor(ISVA));
    expect(statuses).toEqual([...ok(5), ...refused(3)]);
    for (const wait of waits) expect(Number(wait) >= 1 && Number(wait) <= 60, `Retry-After ${wait}`).toBe(true);
    const body = await (await ask(two.hubs[1], await two.tokenFor(ISVA))).json();
    expect(body.errors[0].message).toMatch(/^You have sent too many requests in a short time\. Wait \d+ seconds?, then try again\.$/);
    // The counts are in Redis, under this run's prefix.
    const redis = new Redis(redisUrl);
    try {
      expect((await redis.keys(`${prefix}:rate-limit:actor:*`)).length).toBeGreaterThan(0);
    } finally {
      redis.disconnect();
    }
  });

  it("refuses an address after 3 failed sign-ins across both hubs, even with a good token then", async () => {
    const from = "203.0.113.61";
    const bad = await alternate(two.hubs, 3, "not-a-token.at-all.really", from);
    expect(bad.statuses).toEqual([401, 401, 401]);
    const good = await two.tokenFor(IDVA);
    const after = await alternate(two.hubs, 2, good, from);
    expect(after.statuses).toEqual(refused(2));
    expect(after.waits.every((w) => Number(w) >= 1)).toBe(true);
    // Another address is not held back by them.
    expect((await alternate(two.hubs, 1, good, "203.0.113.62")).statuses).toEqual(ok(1));
  });

  it("gives an integration client its own limit, shared across both hubs, while a person keeps theirs", async () => {
    const wcu = await alternate(two.hubs, 11, await two.tokenFor(WCU));
    expect(wcu.statuses).toEqual([...ok(9), ...refused(2)]);
    const message = (await (await ask(two.hubs[0], await two.tokenFor(WCU))).json()).errors[0].message;
    expect(message).toMatch(/^This integration client has sent too many requests in a short time\. Wait \d+ seconds?, then try again\.$/);
    // Named without a limit of its own: HUB_INTEGRATION_RATE_LIMIT's 7.
    expect((await alternate(two.hubs, 9, await two.tokenFor(CPS_VLO))).statuses).toEqual([...ok(7), ...refused(2)]);
  });
});

describe.runIf(onPostgres)("a hub's connection for its rate limits", () => {
  it("is closed when the hub closes", async () => {
    const db = await createTestDatabase();
    const prefix = `hub-test-${randomBytes(6).toString("hex")}`;
    try {
      const two = await startTwoHubs(db, { REDIS_URL: redisUrl, HUB_REDIS_KEY_PREFIX: prefix });
      expect(await rateLimitConnections(prefix)).toBe(2);
      await two.close();
      expect(await rateLimitConnections(prefix)).toBe(0);
    } finally {
      await db.close();
      await removeKeys(redisUrl, prefix);
    }
  }, 60_000);
});

describe.runIf(onPostgres)("a hub whose Redis does not answer", () => {
  let db: TestDatabase;
  let two: TwoHubs;
  beforeAll(async () => {
    db = await createTestDatabase();
    await seedDemoPartnership(db.prisma);
    // Nothing listens on port 1: every command fails at once.
    two = await startTwoHubs(db, { REDIS_URL: "redis://127.0.0.1:1", HUB_USER_RATE_LIMIT: "4/60" });
  }, 60_000);
  afterAll(async () => {
    await two?.close();
    await db?.close();
  });

  it("still serves, and each process still limits in memory, saying so once", async () => {
    const token = await two.tokenFor(ISVA);
    // Each hub counts on its own: 4 from each, then 429 from each.
    const { statuses } = await alternate(two.hubs, 10, token);
    expect(statuses).toEqual([...ok(8), ...refused(2)]);
    const said = two.logs.map((l) => JSON.parse(l) as { rateLimits?: string; msg: string }).filter((l) => l.rateLimits === "redis");
    expect(said.map((l) => l.msg)).toEqual([
      "Redis is not answering: each hub process counts its rate limits in memory until it does",
      "Redis is not answering: each hub process counts its rate limits in memory until it does",
    ]);
  });
});

describe("the rate limits' configuration", () => {
  const problem = (env: Record<string, string>) => {
    try {
      readConfig(env);
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      return (error as Error).message;
    }
    throw new Error("the configuration was accepted");
  };

  it("defaults to 600 a minute per person, 30 failed sign-ins, 3000 per integration client, none named", () => {
    expect(readConfig({}).rateLimits).toEqual({
      user: { points: 600, durationSeconds: 60 },
      failedSignIn: { points: 30, durationSeconds: 60 },
      integration: { points: 3000, durationSeconds: 60 },
      integrationClients: [],
    });
    expect(readConfig({}).redisKeyPrefix).toBe("victims-hub");
  });

  it("reads requests/seconds, and integration clients with or without a limit of their own", () => {
    const config = readConfig({ HUB_USER_RATE_LIMIT: "100/10", HUB_INTEGRATION_CLIENTS: " wcu-case-system , cps-cms=6000/60,", HUB_REDIS_KEY_PREFIX: "northshire:hub" });
    expect(config.rateLimits.user).toEqual({ points: 100, durationSeconds: 10 });
    expect(config.rateLimits.integrationClients).toEqual([{ subject: "wcu-case-system" }, { subject: "cps-cms", limit: { points: 6000, durationSeconds: 60 } }]);
    expect(config.redisKeyPrefix).toBe("northshire:hub");
  });

  it("says which setting is wrong, and how to write it", () => {
    expect(problem({ HUB_USER_RATE_LIMIT: "600" })).toContain(
      'HUB_USER_RATE_LIMIT: must be "requests/seconds", a whole number of each, such as 600/60 for 600 requests a minute',
    );
    expect(problem({ HUB_FAILED_SIGN_IN_LIMIT: "0/60" })).toMatch(/^ {2}HUB_FAILED_SIGN_IN_LIMIT: must be "requests\/seconds"/m);
    expect(problem({ HUB_INTEGRATION_RATE_LIMIT: "3000/minute" })).toMatch(/^ {2}HUB_INTEGRATION_RATE_LIMIT: /m);
    const clients = problem({ HUB_INTEGRATION_CLIENTS: "cps-cms=6000, wcu=a=b, wcu-2=10/60, wcu-2" });
    expect(clients).toContain(`HUB_INTEGRATION_CLIENTS: cps-cms's limit "6000" must be "requests/seconds"`);
    expect(clients).toContain(`HUB_INTEGRATION_CLIENTS: "wcu=a=b" is not an integration client: write the subject its tokens carry, optionally followed by =requests/seconds`);
    expect(clients).toContain("HUB_INTEGRATION_CLIENTS: names wcu-2 twice");
    expect(problem({ HUB_REDIS_KEY_PREFIX: "my hub" })).toContain("HUB_REDIS_KEY_PREFIX: must be letters, digits and _ . : -");
  });
});
