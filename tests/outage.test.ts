// A database outage said plainly (issue #13): while PostgreSQL refuses the hub's connections,
// every request is answered 503 with Retry-After in the GraphQL-over-HTTP error shape, nothing
// half-written, no stack or value in the log; readiness says unavailable; once it is back,
// the hub answers again with no restart. PostgreSQL only (an outage of a real server).
import { adminUrl, testEngine } from "@hub/test-utils";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestHub, type TestHub, WCU } from "./support/test-hub.js";

const onPostgres = testEngine() === "postgres";

describe.runIf(onPostgres)("a database outage", () => {
  let hub: TestHub;
  let admin: pg.Client;
  let name: string;
  let caseId: string;
  beforeAll(async () => {
    hub = await startTestHub();
    caseId = (await hub.db.prisma.case.findFirstOrThrow({ where: { policeUrn: "41NS0102325" } })).id;
    name = new URL(hub.db.url!).pathname.slice(1);
    admin = new pg.Client({ connectionString: adminUrl() });
    await admin.connect();
  });
  afterAll(async () => {
    await admin.query(`ALTER DATABASE "${name}" ALLOW_CONNECTIONS true`).catch(() => {});
    await admin.end();
    await hub.close();
  });

  const goAway = async () => {
    await admin.query(`ALTER DATABASE "${name}" ALLOW_CONNECTIONS false`);
    await admin.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()`, [name]);
  };
  const comeBack = () => admin.query(`ALTER DATABASE "${name}" ALLOW_CONNECTIONS true`);

  it("answers 503 with Retry-After in the GraphQL error shape while it is away, and 200 once it is back", async () => {
    expect((await hub.gql(WCU, `{ viewer { name } }`)).status).toBe(200);
    await goAway();
    try {
      const before = hub.logs.length;
      for (const query of [`{ viewer { name } }`, `{ cases(first: 5) { edges { node { id } } } }`]) {
        const res = await hub.gql(WCU, query);
        expect(res.status, query).toBe(503);
        expect(res.headers.get("retry-after")).toBe("5");
        expect(res.errors).toEqual([{ message: expect.stringMatching(/cannot reach its database just now/), extensions: { code: "SERVICE_UNAVAILABLE" } }]);
      }
      const contact = await hub.gql(WCU, `mutation ($input: RecordContactInput!) { recordContact(input: $input) { __typename } }`, {
        input: { caseId, at: new Date(Date.now() - 60_000).toISOString(), channel: "PHONE", outcome: "REACHED", summary: "Called during the outage." },
      });
      expect(contact.status).toBe(503);
      const ready = await fetch(`${hub.url}/health/ready`);
      expect(ready.status).toBe(503);
      const logged = hub.logs.slice(before).join("");
      expect(logged).not.toMatch(/"level":"error"/);
      expect(logged).not.toMatch(/\n\s+at |Elm Row|Alex Morgan/);
    } finally {
      await comeBack();
    }
    // The pool reconnects on its own: no restart.
    let status = 0;
    for (let i = 0; i < 20 && status !== 200; i++) {
      status = (await hub.gql(WCU, `{ viewer { name } }`)).status;
      if (status !== 200) await new Promise((r) => setTimeout(r, 250));
    }
    expect(status).toBe(200);
    expect(await hub.db.prisma.contactRecord.count({ where: { summary: "Called during the outage." } })).toBe(0);
  });
});

describe("readiness while the job queue is away", () => {
  it("stays ready but says degraded, with the work waiting in the outbox", async () => {
    let jobs = { degraded: false, queue: "bull", available: true, outboxWaiting: 0 };
    const { serveHub } = await import("./support/test-hub.js");
    const hub = await serveHub({ seed: false, readiness: async () => jobs });
    try {
      expect(await (await fetch(`${hub.url}/health/ready`)).json()).toMatchObject({ status: "ok", jobs: { available: true } });
      jobs = { degraded: true, queue: "bull", available: false, outboxWaiting: 3 };
      const ready = await fetch(`${hub.url}/health/ready`);
      expect(ready.status).toBe(200);
      expect(await ready.json()).toEqual({ status: "degraded", database: hub.db.kind, jobs: { queue: "bull", available: false, outboxWaiting: 3 } });
    } finally {
      await hub.close();
    }
  });
});

