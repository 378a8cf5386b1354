// Chooses how tokens are verified: the partnership's identity provider in production, the
// hub's own embedded issuer in the demo.
import type { HubConfig } from "@hub/config";
import { EMBEDDED_ALGORITHM, loadEmbeddedIssuer, type EmbeddedIssuer } from "./embedded-issuer.js";
import type { createEmbeddedOidcProvider as CreateProvider, EmbeddedOidcProvider } from "./oidc-provider.js";
import { createTokenVerifier, type VerifyToken } from "./verify-token.js";

export { InvalidTokenError, createTokenVerifier, type VerifyToken } from "./verify-token.js";
export { loadEmbeddedIssuer, type EmbeddedIssuer } from "./embedded-issuer.js";
export type { EmbeddedOidcProvider };

/**
 * The demo's OpenID Connect provider, loaded only in embedded mode: oidc-provider is large,
 * and the hub with the partnership's own identity provider (and most tests) never need it.
 */
export async function createEmbeddedOidcProvider(...args: Parameters<typeof CreateProvider>): Promise<EmbeddedOidcProvider> {
  const { createEmbeddedOidcProvider: create } = await import("./oidc-provider.js");
  return create(...args);
}

export async function setUpIdentity(config: HubConfig): Promise<{ verifyToken: VerifyToken; embeddedIssuer?: EmbeddedIssuer }> {
  const id = config.identity;
  if (id.kind === "external") {
    return {
      verifyToken: createTokenVerifier({
        issuer: id.issuer,
        audience: id.audience,
        algorithms: id.algorithms,
        keys: { kind: "remote", url: id.jwksUrl },
        subjectClaim: id.subjectClaim,
        accessTokenTyp: id.accessTokenTyp,
      }),
    };
  }
  const embeddedIssuer = await loadEmbeddedIssuer(id);
  return {
    embeddedIssuer,
    verifyToken: createTokenVerifier({
      issuer: id.issuer,
      audience: id.audience,
      algorithms: [EMBEDDED_ALGORITHM],
      keys: { kind: "local", jwks: embeddedIssuer.jwks },
      accessTokenTyp: id.accessTokenTyp,
    }),
  };
}
