// The hardened edges of the hub, over real HTTP: GraphQL is POST only (nothing about a case in
// a URL), a document has a length limit checked before it is parsed, only access tokens are
// taken (never an ID token that also names the hub), and the client's address comes from the
// connection unless a configured proxy forwarded it, for the audit log and the sign-in limit.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { ConfigError, readConfig } from "@hub/config";
import { verifyAuditChain } from "@hub/core";
import { DEMO_USERS } from "@hub/db/seed";
import { createTestIssuer } from "@hub/test-utils";
import { decodeProtectedHeader } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { clientAddress, normaliseAddress, trustedProxies } from "../apps/api/src/http/client-address.js";
import { registerTrustedDocuments } from "../apps/api/src/http/endpoint-protection.js";
import { loadEmbeddedIssuer } from "../apps/api/src/identity/embedded-issuer.js";
import { createTokenVerifier, InvalidTokenError } from "../apps/api/src/identity/verify-token.js";
import { claimsFor, signed } from "./support/jwt.js";
import { startProtectedHub, type ProtectedHub, type RawResponse } from "./support/protected-hub.js";
import { everydayPurpose, ISVA, WCU } from "./support/test-hub.js";

const codes = (res: RawResponse) => (res.body?.errors ?? []).map((e: any) => e.extensions?.code);
const CASE_Q = "query ($id: ID!) { case(id: $id) { __typename ... on Case { id } } }";
const caseOf = (hub: ProtectedHub) => hub.db.prisma.case.findFirstOrThrow({ where: { policeUrn: "41NS0102325" }, select: { id: true } });

describe("GraphQL is POST only", () => {
  let hub: ProtectedHub;
  let caseId: string;
  beforeAll(async () => {
    hub = await startProtectedHub();
    caseId = (await caseOf(hub)).id;
  });
  afterAll(async () => {
    await hub.close();
  });

  const refusedAsGet = (res: RawResponse) => {
    expect(res.status).toBe(405);
    expect(res.headers.get("allow")).toBe("POST");
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    expect(res.body.data).toBeUndefined();
    expect(res.body.errors).toEqual([{ message: expect.stringMatching(/POST only/), extensions: { code: "METHOD_NOT_ALLOWED" } }]);
  };

  it("refuses a GET carrying a query and case variables with 405 and Allow: POST, preflighted or not, and logs none of it", async () => {
    const query = { query: CASE_Q, variables: JSON.stringify({ id: caseId }) };
    for (const headers of [{}, { "GraphQL-Require-Preflight": "1" }, { Accept: "application/graphql-response+json" }] as Record<string, string>[]) {
      refusedAsGet(await hub.request(WCU, { query, headers: { ...headers, "X-Access-Purpose": everydayPurpose(WCU)! } }));
    }
    expect(hub.logs.join("\n")).not.toContain(caseId);
    // Nothing ran, so nothing was disclosed or logged as read.
    expect(await hub.db.prisma.auditEvent.count({ where: { caseId } })).toBe(0);
  });

  it("refuses a GET by document id or persisted-query extensions too, before the token is even read", async () => {
    const hash = "a".repeat(64);
    refusedAsGet(await hub.request(ISVA, { query: { documentId: hash }, headers: { "GraphQL-Require-Preflight": "1" } }));
    refusedAsGet(await hub.request(null, { query: { extensions: JSON.stringify({ persistedQuery: { version: 1, sha256Hash: hash } }), variables: JSON.stringify({ id: caseId }) } }));
    refusedAsGet(await hub.request("not.a.token", { query: { query: "{ viewer { name } }" } })); // not 401: the method decides first
    const head = await hub.request(ISVA, { method: "HEAD", query: { query: "{ viewer { name } }" } });
    expect(head.status).toBe(405);
    expect(head.headers.get("allow")).toBe("POST");
  });

  it("still answers a POST, and GET elsewhere; no GraphiQL page is served, even in development", async () => {
    expect((await hub.post(ISVA, { query: "{ viewer { name } }" })).body).toEqual({ data: { viewer: { name: "Amira Khan" } } });
    refusedAsGet(await hub.request(ISVA, { headers: { Accept: "text/html" } }));
    expect((await fetch(`${hub.url}/health/live`)).status).toBe(200);
  });
});

describe("GraphQL over GET in production", () => {
  let hub: ProtectedHub;
  beforeAll(async () => {
    hub = await startProtectedHub({ production: true });
  });
  afterAll(async () => {
    await hub.close();
  });

  it("is refused the same way", async () => {
    const res = await hub.request(ISVA, { headers: { Accept: "text/html" }, query: { documentId: "a".repeat(64) } });
    expect(res.status).toBe(405);
    expect(res.headers.get("allow")).toBe("POST");
  });
});

describe("the document length limit", () => {
  let hub: ProtectedHub;
  beforeAll(async () => {
    hub = await startProtectedHub();
  });
  afterAll(async () => {
    await hub.close();
  });

  // A short query made exactly `length` characters long with a comment (a few tokens, so the token limit is not what refuses it).
  const padded = (query: string, length: number) => `${query}\n#${"x".repeat(length - query.length - 2)}`;

  it("refuses a document over 20,000 characters before parsing it, with a typed error that says what to do; nothing runs", async () => {
    const mutation = 'mutation { recordContact(input: { caseId: "00000000-0000-4000-8000-000000000000" }) { __typename } }';
    const before = await hub.db.prisma.auditEvent.count();
    for (const query of [padded("{ viewer { name } }", 20_001), padded(mutation, 25_000), `{ viewer { name } } ${"{".repeat(30_000)}`]) {
      const res = await hub.post(ISVA, { query });
      expect(res.status).toBe(400);
      expect(res.body.data).toBeUndefined();
      expect(res.body.errors).toEqual([
        {
          message: `This query is too long: ${query.length.toLocaleString("en-GB")} characters, and the hub takes at most 20,000. Split it into several queries, or send less text in it (pass values as variables).`,
          extensions: { code: "QUERY_TOO_LONG", maxDocumentLength: 20_000 },
        },
      ]);
    }
    expect(await hub.db.prisma.auditEvent.count()).toBe(before);
    // Under an Idempotency-Key too: the key's own reading of the request never parses it, and no key is kept.
    const keys = await hub.db.prisma.idempotencyRecord.count();
    const keyed = await hub.post(ISVA, { query: padded(mutation, 25_000) }, { "Idempotency-Key": "a-very-long-mutation" });
    expect(keyed.status).toBe(400);
    expect(keyed.body.errors[0].extensions.code).toBe("QUERY_TOO_LONG");
    expect(await hub.db.prisma.idempotencyRecord.count()).toBe(keys);
  });

  it("takes a document of exactly 20,000 characters", async () => {
    const query = padded("{ viewer { name } }", 20_000);
    expect(query.length).toBe(20_000);
    expect((await hub.post(ISVA, { query })).body).toEqual({ data: { viewer: { name: "Amira Khan" } } });
  });

  it("applies to registering a trusted document too, at the same configurable limit", async () => {
    const long = padded("query LongViewer { viewer { name } }", 20_001);
    await expect(registerTrustedDocuments(hub.db, { documents: [{ name: "LongViewer", document: long }] })).rejects.toThrow(
      /^The operation "LongViewer" is not registered\. This query is too long: 20,001 characters, and the hub takes at most 20,000\./,
    );
    await expect(registerTrustedDocuments(hub.db, { documents: [{ name: "Viewer", document: "query Viewer { viewer { name } }" }], maxDocumentLength: 20 })).rejects.toThrow(
      /too long: 32 characters, and the hub takes at most 20\./,
    );
    expect(await hub.db.prisma.trustedDocument.count({ where: { name: { in: ["LongViewer", "Viewer"] } } })).toBe(0);
  });

  it("is set by HUB_MAX_DOCUMENT_LENGTH", () => {
    expect(readConfig({}).maxDocumentLength).toBe(20_000);
    expect(readConfig({ HUB_MAX_DOCUMENT_LENGTH: "50000" }).maxDocumentLength).toBe(50_000);
    expect(() => readConfig({ HUB_MAX_DOCUMENT_LENGTH: "ten" })).toThrow(/HUB_MAX_DOCUMENT_LENGTH/);
    expect(() => readConfig({ HUB_MAX_DOCUMENT_LENGTH: "0" })).toThrow(ConfigError);
  });
});

describe("access tokens only", () => {
  let hub: ProtectedHub;
  const subject = DEMO_USERS.find((u) => u.email === ISVA)!.oidcSubject;
  beforeAll(async () => {
    hub = await startProtectedHub();
  });
  afterAll(async () => {
    await hub.close();
  });

  const token = (header: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
    signed(hub.issuer.privateKey, { alg: "ES256", kid: hub.issuer.kid, ...header }, claimsFor(hub.issuer, subject, extra));
  const status = async (t: string) => (await hub.post(t, { query: "{ viewer { name } }" })).status;

  it("accepts an access token: typ at+jwt in any case, with or without application/, or no typ", async () => {
    for (const typ of ["at+jwt", "AT+JWT", "application/at+jwt", undefined]) expect(await status(await token(typ ? { typ } : {})), String(typ)).toBe(200);
  });

  it("refuses an OpenID Connect ID token that also lists the hub in its audience", async () => {
    const idToken = { aud: [hub.issuer.audience, "hub-portal"], azp: "hub-portal", auth_time: Math.floor(Date.now() / 1000) };
    expect(await status(await token({ typ: "JWT" }, { ...idToken, nonce: "n-0S6_WzA2Mj" }))).toBe(401);
    expect(await status(await token({ typ: "JWT" }, idToken))).toBe(401); // typ says it is not an access token
    expect(await status(await token({}, { ...idToken, nonce: "n-0S6_WzA2Mj" }))).toBe(401); // no typ, but a nonce
    expect(await status(await token({ typ: "at+jwt" }, { at_hash: "77QmUPtjPfzWtF2AnpK9RQ" }))).toBe(401);
    expect(await status(await token({}, { c_hash: "LDktKdoQak3Pk0cnXxCltA" }))).toBe(401);
    // Control: the same claims without the ID token's marks are an access token.
    expect(await status(await token({ typ: "at+jwt" }, { aud: [hub.issuer.audience, "hub-portal"], azp: "hub-portal" }))).toBe(200);
  });

  it("can require typ at+jwt, or also take typ JWT for providers that label access tokens so, never an ID token's claims", async () => {
    const issuer = await createTestIssuer();
    const verifier = (accessTokenTyp: "at+jwt" | "at+jwt-or-jwt") =>
      createTokenVerifier({ issuer: issuer.issuer, audience: issuer.audience, algorithms: ["ES256"], keys: { kind: "local", jwks: issuer.jwks }, accessTokenTyp });
    const make = async (header: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
      `Bearer ${await signed(issuer.privateKey, { alg: "ES256", kid: issuer.kid, ...header }, claimsFor(issuer, "demo|someone", extra))}`;
    const required = verifier("at+jwt");
    expect(await required(await make({ typ: "at+jwt" }))).toEqual({ subject: "demo|someone" });
    await expect(required(await make({}))).rejects.toBeInstanceOf(InvalidTokenError);
    await expect(required(await make({ typ: "JWT" }))).rejects.toBeInstanceOf(InvalidTokenError);
    const lenient = verifier("at+jwt-or-jwt");
    expect(await lenient(await make({ typ: "JWT" }))).toEqual({ subject: "demo|someone" });
    await expect(lenient(await make({ typ: "JWT" }, { nonce: "abc" }))).rejects.toBeInstanceOf(InvalidTokenError);
    await expect(lenient(await make({ typ: "dpop+jwt" }))).rejects.toBeInstanceOf(InvalidTokenError);
    expect(() => createTokenVerifier({ issuer: "x", audience: "y", algorithms: ["ES256"], keys: { kind: "local", jwks: issuer.jwks }, accessTokenTyp: "jwt" as never })).toThrow(/HUB_ACCESS_TOKEN_TYP/);
  });

  it("is set by HUB_ACCESS_TOKEN_TYP; the embedded issuer's tokens say at+jwt, so the demo works when it is required", async () => {
    expect(readConfig({}).identity).toMatchObject({ kind: "embedded", accessTokenTyp: "at+jwt-if-present" });
    expect(readConfig({ HUB_ACCESS_TOKEN_TYP: "at+jwt" }).identity).toMatchObject({ accessTokenTyp: "at+jwt" });
    expect(() => readConfig({ HUB_ACCESS_TOKEN_TYP: "JWT" })).toThrow(/HUB_ACCESS_TOKEN_TYP/);
    const keyDir = mkdtempSync(path.join(tmpdir(), "hub-keys-"));
    try {
      const embedded = await loadEmbeddedIssuer({ issuer: "http://localhost:4000", audience: "victims-hub", keyDir });
      const accessToken = await embedded.issueAccessToken("demo|someone");
      expect(decodeProtectedHeader(accessToken).typ).toBe("at+jwt");
      const verify = createTokenVerifier({ issuer: embedded.issuer, audience: embedded.audience, algorithms: ["ES256"], keys: { kind: "local", jwks: embedded.jwks }, accessTokenTyp: "at+jwt" });
      expect(await verify(`Bearer ${accessToken}`)).toEqual({ subject: "demo|someone" });
    } finally {
      rmSync(keyDir, { recursive: true, force: true });
    }
  });
});

describe("the client's address: the connection's, or the one a trusted proxy forwarded", () => {
  const request = (forwarded?: string) => new Request("http://hub.invalid/graphql", { headers: forwarded ? { "X-Forwarded-For": forwarded } : {} });

  it("ignores X-Forwarded-For from a connection that is not a trusted proxy", () => {
    const proxies = trustedProxies(["10.0.0.5", "192.168.0.0/16"]);
    expect(clientAddress(request("203.0.113.5"), "198.51.100.77", proxies)).toBe("198.51.100.77");
    expect(clientAddress(request("203.0.113.5"), "10.0.0.6", proxies)).toBe("10.0.0.6");
    expect(clientAddress(request("203.0.113.5"), "::ffff:127.0.0.1", proxies)).toBe("127.0.0.1"); // loopback is trusted only when listed
    expect(clientAddress(request("203.0.113.5"), undefined, proxies)).toBeNull();
  });

  it("takes the right-most forwarded entry that is not itself a trusted proxy", () => {
    const proxies = trustedProxies(["10.0.0.5", "192.168.0.0/16", "2001:db8::/32"]);
    expect(clientAddress(request("198.51.100.1, 203.0.113.9"), "10.0.0.5", proxies)).toBe("203.0.113.9");
    expect(clientAddress(request("1.2.3.4, 203.0.113.9, 192.168.4.4"), "10.0.0.5", proxies)).toBe("203.0.113.9");
    expect(clientAddress(request("203.0.113.9:4711, [2001:db8::9]:443"), "::ffff:10.0.0.5", proxies)).toBe("203.0.113.9");
    expect(clientAddress(request(), "10.0.0.5", proxies)).toBe("10.0.0.5"); // the proxy's own request
    // An entry that is no address: the nearest hop known is the proxy that added it.
    expect(clientAddress(request("203.0.113.9, not-an-address, 192.168.4.4"), "10.0.0.5", proxies)).toBe("192.168.4.4");
  });

  it("reads addresses in one form, and refuses a configuration it cannot read", () => {
    expect(normaliseAddress("::FFFF:203.0.113.9")).toBe("203.0.113.9");
    expect(normaliseAddress("[2001:DB8::1]:8080")).toBe("2001:db8::1");
    expect(normaliseAddress("unknown")).toBeNull();
    expect(() => trustedProxies(["10.0.0.0/33"])).toThrow(/HUB_TRUSTED_PROXIES: "10.0.0.0\/33" has a prefix length that is not 0 to 32/);
    expect(() => trustedProxies(["proxy.internal"])).toThrow(/HUB_TRUSTED_PROXIES: "proxy.internal" is not an IP address/);
    expect(readConfig({}).trustedProxies).toEqual(["loopback"]);
    expect(readConfig({ HUB_TRUSTED_PROXIES: " 10.0.0.5, 192.168.0.0/16 " }).trustedProxies).toEqual(["10.0.0.5", "192.168.0.0/16"]);
  });
});

describe("the client's address over HTTP, from a connection that is not a trusted proxy", () => {
  let hub: ProtectedHub;
  let caseId: string;
  beforeAll(async () => {
    // The test's connection comes from 127.0.0.1; only 192.0.2.1 is a proxy here.
    hub = await startProtectedHub({ trustedProxies: ["192.0.2.1"], protection: { failedAuthenticationLimit: { points: 3, durationSeconds: 60 } } });
    caseId = (await caseOf(hub)).id;
  });
  afterAll(async () => {
    await hub.close();
  });

  it("records the connection's address in the audit row, not the X-Forwarded-For it forged", async () => {
    const res = await hub.post(WCU, { query: CASE_Q, variables: { id: caseId } }, { "X-Access-Purpose": everydayPurpose(WCU)!, "X-Forwarded-For": "203.0.113.50" });
    expect(res.body.data.case).toEqual({ __typename: "Case", id: caseId });
    const rows = await hub.db.prisma.auditEvent.findMany({ where: { caseId } });
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(row.clientAddress).toBe("127.0.0.1");
  });

  it("counts failed sign-ins against the connection, whatever X-Forwarded-For says", async () => {
    for (let i = 0; i < 3; i++) expect((await hub.post("not.a.token", { query: "{ __typename }" }, { "X-Forwarded-For": `203.0.113.${10 + i}` })).status).toBe(401);
    // A fresh forged address is no new bucket: the connection is over the limit.
    const refused = await hub.post(ISVA, { query: "{ __typename }" }, { "X-Forwarded-For": "203.0.113.99" });
    expect(refused.status).toBe(429);
    expect(codes(refused)).toEqual(["RATE_LIMITED"]);
  });
});

describe("the client's address over HTTP, through a trusted proxy", () => {
  let hub: ProtectedHub;
  let caseId: string;
  beforeAll(async () => {
    // The default: a proxy on the hub's own machine (loopback) is trusted.
    hub = await startProtectedHub({ protection: { failedAuthenticationLimit: { points: 3, durationSeconds: 60 } } });
    caseId = (await caseOf(hub)).id;
  });
  afterAll(async () => {
    await hub.close();
  });

  it("records the forwarded address in the audit row, and seals it into the hash chain", async () => {
    const res = await hub.post(WCU, { query: CASE_Q, variables: { id: caseId } }, { "X-Access-Purpose": everydayPurpose(WCU)!, "X-Forwarded-For": "198.51.100.1, 203.0.113.60" });
    expect(res.body.data.case.id).toBe(caseId);
    const rows = await hub.db.prisma.auditEvent.findMany({ where: { caseId } });
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(row.clientAddress).toBe("203.0.113.60");
    expect(await verifyAuditChain(hub.db.sql)).toMatchObject({ ok: true });
    // The address is part of what each row's hash covers; a row without one hashes as before it existed.
    const [withAddress] = await hub.db.sql.query<{ canonical: string }>(`SELECT hub_audit_canonical(a) AS canonical FROM "AuditEvent" a WHERE "caseId" = $1 LIMIT 1`, [caseId]);
    expect(JSON.parse(withAddress!.canonical).at(-1)).toBe("203.0.113.60");
    const [without] = await hub.db.sql.query<{ canonical: string }>(`SELECT hub_audit_canonical(a) AS canonical FROM "AuditEvent" a WHERE "clientAddress" IS NULL LIMIT 1`);
    if (without) expect(JSON.parse(without.canonical)).toHaveLength(18);
  });

  it("counts failed sign-ins per forwarded address", async () => {
    const from = (address: string) => ({ "X-Forwarded-For": `198.51.100.1, ${address}` });
    for (let i = 0; i < 3; i++) expect((await hub.post("not.a.token", { query: "{ __typename }" }, from("203.0.113.7"))).status).toBe(401);
    expect((await hub.post(ISVA, { query: "{ __typename }" }, from("203.0.113.7"))).status).toBe(429);
    expect((await hub.post(ISVA, { query: "{ __typename }" }, from("203.0.113.8"))).status).toBe(200);
  });
});
