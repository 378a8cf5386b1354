import { useEffect, useId, useRef, useState } from "react";
import type { FormEvent } from "react";

type SignInProps = {
  /** Why the person is back here, e.g. their session ended. */
  notice: string | null;
  onSignIn: (accessToken: string) => void;
};

// For now signing in means pasting an access token. OpenID Connect sign-in
// (authorisation code + PKCE) replaces this screen in a later issue.
export function SignIn({ notice, onSignIn }: SignInProps) {
  const [token, setToken] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  const tokenId = useId();
  const hintId = useId();
  const problemId = useId();
  const noticeRef = useRef<HTMLDivElement>(null);
  const tokenRef = useRef<HTMLTextAreaElement>(null);

  // When we arrive here after signing out or a session ending, move focus to
  // the notice so screen reader users hear why, instead of focus being lost
  // with the page they were on.
  useEffect(() => {
    noticeRef.current?.focus();
  }, []);

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    // People often copy the token with the word "Bearer" or a trailing newline.
    const cleaned = token.trim().replace(/^Bearer\s+/i, "");
    if (!cleaned) {
      setProblem("Paste your access token");
      tokenRef.current?.focus();
      return;
    }
    onSignIn(cleaned);
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

      <form onSubmit={handleSubmit} noValidate>
        <div className={problem ? "field field-with-problem" : "field"}>
          <label htmlFor={tokenId}>Access token</label>
          <p id={hintId} className="hint">
            In the demo, get a token with:{" "}
            <code>npm run hub -- token isva@northshire-rapecrisis.example.org</code>
          </p>
          {problem && (
            <p id={problemId} className="problem-message">
              <span className="visually-hidden">Error: </span>
              {problem}
            </p>
          )}
          <textarea
            ref={tokenRef}
            id={tokenId}
            name="accessToken"
            rows={5}
            value={token}
            onChange={(event) => {
              setToken(event.target.value);
              if (problem) setProblem(null);
            }}
            aria-describedby={problem ? `${hintId} ${problemId}` : hintId}
            aria-invalid={problem ? true : undefined}
            // A token is a secret, not prose: keep browsers from storing,
            // spell-checking (possibly via a cloud service) or changing it.
            autoComplete="off"
            autoCapitalize="off"
            autoCorrect="off"
            spellCheck={false}
          />
        </div>
        <button type="submit" className="button">
          Sign in
        </button>
      </form>
    </div>
  );
}
