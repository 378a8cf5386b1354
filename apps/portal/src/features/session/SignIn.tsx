import { useEffect, useRef, useState } from "react";
import { DeveloperTokenSignIn } from "./DeveloperTokenSignIn";
import { SignInProblem, startSignIn } from "./oidcSignIn";

type SignInProps = {
  /** Why the person is back here, e.g. they signed out or their session ended. */
  notice: string | null;
  /** Development builds only: sign in with a pasted access token. */
  onTokenPasted: (accessToken: string) => void;
};

const COULD_NOT_START = "We could not start signing you in. Check your connection and try again.";

// Signing in happens at the hub's identity provider: the button sends the browser there,
// and it comes back with a one-time code that App exchanges for an access token.
export function SignIn({ notice, onTokenPasted }: SignInProps) {
  const [starting, setStarting] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const noticeRef = useRef<HTMLDivElement>(null);

  // When we arrive here after signing out or a session ending, move focus to
  // the notice so screen reader users hear why, instead of focus being lost
  // with the page they were on.
  useEffect(() => {
    noticeRef.current?.focus();
  }, []);

  async function signIn() {
    if (starting) return;
    setStarting(true);
    setProblem(null);
    try {
      await startSignIn(); // the page normally goes away here
    } catch (error) {
      setProblem(error instanceof SignInProblem ? error.message : COULD_NOT_START);
      setStarting(false);
    }
  }

  return (
    <div className="narrow">
      <h1>Victims' Partnership Hub</h1>
      <p className="lead">
        Share consented case updates between Witness Care Units, the CPS, ISVAs, IDVAs and victim
        support services, so victims hear about their case once, clearly and on time.
      </p>

      {notice && (
        <div className="notice" ref={noticeRef} tabIndex={-1}>
          <p>{notice}</p>
        </div>
      )}

      {problem && (
        <div className="problem" role="alert">
          <p>{problem}</p>
        </div>
      )}

      <p>Sign in to see the cases your organisation supports.</p>
      <button
        type="button"
        className="button"
        onClick={signIn}
        // aria-disabled rather than disabled: focus stays on the button while we wait.
        aria-disabled={starting || undefined}
      >
        {starting ? "Taking you to sign in…" : "Sign in"}
      </button>

      {import.meta.env.DEV && <DeveloperTokenSignIn onSignIn={onTokenPasted} />}
    </div>
  );
}
