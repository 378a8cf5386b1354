import { useEffect, useState } from "react";
import { useQuery } from "@apollo/client/react";
import { graphql } from "../../generated/graphql";

export const CHECK_PLAIN_LANGUAGE = graphql(`
  query CheckPlainLanguage($text: String!) {
    checkPlainLanguage(text: $text) {
      ok
      findings {
        kind
        text
        message
        suggestion
        explanation
        start
        end
      }
      readability {
        readingAge
      }
    }
  }
`);

const kindLabels: Record<string, string> = {
  LEGAL_TERM: "Legal term",
  BLAMING: "Could sound blaming",
  LONG_SENTENCE: "Long sentence",
};

/** Waits until the person stops typing for `delay` ms. */
export function useDebounced<T>(value: T, delay: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), delay);
    return () => clearTimeout(timer);
  }, [value, delay]);
  return settled;
}

type PlainLanguageCheckProps = { text: string; id: string };

/**
 * The hub's plain-language check of words the victim may hear or read, shown under the
 * field as the caseworker types. It only lists findings and suggestions: it never changes
 * what they wrote.
 */
export function PlainLanguageCheck({ text, id }: PlainLanguageCheckProps) {
  const settled = useDebounced(text.trim(), 600);
  // Hide at once when the field is emptied (e.g. after saving), without waiting for the debounce.
  const skip = settled.length < 3 || text.trim().length < 3;
  const { data, error, loading } = useQuery(CHECK_PLAIN_LANGUAGE, { variables: { text: settled }, skip });
  const report = skip ? undefined : data?.checkPlainLanguage;
  const findings = report?.findings ?? [];

  let summary = "";
  if (skip) summary = "";
  else if (error) summary = "The plain-language check is not available just now. You can still save.";
  else if (loading && !report) summary = "Checking the wording…";
  else if (report && findings.length === 0) summary = "Plain-language check: no problems found.";
  else if (report) summary = `Plain-language check: ${findings.length === 1 ? "1 thing" : `${findings.length} things`} to look at.`;

  return (
    <div id={id} className="plain-language-check">
      <p role="status" className="status">
        {summary}
      </p>
      {findings.length > 0 && (
        <ul className="findings">
          {findings.map((f) => (
            <li key={`${f.start}-${f.end}-${f.kind}`}>
              <strong>{kindLabels[f.kind] ?? f.kind}:</strong> “{f.text}”. {f.message}
              {f.suggestion && (
                <>
                  {" "}
                  <span className="suggestion">Suggestion: “{f.suggestion}”.</span>
                </>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
