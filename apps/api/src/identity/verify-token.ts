// Verifies bearer tokens. Any failure is the same InvalidTokenError, which the HTTP edge
// turns into 401 with WWW-Authenticate; the library's own message never reaches the caller.
import {
  createLocalJWKSet,
  createRemoteJWKSet,
  jwtVerify,
  type JWSHeaderParameters,
  type JWTVerifyGetKey,
} from "jose";

export class InvalidTokenError extends Error {
  override name = "InvalidTokenError";
  constructor(readonly missing = false) {
    super(missing ? "No access token was sent." : "The access token is not valid.");
  }
}

export interface TokenVerifierOptions {
  issuer: string;
  audience: string;
  /** Asymmetric algorithms of ONE family (ES*, RS*, PS* or EdDSA). */
  algorithms: string[];
  keys:
    | { kind: "local"; jwks: { keys: object[] } }
    | { kind: "remote"; url: string }
    /** Any jose key resolver (tests count calls to it to prove the cache skips signature work). */
    | { kind: "resolver"; getKey: JWTVerifyGetKey };
  /** Milliseconds since the epoch; tests move it to check expiry. */
  now?: () => number;
  /** How many verified tokens to remember (default 5,000). */
  cacheSize?: number;
  /** The claim that identifies the user (default "sub"; Entra ID's stable object id is "oid"). */
  subjectClaim?: string;
  /** What the `typ` header must say (default "at+jwt-if-present"); see AccessTokenTyp. */
  accessTokenTyp?: AccessTokenTyp;
}

/**
 * What the token's `typ` header must say (HUB_ACCESS_TOKEN_TYP). An access token (RFC 9068)
 * says "at+jwt"; an OpenID Connect ID token says "JWT" or nothing, and may list the hub in
 * its audience too. Whatever this says, a token carrying a claim only ID tokens carry
 * (nonce, at_hash, c_hash) is refused.
 *  - "at+jwt": required, for providers that set it (the embedded one does).
 *  - "at+jwt-if-present" (default): a token with no typ is accepted; any typ but at+jwt is refused.
 *  - "at+jwt-or-jwt": also typ "JWT", for providers that label their access tokens so (Entra ID does).
 */
export type AccessTokenTyp = "at+jwt" | "at+jwt-if-present" | "at+jwt-or-jwt";
export const ACCESS_TOKEN_TYPS: readonly AccessTokenTyp[] = ["at+jwt", "at+jwt-if-present", "at+jwt-or-jwt"];

export type VerifyToken = (authorization: string | null) => Promise<{ subject: string }>;

const CLOCK_TOLERANCE_SECONDS = 30;
const MAX_TOKEN_LENGTH = 8192;
// Families of asymmetric algorithms. HMAC (HS*) is never allowed: a verifier that holds
// only public keys must not accept tokens "signed" with those public keys as a secret.
const FAMILIES: Record<string, readonly string[]> = {
  ES: ["ES256", "ES384", "ES512"],
  RS: ["RS256", "RS384", "RS512"],
  PS: ["PS256", "PS384", "PS512"],
  EdDSA: ["EdDSA", "Ed25519"],
};
// Header parameters that point the verifier at a key chosen by the token's author.
const FORBIDDEN_HEADERS = ["jwk", "jku", "x5u", "x5c"] as const;
/** Claims only an OpenID Connect ID token carries (OIDC Core 2 and 3.3.2.11): never an access token. */
const ID_TOKEN_CLAIMS = ["nonce", "at_hash", "c_hash"] as const;

/** Refuses a configuration that mixes families, or names "none" or a symmetric algorithm. */
export function checkAlgorithms(algorithms: readonly string[]): string[] {
  const family = Object.entries(FAMILIES).find(([, members]) => members.includes(algorithms[0] ?? ""))?.[0];
  if (!family || algorithms.some((a) => !FAMILIES[family]!.includes(a))) {
    throw new Error(
      `The token algorithms ${JSON.stringify(algorithms)} (OIDC_ALGORITHMS) are not allowed. Name one family of asymmetric algorithms: ES256/ES384/ES512, RS256/RS384/RS512, PS256/PS384/PS512 or EdDSA.`,
    );
  }
  return [...new Set(algorithms)];
}

/** Tokens that verified, until their own expiry. Bounded; the least recently used go first. */
export class VerifiedTokenCache {
  private readonly entries = new Map<string, { subject: string; expiresAtMs: number }>();
  constructor(
    private readonly maxEntries: number,
    private readonly now: () => number,
  ) {}

  get(token: string): string | undefined {
    const entry = this.entries.get(token);
    if (!entry) return undefined;
    this.entries.delete(token);
    if (entry.expiresAtMs <= this.now()) return undefined; // never past exp, whatever the tolerance
    this.entries.set(token, entry); // most recently used last
    return entry.subject;
  }

  set(token: string, subject: string, expSeconds: number): void {
    const expiresAtMs = expSeconds * 1000;
    if (expiresAtMs <= this.now() || this.maxEntries <= 0) return;
    this.entries.delete(token);
    while (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(token, { subject, expiresAtMs });
  }

  get size(): number {
    return this.entries.size;
  }
}

/** The header's typ as RFC 9068 compares it: case-insensitive, "application/" optional; null when absent. */
const typOf = (header: JWSHeaderParameters) =>
  header.typ === undefined ? null : typeof header.typ === "string" ? header.typ.toLowerCase().replace(/^application\//, "") : "";

function checkTyp(typ: string | null, wanted: AccessTokenTyp): void {
  if (typ === "at+jwt") return;
  if (typ === null && wanted !== "at+jwt") return;
  if (typ === "jwt" && wanted === "at+jwt-or-jwt") return;
  throw new InvalidTokenError();
}

function checkHeader(header: JWSHeaderParameters, wanted: AccessTokenTyp): void {
  for (const name of FORBIDDEN_HEADERS) if (name in header) throw new InvalidTokenError();
  checkTyp(typOf(header), wanted);
  if (header.kid !== undefined && (typeof header.kid !== "string" || header.kid.length > 256)) throw new InvalidTokenError();
}

export function createTokenVerifier(options: TokenVerifierOptions): VerifyToken {
  const algorithms = checkAlgorithms(options.algorithms);
  const now = options.now ?? Date.now;
  const cache = new VerifiedTokenCache(options.cacheSize ?? 5000, now);
  const subjectClaim = options.subjectClaim ?? "sub";
  const accessTokenTyp = options.accessTokenTyp ?? "at+jwt-if-present";
  if (!ACCESS_TOKEN_TYPS.includes(accessTokenTyp)) throw new Error(`The access token type ${JSON.stringify(accessTokenTyp)} (HUB_ACCESS_TOKEN_TYP) is not one of ${ACCESS_TOKEN_TYPS.join(", ")}.`);
  const keySet: JWTVerifyGetKey =
    options.keys.kind === "local"
      ? createLocalJWKSet(options.keys.jwks as Parameters<typeof createLocalJWKSet>[0])
      : options.keys.kind === "remote"
        ? createRemoteJWKSet(new URL(options.keys.url), { cooldownDuration: 30_000, cacheMaxAge: 10 * 60_000 })
        : options.keys.getKey;
  // The header is checked before any key is looked up, so a hostile header costs no work.
  const getKey: JWTVerifyGetKey = (header, token) => {
    checkHeader(header, accessTokenTyp);
    return keySet(header, token);
  };

  return async (authorization) => {
    const match = authorization?.match(/^Bearer ([A-Za-z0-9._~+/-]+=*)$/);
    if (!match) throw new InvalidTokenError(!authorization);
    const token = match[1]!;
    if (token.length > MAX_TOKEN_LENGTH) throw new InvalidTokenError();
    const cached = cache.get(token);
    if (cached) return { subject: cached };
    try {
      const { payload } = await jwtVerify(token, getKey, {
        issuer: options.issuer,
        audience: options.audience,
        algorithms,
        requiredClaims: ["exp", "iat", subjectClaim],
        clockTolerance: CLOCK_TOLERANCE_SECONDS,
        currentDate: new Date(now()),
      });
      const { iat, exp } = payload;
      // An ID token the provider also addressed to the hub proves a sign-in, not a grant to call it.
      if (ID_TOKEN_CLAIMS.some((claim) => claim in payload)) throw new InvalidTokenError();
      const sub = payload[subjectClaim];
      if (typeof sub !== "string" || sub.length === 0 || sub.length > 255) throw new InvalidTokenError();
      // jose checks iat is a number; a token issued in the future is forged or from a broken clock.
      if (typeof iat !== "number" || iat * 1000 > now() + CLOCK_TOLERANCE_SECONDS * 1000) throw new InvalidTokenError();
      cache.set(token, sub, exp!);
      return { subject: sub };
    } catch {
      throw new InvalidTokenError();
    }
  };
}
