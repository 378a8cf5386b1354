// The GraphQL endpoint's protections over real HTTP: query limits, no schema hints,
// introspection and trusted documents by environment, CSRF, batching, body size, rate limits.
import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { testEngine } from "@hub/test-utils";
import { buildSchema, getIntrospectionQuery, parse, validate } from "graphql";
import { createSchema, createYoga } from "graphql-yoga";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createEndpointProtection, operationsFromSource, registerTrustedDocuments } from "../apps/api/src/http/endpoint-protection.js";
import { hideSuggestionsPlugin } from "../apps/api/src/http/query-limits.js";
import { printHubSchema } from "@hub/api";
import { startProtectedHub, type ProtectedHub, type RawResponse } from "./support/protected-hub.js";
import { ISVA, WCU } from "./support/test-hub.js";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const sha256 = (text: string) => createHash("sha256").update(text, "utf8").digest("hex");
const codes = (res: RawResponse) => (res.body?.errors ?? []).map((e: any) => e.extensions?.code);
const messages = (res: RawResponse) => (res.body?.errors ?? []).map((e: any) => e.message as string);
const nested = (levels: number) => `{ ${"a { ".repeat(levels - 1)}b${" }".repeat(levels - 1)} }`;
const aliases = (n: number) => `{ ${Array.from({ length: n }, (_, i) => `a${i}: __typename`).join(" ")} }`;
const directives = (n: number) => `{ ${Array.from({ length: n }, (_, i) => `d${i}: __typename @include(if: true)`).join(" ")} }`;
const VIEWER = "query Viewer { viewer { name } }";

describe("query limits and schema hints (development settings)", () => {
  let hub: ProtectedHub;
  beforeAll(async () => {
    hub = await startProtectedHub();
  });
  afterAll(async () => {
    await hub.close();
  });

  it("refuses a query nested more than 10 levels deep, in plain words", async () => {
    const over = await hub.post(ISVA, { query: nested(11) });
    expect(over.body.data).toBeUndefined();
    expect(messages(over)).toContain("This query nests fields more than 10 levels deep. Ask for fewer nested fields.");
    const at = await hub.post(ISVA, { query: nested(10) });
    expect(codes(at)).not.toContain("QUERY_TOO_COMPLEX"); // refused for its unknown fields, not its depth
  });

  it("refuses more than 15 aliases", async () => {
    const over = await hub.post(ISVA, { query: aliases(16) });
    expect(over.body).toEqual({
      errors: [{ message: "This query uses more than 15 aliases. Split it into several queries.", extensions: { code: "QUERY_TOO_COMPLEX" } }],
    });
    expect((await hub.post(ISVA, { query: aliases(15) })).body.data.a14).toBe("Query");
  });

  it("refuses more than 10 directives", async () => {
    const over = await hub.post(ISVA, { query: directives(11) });
    expect(over.body.data).toBeUndefined();
    expect(messages(over)).toEqual(["This query uses more than 10 directives. Remove some, or split it into several queries."]);
    expect((await hub.post(ISVA, { query: directives(10) })).body.data.d9).toBe("Query");
  });

  it("refuses a document of more than 2,000 tokens before parsing the rest", async () => {
    // Short fields, so the document is well within its length limit (20,000 characters) and only its tokens count.
    const over = await hub.post(ISVA, { query: `{ ${"a ".repeat(1999)}}` }); // 2,001 tokens with the braces
    expect(over.body).toEqual({
      errors: [{ message: "This query is too long (more than 2000 tokens). Split it into several queries.", extensions: { code: "QUERY_TOO_COMPLEX" } }],
    });
    // 1,998 unknown fields are refused for what they are; length is not why.
    expect(codes(await hub.post(ISVA, { query: `{ ${"a ".repeat(1998)}}` }))).not.toContain("QUERY_TOO_COMPLEX");
  });

  it("refuses a query that costs too much, but not one page of 100 cases", async () => {
    const page = "cases(first: 100) { edges { cursor node { id policeUrn stage involvements { capacity organisation { name kind areas { name } } } } } }";
    const over = await hub.post(ISVA, { query: `{ a: ${page} b: ${page} }` });
    expect(over.body.data).toBeUndefined();
    expect(messages(over)).toEqual([
      "This query asks for too much at once. Ask for fewer fields or smaller pages, or split it into several queries.",
    ]);
    expect(codes(await hub.post(ISVA, { query: `{ ${page} }` }))).not.toContain("QUERY_TOO_COMPLEX");
  });

  it("never suggests field, argument, type or enum names", async () => {
    const schema = buildSchema(printHubSchema());
    const probes: [string, Record<string, unknown>?][] = [
      ["{ viewer { nme } }"],
      ["{ cases(frist: 2) { edges { cursor } } }"],
      ["query ($id: ID!) { case(id: $id) { ... on Cse { id } } }", { id: "x" }],
    ];
    for (const [query, variables] of probes) {
      // graphql-js itself would suggest a name for each probe (so this test can fail)...
      expect(validate(schema, parse(query)).map((e) => e.message).join(" ")).toMatch(/Did you mean/);
      // ...and the hub's answer never does.
      const res = await hub.post(ISVA, { query, variables });
      expect(res.body.errors?.length).toBeGreaterThan(0);
      expect(res.text).not.toMatch(/did you mean/i);
    }
  });

  it("strips suggestions from enum values, in literals and in variables", async () => {
    // The hub's schema may have no enum argument, so a small one shows both forms.
    const yoga = createYoga({
      schema: createSchema({ typeDefs: "enum Stage { TRIAL VERDICT } type Query { at(stage: Stage): String }" }),
      plugins: [hideSuggestionsPlugin()],
    });
    const ask = async (body: unknown) =>
      (await yoga.fetch("http://hub/graphql", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) })).text();
    const literal = await ask({ query: "{ at(stage: TRAIL) }" });
    const variable = await ask({ query: "query ($s: Stage) { at(stage: $s) }", variables: { s: "TRAIL" } });
    for (const text of [literal, variable]) {
      expect(text).toContain("TRAIL"); // the error is there...
      expect(text).not.toMatch(/did you mean/i); // ...without the hint
    }
    const unprotected = createYoga({ schema: createSchema({ typeDefs: "enum Stage { TRIAL VERDICT } type Query { at(stage: Stage): String }" }) });
    const hinted = await unprotected.fetch("http://hub/graphql", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: "query ($s: Stage) { at(stage: $s) }", variables: { s: "TRAIL" } }),
    });
    expect(await hinted.text()).toMatch(/Did you mean the enum value/); // control: Yoga alone would hint
  });

  it("answers introspection in development, including the standard query tools send", async () => {
    const res = await hub.post(ISVA, { query: "{ __schema { queryType { name } } }" });
    expect(res.body).toEqual({ data: { __schema: { queryType: { name: "Query" } } } });
    const full = await hub.post(ISVA, { query: getIntrospectionQuery() });
    expect(full.body.errors).toBeUndefined();
    expect(full.body.data.__schema.types.map((t: any) => t.name)).toContain("Viewer");
  });

  it("allows a query sent as text in development, and a registered one by hash", async () => {
    expect((await hub.post(ISVA, { query: VIEWER })).body).toEqual({ data: { viewer: { name: "Amira Khan" } } });
    const [doc] = await registerTrustedDocuments(hub.db, { documents: [{ name: "Viewer", document: VIEWER }] });
    const byHash = await hub.post(ISVA, { extensions: { persistedQuery: { version: 1, sha256Hash: doc!.hash } } });
    expect(byHash.body).toEqual({ data: { viewer: { name: "Amira Khan" } } });
  });
});

describe("production settings: trusted documents only, no introspection", () => {
  let hub: ProtectedHub;
  beforeAll(async () => {
    hub = await startProtectedHub({ production: true });
  });
  afterAll(async () => {
    await hub.close();
  });

  it("refuses a query sent as text, and an unregistered hash, without running either", async () => {
    const text = await hub.post(ISVA, { query: VIEWER });
    expect(text.status).toBe(400);
    expect(text.body.data).toBeUndefined();
    expect(codes(text)).toEqual(["PERSISTED_QUERY_REQUIRED"]);
    const unknown = await hub.post(ISVA, { extensions: { persistedQuery: { version: 1, sha256Hash: sha256("query Nope { viewer { email } }") } } });
    expect(unknown.body).toEqual({
      errors: [{ message: "This operation is not registered with the hub. Ask the hub's administrators to register it.", extensions: { code: "PERSISTED_QUERY_NOT_FOUND" } }],
    });
    const garbage = await hub.post(ISVA, { documentId: "../../etc/passwd" });
    expect(codes(garbage)).toEqual(["PERSISTED_QUERY_NOT_FOUND"]);
  });

  it("runs a registered operation by its sha256, as APQ extensions or documentId (POST only)", async () => {
    const document = "query ViewerOrganisation { viewer { name organisation { name } } }";
    const [registered] = await registerTrustedDocuments(hub.db, { documents: [{ name: "ViewerOrganisation", document }] });
    expect(registered).toEqual({ name: "ViewerOrganisation", hash: sha256(document), created: true });
    const expected = { data: { viewer: { name: "Amira Khan", organisation: { name: "Northshire Rape Crisis" } } } };

    expect((await hub.post(ISVA, { extensions: { persistedQuery: { version: 1, sha256Hash: sha256(document) } } })).body).toEqual(expected);
    expect((await hub.post(ISVA, { documentId: `sha256:${sha256(document)}` })).body).toEqual(expected);
    // Over GET the document id would sit in the URL: refused, however it is asked.
    const get = await hub.request(ISVA, { query: { documentId: sha256(document) }, headers: { "GraphQL-Require-Preflight": "1" } });
    expect(get.status).toBe(405);
    expect(get.headers.get("allow")).toBe("POST");
    // The same text with the hash is still refused: production runs the registered copy only.
    const both = await hub.post(ISVA, { query: document, extensions: { persistedQuery: { version: 1, sha256Hash: sha256(document) } } });
    expect(codes(both)).toEqual(["PERSISTED_QUERY_REQUIRED"]);
  });

  it("does not answer introspection, even in a registered document", async () => {
    const document = "query Schema { __schema { types { name } } }";
    await registerTrustedDocuments(hub.db, { documents: [{ name: "Schema", document }] });
    const res = await hub.post(ISVA, { extensions: { persistedQuery: { version: 1, sha256Hash: sha256(document) } } });
    expect(res.body.data).toBeUndefined();
    expect(res.body.errors).toEqual([
      {
        message: "This hub does not answer questions about its schema. Ask the partnership for the published schema.",
        locations: [{ line: 1, column: 16 }],
        extensions: { code: "INTROSPECTION_DISABLED" },
      },
    ]);
    expect(res.text).not.toContain("Viewer");
  });
});

describe("registering trusted documents", () => {
  let hub: ProtectedHub;
  let dir: string;
  beforeAll(async () => {
    hub = await startProtectedHub({ production: true });
    dir = mkdtempSync(path.join(tmpdir(), "hub-ops-"));
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await hub.close();
  });

  const FILE = `
    fragment OrgName on Organisation { name }
    query WhoAmI { viewer { name organisation { ...OrgName } } }
    query Organisations { organisations { ...OrgName kind } }
  `;

  it("splits a file into one document per operation, each with the fragments it uses", () => {
    const docs = operationsFromSource(FILE);
    expect(docs.map((d) => d.name)).toEqual(["WhoAmI", "Organisations"]);
    for (const d of docs) expect(d.document).toContain("fragment OrgName on Organisation");
    expect(() => operationsFromSource("{ viewer { name } }")).toThrow(/Give every operation in the file a name/);
    expect(() => operationsFromSource("query A { viewer { ...Missing } }")).toThrow(/"Missing" is used but not defined/);
  });

  it("refuses a document that does not match the schema, saving nothing", async () => {
    const before = await hub.db.prisma.trustedDocument.count();
    await expect(
      registerTrustedDocuments(hub.db, {
        documents: [
          { name: "Good", document: "query Good { viewer { id } }" },
          { name: "Bad", document: "query Bad { viewer { password } }" },
        ],
      }),
    ).rejects.toThrow(/"Bad" does not match the hub's schema/);
    expect(await hub.db.prisma.trustedDocument.count()).toBe(before);
  });

  it("registers again without duplicating, keyed by the sha256 of the text", async () => {
    const docs = operationsFromSource(FILE);
    const org = await hub.db.prisma.organisation.findUniqueOrThrow({ where: { name: "Northshire Rape Crisis" } });
    const first = await registerTrustedDocuments(hub.db, { organisationId: org.id, documents: docs });
    const again = await registerTrustedDocuments(hub.db, { organisationId: org.id, documents: docs });
    expect(first.map((r) => r.created)).toEqual([true, true]);
    expect(again.map((r) => r.created)).toEqual([false, false]);
    for (const d of docs) {
      const row = await hub.db.prisma.trustedDocument.findUniqueOrThrow({ where: { hash: sha256(d.document) } });
      expect(row).toMatchObject({ name: d.name, document: d.document, organisationId: org.id });
    }
    const res = await hub.post(WCU, { extensions: { persistedQuery: { version: 1, sha256Hash: sha256(docs[1]!.document) } } });
    expect(res.body.data.organisations).toContainEqual({ name: "Northshire Rape Crisis", kind: "ISVA_SERVICE" });
  });

  // The CLI talks to a database by URL; the embedded test database lives inside this process.
  it.skipIf(testEngine() === "pglite")("registers a file's operations from the command line for an organisation", async () => {
    const file = path.join(dir, "integration.graphql");
    writeFileSync(file, "query CliCases { cases(first: 5) { edges { cursor } } }\n");
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ["--import", "tsx", "apps/api/src/cli.ts", "register-operations", file, "--organisation", "Safe Steps Northshire"],
      { cwd: root, env: { ...process.env, DATABASE_URL: hub.db.url!, HUB_ENV: "development", LOG_LEVEL: "silent" } },
    );
    const document = operationsFromSource("query CliCases { cases(first: 5) { edges { cursor } } }")[0]!.document;
    expect(stdout).toContain(sha256(document));
    const row = await hub.db.prisma.trustedDocument.findUniqueOrThrow({ where: { hash: sha256(document) } });
    const org = await hub.db.prisma.organisation.findUniqueOrThrow({ where: { name: "Safe Steps Northshire" } });
    expect(row).toMatchObject({ name: "CliCases", organisationId: org.id });
  });
});

describe("request shape: CSRF, methods, batching, body size", () => {
  let hub: ProtectedHub;
  beforeAll(async () => {
    hub = await startProtectedHub();
  });
  afterAll(async () => {
    await hub.close();
  });

  it("refuses every GET, with or without a preflight header: GraphQL is POST only", async () => {
    for (const headers of [{}, { "GraphQL-Require-Preflight": "1" }] as Record<string, string>[]) {
      const res = await hub.request(ISVA, { query: { query: "{ viewer { name } }" }, headers });
      expect(res.status).toBe(405);
      expect(res.headers.get("allow")).toBe("POST");
      expect(res.body.data).toBeUndefined();
      expect(codes(res)).toEqual(["METHOD_NOT_ALLOWED"]);
    }
  });

  it.each(["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x"])(
    "refuses a POST sent as %s, a type browsers send cross-site without a preflight",
    async (type) => {
      const res = await hub.request(ISVA, { method: "POST", headers: { "Content-Type": type }, body: JSON.stringify({ query: "{ viewer { name } }" }) });
      expect(res.status).toBe(415);
      expect(res.body.data).toBeUndefined();
    },
  );

  it("refuses a mutation over GET", async () => {
    const res = await hub.request(ISVA, { query: { query: "mutation { __typename }" }, headers: { "GraphQL-Require-Preflight": "1" } });
    expect(res.status).toBe(405);
    expect(res.headers.get("allow")).toBe("POST");
    expect(res.body.data).toBeUndefined();
  });

  it("refuses a batch of operations", async () => {
    const res = await hub.post(ISVA, [{ query: "{ viewer { name } }" }, { query: "{ viewer { email } }" }]);
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ errors: [{ message: "Send one operation per request, not a list.", extensions: { code: "BATCHING_NOT_SUPPORTED" } }] });
  });

  it("grants no other web origin access", async () => {
    const res = await hub.post(ISVA, { query: "{ __typename }" }, { Origin: "https://evil.example.org" });
    expect(res.status).toBe(200);
    expect([...res.headers.keys()].filter((h) => h.startsWith("access-control-"))).toEqual([]);
  });

  const TOO_LARGE = { errors: [{ message: "The request is too large. Send at most 1 MiB in one request: split a batch of updates into several requests (about 2,100 typical updates fit in one).", extensions: { code: "PAYLOAD_TOO_LARGE" } }] };
  const padded = (bytes: number) => {
    const body = JSON.stringify({ query: "{ __typename }", variables: { pad: "" } });
    return body.replace('"pad":""', `"pad":"${"x".repeat(bytes - body.length)}"`);
  };

  it("accepts a body of exactly 1 MiB", async () => {
    const res = await hub.request(ISVA, { method: "POST", headers: { "Content-Type": "application/json" }, body: padded(1024 * 1024) });
    expect(res.body).toEqual({ data: { __typename: "Query" } });
  });

  it("answers 413 to a Content-Length over 1 MiB, even before checking the token", async () => {
    for (const as of [ISVA, null]) {
      const res = await hub.request(as, { method: "POST", headers: { "Content-Type": "application/json" }, body: padded(1024 * 1024 + 1) });
      expect(res.status).toBe(413);
      expect(res.body).toEqual(TOO_LARGE);
    }
  });

  it("answers 413 to a chunked body (no Content-Length) that streams past 1 MiB", async () => {
    const chunk = new TextEncoder().encode(" ".repeat(64 * 1024));
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('{"query":"{ __typename }"'));
      },
      pull(controller) {
        if (sent > 4 * 1024 * 1024) return controller.close();
        sent += chunk.byteLength;
        controller.enqueue(chunk);
      },
    });
    const res = await hub.request(ISVA, { method: "POST", headers: { "Content-Type": "application/json" }, body, duplex: "half" } as RequestInit);
    expect(res.status).toBe(413);
    expect(res.body).toEqual(TOO_LARGE);
  });
});

describe("rate limits", () => {
  it("allows 600 requests a minute per user by default, then answers 429 with Retry-After", async () => {
    const protection = createEndpointProtection({ production: false, db: {} as never });
    const actor = { userId: "00000000-0000-4000-8000-000000000001" } as never;
    for (let i = 0; i < 600; i++) expect(await protection.afterAuthentication(actor, new Request("http://hub/graphql"))).toBeNull();
    const refused = await protection.afterAuthentication(actor, new Request("http://hub/graphql"));
    expect(refused?.status).toBe(429);
    expect(Number(refused?.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await protection.afterAuthentication({ userId: "someone-else" } as never, new Request("http://hub/graphql"))).toBeNull();
  });

  describe("over HTTP, with small limits", () => {
    let hub: ProtectedHub;
    beforeAll(async () => {
      hub = await startProtectedHub({
        protection: { rateLimit: { points: 5, durationSeconds: 60 }, failedAuthenticationLimit: { points: 3, durationSeconds: 60 } },
      });
    });
    afterAll(async () => {
      await hub.close();
    });

    it("answers the user's next request over the limit with 429 and Retry-After, in plain words", async () => {
      const token = await hub.tokenFor(ISVA);
      for (let i = 0; i < 5; i++) expect((await hub.post(token, { query: "{ __typename }" })).status).toBe(200);
      const res = await hub.post(token, { query: "{ __typename }" });
      expect(res.status).toBe(429);
      const retryAfter = Number(res.headers.get("retry-after"));
      expect(retryAfter).toBeGreaterThanOrEqual(1);
      expect(retryAfter).toBeLessThanOrEqual(60);
      expect(res.body).toEqual({
        errors: [
          {
            message: `You have sent too many requests in a short time. Wait ${retryAfter} second${retryAfter === 1 ? "" : "s"}, then try again.`,
            extensions: { code: "RATE_LIMITED" },
          },
        ],
      });
      expect((await hub.post(WCU, { query: "{ __typename }" })).status).toBe(200); // other users are not held back
    });

    it("refuses an address after repeated invalid tokens, and only that address", async () => {
      const from = (address: string) => ({ "X-Forwarded-For": `198.51.100.1, ${address}` });
      for (let i = 0; i < 3; i++) expect((await hub.post("not.a.token", { query: "{ __typename }" }, from("203.0.113.7"))).status).toBe(401);
      const refused = await hub.post(await hub.tokenFor(WCU), { query: "{ __typename }" }, from("203.0.113.7"));
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
      expect(refused.body.errors[0].extensions.code).toBe("RATE_LIMITED");
      expect((await hub.post(await hub.tokenFor(WCU), { query: "{ __typename }" }, from("203.0.113.8"))).status).toBe(200);
      // A missing token is not a guess, so it is not counted.
      for (let i = 0; i < 5; i++) expect((await hub.post(null, { query: "{ __typename }" }, from("203.0.113.9"))).status).toBe(401);
      expect((await hub.post(await hub.tokenFor(WCU), { query: "{ __typename }" }, from("203.0.113.9"))).status).toBe(200);
    });
  });
});
