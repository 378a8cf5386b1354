// What an attacker tries against bearer tokens: no signature, HMAC with the public key,
// forged claims, hostile headers. Every one must end in the same plain 401.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { DEMO_USERS } from "@hub/db/seed";
import { createTestIssuer } from "@hub/test-utils";
import type { JWTVerifyGetKey } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkAlgorithms, createTokenVerifier, InvalidTokenError, VerifiedTokenCache } from "../apps/api/src/identity/verify-token.js";
import { attackerKeys, claimsFor, hmacSigned, nowSeconds, publicKeyForms, signed, unsigned, withClaimsReplaced } from "./support/jwt.js";
import { ISVA, startTestHub, type TestHub } from "./support/test-hub.js";

const CHALLENGE = 'Bearer realm="victims-hub", error="invalid_token"';
const BODY = '{"errors":[{"message":"The access token is not valid.","extensions":{"code":"UNAUTHENTICATED"}}]}';
const SUBJECT = DEMO_USERS.find((u) => u.email === ISVA)!.oidcSubject;

async function ask(hub: TestHub, token: string) {
  const response = await fetch(`${hub.url}/graphql`, {
    method: "POST",
    headers: { "Content-Type": "application/json", Authorization: `Bearer ${token}` },
    body: JSON.stringify({ query: "{ viewer { name } }" }),
  });
  return { status: response.status, challenge: response.headers.get("www-authenticate"), text: await response.text() };
}

describe("attacks on bearer tokens", () => {
  let hub: TestHub;
  let attacker: Awaited<ReturnType<typeof attackerKeys>>;
  // A server at the attacker's URL, to prove the hub never fetches keys from a token's header.
  let evil: Server;
  let evilUrl: string;
  let evilHits = 0;

  beforeAll(async () => {
    hub = await startTestHub();
    attacker = await attackerKeys();
    evil = createServer((_req, res) => {
      evilHits++;
      res.setHeader("Content-Type", "application/json");
      res.end(JSON.stringify({ keys: [{ ...attacker.publicJwk, kid: "evil", alg: "ES256", use: "sig" }] }));
    });
    await new Promise<void>((resolve) => evil.listen(0, "127.0.0.1", resolve));
    evilUrl = `http://127.0.0.1:${(evil.address() as AddressInfo).port}/jwks.json`;
  });
  afterAll(async () => {
    evil.closeAllConnections();
    await new Promise<void>((resolve) => evil.close(() => resolve()));
    await hub.close();
  });

  const real = (header: Record<string, unknown>, claims: Record<string, unknown>) =>
    signed(hub.issuer.privateKey, { alg: "ES256", kid: hub.issuer.kid, ...header }, claims);
  const good = (overrides: Record<string, unknown> = {}) => claimsFor(hub.issuer, SUBJECT, overrides);

  it("accepts a well-formed token from the issuer (control: the attacks below fail for their flaw alone)", async () => {
    for (const typ of [undefined, "at+jwt", "application/at+jwt"]) {
      const res = await ask(hub, await real(typ ? { typ } : {}, good()));
      expect(res.status).toBe(200);
      expect(JSON.parse(res.text)).toEqual({ data: { viewer: { name: "Amira Khan" } } });
    }
  });

  const attacks: [string, () => Promise<string> | string][] = [
    ['alg "none"', () => unsigned({ kid: hub.issuer.kid, typ: "JWT" }, good())],
    ['alg "none" spelled "NoNe"', () => unsigned({ kid: hub.issuer.kid }, good()).replace(/^[^.]+/, Buffer.from('{"alg":"NoNe"}').toString("base64url"))],
    ["HS256 keyed with the issuer's public key as PEM", () => hmacSigned(publicKeyForms(hub.issuer.jwks.keys[0]!).pem, { kid: hub.issuer.kid }, good())],
    ["HS256 keyed with the issuer's public JWK", () => hmacSigned(publicKeyForms(hub.issuer.jwks.keys[0]!).jwkJson, { kid: hub.issuer.kid }, good())],
    ["wrong issuer", () => real({}, good({ iss: "https://evil.example.org" }))],
    ["wrong audience", () => real({}, good({ aud: "some-other-service" }))],
    ["expired an hour ago", () => real({}, good({ iat: nowSeconds() - 7200, exp: nowSeconds() - 3600 }))],
    ["no exp", () => real({}, good({ exp: undefined }))],
    ["no iat", () => real({}, good({ iat: undefined }))],
    ["iat an hour in the future", () => real({}, good({ iat: nowSeconds() + 3600, exp: nowSeconds() + 7200 }))],
    ["no sub", () => real({}, good({ sub: undefined }))],
    ["an empty sub", () => real({}, good({ sub: "" }))],
    ["nbf an hour in the future", () => real({}, good({ nbf: nowSeconds() + 3600 }))],
    ["sub changed after signing", async () => withClaimsReplaced(await real({}, good()), (c) => ({ ...c, sub: "demo|auditor@northshire-partnership.example.org" }))],
    ["exp extended after signing", async () => withClaimsReplaced(await real({}, good({ exp: nowSeconds() - 3600 })), (c) => ({ ...c, exp: nowSeconds() + 3600 }))],
    ['kid "../../etc/passwd" (signed with the real key)', () => real({ kid: "../../etc/passwd" }, good())],
    [`kid "' OR 1=1 --" (signed with the real key)`, () => real({ kid: "' OR 1=1 --" }, good())],
    ["an unknown kid (signed with the real key)", () => real({ kid: "key-that-does-not-exist" }, good())],
    ["the attacker's own key embedded as jwk", () => signed(attacker.privateKey, { alg: "ES256", jwk: attacker.publicJwk }, good())],
    ["an embedded jwk and the issuer's kid", () => signed(attacker.privateKey, { alg: "ES256", kid: hub.issuer.kid, jwk: attacker.publicJwk }, good())],
    ["jku pointing at the attacker's keys", () => signed(attacker.privateKey, { alg: "ES256", kid: "evil", jku: evilUrl }, good())],
    ["x5u pointing at the attacker's URL", () => signed(attacker.privateKey, { alg: "ES256", kid: "evil", x5u: evilUrl }, good())],
    // Even the issuer's own signature does not make a key-pointing header acceptable.
    ["jku on a token the real key signed", () => real({ jku: evilUrl }, good())],
    ["embedded jwk on a token the real key signed", () => real({ jwk: attacker.publicJwk }, good())],
    ['typ "dpop+jwt" on a token the real key signed', () => real({ typ: "dpop+jwt" }, good())],
    // An ID token (typ JWT, or a nonce) proves a sign-in, not a grant to call the hub.
    ['typ "JWT" (an ID token\'s, not an access token\'s) on a token the real key signed', () => real({ typ: "JWT" }, good())],
    ["an ID token's nonce on a token the real key signed", () => real({}, good({ nonce: "n-0S6_WzA2Mj" }))],
    ["signed by the attacker with the issuer's kid", () => signed(attacker.privateKey, { alg: "ES256", kid: hub.issuer.kid }, good())],
    ["the signature cut off", async () => (await real({}, good())).replace(/\.[^.]+$/, ".")],
    ["two dots only", () => ".."],
  ];

  it.each(attacks)("refuses %s with the same plain 401", async (_label, make) => {
    const res = await ask(hub, await make());
    expect(res.status).toBe(401);
    expect(res.challenge).toBe(CHALLENGE);
    expect(res.text).toBe(BODY);
  });

  it("never fetched a key from a URL named in a token", () => {
    expect(evilHits).toBe(0);
  });

  it("writes no token or claim into the logs", () => {
    const logs = hub.logs.join("\n");
    expect(logs).not.toContain("etc/passwd");
    expect(logs).not.toContain(evilUrl);
  });
});

describe("token verifier configuration", () => {
  it.each([[["none"]], [["HS256"]], [["ES256", "RS256"]], [["RS256", "HS256"]], [["ES256", "none"]], [[]]])("refuses the algorithm list %j", (algorithms) => {
    expect(() => checkAlgorithms(algorithms)).toThrow(/Name one family of asymmetric algorithms/);
  });

  it.each([[["ES256"]], [["ES256", "ES384"]], [["RS256", "RS512"]], [["PS256"]], [["EdDSA"]]])("accepts one family: %j", (algorithms) => {
    expect(checkAlgorithms(algorithms)).toEqual(algorithms);
  });

  it("answers every failure with InvalidTokenError, and a missing header as missing", async () => {
    const issuer = await createTestIssuer();
    const verify = createTokenVerifier({ issuer: issuer.issuer, audience: issuer.audience, algorithms: ["ES256"], keys: { kind: "local", jwks: issuer.jwks } });
    await expect(verify(null)).rejects.toMatchObject({ name: "InvalidTokenError", missing: true });
    await expect(verify("Basic dXNlcjpwYXNz")).rejects.toMatchObject({ name: "InvalidTokenError", missing: false });
    await expect(verify(`Bearer ${"a".repeat(9000)}`)).rejects.toBeInstanceOf(InvalidTokenError);
    await expect(verify("Bearer eyJhbGciOiJFUzI1NiJ9.e30.AAAA")).rejects.toBeInstanceOf(InvalidTokenError);
    const emptySubject = await signed(issuer.privateKey, { alg: "ES256", kid: issuer.kid }, claimsFor(issuer, ""));
    await expect(verify(`Bearer ${emptySubject}`)).rejects.toBeInstanceOf(InvalidTokenError);
    // Control: the same recipe with a subject verifies.
    const withSubject = await signed(issuer.privateKey, { alg: "ES256", kid: issuer.kid }, claimsFor(issuer, "demo|someone"));
    expect(await verify(`Bearer ${withSubject}`)).toEqual({ subject: "demo|someone" });
  });
});

describe("verified-token cache", () => {
  it("answers a repeated token without verifying it again, and never after its exp", async () => {
    const issuer = await createTestIssuer();
    const local = (await import("jose")).createLocalJWKSet(issuer.jwks);
    let keyLookups = 0;
    const getKey: JWTVerifyGetKey = (header, token) => {
      keyLookups++;
      return local(header, token);
    };
    let now = Date.now();
    const verify = createTokenVerifier({
      issuer: issuer.issuer,
      audience: issuer.audience,
      algorithms: ["ES256"],
      keys: { kind: "resolver", getKey },
      now: () => now,
    });
    const exp = Math.floor(now / 1000) + 60;
    const token = await issuer.tokenFor("demo|someone", { expiresIn: exp });

    expect(await verify(`Bearer ${token}`)).toEqual({ subject: "demo|someone" });
    expect(keyLookups).toBe(1);
    now += 30_000;
    expect(await verify(`Bearer ${token}`)).toEqual({ subject: "demo|someone" });
    expect(keyLookups).toBe(1); // from the cache: no signature work

    // One second past exp the cache must not answer. The verifier itself still accepts the
    // token within its 30 s clock tolerance, so a second lookup proves the cache let go.
    now = exp * 1000 + 1000;
    expect(await verify(`Bearer ${token}`)).toEqual({ subject: "demo|someone" });
    expect(keyLookups).toBe(2);
    now = exp * 1000 + 31_000;
    await expect(verify(`Bearer ${token}`)).rejects.toBeInstanceOf(InvalidTokenError);
    expect(keyLookups).toBe(3);
  });

  it("is bounded, dropping the least recently used token first", () => {
    let now = 1_000_000;
    const cache = new VerifiedTokenCache(2, () => now);
    cache.set("a", "sub-a", 2000);
    cache.set("b", "sub-b", 2000);
    expect(cache.get("a")).toBe("sub-a"); // a is now the most recently used
    cache.set("c", "sub-c", 2000);
    expect(cache.size).toBe(2);
    expect(cache.get("b")).toBeUndefined();
    expect(cache.get("a")).toBe("sub-a");
    expect(cache.get("c")).toBe("sub-c");
    now = 2_000_000; // exactly exp
    expect(cache.get("a")).toBeUndefined();
    cache.set("d", "sub-d", 1999); // already expired: not stored
    expect(cache.get("d")).toBeUndefined();
  });
});
