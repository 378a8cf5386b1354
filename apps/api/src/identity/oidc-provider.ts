// The demo's own OpenID Connect provider (embedded mode only), so the portal signs in with
// the authorization code flow and PKCE exactly as it would against the partnership's real
// identity provider. It shares the embedded issuer's name and signing key, so its access
// tokens and the CLI's verify the same way at the GraphQL edge. Sign-in is a "choose a
// demo user" page: there are no passwords, which is why this never runs in production.
import { randomBytes } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { describeError, type HubConfig, type Logger } from "@hub/config";
import { loadActor } from "@hub/core";
import type { Database } from "@hub/db";
import { DEMO_USERS } from "@hub/db/seed";
// @ts-expect-error oidc-provider ships no type declarations; the little used here is typed below.
import { Provider as UntypedProvider, errors as untypedErrors } from "oidc-provider";
import {
  demoLoginPage,
  demoSignedOutPage,
  demoSignOutPage,
  signInProblemPage,
  type DemoUserChoice,
  type HtmlPage,
} from "./demo-login-page.js";
import { EMBEDDED_ALGORITHM, readOrCreateKeyFile, type EmbeddedIssuer } from "./embedded-issuer.js";

const Provider = UntypedProvider as new (issuer: string, configuration: object) => OidcProvider;
const errors = untypedErrors as { InvalidTarget: new () => Error; SessionNotFound: new (message: string) => Error };

export const PORTAL_CLIENT_ID = "hub-portal";
/** Where `npm run dev` in apps/portal serves the portal (never in production: see below). */
const VITE_DEV_PORTAL = "http://localhost:5173/";
const ACCESS_TOKEN_SECONDS = 60 * 60;
const PREFIX = "/oidc";
const DISCOVERY = "/.well-known/openid-configuration";
const INTERACTION = /^\/oidc\/interaction\/([A-Za-z0-9_-]{1,64})(\/abort)?$/;
const MAX_FORM_BYTES = 4096;

export interface EmbeddedOidcProvider {
  /** True for the paths this provider answers: /oidc/* and the discovery document. */
  matches(pathname: string): boolean;
  handle(req: IncomingMessage, res: ServerResponse): void;
}

export async function createEmbeddedOidcProvider(options: {
  config: HubConfig;
  db: Database;
  issuer: EmbeddedIssuer;
  logger?: Logger;
}): Promise<EmbeddedOidcProvider> {
  const { config, db, issuer, logger } = options;
  // Anyone who can reach it can sign in as a demo user: refuse outright in production.
  if (config.env === "production") throw new Error("The demo sign-in service never runs in production.");
  const hubUrl = `${config.publicUrl}/`;
  const portalUris = [...new Set([hubUrl, VITE_DEV_PORTAL])];
  const portalOrigins = portalUris.map((uri) => new URL(uri).origin);
  // oidc-provider needs resource indicators to be absolute URIs; the token's `aud` is still
  // the configured audience, which is what the GraphQL edge checks.
  const apiResource = `${config.publicUrl}/graphql`;
  const cookieKeys = await readOrCreateKeyFile(issuer.keyDir, "cookie-keys.json", async () => [randomBytes(32).toString("base64url")]);

  const sendPage = (ctx: KoaContext, page: HtmlPage, status = 200) => {
    ctx.status = status;
    ctx.set(page.headers);
    ctx.body = page.html;
  };

  const provider: OidcProvider = new Provider(issuer.issuer, {
    clients: [
      {
        client_id: PORTAL_CLIENT_ID,
        client_name: "Victims' Partnership Hub portal",
        application_type: "web",
        token_endpoint_auth_method: "none",
        grant_types: ["authorization_code"],
        response_types: ["code"],
        redirect_uris: portalUris,
        post_logout_redirect_uris: portalUris,
        id_token_signed_response_alg: EMBEDDED_ALGORITHM,
      },
    ],
    clientDefaults: { id_token_signed_response_alg: EMBEDDED_ALGORITHM },
    jwks: { keys: [issuer.privateJwk] },
    cookies: {
      keys: cookieKeys,
      names: { session: "hub_demo_session", interaction: "hub_demo_interaction", resume: "hub_demo_resume" },
      long: { httpOnly: true, sameSite: "lax", path: PREFIX },
      short: { httpOnly: true, sameSite: "lax" },
    },
    routes: prefixedRoutes(),
    interactions: { url: (_ctx: unknown, interaction: { uid: string }) => `${PREFIX}/interaction/${interaction.uid}` },
    responseTypes: ["code"],
    scopes: ["openid", "profile", "email"],
    claims: { openid: ["sub"], profile: ["name"], email: ["email"] },
    pkce: { required: () => true },
    features: {
      devInteractions: { enabled: false },
      // Keep every token a plain bearer token: the GraphQL edge does not check DPoP bindings.
      dPoP: { enabled: false },
      pushedAuthorizationRequests: { enabled: false },
      userinfo: { enabled: true },
      rpInitiatedLogout: {
        enabled: true,
        async logoutSource(ctx: KoaContext, form: string) {
          // The portal sends the ID token it was given; that proves the request comes from
          // the person's own portal, so there is nothing to confirm. Otherwise ask.
          const hint = ctx.oidc.entities.IdTokenHint?.payload.sub;
          const finishAutomatically = hint !== undefined && hint === ctx.oidc.session.accountId;
          sendPage(ctx, demoSignOutPage({ form, finishAutomatically, hubUrl, formTargets: portalOrigins }));
        },
        async postLogoutSuccessSource(ctx: KoaContext) {
          sendPage(ctx, demoSignedOutPage(hubUrl));
        },
      },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => apiResource,
        useGrantedResource: () => true,
        getResourceServerInfo(_ctx: unknown, indicator: string) {
          if (indicator !== apiResource) throw new errors.InvalidTarget();
          return {
            // The hub decides access from its own records, never from token scopes; "hub" is
            // here for clients that ask for it by name, as the CLI's tokens carry it.
            scope: "hub",
            audience: issuer.audience,
            accessTokenTTL: ACCESS_TOKEN_SECONDS,
            accessTokenFormat: "jwt",
            jwt: { sign: { alg: EMBEDDED_ALGORITHM } },
          };
        },
      },
    },
    ttl: {
      AccessToken: ACCESS_TOKEN_SECONDS,
      AuthorizationCode: 60,
      IdToken: ACCESS_TOKEN_SECONDS,
      Interaction: 10 * 60,
      // The sign-in lasts as long as the access token: when the portal says "your session
      // has ended", signing in again really does mean choosing a user again.
      Session: ACCESS_TOKEN_SECONDS,
      Grant: ACCESS_TOKEN_SECONDS,
    },
    clientBasedCORS: (_ctx: unknown, origin: string, client: OidcClient) =>
      client.redirectUris.some((uri) => new URL(uri).origin === origin),
    async findAccount(_ctx: unknown, subject: string) {
      const actor = await loadActor(db.prisma, subject);
      if (!actor) return undefined;
      return { accountId: subject, claims: () => ({ sub: subject, name: actor.name, email: actor.email }) };
    },
    // The portal is the hub's own first-party app: grant what it asks for, with no consent screen.
    async loadExistingGrant(ctx: KoaContext) {
      const { oidc } = ctx;
      const clientId = oidc.client!.clientId;
      const accountId = oidc.session.accountId!;
      const grantId = oidc.result?.consent?.grantId ?? oidc.session.grantIdFor(clientId);
      const existing = grantId ? await oidc.provider.Grant.find(grantId) : undefined;
      if (clientId !== PORTAL_CLIENT_ID) return existing;
      const grant = existing?.accountId === accountId ? existing : new oidc.provider.Grant({ clientId, accountId });
      const scopes = [...oidc.requestParamOIDCScopes].join(" ");
      if (scopes) grant.addOIDCScope(scopes);
      for (const [indicator, server] of Object.entries(oidc.resourceServers)) {
        const wanted = [...oidc.requestParamScopes].filter((s) => server.scopes.has(s));
        if (wanted.length) grant.addResourceScope(indicator, wanted.join(" "));
      }
      await grant.save();
      return grant;
    },
    async renderError(ctx: KoaContext, out: { error?: string }) {
      sendPage(ctx, signInProblemPage({ hubUrl, technical: out.error }), ctx.status);
    },
  });
  provider.proxy = false;
  provider.on("server_error", (_ctx: unknown, error: unknown) =>
    logger?.error({ error: describeError(error) }, "unexpected error in the demo sign-in service"),
  );
  provider.on("error", (error: unknown) => logger?.error({ error: describeError(error) }, "unexpected error in the demo sign-in service"));

  const providerCallback = provider.callback();
  const interactions = createInteractions({ provider, db, hubUrl, portalOrigins, logger });

  return {
    matches: (pathname) => pathname === DISCOVERY || pathname === PREFIX || pathname.startsWith(`${PREFIX}/`),
    handle(req, res) {
      const pathname = new URL(req.url ?? "/", "http://hub.invalid").pathname;
      const interaction = pathname.match(INTERACTION);
      if (interaction) void interactions(req, res, interaction[1]!, Boolean(interaction[2]));
      else void providerCallback(req, res);
    },
  };
}

/** The sign-in step itself: the "choose a demo user" page, its form, and "cancel". */
function createInteractions(options: {
  provider: OidcProvider;
  db: Database;
  hubUrl: string;
  portalOrigins: string[];
  logger?: Logger;
}) {
  const { provider, db, hubUrl, portalOrigins, logger } = options;

  const send = (res: ServerResponse, page: HtmlPage, status = 200) => {
    res.writeHead(status, page.headers);
    res.end(page.html);
  };

  return async function interact(req: IncomingMessage, res: ServerResponse, uid: string, cancel: boolean) {
    try {
      // Reads the interaction from its own signed cookie, which is scoped to this path and
      // never sent by a cross-site form post: that is what makes the form safe to submit.
      const details = await provider.interactionDetails(req, res);
      if (details.uid !== uid) throw new errors.SessionNotFound("interaction mismatch");
      if (cancel) {
        if (req.method !== "GET") return send(res, signInProblemPage({ hubUrl }), 405);
        return await provider.interactionFinished(req, res, { error: "access_denied", error_description: "The person cancelled signing in." }, { mergeWithLastSubmission: false });
      }
      if (details.prompt.name !== "login") {
        return send(res, signInProblemPage({ hubUrl, technical: `unexpected prompt ${details.prompt.name}` }), 400);
      }
      const users = await demoUsersToOffer(db);
      const page = (problem?: string, chosenEmail?: string) =>
        demoLoginPage({ action: `${PREFIX}/interaction/${uid}`, cancelUrl: `${PREFIX}/interaction/${uid}/abort`, users, problem, chosenEmail, formTargets: portalOrigins });
      if (req.method === "GET" || req.method === "HEAD") return send(res, page());
      if (req.method !== "POST") return send(res, signInProblemPage({ hubUrl }), 405);

      const email = (await readForm(req)).get("email") ?? undefined;
      const chosen = users.find((u) => u.email === email);
      if (!chosen) return send(res, page("Choose who to sign in as"), 400);
      await provider.interactionFinished(
        req,
        res,
        // remember: false keeps the sign-in to this browser session, for shared computers.
        { login: { accountId: chosen.subject, remember: false } },
        { mergeWithLastSubmission: false },
      );
    } catch (error) {
      if (error instanceof errors.SessionNotFound) {
        return send(res, signInProblemPage({ hubUrl, message: "This sign-in page has expired or was already used. Nothing was changed." }), 400);
      }
      if (error instanceof FormTooLargeError) return send(res, signInProblemPage({ hubUrl }), 413);
      logger?.error({ error: describeError(error) }, "unexpected error on the demo sign-in page");
      if (!res.headersSent) send(res, signInProblemPage({ hubUrl }), 500);
      else res.end();
    }
  };
}

/**
 * The demo users who can act in the hub today: active, with an active membership. The demo's
 * own people first, in their order, then anyone an administrator added with a demo sign-in
 * identifier ("demo|" and their email), so a person added in the portal can sign in at once.
 */
async function demoUsersToOffer(db: Database): Promise<(DemoUserChoice & { subject: string })[]> {
  const users = await db.prisma.user.findMany({
    where: { oidcSubject: { startsWith: DEMO_SUBJECT_PREFIX }, active: true },
    orderBy: { createdAt: "asc" },
    include: {
      memberships: {
        where: { active: true, organisation: { active: true } },
        orderBy: { createdAt: "asc" },
        take: 1,
        include: { organisation: { select: { name: true } } },
      },
    },
  });
  const order = new Map(DEMO_USERS.map((u, i) => [u.oidcSubject, i]));
  const ranked = [...users].sort((a, b) => (order.get(a.oidcSubject) ?? order.size) - (order.get(b.oidcSubject) ?? order.size));
  return ranked.flatMap((user) => {
    const membership = user.memberships[0];
    if (!membership) return [];
    return [{ subject: user.oidcSubject, email: user.email, name: user.name, organisation: membership.organisation.name, roles: membership.roles }];
  });
}

/** Sign-in identifiers the demo provider issues: "demo|" and the person's email. */
export const DEMO_SUBJECT_PREFIX = "demo|";

class FormTooLargeError extends Error {}

async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  let body = "";
  for await (const chunk of req) {
    body += chunk;
    if (body.length > MAX_FORM_BYTES) throw new FormTooLargeError();
  }
  return new URLSearchParams(body);
}

function prefixedRoutes(): Record<string, string> {
  const routes = {
    authorization: "/auth",
    backchannel_authentication: "/backchannel",
    challenge: "/challenge",
    code_verification: "/device",
    credential: "/credential",
    device_authorization: "/device/auth",
    end_session: "/session/end",
    introspection: "/token/introspection",
    jwks: "/jwks",
    pushed_authorization_request: "/request",
    registration: "/reg",
    revocation: "/token/revocation",
    token: "/token",
    userinfo: "/me",
  };
  return Object.fromEntries(Object.entries(routes).map(([name, route]) => [name, `${PREFIX}${route}`]));
}

// --- The parts of oidc-provider's API used above (it publishes no TypeScript types). ---

interface OidcClient {
  clientId: string;
  redirectUris: string[];
}

interface OidcGrant {
  accountId?: string;
  addOIDCScope(scope: string): void;
  addResourceScope(indicator: string, scope: string): void;
  save(): Promise<string>;
}

interface KoaContext {
  status: number;
  body: unknown;
  set(headers: Record<string, string>): void;
  oidc: {
    provider: OidcProvider;
    client?: OidcClient;
    session: { accountId?: string; grantIdFor(clientId: string): string | undefined };
    result?: { consent?: { grantId?: string } };
    requestParamOIDCScopes: Set<string>;
    requestParamScopes: Set<string>;
    resourceServers: Record<string, { scopes: Set<string> }>;
    entities: { IdTokenHint?: { payload: { sub?: string } } };
  };
}

interface OidcProvider {
  proxy: boolean;
  Grant: { new (init: { clientId: string; accountId: string }): OidcGrant; find(id: string): Promise<OidcGrant | undefined> };
  callback(): (req: IncomingMessage, res: ServerResponse) => Promise<void>;
  on(event: string, listener: (...args: any[]) => void): void;
  interactionDetails(req: IncomingMessage, res: ServerResponse): Promise<{ uid: string; prompt: { name: string } }>;
  interactionFinished(req: IncomingMessage, res: ServerResponse, result: object, options?: { mergeWithLastSubmission?: boolean }): Promise<void>;
}
