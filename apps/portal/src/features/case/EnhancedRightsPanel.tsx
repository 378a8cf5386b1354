// Her Enhanced Rights and service tier, beside her contact rules: the latest assessment, a
// calm notice when she should be offered a reassessment (in the hub's own words), and a
// form to record a new assessment. The hub refuses a tier lower than her needs call for.
import { useId, useRef, useState } from "react";
import type { FormEvent } from "react";
import { useMutation } from "@apollo/client/react";
import { dateInWords, ENHANCED_RIGHTS_GROUNDS, enhancedRightsInWords, groundInWords, SERVICE_TIERS, serviceTierInWords } from "../cases/caseWords";
import { Checkbox, CheckboxGroup, Field, FieldProblem, fieldClass, type Problems, ProblemSummary, SelectField, SubmitAndCancel, useProblems } from "../../app/FormParts";
import { graphql } from "../../generated/graphql";
import type { CasePageQuery, EnhancedRightsGround, ServiceTier } from "../../generated/graphql/graphql";
import { instantFromLondon, londonInputValues } from "./londonTime";

export type EnhancedRights = NonNullable<Extract<CasePageQuery["case"], { __typename: "Case" }>["enhancedRights"]>;

export const ASSESS_ENHANCED_RIGHTS = graphql(`
  mutation AssessEnhancedRights($caseId: ID!, $grounds: [EnhancedRightsGround!]!, $serviceTier: ServiceTier!, $raisedAtVictimsWish: Boolean, $reviewBy: DateTime) {
    assessEnhancedRights(caseId: $caseId, grounds: $grounds, serviceTier: $serviceTier, raisedAtVictimsWish: $raisedAtVictimsWish, reviewBy: $reviewBy) {
      __typename
      ... on EnhancedRightsAssessment {
        assessedAt
      }
      ...MutationProblem
    }
  }
`);

type PanelProps = {
  caseId: string;
  rights: EnhancedRights | null;
  headingId: string;
  /** False for people whose work does not include assessing (e.g. auditors). */
  canAssess: boolean;
  onAssessed: () => Promise<unknown>;
};

export function EnhancedRightsPanel({ caseId, rights, headingId, canAssess, onAssessed }: PanelProps) {
  const [open, setOpen] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);
  const savedRef = useRef<HTMLDivElement>(null);
  const due = rights?.reassessment.due ?? false;
  return (
    <section className="enhanced-rights" aria-labelledby={headingId}>
      <h2 id={headingId}>Enhanced Rights and service tier</h2>
      {rights ? (
        <p>
          {enhancedRightsInWords(rights)} Assessed {dateInWords(rights.assessedAt)}
          {rights.reviewBy ? `; review by ${dateInWords(rights.reviewBy)}` : ""}.
        </p>
      ) : (
        <p>Her Enhanced Rights have not been assessed on the hub yet.</p>
      )}
      {due && rights && (
        <div className="reassessment-notice">
          <h3>Offer her a reassessment</h3>
          <ul>
            {rights.reassessment.explanation.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        </div>
      )}
      {saved && (
        <div className="notice" role="status" tabIndex={-1} ref={savedRef}>
          <p>{saved}</p>
        </div>
      )}
      {canAssess &&
        (open ? (
          <AssessForm
            caseId={caseId}
            current={rights}
            onCancel={() => setOpen(false)}
            onSaved={async (text) => {
              setOpen(false);
              await onAssessed().catch(() => {});
              setSaved(text);
              setTimeout(() => savedRef.current?.focus(), 0);
            }}
          />
        ) : (
          <p className="no-print">
            <button
              type="button"
              className={due ? "button" : "button button-secondary"}
              onClick={() => {
                setSaved(null);
                setOpen(true);
              }}
            >
              {rights ? "Record a new assessment" : "Record an assessment"}
            </button>
          </p>
        ))}
    </section>
  );
}

/** Which form field a problem the hub names belongs to. */
export function assessmentProblemField(field: string | null): "grounds" | "serviceTier" | "raisedAtVictimsWish" | "reviewBy" | "form" {
  return field === "grounds" || field === "serviceTier" || field === "raisedAtVictimsWish" || field === "reviewBy" ? field : "form";
}

type FormProps = { caseId: string; current: EnhancedRights | null; onCancel: () => void; onSaved: (text: string) => Promise<void> };

function AssessForm({ caseId, current, onCancel, onSaved }: FormProps) {
  const [grounds, setGrounds] = useState<string[]>(current?.grounds ?? []);
  const [serviceTier, setServiceTier] = useState(current?.serviceTier ?? "");
  const [raisedAtVictimsWish, setRaisedAtVictimsWish] = useState(false);
  const [reviewBy, setReviewBy] = useState("");
  const { problems, show, ref: problemRef } = useProblems();
  const [assess, { loading }] = useMutation(ASSESS_ENHANCED_RIGHTS);
  const base = useId();
  const ids = { grounds: `${base}-grounds`, serviceTier: `${base}-tier`, raisedAtVictimsWish: `${base}-wish`, reviewBy: `${base}-review`, reviewHint: `${base}-review-hint` };

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (loading) return;
    const missing: Problems = {};
    if (!serviceTier) missing.serviceTier = "Choose her service tier";
    const review = reviewBy ? instantFromLondon(reviewBy, "09:00") : null;
    if (reviewBy && !review) missing.reviewBy = "Enter a real date, for example 30/09/2026";
    else if (review && review.getTime() < Date.now()) missing.reviewBy = "The review date must be in the future";
    if (Object.keys(missing).length) return show(missing);
    try {
      const { data } = await assess({
        // Both chosen from the schema's values (ENHANCED_RIGHTS_GROUNDS, SERVICE_TIERS).
        variables: { caseId, grounds: grounds as EnhancedRightsGround[], serviceTier: serviceTier as ServiceTier, raisedAtVictimsWish, ...(review ? { reviewBy: review.toISOString() } : {}) },
      });
      const result = data?.assessEnhancedRights;
      if (!result) return show({ form: "The assessment was not recorded. Please try again." });
      if (result.__typename !== "EnhancedRightsAssessment") {
        return show({ [assessmentProblemField(result.__typename === "BadInputError" ? result.field : null)]: result.message });
      }
      await onSaved(`Assessment recorded: ${serviceTierInWords(serviceTier).toLowerCase()} service. Any open offers to reassess are closed.`);
    } catch {
      show({ form: "We could not record the assessment. Check your connection and try again. Nothing was saved." });
    }
  }

  return (
    <form onSubmit={submit} noValidate className="assess-enhanced-rights no-print">
      <h3>Record a new assessment</h3>
      <ProblemSummary problems={problems} fieldIds={ids} ref={problemRef} />
      <CheckboxGroup
        id={ids.grounds}
        legend="Grounds for Enhanced Rights"
        hint="Tick every ground that applies. None ticked: she has the standard rights."
        options={ENHANCED_RIGHTS_GROUNDS.map((g) => ({ value: g, label: groundInWords(g) }))}
        chosen={grounds}
        onChange={setGrounds}
        problem={problems.grounds}
      />
      <SelectField
        id={ids.serviceTier}
        label="Service tier"
        value={serviceTier}
        onChange={setServiceTier}
        options={SERVICE_TIERS.map((t) => ({ value: t, label: serviceTierInWords(t) }))}
        problem={problems.serviceTier}
        choose
      />
      <div className={fieldClass(problems.raisedAtVictimsWish)}>
        <FieldProblem message={problems.raisedAtVictimsWish} />
        <Checkbox id={ids.raisedAtVictimsWish} label="The tier is higher than her needs call for, because she asked" checked={raisedAtVictimsWish} onChange={setRaisedAtVictimsWish} />
      </div>
      <Field id={ids.reviewBy} label="Review by (optional)" hint="When to look at her needs again." hintId={ids.reviewHint} problem={problems.reviewBy}>
        <input
          id={ids.reviewBy}
          type="date"
          className="text-input date-input"
          value={reviewBy}
          min={londonInputValues(new Date()).date}
          onChange={(e) => setReviewBy(e.target.value)}
          aria-describedby={ids.reviewHint}
          aria-invalid={problems.reviewBy ? true : undefined}
        />
      </Field>
      <SubmitAndCancel label="Record the assessment" busyLabel="Recording the assessment…" busy={loading} onCancel={onCancel} />
    </form>
  );
}
