// The case's stages over time as a short list, and closing or reopening it (the police, the
// Witness Care Unit or the CPS on the case), each with a reason the other agencies read.
// Reopening says which stage it goes back to. A change someone else made first is a conflict:
// nothing is saved, and the page shows the case as it now is.
import { useEffect, useId, useRef, useState } from "react";
import type { FormEvent } from "react";
import { useMutation } from "@apollo/client/react";
import { failedRequest, NOTHING_SAVED, type Problems, ProblemSummary, SelectField, SubmitAndCancel, TextAreaField, TextField, useProblems } from "../../app/FormParts";
import { graphql } from "../../generated/graphql";
import type { OffenceCategory, CaseStage } from "../../generated/graphql/graphql";
import { offenceInWords, stageInWords } from "../cases/caseWords";
import { stageBeforeClosing, stageChangeInWords } from "../cases/involvementWords";
import type { CaseOnPage } from "./AgenciesPanel";

export const CLOSE_CASE = graphql(`
  mutation CloseCase($caseId: ID!, $reason: String!, $expectedVersion: Int!) {
    closeCase(caseId: $caseId, reason: $reason, expectedVersion: $expectedVersion) {
      __typename
      ... on ClosedOrReopenedCase {
        id
        stage
        version
      }
      ...MutationProblem
    }
  }
`);

export const REOPEN_CASE = graphql(`
  mutation ReopenCase($caseId: ID!, $reason: String!, $expectedVersion: Int!, $to: CaseStage) {
    reopenCase(caseId: $caseId, reason: $reason, expectedVersion: $expectedVersion, to: $to) {
      __typename
      ... on ClosedOrReopenedCase {
        id
        stage
        version
      }
      ...MutationProblem
    }
  }
`);

export const UPDATE_CASE_DETAILS = graphql(`
  mutation UpdateCaseDetails($caseId: ID!, $expectedVersion: Int!, $cpsReference: String, $offenceCategory: OffenceCategory) {
    updateCaseDetails(caseId: $caseId, expectedVersion: $expectedVersion, cpsReference: $cpsReference, offenceCategory: $offenceCategory) {
      __typename
      ... on CaseVersion {
        id
        version
      }
      ...MutationProblem
    }
  }
`);

/** Every stage a case can be at, in the order a case moves (closed last). */
export const STAGES = ["REPORTED", "UNDER_INVESTIGATION", "CHARGING_DECISION", "CHARGED", "AWAITING_TRIAL", "TRIAL", "VERDICT", "SENTENCED", "NO_FURTHER_ACTION", "DISCONTINUED", "CLOSED"];
export const OFFENCES = ["SEXUAL_OFFENCE", "DOMESTIC_ABUSE", "STALKING_HARASSMENT", "HATE_CRIME", "HOMICIDE", "MODERN_SLAVERY", "ASSAULT", "ROBBERY", "BURGLARY", "FRAUD", "CRIMINAL_DAMAGE", "OTHER"];

const CONFLICT = "Someone else changed this case after you opened it. Nothing was saved: the page now shows the case as it is. Check it, then try again.";

type StagePanelProps = {
  kase: CaseOnPage;
  headingId: string;
  /** Statutory agencies on the case close and reopen it. */
  canClose: boolean;
  organisationName: (id: string | null | undefined) => string | null;
  onChanged: () => Promise<unknown>;
};

export function CaseStagePanel({ kase, headingId, canClose, organisationName, onChanged }: StagePanelProps) {
  const [open, setOpen] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const doneRef = useRef<HTMLDivElement>(null);
  const buttonId = useId();
  const closed = kase.stage === "CLOSED";

  return (
    <section aria-labelledby={headingId}>
      <h2 id={headingId}>Stages of the case</h2>
      {kase.stageHistory.length === 0 ? (
        <p>The hub has no record of earlier stages. It is now at “{stageInWords(kase.stage)}”.</p>
      ) : (
        <ol className="plain-list stage-history">
          {kase.stageHistory.map((c) => (
            <li key={`${c.at}-${c.toStage}`}>{stageChangeInWords(c, organisationName(c.byOrganisationId))}</li>
          ))}
        </ol>
      )}
      {done && (
        <div className="notice" role="status" tabIndex={-1} ref={doneRef}>
          <p>{done}</p>
        </div>
      )}
      {canClose &&
        (open ? (
          <CloseOrReopenForm
            kase={kase}
            onCancel={() => {
              setOpen(false);
              setTimeout(() => document.getElementById(buttonId)?.focus(), 0);
            }}
            onConflict={onChanged}
            onDone={async (message) => {
              setOpen(false);
              await onChanged().catch(() => {});
              setDone(message);
              setTimeout(() => doneRef.current?.focus(), 0);
            }}
          />
        ) : (
          <p className="no-print">
            <button
              type="button"
              id={buttonId}
              className="button button-secondary"
              onClick={() => {
                setDone(null);
                setOpen(true);
              }}
            >
              {closed ? "Reopen the case" : "Close the case"}
            </button>
          </p>
        ))}
    </section>
  );
}

type CloseOrReopenFormProps = { kase: CaseOnPage; onCancel: () => void; onConflict: () => Promise<unknown>; onDone: (message: string) => Promise<void> };

function CloseOrReopenForm({ kase, onCancel, onConflict, onDone }: CloseOrReopenFormProps) {
  const reopening = kase.stage === "CLOSED";
  const before = reopening ? stageBeforeClosing(kase.stageHistory) : null;
  const [to, setTo] = useState(before ?? "");
  const [reason, setReason] = useState("");
  const { problems, note, show, refuse, ref: problemRef } = useProblems();
  const [close, closing] = useMutation(CLOSE_CASE);
  const [reopen, reopeningNow] = useMutation(REOPEN_CASE);
  const busy = closing.loading || reopeningNow.loading;
  const headingRef = useRef<HTMLHeadingElement>(null);
  const base = useId();
  const ids = { to: `${base}-to`, reason: `${base}-reason` };
  const fieldOf = (field: string) => (field === "reason" ? "reason" : field === "to" && reopening ? "to" : null);

  useEffect(() => {
    headingRef.current?.focus();
  }, []);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    const missing: Problems = {};
    if (reopening && !to) missing.to = "Choose the stage the case goes back to";
    if (reason.trim().length < 5) missing.reason = reopening ? "Say why the case is being reopened, in a sentence" : "Say why the case is closing, in a sentence";
    if (Object.keys(missing).length) return show(missing);
    const variables = { caseId: kase.id, reason: reason.trim(), expectedVersion: kase.version };
    try {
      const result = reopening
        ? (await reopen({ variables: { ...variables, to: to as CaseStage } })).data?.reopenCase
        : (await close({ variables })).data?.closeCase;
      if (!result) return show({ form: "Nothing changed. Please try again." }, NOTHING_SAVED);
      if (result.__typename === "ConflictError") {
        await onConflict().catch(() => {});
        return show({ form: CONFLICT });
      }
      if (result.__typename !== "ClosedOrReopenedCase") return refuse(result, fieldOf);
      await onDone(reopening ? `The case is open again, back at “${stageInWords(result.stage)}”. The other agencies on it can see why.` : "The case is closed. Everything on it is kept, and it can be reopened.");
    } catch (error) {
      refuse(failedRequest(error, "We could not change the case. Check your connection and try again."), fieldOf);
    }
  }

  return (
    <form onSubmit={submit} noValidate className="case-form no-print" aria-labelledby={`${base}-heading`}>
      <h3 id={`${base}-heading`} ref={headingRef} tabIndex={-1}>
        {reopening ? "Reopen the case" : "Close the case"}
      </h3>
      <ProblemSummary problems={problems} fieldIds={ids} note={note} level={4} ref={problemRef} />
      {reopening ? (
        <SelectField
          id={ids.to}
          label="Which stage does it go back to?"
          hint={
            before
              ? `It goes back to “${stageInWords(before)}”, the stage it was at before it closed. Choose another only if that is wrong.`
              : "The hub does not know which stage it was at before it closed: choose the stage it is at now."
          }
          value={to}
          onChange={setTo}
          options={STAGES.filter((s) => s !== "CLOSED").map((s) => ({ value: s, label: stageInWords(s) }))}
          problem={problems.to}
          choose={!before}
        />
      ) : (
        <p>Everything on the case is kept: it can be reopened later. The other agencies on it see that it closed, and why.</p>
      )}
      <TextAreaField
        id={ids.reason}
        label={reopening ? "Why is the case being reopened?" : "Why is the case closing?"}
        hint="The other agencies on the case read this. Keep details about her out of it."
        value={reason}
        onChange={setReason}
        problem={problems.reason}
        rows={2}
      />
      <SubmitAndCancel label={reopening ? "Reopen the case" : "Close the case"} busyLabel="Saving…" busy={busy} onCancel={onCancel} />
    </form>
  );
}

type DetailsFormProps = {
  kase: CaseOnPage;
  /** The police may change the kind of offence; the CPS also gives the CPS reference. */
  viewerKind: string;
  onCancel: () => void;
  onSaved: (message: string) => Promise<void>;
  onConflict: () => Promise<unknown>;
};

/** Which field of the case details form a problem the hub names belongs to. */
const detailsField = (field: string) => (field === "cpsReference" || field === "offenceCategory" ? field : null);

/** The CPS reference (the CPS) and the kind of offence (the police or the CPS). */
export function CaseDetailsForm({ kase, viewerKind, onCancel, onSaved, onConflict }: DetailsFormProps) {
  const cps = viewerKind === "CPS";
  const [offenceCategory, setOffenceCategory] = useState<string>(kase.offenceCategory);
  const [cpsReference, setCpsReference] = useState(kase.cpsReference ?? "");
  const { problems, note, show, refuse, ref: problemRef } = useProblems();
  const [update, { loading }] = useMutation(UPDATE_CASE_DETAILS);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const base = useId();
  const ids = { offenceCategory: `${base}-offence`, cpsReference: `${base}-cps` };

  useEffect(() => {
    headingRef.current?.focus();
  }, []);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (loading) return;
    const reference = cpsReference.trim();
    const changes = {
      ...(offenceCategory !== kase.offenceCategory ? { offenceCategory: offenceCategory as OffenceCategory } : {}),
      ...(cps && reference && reference !== kase.cpsReference ? { cpsReference: reference } : {}),
    };
    if (Object.keys(changes).length === 0) return show({ form: "Nothing has changed: change the kind of offence or the CPS reference, or cancel." });
    try {
      const result = (await update({ variables: { caseId: kase.id, expectedVersion: kase.version, ...changes } })).data?.updateCaseDetails;
      if (!result) return show({ form: "Nothing changed. Please try again." }, NOTHING_SAVED);
      if (result.__typename === "ConflictError") {
        await onConflict().catch(() => {});
        return show({ form: CONFLICT });
      }
      if (result.__typename !== "CaseVersion") return refuse(result, detailsField);
      await onSaved("Case details saved. Every agency on the case sees them now.");
    } catch (error) {
      refuse(failedRequest(error, "We could not save the case details. Check your connection and try again."), detailsField);
    }
  }

  return (
    <form onSubmit={submit} noValidate className="case-form no-print" aria-labelledby={`${base}-heading`}>
      <h2 id={`${base}-heading`} ref={headingRef} tabIndex={-1}>
        Change the case details
      </h2>
      <ProblemSummary problems={problems} fieldIds={ids} note={note} ref={problemRef} />
      <SelectField
        id={ids.offenceCategory}
        label="Kind of offence"
        hint="If it changes, the agencies supporting her are offered a new assessment of her Enhanced Rights."
        value={offenceCategory}
        onChange={setOffenceCategory}
        options={OFFENCES.map((o) => ({ value: o, label: offenceInWords(o) }))}
        problem={problems.offenceCategory}
      />
      {cps && (
        <TextField
          id={ids.cpsReference}
          label="CPS reference"
          hint="As it is on the CPS's system."
          value={cpsReference}
          onChange={setCpsReference}
          problem={problems.cpsReference}
          autoComplete="off"
          spellCheck={false}
        />
      )}
      <SubmitAndCancel label="Save the case details" busyLabel="Saving…" busy={loading} onCancel={onCancel} />
    </form>
  );
}
