// Fields the case page's forms share: a labelled list to choose one from, and a group of
// checkboxes to choose several, each with its problem under the label (FormParts).
import { Checkbox, FieldProblem } from "../directory/FormParts";

type Option = { value: string; label: string };

const fieldClass = (problem: string | undefined) => (problem ? "field field-with-problem" : "field");

/** A select with its label and problem; `choose` adds an empty "Choose…" first option. */
export function SelectField(props: { id: string; label: string; value: string; onChange: (value: string) => void; options: readonly Option[]; problem?: string; choose?: boolean }) {
  const { id, label, value, onChange, options, problem, choose } = props;
  return (
    <div className={fieldClass(problem)}>
      <label htmlFor={id}>{label}</label>
      <FieldProblem message={problem} />
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)} aria-invalid={problem ? true : undefined}>
        {choose && <option value="">Choose…</option>}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
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
