// Verifies bearer tokens. Any failure is the same InvalidTokenError, which the HTTP edge
// turns into 401 with WWW-Authenticate; the library's own message never reaches the caller.
import { createLocalJWKSet, createRemoteJWKSet, jwtVerify, type JWTVerifyGetKey } from "jose";

export class InvalidTokenError extends Error {
  override name = "InvalidTokenError";
  constructor(readonly missing = false) {
    super(missing ? "No access token was sent." : "The access token is not valid.");
  }
}

export interface TokenVerifierOptions {
  issuer: string;
  audience: string;
  algorithms: string[];
  keys: { kind: "local"; jwks: { keys: object[] } } | { kind: "remote"; url: string };
}

export type VerifyToken = (authorization: string | null) => Promise<{ subject: string }>;

export function createTokenVerifier(options: TokenVerifierOptions): VerifyToken {
  const keySet: JWTVerifyGetKey =
    options.keys.kind === "local"
      ? createLocalJWKSet(options.keys.jwks as Parameters<typeof createLocalJWKSet>[0])
      : createRemoteJWKSet(new URL(options.keys.url), { cooldownDuration: 30_000, cacheMaxAge: 10 * 60_000 });
  return async (authorization) => {
    const match = authorization?.match(/^Bearer ([A-Za-z0-9._~+/-]+=*)$/);
    if (!match) throw new InvalidTokenError(!authorization);
    try {
      const { payload } = await jwtVerify(match[1]!, keySet, {
        issuer: options.issuer,
        audience: options.audience,
        algorithms: options.algorithms,
        requiredClaims: ["exp", "iat", "sub"],
        clockTolerance: 30,
      });
      return { subject: payload.sub! };
    } catch {
      throw new InvalidTokenError();
    }
  };
}
