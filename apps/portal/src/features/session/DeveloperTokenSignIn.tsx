import { useId, useRef, useState } from "react";
import type { FormEvent } from "react";

type DeveloperTokenSignInProps = {
  onSignIn: (accessToken: string) => void;
};

// Development builds only (the portal shows it when import.meta.env.DEV is true): sign in
// with a token from `npm run hub -- token <email>`, e.g. to try a user the demo sign-in
// page does not list. Production builds leave this out entirely.
export function DeveloperTokenSignIn({ onSignIn }: DeveloperTokenSignInProps) {
  const [token, setToken] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  const tokenId = useId();
  const hintId = useId();
  const problemId = useId();
  const tokenRef = useRef<HTMLTextAreaElement>(null);

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
    <details className="developer-sign-in">
      <summary>Developer: paste a token</summary>
      <form onSubmit={handleSubmit} noValidate>
        <div className={problem ? "field field-with-problem" : "field"}>
          <label htmlFor={tokenId}>Access token</label>
          <p id={hintId} className="hint">
            Get a token with: <code>npm run hub -- token isva@northshire-rapecrisis.example.org</code>
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
        <button type="submit" className="button button-secondary">
          Sign in with this token
        </button>
      </form>
    </details>
  );
}
