import { useEffect, useId, useRef, useState } from "react";
import type { FormEvent } from "react";
import { useLazyQuery } from "@apollo/client/react";
import { graphql } from "../../generated/graphql";
import { listInWords } from "../../app/words";
import { auditActionInWords, dateTimeInWords, purposeInWords } from "../cases/caseWords";
import { FieldProblem } from "../../app/FormParts";

export const VICTIM_ACCESS_LOG = graphql(`
  query VictimAccessLog($victimReference: String!, $first: Int) {
    victimAccessLog(victimReference: $victimReference, first: $first) {
      entries {
        action
        actorName
        at
        entityType
        fields
        lawfulBasisCode
        organisationName
        outcome
        purpose
      }
      hasNextPage
      endCursor
    }
  }
`);

/** For partnership auditors answering a subject access request: who has seen her data. */
export function AccessLog() {
  const headingRef = useRef<HTMLHeadingElement>(null);
  const inputId = useId();
  const hintId = useId();
  const [reference, setReference] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  const [asked, setAsked] = useState<string | null>(null);
  // Stated as a subject access request: the hub logs this look-up with that purpose.
  const [load, { data: loaded, error, loading }] = useLazyQuery(VICTIM_ACCESS_LOG, { fetchPolicy: "network-only" });
  const data = loaded;
  useEffect(() => {
    headingRef.current?.focus();
  }, []);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const cleaned = reference.trim();
    if (!cleaned) {
      setProblem("Enter the victim reference, for example V-NS-0001");
      return;
    }
    setProblem(null);
    setAsked(cleaned);
    void load({ variables: { victimReference: cleaned, first: 100 }, context: { purpose: "SUBJECT_ACCESS" } }).catch(() => {});
  }

  const entries = data?.victimAccessLog.entries ?? [];
  return (
    <>
      <h1 ref={headingRef} tabIndex={-1}>
        Who has seen this victim's data
      </h1>
      <p className="lead">For subject access requests. Every look-up here is itself recorded.</p>
      <form onSubmit={submit} noValidate className="narrow">
        <div className={problem ? "field field-with-problem" : "field"}>
          <label htmlFor={inputId}>Victim reference</label>
          <p id={hintId} className="hint">
            The hub's pseudonymous reference, for example V-NS-0001. Not her name.
          </p>
          <FieldProblem message={problem} alert />
          <input
            id={inputId}
            className="text-input"
            value={reference}
            onChange={(e) => setReference(e.target.value)}
            aria-describedby={hintId}
            aria-invalid={problem ? true : undefined}
            autoComplete="off"
            spellCheck={false}
          />
        </div>
        <button type="submit" className="button" aria-disabled={loading || undefined}>
          Show who has seen her data
        </button>
      </form>
      <p role="status" className="status">
        {loading ? "Looking up the access log…" : data && asked ? `${entries.length === 1 ? "1 entry" : `${entries.length} entries`} for ${asked}.` : ""}
      </p>
      {error && (
        <div className="problem" role="alert">
          <p>We could not load the access log. Check the reference and your connection, and try again.</p>
        </div>
      )}
      {data && entries.length === 0 && <p>Nobody has looked at data for this reference, or the reference does not exist.</p>}
      {entries.length > 0 && (
        // biome-ignore lint/a11y/useSemanticElements lint/a11y/noNoninteractiveTabindex: a focusable scroll region for keyboard users at high zoom
        <div className="table-scroll" role="region" aria-label="Access log" tabIndex={0}>
          <table>
            <caption>Who saw or changed her data, newest first</caption>
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Who</th>
                <th scope="col">What they did</th>
                <th scope="col">Why</th>
                <th scope="col">What data</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((e, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: log entries have no id and never reorder
                <tr key={i}>
                  <td>{dateTimeInWords(e.at)}</td>
                  <td>
                    {e.actorName ?? "A system"}
                    {e.organisationName ? `, ${e.organisationName}` : ""}
                  </td>
                  <td>
                    {auditActionInWords(e.action)}
                    {e.outcome ? ` (${e.outcome.toLowerCase()})` : ""}
                  </td>
                  <td>
                    {e.purpose ? purposeInWords(e.purpose) : "No purpose stated"}
                    {e.lawfulBasisCode ? `; basis: ${e.lawfulBasisCode.toLowerCase().replaceAll("_", " ")}` : ""}
                  </td>
                  <td>
                    {e.entityType}
                    {e.fields.length ? `: ${listInWords(e.fields)}` : ""}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
