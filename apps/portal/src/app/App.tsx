import { useCallback, useEffect, useState } from "react";
import { ApolloProvider } from "@apollo/client/react";
import { CaseList } from "../features/cases/CaseList";
import { SignedInAs, VIEWER_QUERY } from "../features/session/SignedInAs";
import { SignIn } from "../features/session/SignIn";
import { client, setAccessToken, whenSessionEnds } from "./apollo";

const SIGNED_OUT = "You have signed out.";
const SESSION_ENDED = "Your session has ended. Please sign in again.";
const TOKEN_NOT_ACCEPTED =
  "That access token was not accepted. Check you copied all of it, or get a new one, and try again.";

export function App() {
  const [signedIn, setSignedIn] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);

  function signIn(accessToken: string) {
    setAccessToken(accessToken);
    setNotice(null);
    setSignedIn(true);
  }

  const endSession = useCallback((why: string) => {
    setAccessToken(null);
    setSignedIn(false);
    setNotice(why);
  }, []);

  // The server answered 401: the token has expired or was never valid.
  useEffect(
    () =>
      whenSessionEnds(() => {
        // If we never found out who they are, the token was refused at sign-in;
        // "your session has ended" would be confusing then.
        const hadSession = client.readQuery({ query: VIEWER_QUERY }) !== null;
        endSession(hadSession ? SESSION_ENDED : TOKEN_NOT_ACCEPTED);
      }),
    [endSession],
  );

  // Whenever nobody is signed in, forget every case and name fetched for the
  // last person, so the next person at this computer cannot see them. This runs
  // after the signed-in page has gone, so none of its queries still use the cache.
  useEffect(() => {
    if (!signedIn) void client.clearStore();
  }, [signedIn]);

  return (
    <ApolloProvider client={client}>
      <a href="#main-content" className="skip-link">
        Skip to main content
      </a>
      <header className="site-header">
        <div className="container site-header-inner">
          <p className="service-name">Victims' Partnership Hub</p>
          {signedIn && <SignedInAs onSignOut={() => endSession(SIGNED_OUT)} />}
        </div>
      </header>
      {/* tabIndex lets the skip link move keyboard focus here, not just scroll. */}
      <main id="main-content" className="container" tabIndex={-1}>
        {signedIn ? <CaseList /> : <SignIn notice={notice} onSignIn={signIn} />}
      </main>
    </ApolloProvider>
  );
}
