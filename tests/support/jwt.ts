// Hand-made JWTs for attack tests: any header, any claims, any (or no) signature, so a test
// can send exactly what an attacker would.
import { createHmac, createPublicKey } from "node:crypto";
import { CompactSign, exportJWK, generateKeyPair, type CryptoKey, type JWK } from "jose";

export const b64url = (value: string | Uint8Array | Buffer) => Buffer.from(value).toString("base64url");
const json = (value: unknown) => b64url(JSON.stringify(value));

export const nowSeconds = () => Math.floor(Date.now() / 1000);

/** Claims that would pass every check for this issuer, with overrides (undefined removes one). */
export function claimsFor(issuer: { issuer: string; audience: string }, subject: string, overrides: Record<string, unknown> = {}) {
  const claims: Record<string, unknown> = { iss: issuer.issuer, aud: issuer.audience, sub: subject, iat: nowSeconds(), exp: nowSeconds() + 600, ...overrides };
  for (const [k, v] of Object.entries(claims)) if (v === undefined) delete claims[k];
  return claims;
}

/** Signs with a real asymmetric key, whatever the header says besides alg. */
export async function signed(key: CryptoKey, header: Record<string, unknown> & { alg: string }, claims: Record<string, unknown>): Promise<string> {
  return new CompactSign(new TextEncoder().encode(JSON.stringify(claims))).setProtectedHeader(header).sign(key);
}

/** alg "none": header and claims, with an empty signature. */
export function unsigned(header: Record<string, unknown>, claims: Record<string, unknown>): string {
  return `${json({ ...header, alg: "none" })}.${json(claims)}.`;
}

/** HS256 with a secret of the attacker's choosing (e.g. the hub's public key). */
export function hmacSigned(secret: string | Buffer, header: Record<string, unknown>, claims: Record<string, unknown>): string {
  const input = `${json({ ...header, alg: "HS256" })}.${json(claims)}`;
  return `${input}.${b64url(createHmac("sha256", secret).update(input).digest())}`;
}

/** The same token with its claims swapped after signing; the signature is left as it was. */
export function withClaimsReplaced(token: string, change: (claims: Record<string, unknown>) => Record<string, unknown>): string {
  const [header, payload, signature] = token.split(".");
  const claims = JSON.parse(Buffer.from(payload!, "base64url").toString("utf8"));
  return `${header}.${json(change(claims))}.${signature}`;
}

/** The issuer's public key as an attacker finds it: PEM (SPKI) and JWK JSON. */
export function publicKeyForms(jwk: JWK): { pem: string; jwkJson: string } {
  const { kid: _kid, alg: _alg, use: _use, ...keyOnly } = jwk;
  const pem = createPublicKey({ key: keyOnly as any, format: "jwk" }).export({ type: "spki", format: "pem" }).toString();
  return { pem, jwkJson: JSON.stringify(jwk) };
}

export async function attackerKeys() {
  const { privateKey, publicKey } = await generateKeyPair("ES256", { extractable: true });
  return { privateKey, publicJwk: await exportJWK(publicKey) };
}
