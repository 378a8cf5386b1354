import { useCallback, useEffect, useState } from "react";
import { ApolloProvider } from "@apollo/client/react";
import {
  finishSignIn,
  forgetIdToken,
  forgetReturnParameters,
  forgetUnfinishedSignIn,
  isSignInReturn,
  isSignOutReturn,
  SignInProblem,
  signOutAddress,
} from "../features/session/oidcSignIn";
import { SignedInAs, VIEWER_QUERY } from "../features/session/SignedInAs";
import { SignIn } from "../features/session/SignIn";
import { expiryOf } from "../features/session/tokenExpiry";
import { client, setAccessPurpose, setAccessToken, whenSessionEnds } from "./apollo";
import { Portal } from "./Portal";

const SIGNED_OUT = "You have signed out.";
const SESSION_ENDED = "Your session has ended. Please sign in again.";
const COULD_NOT_FINISH = "We could not finish signing you in. Please try again.";
const SIGN_IN_NOT_ACCEPTED =
  "The hub did not accept your sign-in. Please try again. If it keeps happening, ask your organisation admin to check your account.";
const TOKEN_NOT_ACCEPTED =
  "That access token was not accepted. Check you copied all of it, or get a new one, and try again.";

/** setTimeout cannot wait longer than this (about 24 days); longer waits fire at once. */
const LONGEST_TIMER_MS = 2 ** 31 - 1;

type Session =
  | { status: "signed-out"; notice: string | null }
  | { status: "finishing-sign-in" }
  | { status: "signed-in"; via: "sign-in" | "pasted-token"; expiresAt: number | null }
  | { status: "signing-out" };

function firstSession(url: URL): Session {
  if (isSignInReturn(url)) return { status: "finishing-sign-in" };
  return { status: "signed-out", notice: isSignOutReturn(url) ? SIGNED_OUT : null };
}

export function App() {
  // Read once: finishing sign-in takes the code out of the address bar.
  const [arrivedAt] = useState(() => new URL(window.location.href));
  const [session, setSession] = useState<Session>(() => firstSession(arrivedAt));

  const signIn = useCallback((accessToken: string, via: "sign-in" | "pasted-token") => {
    setAccessToken(accessToken);
    setSession({ status: "signed-in", via, expiresAt: expiryOf(accessToken) });
  }, []);

  const endSession = useCallback((why: string | null) => {
    setAccessToken(null);
    setAccessPurpose(null);
    forgetIdToken();
    setSession({ status: "signed-out", notice: why });
  }, []);

  // Back from the identity provider: exchange the one-time code for an access token.
  useEffect(() => {
    if (!isSignInReturn(arrivedAt)) {
      forgetUnfinishedSignIn();
      if (isSignOutReturn(arrivedAt)) forgetReturnParameters();
      return;
    }
    let current = true;
    finishSignIn(arrivedAt).then(
      (accessToken) => current && signIn(accessToken, "sign-in"),
      (error: unknown) => current && endSession(error instanceof SignInProblem ? error.message : COULD_NOT_FINISH),
    );
    return () => {
      current = false;
    };
  }, [arrivedAt, signIn, endSession]);

  // The server answered 401: the token has expired or was never valid.
  const signedInVia = session.status === "signed-in" ? session.via : null;
  useEffect(
    () =>
      whenSessionEnds(() => {
        if (!signedInVia) return;
        // If we never found out who they are, the token was refused at sign-in;
        // "your session has ended" would be confusing then.
        const hadSession = client.readQuery({ query: VIEWER_QUERY }) !== null;
        if (hadSession) endSession(SESSION_ENDED);
        else endSession(signedInVia === "pasted-token" ? TOKEN_NOT_ACCEPTED : SIGN_IN_NOT_ACCEPTED);
      }),
    [signedInVia, endSession],
  );

  // Sign the person out when their token expires, rather than waiting for a request to
  // fail. A computer that slept past the time catches up when the tab is shown again.
  const expiresAt = session.status === "signed-in" ? session.expiresAt : null;
  useEffect(() => {
    if (expiresAt === null) return;
    const endIfExpired = () => {
      if (Date.now() >= expiresAt) endSession(SESSION_ENDED);
    };
    const timer = setTimeout(endIfExpired, Math.min(Math.max(expiresAt - Date.now(), 0), LONGEST_TIMER_MS));
    document.addEventListener("visibilitychange", endIfExpired);
    return () => {
      clearTimeout(timer);
      document.removeEventListener("visibilitychange", endIfExpired);
    };
  }, [expiresAt, endSession]);

  // Whenever nobody is signed in, forget every case and name fetched for the
  // last person, so the next person at this computer cannot see them. This runs
  // after the signed-in page has gone, so none of its queries still use the cache.
  const signedIn = session.status === "signed-in";
  useEffect(() => {
    if (!signedIn) void client.clearStore();
  }, [signedIn]);

  // Forget the token and everything fetched with it first, then end the provider's
  // session too, so the next person at this computer has to sign in again.
  async function signOut() {
    setSession({ status: "signing-out" });
    const address = await signOutAddress();
    setAccessToken(null);
    setAccessPurpose(null);
    await client.clearStore().catch(() => {});
    if (address) window.location.assign(address);
    else endSession(SIGNED_OUT);
  }

  return (
    <ApolloProvider client={client}>
      <a href="#main-content" className="skip-link">
        Skip to main content
      </a>
      <header className="site-header">
        <div className="container site-header-inner">
          <p className="service-name">Victims' Partnership Hub</p>
          {signedIn && <SignedInAs onSignOut={signOut} />}
        </div>
      </header>
      {/* tabIndex lets the skip link move keyboard focus here, not just scroll. */}
      <main id="main-content" className="container" tabIndex={-1}>
        {session.status === "signed-in" ? (
          <Portal />
        ) : session.status === "finishing-sign-in" || session.status === "signing-out" ? (
          <p role="status" className="status">
            {session.status === "finishing-sign-in" ? "Signing you in…" : "Signing you out…"}
          </p>
        ) : (
          <SignIn notice={session.notice} onTokenPasted={(token) => signIn(token, "pasted-token")} />
        )}
      </main>
    </ApolloProvider>
  );
}
