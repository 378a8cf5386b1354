// What the hub tells the portal at start (GET /portal-config.json, from the hub's own
// settings): which OpenID Connect provider to sign in with, as which client, and whether
// the hub runs only trusted documents. Read once; nothing in it is secret.

export type PortalConfig = {
  oidc: {
    /** Null when the hub did not say: then the discovery document is trusted as it comes. */
    issuer: string | null;
    discoveryUrl: string;
    clientId: string;
    scope: string;
  };
  /** True: send only the hash of each operation, as registered from the portal's manifest. */
  trustedDocuments: boolean;
};

/** A hub that does not publish its settings (a test double, `npm run dev` without one): its own demo provider. */
const HUB_DEFAULTS: PortalConfig = {
  oidc: { issuer: null, discoveryUrl: "/.well-known/openid-configuration", clientId: "hub-portal", scope: "openid profile email" },
  trustedDocuments: false,
};

const isText = (v: unknown): v is string => typeof v === "string" && v.length > 0;

function parse(body: unknown): PortalConfig {
  const { oidc, trustedDocuments } = (body ?? {}) as { oidc?: Record<string, unknown>; trustedDocuments?: unknown };
  if (!oidc || !isText(oidc.issuer) || !isText(oidc.discoveryUrl) || !isText(oidc.clientId) || !isText(oidc.scope) || typeof trustedDocuments !== "boolean") {
    throw new Error("The hub's portal-config.json is not in the expected shape.");
  }
  return { oidc: { issuer: oidc.issuer, discoveryUrl: oidc.discoveryUrl, clientId: oidc.clientId, scope: oidc.scope }, trustedDocuments };
}

let loading: Promise<PortalConfig> | null = null;

export function portalConfig(): Promise<PortalConfig> {
  loading ??= (async () => {
    const res = await fetch("/portal-config.json", { headers: { Accept: "application/json" }, cache: "no-store" });
    // Without the route, the hub answers with the portal's own index.html.
    if (res.status === 404 || !res.headers.get("content-type")?.includes("json")) return HUB_DEFAULTS;
    if (!res.ok) throw new Error(`The hub answered ${res.status} for portal-config.json.`);
    return parse(await res.json());
  })().catch((error: unknown) => {
    loading = null; // try again next time
    throw error;
  });
  return loading;
}
