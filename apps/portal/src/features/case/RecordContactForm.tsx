import { useId, useRef, useState } from "react";
import type { FormEvent, MouseEvent } from "react";
import { useMutation, useQuery } from "@apollo/client/react";
import { CHANNELS, channelInWords, dateInWords, OUTCOMES, outcomeInWords, updateTypeInWords } from "../cases/caseWords";
import { graphql } from "../../generated/graphql";
import type { CasePageQuery, ContactAgreementState, ContactChannel, ContactOutcome, OutsideAgreementReason } from "../../generated/graphql/graphql";
import { Field, FieldProblem, fieldClass, SelectField } from "../../app/FormParts";
import { instantFromLondon, londonInputValues } from "./londonTime";
import { PlainLanguageCheck } from "./PlainLanguageCheck";
import type { ContactContract } from "./ContactContractPanel";
import { CONTACT_CHECK, ContactRulesBeside } from "./ContactRulesBeside";

export const RECORD_CONTACT = graphql(`
  mutation RecordContact($input: RecordContactInput!) {
    recordContact(input: $input) {
      __typename
      ... on ContactRecord {
        id
      }
      ... on ContactAgreementBreachError {
        breaches {
          rule
          message
        }
      }
      ...MutationProblem
    }
  }
`);

type Update = Extract<CasePageQuery["case"], { __typename: "Case" }>["timeline"][number];

type RecordContactFormProps = {
  caseId: string;
  /** Her agreement, when the caller is in her contact circle. */
  contract: ContactContract | null;
  agreement: ContactAgreementState;
  updates: readonly Update[];
  /** Refetches the case (ledger and clocks) after a contact is recorded. */
  onRecorded: () => Promise<unknown>;
};

type Problems = { at?: string; channel?: string; outcome?: string; summary?: string; outsideAgreementReason?: string; form?: string };

/** Why a contact that did not fit her agreement happened, in plain words, never her fault. */
export const OUTSIDE_AGREEMENT_REASONS: readonly { value: OutsideAgreementReason; label: string }[] = [
  { value: "SHE_CONTACTED_US", label: "She contacted us" },
  { value: "EMERGENCY", label: "It was an emergency" },
  { value: "SAFE_FACE_TO_FACE", label: "Face to face, somewhere safe for her" },
  { value: "MISTAKE", label: "It was a mistake" },
];

type Breach = { rule: string; message: string };

/** Which field of the form each rule of her agreement is about, so a breach shows beside it. */
const FIELD_OF_RULE: Record<string, "at" | "channel" | "outcome" | "outsideAgreementReason"> = {
  REFUSED_CHANNEL: "channel",
  NO_LETTERS_TO_HOME: "channel",
  NO_VOICEMAIL: "outcome",
  SAFE_DAYS: "at",
  SAFE_HOURS: "at",
  CONTACT_AGREEMENT: "outsideAgreementReason",
};

/** Every breach, each on its own field (two on one field are read together). */
export function breachesByField(breaches: readonly Breach[]): Problems {
  const found: Problems = {};
  for (const b of breaches) {
    const field = FIELD_OF_RULE[b.rule] ?? "outsideAgreementReason";
    found[field] = found[field] ? `${found[field]} ${b.message}` : b.message;
  }
  return found;
}

/** Said under a field as it is filled: this choice does not fit her agreement (not yet a problem). */
function DoesNotFit({ id, message }: { id: string; message: string | undefined }) {
  if (!message) return null;
  return (
    <p id={id} className="warning-text">
      <strong>Does not fit her agreement:</strong> {message}
    </p>
  );
}

/** The hub allows a minute of clock difference; so does the form. */
const CLOCK_SLACK_MS = 60_000;

/** What is wrong with the date and time of a contact, if anything. */
export function problemWithContactTime(date: string, time: string, now: Date): string | null {
  if (!date || !time) return "Enter the date and time of the contact";
  const at = instantFromLondon(date, time);
  if (!at) return "Enter a real date and time, for example 28/11/2026 and 14:30";
  if (at.getTime() > now.getTime() + CLOCK_SLACK_MS) return "The time of the contact cannot be in the future: enter when it happened";
  return null;
}

/** The error summary's links move focus to the field, not just scroll to it. */
function focusField(event: MouseEvent<HTMLAnchorElement>, id: string) {
  const field = document.getElementById(id);
  if (!field) return;
  event.preventDefault();
  field.focus();
  field.scrollIntoView({ block: "center" });
}

export function RecordContactForm({ caseId, contract, agreement, updates, onRecorded }: RecordContactFormProps) {
  const refusedChannels: readonly string[] = contract?.refusedChannels ?? [];
  const [when, setWhen] = useState(() => londonInputValues(new Date()));
  const [channel, setChannel] = useState("");
  const [outcome, setOutcome] = useState("");
  const [summary, setSummary] = useState("");
  const [answersUpdateId, setAnswersUpdateId] = useState("");
  const [outsideAgreementReason, setOutsideAgreementReason] = useState("");
  const [problems, setProblems] = useState<Problems>({});
  const [saved, setSaved] = useState<string | null>(null);
  const [recordContact, { loading }] = useMutation(RECORD_CONTACT);
  const ids = { rules: useId(), fitAt: useId(), fitChannel: useId(), fitOutcome: useId(), at: useId(), atTime: useId(), atHint: useId(), channel: useId(), outcome: useId(), summary: useId(), summaryHint: useId(), check: useId(), answers: useId(), refusedWarning: useId(), outsideAgreementReason: useId() };
  const problemRef = useRef<HTMLDivElement>(null);
  const savedRef = useRef<HTMLDivElement>(null);
  // As the form is filled, the hub says which of her rules it would not fit (the rules it applies on recording).
  const at = channel && outcome && !problemWithContactTime(when.date, when.time, new Date()) ? instantFromLondon(when.date, when.time) : null;
  const { data: checked } = useQuery(CONTACT_CHECK, {
    variables: { caseId, at: at?.toISOString() ?? "", channel: channel as ContactChannel, outcome: outcome as ContactOutcome },
    skip: !at || agreement !== "AGREED",
  });
  const breaches = (at && checked?.contactCheck.breaches) || [];
  const warnings = breachesByField(breaches);
  const chosenIsRefused = channel !== "" && refusedChannels.includes(channel);

  function show(found: Problems) {
    setProblems(found);
    // Move focus to the summary of problems so keyboard and screen reader users hear it.
    setTimeout(() => problemRef.current?.focus(), 0);
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (loading) return;
    setSaved(null);
    const found: Problems = {};
    const timeProblem = problemWithContactTime(when.date, when.time, new Date());
    if (timeProblem) found.at = timeProblem;
    if (!channel) found.channel = "Choose how you contacted her";
    if (!outcome) found.outcome = "Choose what happened";
    if (!summary.trim()) found.summary = "Write a short summary of the contact";
    if (breaches.length && !outsideAgreementReason) {
      Object.assign(found, breachesByField(breaches));
      found.outsideAgreementReason = "This contact does not fit her agreement: if it has already happened, say why. If not, change it so it fits.";
    }
    if (Object.keys(found).length) return show(found);
    try {
      const { data } = await recordContact({
        variables: {
          input: {
            caseId,
            at: instantFromLondon(when.date, when.time)!.toISOString(),
            // Both chosen from the schema's values (CHANNELS, OUTCOMES).
            channel: channel as ContactChannel,
            outcome: outcome as ContactOutcome,
            summary: summary.trim(),
            ...(answersUpdateId ? { answersUpdateId } : {}),
            ...(outsideAgreementReason ? { outsideAgreementReason: outsideAgreementReason as OutsideAgreementReason } : {}),
          },
        },
      });
      const result = data?.recordContact;
      if (!result) return show({ form: "The contact was not recorded. Please try again." });
      if (result.__typename !== "ContactRecord") {
        if (result.__typename === "ContactAgreementBreachError") return show({ outsideAgreementReason: result.message, ...breachesByField(result.breaches.filter((b) => b.rule !== "CONTACT_AGREEMENT")) });
        const field = result.__typename === "BadInputError" ? result.field : null;
        if (field === "at" || field === "channel" || field === "outcome" || field === "summary" || field === "outsideAgreementReason") return show({ [field]: result.message, form: result.message });
        return show({ form: result.message });
      }
      setProblems({});
      setWhen(londonInputValues(new Date()));
      setChannel("");
      setOutcome("");
      setSummary("");
      setAnswersUpdateId("");
      setOutsideAgreementReason("");
      await onRecorded().catch(() => {});
      setSaved(`Contact recorded: ${channelInWords(channel)}, ${outcomeInWords(outcome).toLowerCase()}. It is now in the communication ledger.`);
      setTimeout(() => savedRef.current?.focus(), 0);
    } catch {
      show({ form: "We could not record the contact. Check your connection and try again. Nothing was saved." });
    }
  }

  const problemList = Object.entries(problems).filter(([k]) => k !== "form");

  return (
    <form onSubmit={submit} noValidate className="record-contact">
      <ContactRulesBeside caseId={caseId} contract={contract} agreement={agreement} headingId={ids.rules} />
      {(problems.form || problemList.length > 0) && (
        <div className="problem" role="alert" tabIndex={-1} ref={problemRef}>
          <h3>There is a problem</h3>
          {problems.form && <p>{problems.form}</p>}
          {problemList.length > 0 && !problems.form && (
            <ul>
              {problemList.map(([k, message]) => (
                <li key={k}>
                  <a href={`#${ids[k as keyof typeof ids]}`} onClick={(e) => focusField(e, ids[k as keyof typeof ids])}>
                    {message}
                  </a>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
      {saved && (
        <div className="notice" role="status" tabIndex={-1} ref={savedRef}>
          <p>{saved}</p>
        </div>
      )}

      <fieldset className={`${fieldClass(problems.at)} when-fieldset`} aria-describedby={warnings.at && !problems.at ? `${ids.atHint} ${ids.fitAt}` : ids.atHint}>
        <legend>When was the contact?</legend>
        <p id={ids.atHint} className="hint">
          London time. It starts as now: change it if you are recording a contact from earlier.
        </p>
        <FieldProblem message={problems.at} />
        <div className="date-time-inputs">
          {(["date", "time"] as const).map((part) => (
            <div key={part}>
              <label htmlFor={part === "date" ? ids.at : ids.atTime}>{part === "date" ? "Date" : "Time"}</label>
              <input
                id={part === "date" ? ids.at : ids.atTime}
                type={part}
                className={`text-input ${part}-input`}
                value={when[part]}
                max={part === "date" ? londonInputValues(new Date()).date : undefined}
                onChange={(e) => setWhen((w) => ({ ...w, [part]: e.target.value }))}
                aria-invalid={problems.at ? true : undefined}
              />
            </div>
          ))}
        </div>
        {!problems.at && <DoesNotFit id={ids.fitAt} message={warnings.at} />}
      </fieldset>

      <SelectField
        id={ids.channel}
        label="How did you contact her?"
        value={channel}
        onChange={setChannel}
        options={CHANNELS.map((c) => ({ value: c, label: `${channelInWords(c)}${refusedChannels.includes(c) ? " (she has refused this)" : ""}` }))}
        problem={problems.channel}
        describedBy={warnings.channel ? ids.fitChannel : chosenIsRefused ? ids.refusedWarning : undefined}
        choose
      >
        {!problems.channel && <DoesNotFit id={ids.fitChannel} message={warnings.channel} />}
        {chosenIsRefused && !warnings.channel && (
          <p id={ids.refusedWarning} className="warning-text">
            <strong>Warning: she has refused contact by {channelInWords(channel).toLowerCase()}.</strong>
          </p>
        )}
      </SelectField>

      <SelectField
        id={ids.outcome}
        label="What happened?"
        value={outcome}
        onChange={setOutcome}
        options={OUTCOMES.map((o) => ({ value: o, label: outcomeInWords(o) }))}
        problem={problems.outcome}
        describedBy={warnings.outcome ? ids.fitOutcome : undefined}
        choose
      >
        {!problems.outcome && <DoesNotFit id={ids.fitOutcome} message={warnings.outcome} />}
      </SelectField>

      <Field
        id={ids.summary}
        label="Summary of the contact"
        hint="What you told her and what she said, in plain words. Other agencies on the case read this."
        hintId={ids.summaryHint}
        problem={problems.summary}
      >
        <textarea
          id={ids.summary}
          className="prose"
          rows={4}
          value={summary}
          onChange={(e) => setSummary(e.target.value)}
          aria-invalid={problems.summary ? true : undefined}
          aria-describedby={`${ids.summaryHint} ${ids.check}`}
        />
        <PlainLanguageCheck text={summary} id={ids.check} />
      </Field>

      {updates.length > 0 && (
        <div className="field">
          <label htmlFor={ids.answers}>Which update did you tell her about? (optional)</label>
          <select id={ids.answers} value={answersUpdateId} onChange={(e) => setAnswersUpdateId(e.target.value)}>
            <option value="">None</option>
            {updates
              .filter((u) => !u.supersededById)
              .map((u) => (
                <option key={u.id} value={u.id}>
                  {updateTypeInWords(u.type)}, {dateInWords(u.occurredAt)}
                </option>
              ))}
          </select>
        </div>
      )}

      <SelectField
        id={ids.outsideAgreementReason}
        label="If this contact did not fit how she asked to be contacted, why did it happen? (optional)"
        hint="A contact that has happened is recorded even if it did not fit her agreement, so the ledger shows it. Her contact circle will be told."
        value={outsideAgreementReason}
        onChange={setOutsideAgreementReason}
        options={[{ value: "", label: "It fitted her agreement" }, ...OUTSIDE_AGREEMENT_REASONS]}
        problem={problems.outsideAgreementReason}
      />

      <button type="submit" className="button" aria-disabled={loading || undefined}>
        {loading ? "Recording the contact…" : "Record the contact"}
      </button>
    </form>
  );
}
