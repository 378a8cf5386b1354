import { useId, useRef, useState } from "react";
import type { FormEvent } from "react";
import { useMutation } from "@apollo/client/react";
import type { ContactChannel } from "../../generated/graphql/graphql";
import { CHANNELS, channelInWords, dateTimeInWords, offenceInWords } from "../cases/caseWords";
import { caseName } from "../caseload/Caseload";
import { SIGNPOST_SERVICE } from "./directoryQueries";
import { toLocalInputValue } from "./directoryWords";
import { Field, type Problems, ProblemSummary, SelectField, SubmitAndCancel, useProblems } from "../../app/FormParts";

export type CaseChoice = { id: string; policeUrn: string | null; cpsReference: string | null; offenceCategory: string };

type SignpostFormProps = {
  service: { id: string; name: string; organisationName: string };
  /** The person's caseload: she is chosen by her case's references, never by name. */
  cases: readonly CaseChoice[];
  /** The case the person came from ("Find local support" on the case page). */
  initialCaseId: string | null;
  onOpenCase: (caseId: string) => void;
  onClose: () => void;
};

type Recorded = { caseId: string; text: string };

/** "Tell a victim about this service": records in her case's communication ledger that she was told. */
export function SignpostForm({ service, cases, initialCaseId, onOpenCase, onClose }: SignpostFormProps) {
  const [caseId, setCaseId] = useState(initialCaseId ?? "");
  const [channel, setChannel] = useState("");
  const [at, setAt] = useState(() => toLocalInputValue(new Date()));
  const [note, setNote] = useState("");
  const { problems, show, clear, ref: problemRef } = useProblems();
  const [recorded, setRecorded] = useState<Recorded | null>(null);
  const [signpost, { loading }] = useMutation(SIGNPOST_SERVICE);
  const ids = { caseId: useId(), channel: useId(), at: useId(), atHint: useId(), note: useId(), noteHint: useId() };
  const recordedRef = useRef<HTMLDivElement>(null);
  const chosen = cases.find((c) => c.id === caseId);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (loading) return;
    const found: Problems = {};
    if (!caseId) found.caseId = "Choose the case of the victim you told";
    if (!channel) found.channel = "Choose how you told her";
    const when = new Date(at);
    if (!at || Number.isNaN(when.getTime())) found.at = "Give the date and time you told her";
    else if (when.getTime() > Date.now() + 60_000) found.at = "The time you told her cannot be in the future";
    if (Object.keys(found).length) return show(found);
    try {
      const { data } = await signpost({
        variables: { caseId, serviceId: service.id, channel: channel as ContactChannel /* one of CHANNELS, from the select */, at: when.toISOString(), ...(note.trim() ? { note: note.trim() } : {}) },
      });
      const result = data?.signpostService;
      if (!result) return show({ form: "It was not recorded. Please try again." });
      if (result.__typename !== "ContactRecord") {
        const field = result.__typename === "BadInputError" ? result.field : null;
        if (field === "channel" || field === "at") return show({ [field]: result.message });
        return show({ form: result.message });
      }
      clear();
      setRecorded({
        caseId,
        text: `Recorded in the communication ledger of ${chosen ? caseName(chosen) : "the case"}: she was told about ${service.name} (${service.organisationName}) by ${channelInWords(channel).toLowerCase()}, ${dateTimeInWords(result.at)}.`,
      });
      setTimeout(() => recordedRef.current?.focus(), 0);
    } catch {
      show({ form: "We could not record it. Check your connection and try again. Nothing was saved." });
    }
  }

  if (recorded) {
    return (
      <div className="notice signpost-recorded" role="status" tabIndex={-1} ref={recordedRef}>
        <p>{recorded.text}</p>
        <div className="button-group">
          <button type="button" className="button button-secondary" onClick={() => onOpenCase(recorded.caseId)}>
            Open the case
          </button>
          <button type="button" className="link-button" onClick={onClose}>
            Close
          </button>
        </div>
      </div>
    );
  }

  return (
    <form onSubmit={submit} noValidate className="signpost-form" aria-label={`Tell a victim about ${service.name}`}>
      <ProblemSummary problems={problems} fieldIds={ids} ref={problemRef} />
      {cases.length === 0 ? (
        <p>You have no cases to record this on. A case appears in your caseload when your organisation starts supporting a victim.</p>
      ) : (
        <SelectField
          id={ids.caseId}
          label="Which case is she on?"
          value={caseId}
          onChange={setCaseId}
          options={cases.map((c) => ({ value: c.id, label: `${caseName(c)} (${offenceInWords(c.offenceCategory).toLowerCase()})` }))}
          problem={problems.caseId}
          choose
        />
      )}

      <SelectField
        id={ids.channel}
        label="How did you tell her?"
        value={channel}
        onChange={setChannel}
        options={CHANNELS.map((c) => ({ value: c, label: channelInWords(c) }))}
        problem={problems.channel}
        choose
      />

      <Field id={ids.at} label="When did you tell her?" hint="Leave it as it is if you have just told her." hintId={ids.atHint} problem={problems.at}>
        <input
          id={ids.at}
          type="datetime-local"
          className="text-input"
          value={at}
          max={toLocalInputValue(new Date())}
          onChange={(e) => setAt(e.target.value)}
          aria-describedby={ids.atHint}
          aria-invalid={problems.at ? true : undefined}
        />
      </Field>

      <Field
        id={ids.note}
        label="Anything else you said (optional)"
        hint="For example, that she will call them herself. Other agencies on the case read this."
        hintId={ids.noteHint}
      >
        <textarea id={ids.note} className="prose" rows={3} value={note} onChange={(e) => setNote(e.target.value)} aria-describedby={ids.noteHint} />
      </Field>

      <SubmitAndCancel label="Record that she was told" busyLabel="Recording…" busy={loading} disabled={cases.length === 0} onCancel={onClose} />
    </form>
  );
}
