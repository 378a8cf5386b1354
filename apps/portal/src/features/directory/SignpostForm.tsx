import { useId, useRef, useState } from "react";
import type { FormEvent } from "react";
import { useMutation } from "@apollo/client/react";
import { CHANNELS, channelInWords, dateTimeInWords, offenceInWords } from "../cases/caseWords";
import { caseName } from "../caseload/Caseload";
import { SIGNPOST_SERVICE } from "./directoryQueries";
import { toLocalInputValue } from "./directoryWords";
import { FieldProblem, type Problems, ProblemSummary, useProblems } from "./FormParts";

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
        variables: { caseId, serviceId: service.id, channel, at: when.toISOString(), ...(note.trim() ? { note: note.trim() } : {}) },
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

  const fieldClass = (name: string) => (problems[name] ? "field field-with-problem" : "field");

  return (
    <form onSubmit={submit} noValidate className="signpost-form" aria-label={`Tell a victim about ${service.name}`}>
      <ProblemSummary problems={problems} fieldIds={ids} ref={problemRef} />
      {cases.length === 0 ? (
        <p>You have no cases to record this on. A case appears in your caseload when your organisation starts supporting a victim.</p>
      ) : (
        <div className={fieldClass("caseId")}>
          <label htmlFor={ids.caseId}>Which case is she on?</label>
          <FieldProblem message={problems.caseId} />
          <select id={ids.caseId} value={caseId} onChange={(e) => setCaseId(e.target.value)} aria-invalid={problems.caseId ? true : undefined}>
            <option value="">Choose…</option>
            {cases.map((c) => (
              <option key={c.id} value={c.id}>
                {caseName(c)} ({offenceInWords(c.offenceCategory).toLowerCase()})
              </option>
            ))}
          </select>
        </div>
      )}

      <div className={fieldClass("channel")}>
        <label htmlFor={ids.channel}>How did you tell her?</label>
        <FieldProblem message={problems.channel} />
        <select id={ids.channel} value={channel} onChange={(e) => setChannel(e.target.value)} aria-invalid={problems.channel ? true : undefined}>
          <option value="">Choose…</option>
          {CHANNELS.map((c) => (
            <option key={c} value={c}>
              {channelInWords(c)}
            </option>
          ))}
        </select>
      </div>

      <div className={fieldClass("at")}>
        <label htmlFor={ids.at}>When did you tell her?</label>
        <p id={ids.atHint} className="hint">
          Leave it as it is if you have just told her.
        </p>
        <FieldProblem message={problems.at} />
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
      </div>

      <div className="field">
        <label htmlFor={ids.note}>Anything else you said (optional)</label>
        <p id={ids.noteHint} className="hint">
          For example, that she will call them herself. Other agencies on the case read this.
        </p>
        <textarea id={ids.note} className="prose" rows={3} value={note} onChange={(e) => setNote(e.target.value)} aria-describedby={ids.noteHint} />
      </div>

      <div className="button-group">
        <button type="submit" className="button" aria-disabled={loading || cases.length === 0 || undefined}>
          {loading ? "Recording…" : "Record that she was told"}
        </button>
        <button type="button" className="button button-secondary" onClick={onClose}>
          Cancel
        </button>
      </div>
    </form>
  );
}
