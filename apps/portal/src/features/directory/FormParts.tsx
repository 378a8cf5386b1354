// The pieces every form in the portal is built from: the problem summary and each field's
// problem (never colour alone), labelled fields, lists to choose from, and the button row.
import { forwardRef, useRef, useState } from "react";
import type { ReactNode } from "react";

export type Problems = Record<string, string | undefined>;

/**
 * "There is a problem": the form's own message, or each field's problem as a link to the
 * field. It takes focus (from the form) so keyboard and screen reader users hear it.
 */
export const ProblemSummary = forwardRef<HTMLDivElement, { problems: Problems; fieldIds: Readonly<Record<string, string>> }>(function ProblemSummary(
  { problems, fieldIds },
  ref,
) {
  const fields = Object.entries(problems).filter(([k, message]) => k !== "form" && message && fieldIds[k]);
  if (!problems.form && fields.length === 0) return null;
  return (
    <div className="problem" role="alert" tabIndex={-1} ref={ref}>
      <h3>There is a problem</h3>
      {problems.form ? (
        <p>{problems.form}</p>
      ) : (
        <ul>
          {fields.map(([k, message]) => (
            <li key={k}>
              <a href={`#${fieldIds[k]}`}>{message}</a>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
});

/**
 * The problem under a field's label, with "Error:" for screen readers (not only red); with
 * `alert`, announced as it appears (a problem that comes back from the hub, not from a form).
 */
export function FieldProblem({ message, alert }: { message: string | null | undefined; alert?: boolean }) {
  if (!message) return null;
  return (
    <p className="problem-message" role={alert ? "alert" : undefined}>
      <span className="visually-hidden">Error: </span>
      {message}
    </p>
  );
}

/** A form's problems, and `show`, which sets them and moves focus to their summary. */
export function useProblems() {
  const [problems, setProblems] = useState<Problems>({});
  const ref = useRef<HTMLDivElement>(null);
  const show = (found: Problems) => {
    setProblems(found);
    setTimeout(() => ref.current?.focus(), 0);
  };
  return { problems, show, clear: () => setProblems({}), ref };
}

/** A checkbox with its label beside it, large enough to hit. */
export function Checkbox({ id, label, checked, onChange }: { id: string; label: string; checked: boolean; onChange: (checked: boolean) => void }) {
  return (
    <div className="checkbox">
      <input id={id} type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} />
      <label htmlFor={id}>{label}</label>
    </div>
  );
}

type Option = { value: string; label: string };

/** A field's class: marked when it has a problem. */
export const fieldClass = (problem: string | undefined) => (problem ? "field field-with-problem" : "field");

/** A labelled field: its hint (with `hintId`, for the control's aria-describedby), its problem, then the control. */
export function Field(props: { id: string; label: string; hint?: string; hintId?: string; problem?: string; children: ReactNode }) {
  const { id, label, hint, hintId, problem, children } = props;
  return (
    <div className={fieldClass(problem)}>
      <label htmlFor={id}>{label}</label>
      {hint && (
        <p id={hintId} className="hint">
          {hint}
        </p>
      )}
      <FieldProblem message={problem} />
      {children}
    </div>
  );
}

/** A select with its label and problem; `choose` adds an empty "Choose…" first option; `children` go under it. */
export function SelectField(props: {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  options: readonly Option[];
  problem?: string;
  choose?: boolean;
  describedBy?: string;
  children?: ReactNode;
}) {
  const { id, label, value, onChange, options, problem, choose, describedBy, children } = props;
  return (
    <div className={fieldClass(problem)}>
      <label htmlFor={id}>{label}</label>
      <FieldProblem message={problem} />
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)} aria-invalid={problem ? true : undefined} aria-describedby={describedBy}>
        {choose && <option value="">Choose…</option>}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      {children}
    </div>
  );
}

/** Checkboxes one under another in a fieldset; `chosen` holds the ticked values. */
export function CheckboxGroup(props: { id: string; legend: string; hint: string; options: readonly Option[]; chosen: readonly string[]; onChange: (chosen: string[]) => void; problem?: string }) {
  const { id, legend, hint, options, chosen, onChange, problem } = props;
  return (
    <fieldset className={fieldClass(problem)} id={id} aria-describedby={`${id}-hint`}>
      <legend>{legend}</legend>
      <p id={`${id}-hint`} className="hint">
        {hint}
      </p>
      <FieldProblem message={problem} />
      <div className="checkboxes checkboxes-stacked">
        {options.map((o) => (
          <Checkbox
            key={o.value}
            id={`${id}-${o.value}`}
            label={o.label}
            checked={chosen.includes(o.value)}
            onChange={(on) => onChange(on ? [...chosen, o.value] : chosen.filter((x) => x !== o.value))}
          />
        ))}
      </div>
    </fieldset>
  );
}

/** The form's submit button (its words change while it is busy) and Cancel. */
export function SubmitAndCancel(props: { label: string; busyLabel: string; busy: boolean; disabled?: boolean; onCancel: () => void }) {
  const { label, busyLabel, busy, disabled, onCancel } = props;
  return (
    <div className="button-group">
      <button type="submit" className="button" aria-disabled={busy || disabled || undefined}>
        {busy ? busyLabel : label}
      </button>
      <button type="button" className="button button-secondary" onClick={onCancel}>
        Cancel
      </button>
    </div>
  );
}
