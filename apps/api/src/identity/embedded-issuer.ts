// The demo's own token issuer, so the hub works offline with nothing else installed.
// Its signing key is made on first start and kept in the data folder (readable by the
// owner only); its public half is published as a JWKS like any identity provider's.
import { randomUUID } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { exportJWK, generateKeyPair, importJWK, SignJWT, type JWK, type CryptoKey } from "jose";

export const EMBEDDED_ALGORITHM = "ES256";

export interface EmbeddedIssuer {
  issuer: string;
  audience: string;
  jwks: { keys: JWK[] };
  issueAccessToken(subject: string, options?: { lifetimeSeconds?: number }): Promise<string>;
}

export async function loadEmbeddedIssuer(options: { issuer: string; audience: string; keyDir: string }): Promise<EmbeddedIssuer> {
  const file = path.join(options.keyDir, "signing-key.json");
  let privateJwk: JWK;
  if (existsSync(file)) {
    privateJwk = JSON.parse(readFileSync(file, "utf8")) as JWK;
  } else {
    const { privateKey } = await generateKeyPair(EMBEDDED_ALGORITHM, { extractable: true });
    privateJwk = { ...(await exportJWK(privateKey)), kid: randomUUID(), alg: EMBEDDED_ALGORITHM, use: "sig" };
    mkdirSync(options.keyDir, { recursive: true, mode: 0o700 });
    writeFileSync(file, JSON.stringify(privateJwk), { mode: 0o600 });
    chmodSync(file, 0o600);
  }
  const { d: _private, ...publicJwk } = privateJwk;
  const signingKey = (await importJWK(privateJwk, EMBEDDED_ALGORITHM)) as CryptoKey;
  return {
    issuer: options.issuer,
    audience: options.audience,
    jwks: { keys: [publicJwk] },
    async issueAccessToken(subject, { lifetimeSeconds = 8 * 60 * 60 } = {}) {
      return new SignJWT({ scope: "openid hub" })
        .setProtectedHeader({ alg: EMBEDDED_ALGORITHM, kid: privateJwk.kid!, typ: "at+jwt" })
        .setIssuer(options.issuer)
        .setAudience(options.audience)
        .setSubject(subject)
        .setIssuedAt()
        .setExpirationTime(`${lifetimeSeconds}s`)
        .setJti(randomUUID())
        .sign(signingKey);
    },
  };
}
