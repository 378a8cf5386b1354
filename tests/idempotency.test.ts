// Idempotency-Key over real HTTP: a WCU system retrying a mutation over a bad link writes
// once and gets the same answer back; another payload under the same key is refused; keys
// belong to one user in one organisation; server failures are not kept; answers are kept for
// 24 hours, sealed (the database holds neither the key nor anything of the answer it can read),
// and never replayed to someone who can no longer see the case they concern.
import { createHash, randomUUID } from "node:crypto";
import { writeAuditEntries } from "@hub/core";
import type { Actor } from "@hub/policy";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { registerTrustedDocuments } from "../apps/api/src/http/endpoint-protection.js";
import { createIdempotency, purgeExpiredIdempotencyRecords } from "../apps/api/src/http/idempotency.js";
import { type ProtectedHub, type RawResponse, startProtectedHub } from "./support/protected-hub.js";
import { CPS_VLO, IDVA, WCU } from "./support/test-hub.js";

const CONTACT = `mutation ($input: RecordContactInput!) { recordContact(input: $input) { __typename ... on ContactRecord { id } ... on Error { message } } }`;
/** The same, answered with her words: what a stored answer must never show at rest or to someone who lost access. */
const CONTACT_SAID = `mutation ($input: RecordContactInput!) { recordContact(input: $input) { __typename ... on ContactRecord { id summary } ... on Error { message } } }`;
const WCU_LEAD = "wcu.lead@northshire-police.example.org";
const CASE_Q = `query ($id: ID!) { case(id: $id) { __typename ... on Case { id } } }`;
const PURPOSE = "KEEPING_VICTIM_INFORMED";
const AT = new Date(Date.now() - 3600_000).toISOString();
const sha256 = (text: string) => createHash("sha256").update(text, "utf8").digest("hex");
const NOT_FOUND = { errors: [{ message: "No case was found with that reference.", extensions: { code: "NOT_FOUND" } }], data: null };
const REUSED = {
  errors: [
    {
      message: "This Idempotency-Key was already used for a different request. Use a new key for a new request.",
      extensions: { code: "IDEMPOTENCY_KEY_REUSED" },
    },
  ],
};

describe("Idempotency-Key on mutations", () => {
  let hub: ProtectedHub;
  let caseId: string;
  beforeAll(async () => {
    hub = await startProtectedHub();
    caseId = (await hub.db.prisma.case.findFirstOrThrow({ where: { policeUrn: "41NS0102325" } })).id;
  });
  afterAll(async () => {
    await hub.close();
  });

  /** A recordContact body; the summary makes each test's rows its own. */
  const contact = (summary: string, variables: Record<string, unknown> = {}) => ({
    query: CONTACT,
    variables: { input: { caseId, at: AT, channel: "PHONE", summary, outcome: "REACHED", statutoryDuty: "RIGHT_8_COURT_INFORMATION", ...variables } },
  });
  const send = (as: string, body: unknown, key: string | null, purpose = PURPOSE) =>
    hub.post(as, body, { "X-Access-Purpose": purpose, ...(key === null ? {} : { "Idempotency-Key": key }) });
  const rows = (summary: string) => hub.db.prisma.contactRecord.count({ where: { summary } });
  const newContactId = (res: RawResponse) => {
    expect(res.body?.data?.recordContact?.__typename).toBe("ContactRecord");
    return res.body.data.recordContact.id as string;
  };

  it("runs a retried mutation once and answers the retry with the same status and the same bytes", async () => {
    const summary = `Told her the trial date. ${randomUUID()}`;
    const key = `wcu-retry-${randomUUID()}`;
    const first = await send(WCU, contact(summary), key);
    const id = newContactId(first);
    const retry = await send(WCU, contact(summary), key);
    expect(retry.status).toBe(first.status);
    expect(retry.text).toBe(first.text);
    expect(retry.headers.get("idempotent-replayed")).toBe("true");
    expect(retry.headers.get("content-type")).toBe(first.headers.get("content-type"));
    expect(await rows(summary)).toBe(1);
    expect(await hub.db.prisma.contactRecord.findUniqueOrThrow({ where: { id } })).toMatchObject({ summary });
    // Without a key the same payload is a new contact: the key is what makes it a retry.
    newContactId(await send(WCU, contact(summary), null));
    expect(await rows(summary)).toBe(2);
  });

  it("treats the same variables in another key order as the same payload", async () => {
    const summary = `Told her about special measures. ${randomUUID()}`;
    const key = randomUUID();
    const first = await send(WCU, contact(summary), key);
    newContactId(first);
    const input = contact(summary).variables.input;
    const reordered = Object.fromEntries(Object.entries(input).reverse());
    expect(Object.keys(reordered)).not.toEqual(Object.keys(input));
    const retry = await send(WCU, { variables: { input: reordered }, query: CONTACT }, key);
    expect(retry.text).toBe(first.text);
    expect(await rows(summary)).toBe(1);
  });

  it("refuses the same key with another payload or another purpose (422), and writes nothing", async () => {
    const summary = `Left a voicemail about the hearing. ${randomUUID()}`;
    const key = `wcu-${randomUUID()}`;
    newContactId(await send(WCU, contact(summary), key));
    const otherSummary = `${summary} (second call)`;
    const reused = await send(WCU, contact(otherSummary), key);
    expect(reused.status).toBe(422);
    expect(reused.body).toEqual(REUSED);
    expect(await rows(otherSummary)).toBe(0);
    const otherPurpose = await send(WCU, contact(summary), key, "SAFEGUARDING");
    expect(otherPurpose.status).toBe(422);
    expect(otherPurpose.body).toEqual(REUSED);
    expect(await rows(summary)).toBe(1);
  });

  it("keeps each organisation's keys its own", async () => {
    const key = `shared-${randomUUID()}`;
    const wcuSummary = `WCU told her the verdict date. ${randomUUID()}`;
    const cpsSummary = `CPS explained the decision to charge. ${randomUUID()}`;
    const wcu = await send(WCU, contact(wcuSummary), key);
    const cps = await send(CPS_VLO, contact(cpsSummary), key);
    expect(cps.status).toBe(200);
    const cpsId = newContactId(cps);
    expect(cpsId).not.toBe(newContactId(wcu));
    expect(await rows(wcuSummary)).toBe(1);
    expect(await rows(cpsSummary)).toBe(1);
    expect(await hub.db.prisma.idempotencyRecord.count({ where: { key: sha256(key) } })).toBe(2);
    // Each organisation's retry gets its own answer back.
    expect((await send(CPS_VLO, contact(cpsSummary), key)).text).toBe(cps.text);
    expect((await send(WCU, contact(wcuSummary), key)).text).toBe(wcu.text);
  });

  it("keeps each user's keys their own within one organisation: a colleague's same key and payload runs for them", async () => {
    const key = `colleagues-${randomUUID()}`;
    const summary = `Told her the trial is listed for March. ${randomUUID()}`;
    const priya = await send(WCU, contact(summary), key);
    const tom = await send(WCU_LEAD, contact(summary), key);
    expect(tom.status).toBe(200);
    expect(tom.headers.get("idempotent-replayed")).toBeNull();
    expect(newContactId(tom)).not.toBe(newContactId(priya));
    expect(await rows(summary)).toBe(2);
    expect(await hub.db.prisma.idempotencyRecord.count({ where: { key: sha256(key) } })).toBe(2);
    // Each one's retry gets their own answer back, and writes nothing.
    expect((await send(WCU, contact(summary), key)).text).toBe(priya.text);
    expect((await send(WCU_LEAD, contact(summary), key)).text).toBe(tom.text);
    expect(await rows(summary)).toBe(2);
  });

  it("keeps neither the key nor anything readable of the answer in the database, and still replays it byte for byte", async () => {
    const summary = `She is staying with her sister at 14 Mill Lane for now. ${randomUUID()}`;
    const key = `sealed-${randomUUID()}`;
    const body = { ...contact(summary), query: CONTACT_SAID };
    const first = await send(WCU, body, key);
    const id = newContactId(first);
    expect(first.body.data.recordContact.summary).toBe(summary);
    const stored = await hub.db.sql.query<{ row: string }>(`SELECT r::text AS row FROM "IdempotencyRecord" r WHERE key = $1`, [sha256(key)]);
    expect(stored).toHaveLength(1);
    for (const secret of [key, summary, "Mill Lane", id, first.text]) expect(stored[0]!.row).not.toContain(secret);
    const everywhere = await hub.db.sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM "IdempotencyRecord" r WHERE strpos(r::text, $1) > 0 OR strpos(r::text, $2) > 0`, [key, "Mill Lane"]);
    expect(everywhere).toEqual([{ n: 0 }]);
    const record = await hub.db.prisma.idempotencyRecord.findFirstOrThrow({ where: { key: sha256(key) } });
    expect(record).toMatchObject({ status: 200, responseBody: expect.stringMatching(/^v1\./), caseIds: [caseId], victimIds: [] });
    const retry = await send(WCU, body, key);
    expect(retry.text).toBe(first.text);
    expect(retry.headers.get("idempotent-replayed")).toBe("true");
    expect(await rows(summary)).toBe(1);
  });

  it("refuses (409) rather than replays or reruns an answer that fails its seal's check, or whose cases were changed", async () => {
    const summary = `Told her the hearing moved. ${randomUUID()}`;
    const key = `tampered-${randomUUID()}`;
    newContactId(await send(WCU, contact(summary), key));
    const [stored] = await hub.db.sql.query<{ body: string }>(`SELECT "responseBody" AS body FROM "IdempotencyRecord" WHERE key = $1`, [sha256(key)]);
    // What the cases named are decides who may have the answer: taking them away breaks the seal.
    await hub.db.sql.query(`UPDATE "IdempotencyRecord" SET "caseIds" = '{}' WHERE key = $1`, [sha256(key)]);
    const stripped = await send(WCU, contact(summary), key);
    expect(stripped.status).toBe(409);
    expect(stripped.body.errors[0].extensions).toEqual({ code: "IDEMPOTENCY_ANSWER_UNREADABLE" });
    // A plain answer (as an older hub kept them) is never sent either.
    await hub.db.sql.query(`UPDATE "IdempotencyRecord" SET "caseIds" = $2, "responseBody" = '{"data":{"recordContact":{"__typename":"ContactRecord","id":"x"}}}' WHERE key = $1`, [sha256(key), [caseId]]);
    const plain = await send(WCU, contact(summary), key);
    expect(plain.status).toBe(409);
    expect(plain.text).not.toContain('"id":"x"');
    expect(await rows(summary)).toBe(1);
    expect(stored?.body).toMatch(/^v1\./);
  });

  it("writes once when ten copies of a request arrive at the same time", async () => {
    const summary = `Sent a letter confirming the court date. ${randomUUID()}`;
    const key = `burst-${randomUUID()}`;
    const answers = await Promise.all(Array.from({ length: 10 }, () => send(WCU, contact(summary), key)));
    expect(answers.map((a) => a.status)).toEqual(Array(10).fill(200));
    newContactId(answers[0]!);
    expect(new Set(answers.map((a) => a.text)).size).toBe(1);
    expect(await rows(summary)).toBe(1);
    expect(answers.filter((a) => a.headers.get("idempotent-replayed") === "true")).toHaveLength(9);
  });

  it("does the same for a registered (trusted) operation sent by its hash alone", async () => {
    const [registered] = await registerTrustedDocuments(hub.db, { documents: [{ name: "RecordContactForRetry", document: CONTACT }] });
    const summary = `Texted her the new date. ${randomUUID()}`;
    const key = `persisted-${randomUUID()}`;
    const body = { variables: contact(summary).variables, extensions: { persistedQuery: { version: 1, sha256Hash: registered!.hash } } };
    const first = await send(WCU, body, key);
    newContactId(first);
    expect((await send(WCU, body, key)).text).toBe(first.text);
    expect(await rows(summary)).toBe(1);
  });

  it("ignores the header on a query, whatever the key", async () => {
    const key = `query-${randomUUID()}`;
    newContactId(await send(WCU, contact(`Called her back. ${randomUUID()}`), key));
    // A query under a key a mutation used: answered, not refused as a reused key.
    const read = await send(WCU, { query: CASE_Q, variables: { id: caseId } }, key);
    expect(read.status).toBe(200);
    expect(read.body.data.case).toEqual({ __typename: "Case", id: caseId });
    const fresh = `query-only-${randomUUID()}`;
    expect((await send(WCU, { query: CASE_Q, variables: { id: caseId } }, fresh)).body.data.case.id).toBe(caseId);
    expect((await send(WCU, { query: CASE_Q, variables: { id: caseId } }, "x".repeat(201))).body.data.case.id).toBe(caseId);
    expect(await hub.db.prisma.idempotencyRecord.count({ where: { key: { in: [fresh, "x".repeat(201)].map(sha256) } } })).toBe(0);
  });

  it("refuses a malformed key on a mutation before running it", async () => {
    const summary = `Should not be written. ${randomUUID()}`;
    for (const key of ["x".repeat(201), ""]) {
      const res = await send(WCU, contact(summary), key);
      expect(res.status).toBe(400);
      expect(res.body.errors[0].extensions).toEqual({ code: "IDEMPOTENCY_KEY_INVALID" });
    }
    expect(await rows(summary)).toBe(0);
    const longest = "~".repeat(200);
    newContactId(await send(WCU, contact(summary), longest));
    expect(await rows(summary)).toBe(1);
  });

  it("labels a replay with the media type the client asked for, and refuses one that accepts no JSON", async () => {
    const summary = `Told her the defence asked for an adjournment. ${randomUUID()}`;
    const key = `media-${randomUUID()}`;
    const headers = { "X-Access-Purpose": PURPOSE, "Idempotency-Key": key, Accept: "application/graphql-response+json" };
    const first = await hub.post(WCU, contact(summary), headers);
    newContactId(first);
    const retry = await hub.post(WCU, contact(summary), headers);
    expect(first.headers.get("content-type")).toBe("application/graphql-response+json; charset=utf-8");
    expect(retry.headers.get("content-type")).toBe(first.headers.get("content-type"));
    expect(retry.text).toBe(first.text);
    const stream = await hub.post(WCU, contact(`${summary} (stream)`), { ...headers, "Idempotency-Key": randomUUID(), Accept: "text/event-stream" });
    expect(stream.status).toBe(406);
    expect(await rows(`${summary} (stream)`)).toBe(0);
  });

  it("does not keep an answer the audit log could not be written for (503): the retry runs", async () => {
    // IDVA cannot see this case: the denied look-up must be logged, so with the log away the hub answers 503.
    const key = `idva-${randomUUID()}`;
    const idvaId = (await hub.db.prisma.user.findUniqueOrThrow({ where: { email: IDVA } })).id;
    const denied = () => hub.db.prisma.auditEvent.count({ where: { action: "DENIED", entityType: "ContactRecord", entityId: caseId, actorUserId: idvaId } });
    const before = await denied();
    await hub.db.sql.exec(`ALTER TABLE "AuditEvent" RENAME TO "AuditEventAway"`);
    try {
      const failed = await send(IDVA, contact("IDVA tries a case it does not work on."), key, "SUPPORT_AND_ADVOCACY");
      expect(failed.status).toBe(503);
      expect(failed.body.errors[0].extensions).toEqual({ code: "AUDIT_UNAVAILABLE" });
    } finally {
      await hub.db.sql.exec(`ALTER TABLE "AuditEventAway" RENAME TO "AuditEvent"`);
    }
    expect(await hub.db.prisma.idempotencyRecord.count({ where: { key: sha256(key) } })).toBe(0);
    const retry = await send(IDVA, contact("IDVA tries a case it does not work on."), key, "SUPPORT_AND_ADVOCACY");
    expect(retry.status).toBe(200);
    expect(retry.body.data.recordContact.__typename).toBe("NotFoundError");
    expect(await denied()).toBe(before + 1); // it ran: its denied look-up is in the log now
    expect(await hub.db.prisma.idempotencyRecord.findFirst({ where: { key: sha256(key) } })).toMatchObject({ status: 200 });
  });

  it("does not keep an unexpected error either (its message says 'Please try again'): the retry writes", async () => {
    const summary = `Told her the sentence date. ${randomUUID()}`;
    const key = `wcu-error-${randomUUID()}`;
    await hub.db.sql.exec(`ALTER TABLE "AuditEvent" RENAME TO "AuditEventAway"`);
    try {
      const failed = await send(WCU, contact(summary), key);
      expect(failed.body.errors[0].extensions).toEqual({ code: "INTERNAL_SERVER_ERROR" });
    } finally {
      await hub.db.sql.exec(`ALTER TABLE "AuditEventAway" RENAME TO "AuditEvent"`);
    }
    expect(await rows(summary)).toBe(0);
    const retry = await send(WCU, contact(summary), key);
    expect(retry.status).toBe(200);
    newContactId(retry);
    expect(await rows(summary)).toBe(1);
  });

  it("logs a replay in the audit log under the key's hash, never the key", async () => {
    const summary = `Explained the victim personal statement. ${randomUUID()}`;
    const key = `audit-${randomUUID()}`;
    const replays = () => hub.db.prisma.auditEvent.findMany({ where: { entityType: "IdempotentReplay" } });
    const collected = () => hub.db.prisma.auditEvent.count({ where: { action: "COLLECTION", entityType: "ContactRecord", entityId: id } });
    const first = await send(WCU, contact(summary), key);
    const id = newContactId(first);
    expect((await replays()).filter((e) => e.entityId === sha256(key))).toHaveLength(0);
    await send(WCU, contact(summary), key);
    const entries = (await replays()).filter((e) => e.entityId === sha256(key));
    const wcu = await hub.db.prisma.user.findUniqueOrThrow({ where: { email: WCU } });
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ action: "CONSULTATION", actorUserId: wcu.id, purpose: PURPOSE, fields: [] });
    expect(await collected()).toBe(1); // the write itself was logged once, by the first request
    const mentions = await hub.db.sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM "AuditEvent" a WHERE strpos(a::text, $1) > 0`, [key]);
    expect(mentions).toEqual([{ n: 0 }]);
  });

  it("never logs a stored answer, nor the key itself", async () => {
    const summary = `She asked about compensation. ${randomUUID()}`;
    const key = `logs-${randomUUID()}`;
    const first = await send(WCU, contact(summary), key);
    const id = newContactId(first);
    await send(WCU, contact(summary), key);
    await send(WCU, contact(`${summary} again`), key);
    const mine = hub.logs.filter((l) => l.includes(sha256(key)));
    expect(mine.length).toBeGreaterThanOrEqual(2); // the replay and the refusal, by the key's hash
    for (const line of hub.logs) {
      expect(line).not.toContain(first.text);
      expect(line).not.toContain(id);
      expect(line).not.toContain(summary);
      expect(line).not.toContain(key);
    }
  });
});

describe("idempotency claims (waiting, abandoned claims, retention)", () => {
  let hub: ProtectedHub;
  beforeAll(async () => {
    hub = await startProtectedHub();
  });
  afterAll(async () => {
    await hub.close();
  });

  // Keys belong to one user in one organisation.
  const actor = () => ({ organisationId: randomUUID(), userId: randomUUID() }) as Actor;
  const request = (key: string, query = "mutation { recordContact }") =>
    new Request("http://hub.test/graphql", { method: "POST", headers: { "Content-Type": "application/json", "Idempotency-Key": key }, body: JSON.stringify({ query }) });
  const deferred = () => {
    let resolve!: (r: Response) => void;
    const promise = new Promise<Response>((r) => {
      resolve = r;
    });
    return { promise, resolve };
  };
  /** Handlers that count executions and answer with what the test gives them. */
  const handlers = (answer: () => Promise<Response>) => {
    const calls = { execute: 0, replay: 0 };
    return {
      calls,
      execute: async () => {
        calls.execute++;
        return answer();
      },
      maySee: async () => true,
      replay: async (stored: Response) => {
        calls.replay++;
        return stored;
      },
      withhold: async (refusal: Response) => refusal,
    };
  };
  const idempotency = (waitMs: number) => createIdempotency({ db: hub.db, logger: { info() {}, warn() {}, error() {} } as never, waitMs });

  it("makes a duplicate wait for the first request and answers it with the first one's result", async () => {
    const who = actor();
    const first = deferred();
    const h = handlers(() => first.promise);
    const idem = idempotency(5_000);
    const a = idem.run(request("k"), who, h);
    await new Promise((r) => setTimeout(r, 50));
    const b = idem.run(request("k"), who, h);
    await new Promise((r) => setTimeout(r, 100));
    first.resolve(new Response('{"data":{"done":1}}', { status: 200 }));
    const [ra, rb] = await Promise.all([a, b]);
    expect(await ra.text()).toBe('{"data":{"done":1}}');
    expect(rb.status).toBe(200);
    expect(await rb.text()).toBe('{"data":{"done":1}}');
    expect(h.calls).toEqual({ execute: 1, replay: 1 });
  });

  it("answers 409 with Retry-After to a duplicate that waits longer than it may, and runs nothing twice", async () => {
    const who = actor();
    const stuck = deferred();
    const h = handlers(() => stuck.promise);
    const idem = idempotency(200);
    const a = idem.run(request("k"), who, h);
    await new Promise((r) => setTimeout(r, 50));
    const busy = await idem.run(request("k"), who, h);
    expect(busy.status).toBe(409);
    expect(busy.headers.get("retry-after")).toMatch(/^\d+$/);
    expect((await busy.json()).errors[0].extensions).toEqual({ code: "IDEMPOTENCY_KEY_IN_PROGRESS" });
    stuck.resolve(new Response('{"data":{"first":1}}', { status: 200 }));
    expect(await (await a).text()).toBe('{"data":{"first":1}}');
    expect(h.calls.execute).toBe(1);
    const later = await idem.run(request("k"), who, h);
    expect(await later.text()).toBe('{"data":{"first":1}}');
    expect(h.calls).toEqual({ execute: 1, replay: 1 });
  });

  it("leaves the key free when the request dies before it commits: the retry runs once, at once", async () => {
    const who = actor();
    const idem = idempotency(1_000);
    const dies = handlers(async () => {
      throw new Error("the process went away mid-request");
    });
    await expect(idem.run(request("dies"), who, dies)).rejects.toThrow(/went away/);
    expect(await hub.db.prisma.idempotencyRecord.count({ where: { organisationId: who.organisationId } })).toBe(0);
    const retry = handlers(async () => new Response('{"data":{"ran":1}}'));
    expect(await (await idem.run(request("dies"), who, retry)).text()).toBe('{"data":{"ran":1}}');
    expect(retry.calls.execute).toBe(1);
  });

  it("frees a claim without an answer that an older hub left, and never replays it", async () => {
    const who = actor();
    await hub.db.sql.query(`INSERT INTO "IdempotencyRecord" ("organisationId", "userId", key, "requestHash", "createdAt") VALUES ($1, $2, $3, 'x', now() - interval '1 hour')`, [who.organisationId, who.userId, sha256("left")]);
    const idem = idempotency(1_000);
    const h = handlers(async () => new Response('{"data":{"ran":1}}'));
    expect(await (await idem.run(request("left", "mutation { x }"), who, h)).text()).toBe('{"data":{"ran":1}}');
    expect(h.calls).toEqual({ execute: 1, replay: 0 });
  });

  it("records the cases and victims the request's audit entries name (not its refusals), and withholds the answer when the caller may not see them now", async () => {
    const who = actor();
    const [seen, refused, alone] = [randomUUID(), randomUUID(), randomUUID()];
    const entry = (more: object) => ({ actorUserId: who.userId, organisationId: who.organisationId, roles: [], purpose: null, entityType: "Test", ...more }) as never;
    const idem = idempotency(1_000);
    const execute = async (_request: Request, within?: { prisma: any }) => {
      // A domain write in its own (nested) transaction, a refusal, and a read's entry naming only a victim.
      await within!.prisma.$transaction((tx: any) => writeAuditEntries(tx, [entry({ action: "COLLECTION", caseId: seen })]));
      await writeAuditEntries(within!.prisma, [entry({ action: "DENIED", caseId: refused }), entry({ action: "CONSULTATION", victimId: alone })]);
      return new Response('{"data":{"secret":"hers"}}');
    };
    const asked: unknown[] = [];
    const calls = { replay: 0, withhold: 0 };
    const h = (may: boolean) => ({
      execute,
      maySee: async (concerns: unknown) => {
        asked.push(concerns);
        return may;
      },
      replay: async (stored: Response) => {
        calls.replay++;
        return stored;
      },
      withhold: async (refusal: Response) => {
        calls.withhold++;
        return refusal;
      },
    });
    expect(await (await idem.run(request("mixed"), who, h(true))).text()).toBe('{"data":{"secret":"hers"}}');
    const record = await hub.db.prisma.idempotencyRecord.findFirstOrThrow({ where: { organisationId: who.organisationId } });
    expect(record).toMatchObject({ caseIds: [seen], victimIds: [alone] });
    const withheld = await idem.run(request("mixed"), who, h(false));
    expect(asked).toEqual([{ caseIds: [seen], victimIds: [alone] }]);
    expect(calls).toEqual({ replay: 0, withhold: 1 });
    expect(withheld.status).toBe(200);
    expect(withheld.headers.get("idempotent-replayed")).toBeNull();
    expect(await withheld.json()).toEqual(NOT_FOUND);
    expect(await (await idem.run(request("mixed"), who, h(true))).text()).toBe('{"data":{"secret":"hers"}}');
    expect(calls).toEqual({ replay: 1, withhold: 1 });
  });

  it("forgets a key after 24 hours, and purges only records older than that", async () => {
    const who = actor();
    const idem = idempotency(100);
    await idem.run(request("old"), who, handlers(async () => new Response('{"data":{"old":1}}')));
    await idem.run(request("recent"), who, handlers(async () => new Response('{"data":{"recent":1}}')));
    const now = new Date();
    const setAge = (key: string, hours: number) =>
      hub.db.prisma.idempotencyRecord.update({ where: { organisationId_userId_key: { organisationId: who.organisationId, userId: who.userId, key: sha256(key) } }, data: { createdAt: new Date(now.getTime() - hours * 3600_000) } });
    await setAge("old", 25);
    await setAge("recent", 23);
    // Expired but not yet purged: the key is free again, even for another payload.
    const reused = handlers(async () => new Response('{"data":{"new":1}}'));
    expect(await (await idem.run(request("old", "mutation { other }"), who, reused)).text()).toBe('{"data":{"new":1}}');
    expect(reused.calls.execute).toBe(1);
    await setAge("old", 25);
    expect(await purgeExpiredIdempotencyRecords(hub.db, now)).toBe(1);
    const left = await hub.db.prisma.idempotencyRecord.findMany({ where: { organisationId: who.organisationId }, select: { key: true } });
    expect(left).toEqual([{ key: sha256("recent") }]);
    expect(await purgeExpiredIdempotencyRecords(hub.db, new Date(now.getTime() + 2 * 3600_000))).toBe(1);
    expect(await hub.db.prisma.idempotencyRecord.count({ where: { organisationId: who.organisationId } })).toBe(0);
  });
});

describe("Idempotency-Key replays after access is lost", () => {
  let hub: ProtectedHub;
  let caseId: string;
  beforeAll(async () => {
    hub = await startProtectedHub();
    caseId = (await hub.db.prisma.case.findFirstOrThrow({ where: { policeUrn: "41NS0102325" } })).id;
  });
  afterAll(async () => {
    await hub.close();
  });

  const END = `mutation ($i: ID!, $r: String!) { endCaseInvolvement(involvementId: $i, reason: $r) { __typename ... on Error { message } } }`;
  const send = (as: string, body: unknown, key: string | null) => hub.post(as, body, { "X-Access-Purpose": PURPOSE, ...(key === null ? {} : { "Idempotency-Key": key }) });

  it("answers the retry as the hub answers any case she cannot see (not found), sends nothing of the answer and writes nothing", async () => {
    const summary = `She is moving to a refuge on Friday. ${randomUUID()}`;
    const key = `withdrawn-${randomUUID()}`;
    const body = { query: CONTACT_SAID, variables: { input: { caseId, at: AT, channel: "PHONE", summary, outcome: "REACHED", statutoryDuty: "RIGHT_8_COURT_INFORMATION" } } };
    const first = await send(WCU, body, key);
    const id = first.body.data.recordContact.id as string;
    expect(first.body.data.recordContact.summary).toBe(summary);
    // While the Witness Care Unit is on the case, the retry is the answer, byte for byte.
    expect((await send(WCU, body, key)).text).toBe(first.text);
    // Then its lead ends its involvement: from now on the unit sees the case no more.
    const involvement = await hub.db.prisma.caseInvolvement.findFirstOrThrow({ where: { caseId, capacity: "WITNESS_CARE", until: null } });
    const ended = await send(WCU_LEAD, { query: END, variables: { i: involvement.id, r: "The victim moved to another force area." } }, null);
    expect(ended.body.data.endCaseInvolvement.__typename).toBe("InvolvementChange");
    expect((await send(WCU, { query: CASE_Q, variables: { id: caseId } }, null)).body.data.case.__typename).toBe("NotFoundError");

    const retry = await send(WCU, body, key);
    expect(retry.status).toBe(200);
    expect(retry.body).toEqual(NOT_FOUND);
    expect(retry.headers.get("idempotent-replayed")).toBeNull();
    for (const secret of [summary, id]) expect(retry.text).not.toContain(secret);
    // Nothing written again; asked again, the same.
    expect(await hub.db.prisma.contactRecord.count({ where: { summary } })).toBe(1);
    expect((await send(WCU, body, key)).body).toEqual(NOT_FOUND);
    // Logged as the replay it was, then the ones withheld, by the key's hash and the case (identifiers only).
    const entries = await hub.db.prisma.auditEvent.findMany({ where: { entityType: "IdempotentReplay", entityId: sha256(key) }, orderBy: { seq: "asc" } });
    const victimId = (await hub.db.prisma.case.findUniqueOrThrow({ where: { id: caseId } })).victimId;
    expect(entries.map((e) => ({ action: e.action, caseId: e.caseId, victimId: e.victimId, outcome: e.outcome }))).toEqual([
      { action: "CONSULTATION", caseId, victimId, outcome: null },
      { action: "DENIED", caseId, victimId, outcome: "not-permitted" },
      { action: "DENIED", caseId, victimId, outcome: "not-permitted" },
    ]);
    for (const line of hub.logs) expect(line).not.toContain(summary);
  });
});
