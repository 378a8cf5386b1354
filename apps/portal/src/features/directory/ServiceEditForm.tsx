import { useId, useState } from "react";
import type { FormEvent } from "react";
import { useMutation } from "@apollo/client/react";
import { type MaintainedService, UPDATE_DIRECTORY_SERVICE, VERIFY_DIRECTORY_SERVICE } from "./directoryQueries";
import { SERVICE_STATUSES, serviceStatusInWords } from "./directoryWords";
import { Checkbox, Field, FieldProblem, fieldClass, ProblemSummary, SubmitAndCancel, useProblems } from "../../app/FormParts";

type ServiceEditFormProps = { service: MaintainedService; onSaved: (message: string) => void; onCancel: () => void };

const blankToNull = (v: string) => (v.trim() ? v.trim() : null);

/** Change what partners see about one of your services: whether it takes referrals, its notice, its details. */
export function ServiceEditForm({ service: s, onSaved, onCancel }: ServiceEditFormProps) {
  const [status, setStatus] = useState(s.status);
  const [accepting, setAccepting] = useState(s.acceptingReferrals ? "yes" : "no");
  const [alert, setAlert] = useState(s.alert ?? "");
  const [capacityNote, setCapacityNote] = useState(s.capacityNote ?? "");
  const [waitTime, setWaitTime] = useState(s.waitTime ?? "");
  const [description, setDescription] = useState(s.description);
  const [selfReferral, setSelfReferral] = useState(s.selfReferral);
  const [professionalReferral, setProfessionalReferral] = useState(s.professionalReferral);
  const [checked, setChecked] = useState(false);
  const { problems, show, ref: problemRef } = useProblems();
  const [update, updating] = useMutation(UPDATE_DIRECTORY_SERVICE);
  const [verify, verifying] = useMutation(VERIFY_DIRECTORY_SERVICE);
  const saving = updating.loading || verifying.loading;
  const ids = {
    status: useId(),
    accepting: useId(),
    alert: useId(),
    alertHint: useId(),
    capacityNote: useId(),
    capacityHint: useId(),
    waitTime: useId(),
    description: useId(),
    selfReferral: useId(),
    professionalReferral: useId(),
    checked: useId(),
  };

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (saving) return;
    if (!description.trim()) return show({ description: "Say what the service does, in a sentence or two" });
    try {
      const { data } = await update({
        variables: {
          input: {
            id: s.id,
            status,
            acceptingReferrals: accepting === "yes",
            alert: blankToNull(alert),
            capacityNote: blankToNull(capacityNote),
            waitTime: blankToNull(waitTime),
            description: description.trim(),
            selfReferral,
            professionalReferral,
          },
        },
      });
      const result = data?.updateDirectoryService;
      if (!result) return show({ form: "Nothing was saved. Please try again." });
      if (result.__typename !== "DirectoryService") {
        const field = result.__typename === "BadInputError" ? result.field : null;
        if (field && field in ids) return show({ [field]: result.message });
        return show({ form: result.message });
      }
      if (checked) {
        const verified = (await verify({ variables: { id: s.id } })).data?.verifyDirectoryService;
        if (verified?.__typename !== "DirectoryService") return show({ form: `Your changes were saved, but the entry was not marked as checked: ${verified?.message ?? "please try again."}` });
      }
      onSaved(`${s.name}: changes saved${checked ? " and marked as checked today" : ""}. Partners searching the directory see them now.`);
    } catch {
      show({ form: "We could not save your changes. Check your connection and try again." });
    }
  }


  return (
    <form onSubmit={submit} noValidate className="service-edit-form" aria-label={`Change ${s.name}`}>
      <ProblemSummary problems={problems} fieldIds={ids} ref={problemRef} />
      <div className={fieldClass(problems.status)}>
        <label htmlFor={ids.status}>Is the service running?</label>
        <FieldProblem message={problems.status} />
        <select id={ids.status} value={status} onChange={(e) => setStatus(e.target.value as MaintainedService["status"])}>
          {SERVICE_STATUSES.map((v) => (
            <option key={v} value={v}>
              {serviceStatusInWords(v)}
            </option>
          ))}
        </select>
      </div>

      <fieldset className={fieldClass(problems.acceptingReferrals)} id={ids.accepting}>
        <legend>Is it accepting referrals?</legend>
        <FieldProblem message={problems.acceptingReferrals} />
        <div className="checkboxes">
          {(["yes", "no"] as const).map((v) => (
            <div className="checkbox" key={v}>
              <input id={`${ids.accepting}-${v}`} type="radio" name={ids.accepting} value={v} checked={accepting === v} onChange={() => setAccepting(v)} />
              <label htmlFor={`${ids.accepting}-${v}`}>{v === "yes" ? "Yes, accepting referrals" : "No, not accepting referrals"}</label>
            </div>
          ))}
        </div>
      </fieldset>

      <Field
        id={ids.alert}
        label="Notice for partners (optional)"
        hint="Shown with every search result, for example “Not accepting referrals until 3 March”. Leave it blank when there is nothing to say."
        hintId={ids.alertHint}
        problem={problems.alert}
      >
        <input id={ids.alert} type="text" className="text-input text-input-wide" value={alert} onChange={(e) => setAlert(e.target.value)} aria-describedby={ids.alertHint} />
      </Field>

      <Field
        id={ids.capacityNote}
        label="How busy you are (optional)"
        hint="For example, that the waiting list is closed but urgent referrals are still taken."
        hintId={ids.capacityHint}
        problem={problems.capacityNote}
      >
        <input
          id={ids.capacityNote}
          type="text"
          className="text-input text-input-wide"
          value={capacityNote}
          onChange={(e) => setCapacityNote(e.target.value)}
          aria-describedby={ids.capacityHint}
        />
      </Field>

      <Field id={ids.waitTime} label="Waiting time (optional)" problem={problems.waitTime}>
        <input id={ids.waitTime} type="text" className="text-input" value={waitTime} onChange={(e) => setWaitTime(e.target.value)} />
      </Field>

      <Field id={ids.description} label="What the service does" problem={problems.description}>
        <textarea
          id={ids.description}
          className="prose"
          rows={4}
          value={description}
          onChange={(e) => setDescription(e.target.value)}
          aria-invalid={problems.description ? true : undefined}
        />
      </Field>

      <fieldset className="field">
        <legend>How people get support</legend>
        <div className="checkboxes">
          <Checkbox id={ids.selfReferral} label="Victims can contact the service themselves" checked={selfReferral} onChange={setSelfReferral} />
          <Checkbox id={ids.professionalReferral} label="Professionals can refer" checked={professionalReferral} onChange={setProfessionalReferral} />
        </div>
      </fieldset>

      <div className="field">
        <Checkbox id={ids.checked} label="I have checked this entry and it is right today" checked={checked} onChange={setChecked} />
      </div>

      <SubmitAndCancel label="Save changes" busyLabel="Saving…" busy={saving} onCancel={onCancel} />
    </form>
  );
}
