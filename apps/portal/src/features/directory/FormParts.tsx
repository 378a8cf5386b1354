import { forwardRef, useRef, useState } from "react";

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

/** The problem under a field's label, with "Error:" for screen readers (not only red). */
export function FieldProblem({ message }: { message: string | undefined }) {
  if (!message) return null;
  return (
    <p className="problem-message">
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
