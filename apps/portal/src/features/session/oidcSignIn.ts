// Signing in with OpenID Connect: the authorization code flow with PKCE against the
// provider the hub names in /portal-config.json (its own demo provider in embedded mode,
// the partnership's in production), found through its discovery document.
//
// What is kept where, and for how long:
// - the PKCE code verifier and `state` sit in sessionStorage (this tab only) while the
//   browser is away at the provider, and are removed the moment it comes back;
// - the access token and ID token live only in memory (see app/apollo.ts), never in
//   storage, cookies or the URL. The ID token is only used to sign out.
import { canUsePkce, codeChallengeFor, randomUrlSafeString } from "./pkce";
import { portalConfig } from "./portalConfig";

const PENDING_KEY = "hub.signIn.pending";
/** Our own marker on the way back from signing out, so the portal can say so. */
const SIGNED_OUT_STATE = "signed-out";

/** A problem to show the person, in plain English. */
export class SignInProblem extends Error {
  override name = "SignInProblem";
}

const COULD_NOT_REACH = "We could not reach the sign-in service. Check your connection and try again.";
const COULD_NOT_FINISH = "We could not finish signing you in. Please try again.";
const CANCELLED = "You cancelled signing in.";
const NOT_SECURE = "Signing in needs a secure connection. Open the hub at its https address (or at localhost) and try again.";

type ProviderMetadata = {
  issuer: string;
  authorization_endpoint: string;
  token_endpoint: string;
  end_session_endpoint?: string;
};

type Provider = ProviderMetadata & { clientId: string; scope: string };

let metadata: Promise<Provider> | null = null;
let idToken: string | null = null;

function discover(): Promise<Provider> {
  metadata ??= (async () => {
    const { oidc } = await portalConfig();
    const res = await fetch(oidc.discoveryUrl, { headers: { Accept: "application/json" } });
    if (!res.ok) throw new SignInProblem(COULD_NOT_REACH);
    const found = (await res.json()) as Partial<ProviderMetadata>;
    if (typeof found.authorization_endpoint !== "string" || typeof found.token_endpoint !== "string" || typeof found.issuer !== "string") {
      throw new SignInProblem(COULD_NOT_REACH);
    }
    // A discovery document for another issuer than the hub trusts is not the right provider (RFC 8414 §3.3).
    if (oidc.issuer !== null && found.issuer !== oidc.issuer) throw new SignInProblem(COULD_NOT_REACH);
    return { ...(found as ProviderMetadata), clientId: oidc.clientId, scope: oidc.scope };
  })().catch((error: unknown) => {
    metadata = null; // try again next time
    throw error instanceof SignInProblem ? error : new SignInProblem(COULD_NOT_REACH);
  });
  return metadata;
}

const redirectUri = () => `${window.location.origin}/`;

/** Sends the browser to the provider's sign-in page. Only returns if that fails. */
export async function startSignIn(): Promise<void> {
  if (!canUsePkce()) throw new SignInProblem(NOT_SECURE);
  const provider = await discover();
  const codeVerifier = randomUrlSafeString();
  const state = randomUrlSafeString(16);
  const url = new URL(provider.authorization_endpoint);
  url.search = new URLSearchParams({
    client_id: provider.clientId,
    response_type: "code",
    scope: provider.scope,
    redirect_uri: redirectUri(),
    code_challenge: await codeChallengeFor(codeVerifier),
    code_challenge_method: "S256",
    state,
  }).toString();
  sessionStorage.setItem(PENDING_KEY, JSON.stringify({ codeVerifier, state }));
  window.location.assign(url);
}

/** True when the provider has just sent the browser back here with a code or an error. */
export function isSignInReturn(url: URL): boolean {
  const { searchParams: p } = url;
  return p.has("state") && (p.has("code") || p.has("error"));
}

/** True when the provider has just sent the browser back here after signing out. */
export function isSignOutReturn(url: URL): boolean {
  const { searchParams: p } = url;
  return p.get("state") === SIGNED_OUT_STATE && !p.has("code") && !p.has("error");
}

/** Takes the code, state, iss… out of the address bar and history, keeping the rest. */
export function forgetReturnParameters(): void {
  const url = new URL(window.location.href);
  for (const name of ["code", "state", "iss", "error", "error_description", "error_uri", "session_state"]) url.searchParams.delete(name);
  window.history.replaceState(window.history.state, "", `${url.pathname}${url.search}${url.hash}`);
}

/** Anything left from a sign-in that never came back (the person closed the provider's page). */
export function forgetUnfinishedSignIn(): void {
  sessionStorage.removeItem(PENDING_KEY);
}

function takePending(): { codeVerifier: string; state: string } | null {
  const saved = sessionStorage.getItem(PENDING_KEY);
  sessionStorage.removeItem(PENDING_KEY);
  try {
    const pending = saved ? (JSON.parse(saved) as { codeVerifier?: unknown; state?: unknown }) : null;
    return typeof pending?.codeVerifier === "string" && typeof pending.state === "string"
      ? { codeVerifier: pending.codeVerifier, state: pending.state }
      : null;
  } catch {
    return null;
  }
}

// React runs effects twice in development; the code can be exchanged only once.
let finishing: { href: string; result: Promise<string> } | null = null;

/** Exchanges the code the provider sent back for tokens. Resolves to the access token. */
export function finishSignIn(url: URL): Promise<string> {
  if (finishing?.href !== url.href) finishing = { href: url.href, result: exchangeCode(url) };
  return finishing.result;
}

async function exchangeCode(url: URL): Promise<string> {
  const pending = takePending();
  forgetReturnParameters();
  const p = url.searchParams;
  // `state` ties this answer to the sign-in this tab started, so nobody can slip theirs in.
  if (!pending || p.get("state") !== pending.state) throw new SignInProblem(COULD_NOT_FINISH);
  if (p.get("error")) throw new SignInProblem(p.get("error") === "access_denied" ? CANCELLED : COULD_NOT_FINISH);
  const code = p.get("code");
  const provider = await discover();
  if (!code || (p.has("iss") && p.get("iss") !== provider.issuer)) throw new SignInProblem(COULD_NOT_FINISH);

  let res: Response;
  try {
    res = await fetch(provider.token_endpoint, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Accept: "application/json" },
      body: new URLSearchParams({
        grant_type: "authorization_code",
        code,
        redirect_uri: redirectUri(),
        client_id: provider.clientId,
        code_verifier: pending.codeVerifier,
      }),
      credentials: "omit",
      cache: "no-store",
    });
  } catch {
    throw new SignInProblem(COULD_NOT_REACH);
  }
  const tokens = (await res.json().catch(() => ({}))) as { access_token?: unknown; id_token?: unknown; token_type?: unknown };
  if (!res.ok || typeof tokens.access_token !== "string" || String(tokens.token_type).toLowerCase() !== "bearer") {
    throw new SignInProblem(COULD_NOT_FINISH);
  }
  idToken = typeof tokens.id_token === "string" ? tokens.id_token : null;
  return tokens.access_token;
}

/**
 * Where to send the browser to sign out at the provider too, so the next person at this
 * computer has to sign in again. Null when there is no provider to tell (it is unreachable).
 * Forgets the ID token either way.
 */
export async function signOutAddress(): Promise<string | null> {
  const hint = idToken;
  idToken = null;
  const provider = await discover().catch(() => null);
  if (!provider?.end_session_endpoint) return null;
  const url = new URL(provider.end_session_endpoint);
  url.search = new URLSearchParams({
    client_id: provider.clientId,
    post_logout_redirect_uri: redirectUri(),
    state: SIGNED_OUT_STATE,
    // Proves the request comes from this person's portal, so the provider need not ask again.
    ...(hint ? { id_token_hint: hint } : {}),
  }).toString();
  return url.href;
}

/** Forgets the ID token when the session ends without going to the provider (it timed out). */
export function forgetIdToken(): void {
  idToken = null;
}
