// The pieces every form in the portal is built from: the problem summary and each field's
// problem (never colour alone), labelled fields, lists to choose from, and the button row.
import { forwardRef, useRef, useState } from "react";
import type { MouseEvent, ReactNode, Ref } from "react";
import { CombinedGraphQLErrors } from "@apollo/client";

export type Problems = Record<string, string | undefined>;

export type HeadingLevel = 2 | 3 | 4 | 5 | 6;

/** A heading at the level its place on the page needs (levels go down one at a time). */
export function Heading(props: { level: HeadingLevel; id?: string; className?: string; tabIndex?: number; ref?: Ref<HTMLHeadingElement>; children: ReactNode }) {
  const { level, children, ...rest } = props;
  const Tag = `h${level}` as const;
  return <Tag {...rest}>{children}</Tag>;
}

/** What a form says under its problems when the hub refused it: nothing reached the record. */
export const NOTHING_SAVED = "Nothing was saved.";

/** A summary link takes keyboard focus to its field (the first control in a fieldset), not just the view. */
function focusField(event: MouseEvent<HTMLAnchorElement>, id: string) {
  const target = document.getElementById(id);
  const control = target?.matches("input, select, textarea, button") ? target : target?.querySelector<HTMLElement>("input, select, textarea, button");
  if (!control) return;
  event.preventDefault();
  control.focus();
  control.scrollIntoView({ block: "center" });
}

/**
 * "There is a problem": the form's own message, or each field's problem as a link to the
 * field. It takes focus (from the form) so keyboard and screen reader users hear it.
 */
export const ProblemSummary = forwardRef<HTMLDivElement, { problems: Problems; fieldIds: Readonly<Record<string, string>>; note?: string | null; level?: HeadingLevel }>(function ProblemSummary(
  { problems, fieldIds, note, level = 3 },
  ref,
) {
  const fields = Object.entries(problems).filter(([k, message]) => k !== "form" && message && fieldIds[k]);
  if (!problems.form && fields.length === 0) return null;
  return (
    <div className="problem" role="alert" tabIndex={-1} ref={ref}>
      <Heading level={level}>There is a problem</Heading>
      {problems.form ? (
        <p>{problems.form}</p>
      ) : (
        <ul>
          {fields.map(([k, message]) => (
            <li key={k}>
              <a href={`#${fieldIds[k]}`} onClick={(e) => focusField(e, fieldIds[k]!)}>
                {message}
              </a>
            </li>
          ))}
        </ul>
      )}
      {note && <p>{note}</p>}
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

/**
 * A form's problems, and `show`, which sets them and moves focus to their summary. `note` goes
 * under them (for the hub's refusals, `refuse` sets it: "Nothing was saved.").
 */
export function useProblems() {
  const [problems, setProblems] = useState<Problems>({});
  const [note, setNote] = useState<string | null>(null);
  const ref = useRef<HTMLDivElement>(null);
  const show = (found: Problems, withNote: string | null = null) => {
    setProblems(found);
    setNote(withNote);
    setTimeout(() => ref.current?.focus(), 0);
  };
  /** The hub said no: its words beside the field it names (`fieldOf` maps the hub's field to the form's), and that nothing was saved. */
  const refuse = (refusal: Refusal, fieldOf: (field: string) => string | null | undefined) => show(refusalProblems(refusal, fieldOf), nothingSavedNote(refusal.message));
  const clear = () => {
    setProblems({});
    setNote(null);
  };
  return { problems, note, show, refuse, clear, ref };
}

/** A refusal from the hub: a mutation's `...MutationProblem` (BadInputError names its field). */
export type Refusal = { message: string; field?: string | null };

/** Where the hub's refusal goes: beside the field it names when the form has it, else at the top. */
export function refusalProblems(refusal: Refusal, fieldOf: (field: string) => string | null | undefined): Problems {
  const key = refusal.field ? fieldOf(refusal.field) : null;
  return key ? { [key]: refusal.message } : { form: refusal.message };
}

/** "Nothing was saved.", unless the hub's own words already say so. */
export function nothingSavedNote(message: string): string | null {
  return /nothing (was|has been) (saved|changed|written|sent)/i.test(message) ? null : NOTHING_SAVED;
}

/** `fieldOf` for a form whose field names are the hub's own. */
export const sameNames =
  (...names: readonly string[]) =>
  (field: string): string | null =>
    names.includes(field) ? field : null;

/**
 * A request that failed as a whole: the hub refused a value before any resolver ran (a date
 * that does not exist: a BAD_INPUT error naming where), or the connection failed. A refusal
 * keeps its field (its last part, e.g. "dateOfBirth" from "input.victim.dateOfBirth").
 */
export function failedRequest(error: unknown, connectionProblem: string): Refusal {
  if (CombinedGraphQLErrors.is(error)) {
    const bad = error.errors.find((e) => e.extensions?.code === "BAD_INPUT");
    if (bad) {
      const field = typeof bad.extensions?.field === "string" ? bad.extensions.field : null;
      // The hub prefixes the variable's path ("input.victim.dateOfBirth: ..."); the words are the scalar's own.
      const message = field && bad.message.startsWith(`${field}: `) ? bad.message.slice(field.length + 2) : bad.message;
      return { message, field: field ? (field.split(".").at(-1) ?? null) : null };
    }
  }
  return { message: connectionProblem };
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
  /** Said under the label (and read with the select). */
  hint?: string;
  children?: ReactNode;
}) {
  const { id, label, value, onChange, options, problem, choose, describedBy, hint, children } = props;
  const hintId = `${id}-hint`;
  const described = [hint ? hintId : null, describedBy].filter(Boolean).join(" ") || undefined;
  return (
    <div className={fieldClass(problem)}>
      <label htmlFor={id}>{label}</label>
      {hint && (
        <p id={hintId} className="hint">
          {hint}
        </p>
      )}
      <FieldProblem message={problem} />
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)} aria-invalid={problem ? true : undefined} aria-describedby={described}>
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

/** A labelled one-line text input: its hint read with it, marked when it has a problem. */
export function TextField(props: {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  hint?: string;
  problem?: string;
  type?: "text" | "email" | "tel" | "date";
  /** "off" for a victim's details: the browser must not remember them. */
  autoComplete?: string;
  size?: "short" | "wide";
  inputRef?: Ref<HTMLInputElement>;
  max?: string;
  spellCheck?: boolean;
}) {
  const { id, label, value, onChange, hint, problem, type = "text", autoComplete, size, inputRef, max, spellCheck } = props;
  const hintId = `${id}-hint`;
  return (
    <Field id={id} label={label} hint={hint} hintId={hintId} problem={problem}>
      <input
        id={id}
        ref={inputRef}
        type={type}
        className={`text-input${size ? ` text-input-${size}` : ""}${type === "date" ? " date-input" : ""}`}
        value={value}
        max={max}
        onChange={(e) => onChange(e.target.value)}
        autoComplete={autoComplete}
        spellCheck={spellCheck}
        aria-describedby={hint ? hintId : undefined}
        aria-invalid={problem ? true : undefined}
      />
    </Field>
  );
}

/** A labelled text area for sentences (a reason, an address). */
export function TextAreaField(props: { id: string; label: string; value: string; onChange: (value: string) => void; hint?: string; problem?: string; rows?: number; autoComplete?: string }) {
  const { id, label, value, onChange, hint, problem, rows = 3, autoComplete } = props;
  const hintId = `${id}-hint`;
  return (
    <Field id={id} label={label} hint={hint} hintId={hintId} problem={problem}>
      <textarea
        id={id}
        className="prose"
        rows={rows}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        autoComplete={autoComplete}
        aria-describedby={hint ? hintId : undefined}
        aria-invalid={problem ? true : undefined}
      />
    </Field>
  );
}

/** Radios one under another in a fieldset. */
export function RadioGroup(props: { id: string; legend: string; hint?: string; options: readonly Option[]; value: string; onChange: (value: string) => void; problem?: string }) {
  const { id, legend, hint, options, value, onChange, problem } = props;
  return (
    <fieldset className={fieldClass(problem)} id={id} aria-describedby={hint ? `${id}-hint` : undefined}>
      <legend>{legend}</legend>
      {hint && (
        <p id={`${id}-hint`} className="hint">
          {hint}
        </p>
      )}
      <FieldProblem message={problem} />
      <div className="radios">
        {options.map((o) => (
          <div className="checkbox" key={o.value}>
            <input id={`${id}-${o.value}`} type="radio" name={id} value={o.value} checked={value === o.value} onChange={() => onChange(o.value)} />
            <label htmlFor={`${id}-${o.value}`}>{o.label}</label>
          </div>
        ))}
      </div>
    </fieldset>
  );
}

/**
 * The buttons of a "are you sure?" step: do it (a warning button, busy while it is sent), or go
 * back, which moves focus back to the step's heading so a keyboard user is not lost.
 */
export function ConfirmOrGoBack(props: { yes: string; busyYes: string; no: string; busy: boolean; onConfirm: () => void; onBack: () => void; backFocus: { current: HTMLElement | null } }) {
  const { yes, busyYes, no, busy, onConfirm, onBack, backFocus } = props;
  return (
    <div className="button-group">
      <button type="button" className="button button-warning" onClick={onConfirm} aria-disabled={busy || undefined}>
        {busy ? busyYes : yes}
      </button>
      <button
        type="button"
        className="button button-secondary"
        onClick={() => {
          onBack();
          setTimeout(() => backFocus.current?.focus(), 0);
        }}
      >
        {no}
      </button>
    </div>
  );
}
