// Make a referral from the case page: to an organisation in the partnership or to a service in
// the local directory, with exactly the information she agreed may go there. The hub refuses
// her details without her consent for that recipient; the refusal shows at the field.
import { useId, useRef, useState } from "react";
import type { FormEvent } from "react";
import { useLazyQuery, useMutation } from "@apollo/client/react";
import { graphql } from "../../generated/graphql";
import type { DataCategory, ReferralUrgency } from "../../generated/graphql/graphql";
import { categoryInWords, DATA_CATEGORIES, referralStatusInWords, URGENCIES, urgencyInWords } from "../cases/caseWords";
import { SEARCH_SERVICES } from "../directory/directoryQueries";
import { Checkbox, CheckboxGroup, Field, FieldProblem, fieldClass, type Problems, ProblemSummary, SelectField, useProblems } from "../../app/FormParts";

export const MAKE_REFERRAL = graphql(`
  mutation MakeReferral(
    $caseId: ID!
    $toOrganisationId: ID
    $toServiceId: ID
    $reason: String!
    $urgency: ReferralUrgency
    $shares: [DataCategory!]
    $outcomeInAgreedMessage: Boolean
  ) {
    makeReferral(
      caseId: $caseId
      toOrganisationId: $toOrganisationId
      toServiceId: $toServiceId
      reason: $reason
      urgency: $urgency
      shares: $shares
      outcomeInAgreedMessage: $outcomeInAgreedMessage
    ) {
      __typename
      ... on Referral {
        id
        status
      }
      ...MutationProblem
    }
  }
`);

/** The question makeReferral's outcomeInAgreedMessage stands for, as the caseworker asks her. */
export const OUTCOME_QUESTION =
  "Is it all right if everyone supporting you with your case can see whether this service has taken you on, so we can all tell you the same thing?";

/** Which form field a problem the hub names belongs to. */
export function referralProblemField(field: string | null): "to" | "reason" | "urgency" | "shares" | "form" {
  if (field === "toOrganisationId" || field === "toServiceId") return "to";
  if (field === "reason" || field === "urgency" || field === "shares") return field;
  return "form";
}

type Organisation = { id: string; name: string; active?: boolean };

type MakeReferralFormProps = {
  caseId: string;
  /** The partnership's organisations, without the person's own (the hub refuses those). */
  organisations: readonly Organisation[];
  /** Refetches the case, so the new referral shows in its referrals list. */
  onMade: () => Promise<unknown>;
};

export function MakeReferralForm({ caseId, organisations, onMade }: MakeReferralFormProps) {
  const [toKind, setToKind] = useState<"organisation" | "service">("organisation");
  const [toOrganisationId, setToOrganisationId] = useState("");
  const [serviceText, setServiceText] = useState("");
  const [toServiceId, setToServiceId] = useState("");
  const [reason, setReason] = useState("");
  const [urgency, setUrgency] = useState("ROUTINE");
  const [shares, setShares] = useState<string[]>([]);
  const [outcomeInAgreedMessage, setOutcomeInAgreedMessage] = useState(false);
  const { problems, show, clear, ref: problemRef } = useProblems();
  const [made, setMade] = useState<string | null>(null);
  const madeRef = useRef<HTMLDivElement>(null);
  const [makeReferral, { loading }] = useMutation(MAKE_REFERRAL);
  const [findServices, services] = useLazyQuery(SEARCH_SERVICES);
  const base = useId();
  const ids = {
    to: `${base}-to`,
    organisation: `${base}-organisation`,
    serviceText: `${base}-service-text`,
    service: `${base}-service`,
    reason: `${base}-reason`,
    reasonHint: `${base}-reason-hint`,
    urgency: `${base}-urgency`,
    shares: `${base}-shares`,
    outcome: `${base}-outcome`,
  };
  const found = services.data?.searchServices.results ?? [];
  const recipientName = toKind === "organisation" ? organisations.find((o) => o.id === toOrganisationId)?.name : found.find((s) => s.id === toServiceId)?.name;

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (loading) return;
    setMade(null);
    const missing: Problems = {};
    if (toKind === "organisation" ? !toOrganisationId : !toServiceId) missing.to = toKind === "organisation" ? "Choose the organisation to refer her to" : "Find and choose the service to refer her to";
    if (reason.trim().length < 10) missing.reason = "Say why you are referring her, in a sentence or two";
    if (Object.keys(missing).length) return show(missing);
    try {
      const { data } = await makeReferral({
        variables: {
          caseId,
          ...(toKind === "organisation" ? { toOrganisationId } : { toServiceId }),
          reason: reason.trim(),
          // Both chosen from the schema's values (URGENCIES, DATA_CATEGORIES).
          urgency: urgency as ReferralUrgency,
          shares: shares as DataCategory[],
          outcomeInAgreedMessage,
        },
      });
      const result = data?.makeReferral;
      if (!result) return show({ form: "The referral was not sent. Please try again." });
      if (result.__typename !== "Referral") {
        const field = referralProblemField(result.__typename === "BadInputError" ? result.field : null);
        return show({ [field]: result.message });
      }
      clear();
      const sentTo = recipientName ?? "the service";
      setToOrganisationId("");
      setToServiceId("");
      setReason("");
      setUrgency("ROUTINE");
      setShares([]);
      setOutcomeInAgreedMessage(false);
      await onMade().catch(() => {});
      setMade(`Referral sent to ${sentTo}. It is in the referrals list above: ${referralStatusInWords(result.status).toLowerCase()}.`);
      setTimeout(() => madeRef.current?.focus(), 0);
    } catch {
      show({ form: "We could not send the referral. Check your connection and try again. Nothing was sent." });
    }
  }

  return (
    <form onSubmit={submit} noValidate className="make-referral">
      <ProblemSummary problems={problems} fieldIds={ids} ref={problemRef} />
      {made && (
        <div className="notice" role="status" tabIndex={-1} ref={madeRef}>
          <p>{made}</p>
        </div>
      )}

      <fieldset className={fieldClass(problems.to)} id={ids.to}>
        <legend>Who is the referral for?</legend>
        <FieldProblem message={problems.to} />
        <div className="radios">
          {(["organisation", "service"] as const).map((kind) => (
            <div className="checkbox" key={kind}>
              <input id={`${ids.to}-${kind}`} type="radio" name={ids.to} checked={toKind === kind} onChange={() => setToKind(kind)} />
              <label htmlFor={`${ids.to}-${kind}`}>{kind === "organisation" ? "An organisation in the partnership" : "A service in the local directory"}</label>
            </div>
          ))}
        </div>
        {toKind === "organisation" ? (
          <SelectField
            id={ids.organisation}
            label="Organisation"
            value={toOrganisationId}
            onChange={setToOrganisationId}
            options={organisations.filter((o) => o.active !== false).map((o) => ({ value: o.id, label: o.name }))}
            choose
          />
        ) : (
          <>
            <div className="field">
              <label htmlFor={ids.serviceText}>Search the directory</label>
              <div className="button-group">
                <input id={ids.serviceText} className="text-input" value={serviceText} onChange={(e) => setServiceText(e.target.value)} />
                <button
                  type="button"
                  className="button button-secondary"
                  onClick={() => findServices({ variables: { text: serviceText.trim() || undefined, acceptingReferrals: true, first: 20 } }).catch(() => {})}
                >
                  Find services
                </button>
              </div>
            </div>
            <p role="status" className="status">
              {services.loading ? "Finding services…" : services.data ? `${found.length === 1 ? "1 service" : `${found.length} services`} accepting referrals.` : ""}
            </p>
            {found.length > 0 && (
              <SelectField
                id={ids.service}
                label="Service"
                value={toServiceId}
                onChange={setToServiceId}
                options={found.map((s) => ({ value: s.id, label: `${s.name} (${s.organisationName})` }))}
                choose
              />
            )}
          </>
        )}
      </fieldset>

      <Field
        id={ids.reason}
        label="Why are you referring her?"
        hint="The organisation you refer her to reads this. Say what support she needs, not details of the case."
        hintId={ids.reasonHint}
        problem={problems.reason}
      >
        <textarea
          id={ids.reason}
          className="prose"
          rows={3}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          aria-describedby={ids.reasonHint}
          aria-invalid={problems.reason ? true : undefined}
        />
      </Field>

      <SelectField
        id={ids.urgency}
        label="How urgent is it?"
        value={urgency}
        onChange={setUrgency}
        options={URGENCIES.map((u) => ({ value: u, label: urgencyInWords(u) }))}
        problem={problems.urgency}
      />

      <CheckboxGroup
        id={ids.shares}
        legend="What information goes with the referral?"
        hint="Only what she has agreed may go to them. Leave all unticked to send the referral without her details."
        options={DATA_CATEGORIES.map((c) => ({ value: c, label: categoryInWords(c) }))}
        chosen={shares}
        onChange={setShares}
        problem={problems.shares}
      />

      <fieldset className="field">
        <legend>Ask her: “{OUTCOME_QUESTION}”</legend>
        <p className="hint">Tick only if she says yes. Then the agreed message tells her where the referral stands, never why it was made.</p>
        <Checkbox id={ids.outcome} label="She said yes" checked={outcomeInAgreedMessage} onChange={setOutcomeInAgreedMessage} />
      </fieldset>

      <button type="submit" className="button" aria-disabled={loading || undefined}>
        {loading ? "Sending the referral…" : "Send the referral"}
      </button>
    </form>
  );
}
