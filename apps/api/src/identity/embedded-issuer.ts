// The demo's own token issuer, so the hub works offline with nothing else installed.
// Its signing key is made on first start and kept in the data folder (readable by the
// owner only); its public half is published as a JWKS like any identity provider's.
import { randomUUID } from "node:crypto";
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { exportJWK, generateKeyPair, importJWK, SignJWT, type JWK, type CryptoKey } from "jose";

export const EMBEDDED_ALGORITHM = "ES256";

export interface EmbeddedIssuer {
  issuer: string;
  audience: string;
  keyDir: string;
  jwks: { keys: JWK[] };
  /** The private signing key, for the embedded OpenID Connect provider in this process only. */
  privateJwk: JWK;
  issueAccessToken(subject: string, options?: { lifetimeSeconds?: number }): Promise<string>;
}

/**
 * Reads a secret kept in the key folder, making it on first use. The file is readable by
 * its owner only. "wx" never overwrites: if the CLI and the server race to make the same
 * key, the loser reads the winner's, so tokens stay verifiable.
 */
export async function readOrCreateKeyFile<T>(keyDir: string, fileName: string, create: () => Promise<T>): Promise<T> {
  const file = path.join(keyDir, fileName);
  try {
    return JSON.parse(readFileSync(file, "utf8")) as T;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  const value = await create();
  mkdirSync(keyDir, { recursive: true, mode: 0o700 });
  try {
    writeFileSync(file, JSON.stringify(value), { mode: 0o600, flag: "wx" });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    return JSON.parse(readFileSync(file, "utf8")) as T;
  }
  chmodSync(file, 0o600);
  return value;
}

export async function loadEmbeddedIssuer(options: { issuer: string; audience: string; keyDir: string }): Promise<EmbeddedIssuer> {
  const privateJwk = await readOrCreateKeyFile<JWK>(options.keyDir, "signing-key.json", async () => {
    const { privateKey } = await generateKeyPair(EMBEDDED_ALGORITHM, { extractable: true });
    return { ...(await exportJWK(privateKey)), kid: randomUUID(), alg: EMBEDDED_ALGORITHM, use: "sig" };
  });
  const { d: _private, ...publicJwk } = privateJwk;
  const signingKey = (await importJWK(privateJwk, EMBEDDED_ALGORITHM)) as CryptoKey;
  return {
    issuer: options.issuer,
    audience: options.audience,
    keyDir: options.keyDir,
    jwks: { keys: [publicJwk] },
    privateJwk,
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
