// Signed test tokens from a throwaway issuer, verified by the hub exactly like real ones.
import { exportJWK, generateKeyPair, SignJWT, type JWK, type CryptoKey } from "jose";

export interface TestIssuer {
  issuer: string;
  audience: string;
  jwks: { keys: JWK[] };
  privateKey: CryptoKey;
  kid: string;
  tokenFor(subject: string, overrides?: { expiresIn?: string | number; audience?: string; issuer?: string }): Promise<string>;
}

export async function createTestIssuer(issuer = "https://issuer.test.example.org", audience = "victims-hub"): Promise<TestIssuer> {
  const { privateKey, publicKey } = await generateKeyPair("ES256");
  const kid = `test-${Math.random().toString(36).slice(2)}`;
  const jwk = { ...(await exportJWK(publicKey)), kid, alg: "ES256", use: "sig" };
  return {
    issuer,
    audience,
    jwks: { keys: [jwk] },
    privateKey,
    kid,
    tokenFor(subject, overrides = {}) {
      return new SignJWT({})
        .setProtectedHeader({ alg: "ES256", kid })
        .setIssuer(overrides.issuer ?? issuer)
        .setAudience(overrides.audience ?? audience)
        .setSubject(subject)
        .setIssuedAt()
        .setExpirationTime(overrides.expiresIn ?? "10m")
        .sign(privateKey);
    },
  };
}
