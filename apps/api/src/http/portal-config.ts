// What the portal needs to know at start, served as GET /portal-config.json: where to sign
// in (the hub's embedded demo provider, or the partnership's) and whether the hub runs only
// trusted documents. Everything in it is public by design: no secret, no internal address.
import type { HubConfig } from "@hub/config";

export interface PortalConfig {
  oidc: {
    /** Must equal the `issuer` of the discovery document, and the `iss` the provider sends back. */
    issuer: string;
    /** Relative for the embedded provider (same origin as the portal, whatever host name was used). */
    discoveryUrl: string;
    clientId: string;
    scope: string;
  };
  /** True: the portal sends only the sha256 of operations registered from its manifest. */
  trustedDocuments: boolean;
}

const DISCOVERY = "/.well-known/openid-configuration";
/** identity/oidc-provider.ts's PORTAL_CLIENT_ID, not imported: that module loads oidc-provider, which only embedded mode needs. */
const EMBEDDED_CLIENT_ID = "hub-portal";

/** Built from the same settings the hub verifies tokens and requires trusted documents with. */
export function portalConfigFor(config: HubConfig): PortalConfig {
  const id = config.identity;
  const trustedDocuments = config.env === "production";
  if (id.kind === "embedded") {
    return { oidc: { issuer: id.issuer, discoveryUrl: DISCOVERY, clientId: EMBEDDED_CLIENT_ID, scope: "openid profile email" }, trustedDocuments };
  }
  return {
    oidc: { issuer: id.issuer, discoveryUrl: `${id.issuer.replace(/\/+$/, "")}${DISCOVERY}`, clientId: id.portal.clientId, scope: id.portal.scope },
    trustedDocuments,
  };
}

/** Origins other than the hub's that the portal's pages must be allowed to fetch from (CSP connect-src). */
export function connectSourcesOf(config: PortalConfig | undefined): string[] {
  if (!config || config.oidc.discoveryUrl.startsWith("/")) return [];
  return [new URL(config.oidc.discoveryUrl).origin];
}
