// The forms of "Her consent": what she agreed may be shared (or asked to keep back), and a
// withdrawal, with "She no longer wants … to see …" read back before it is sent. Each says how
// and when she said it, shows the hub's refusal beside the field it names, and says nothing was
// saved. The hub decides who may record what (an organisation recording her agreement for
// itself must say how and when she said it); the forms only ask.
import { useEffect, useId, useRef, useState } from "react";
import type { FormEvent } from "react";
import { useMutation } from "@apollo/client/react";
import {
  CheckboxGroup,
  Checkbox,
  ConfirmOrGoBack,
  failedRequest,
  FieldProblem,
  fieldClass,
  type Problems,
  ProblemSummary,
  RadioGroup,
  SelectField,
  SubmitAndCancel,
  TextAreaField,
  TextField,
  useProblems,
} from "../../app/FormParts";
import { oneOrganisationKindInWords } from "../../app/roles";
import {
  CONSENT_CATEGORIES,
  CONSENT_KINDS,
  CONSENT_PURPOSES,
  consentCategoryInWords,
  consentPurposeInWords,
  consentPurposeLabel,
  everyOfKindInWords,
  listInWords,
  lowerFirst,
  SAID_HOW,
  saidHowInWords,
} from "../../app/words";
import { graphql } from "../../generated/graphql";
import type { AccessPurpose, ConsentGivenBy, ConsentSaidHow, DataCategory, OrganisationKind } from "../../generated/graphql/graphql";
import { givenByInWords } from "../cases/caseWords";
import type { Organisation } from "./ConsentPanel";
import { instantFromLondon, londonInputValues } from "./londonTime";

export const RECORD_CONSENT = graphql(`
  mutation RecordConsent($input: RecordConsentInput!) {
    recordConsent(input: $input) {
      __typename
      ... on Consent {
        id
      }
      ...MutationProblem
    }
  }
`);

export const WITHDRAW_CONSENT = graphql(`
  mutation WithdrawConsent($input: WithdrawConsentInput!) {
    withdrawConsent(input: $input) {
      __typename
      ... on Consent {
        id
      }
      ...MutationProblem
    }
  }
`);

/** A recipient as the forms hold it: "org:<id>", "kind:<KIND>" or "everyone". */
type Recipient = string;

function recipientOf(value: Recipient): { organisationId: string | null; kind: OrganisationKind | null; everyone: boolean } {
  if (value.startsWith("org:")) return { organisationId: value.slice(4), kind: null, everyone: false };
  if (value.startsWith("kind:")) return { organisationId: null, kind: value.slice(5) as OrganisationKind, everyone: false };
  return { organisationId: null, kind: null, everyone: value === "everyone" };
}

function recipientValueInWords(value: Recipient, organisationName: (id: string) => string): string {
  const r = recipientOf(value);
  if (r.organisationId) return organisationName(r.organisationId);
  if (r.kind) return everyOfKindInWords(r.kind);
  return "everyone";
}

/** Who it is about: an organisation on her case, every organisation of a kind, or (when offered) everyone. */
function RecipientSelect(props: {
  id: string;
  label: string;
  hint: string;
  value: Recipient;
  onChange: (value: Recipient) => void;
  onCase: readonly Organisation[];
  everyone: boolean;
  problem?: string;
}) {
  const { id, label, hint, value, onChange, onCase, everyone, problem } = props;
  return (
    <div className={fieldClass(problem)}>
      <label htmlFor={id}>{label}</label>
      <p id={`${id}-hint`} className="hint">
        {hint}
      </p>
      <FieldProblem message={problem} />
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)} aria-describedby={`${id}-hint`} aria-invalid={problem ? true : undefined}>
        <option value="">Choose…</option>
        <optgroup label="An organisation on her case">
          {onCase.map((o) => (
            <option key={o.id} value={`org:${o.id}`}>
              {o.name} ({oneOrganisationKindInWords(o.kind)})
            </option>
          ))}
        </optgroup>
        <optgroup label="Every organisation of a kind">
          {CONSENT_KINDS.map((k) => (
            <option key={k} value={`kind:${k}`}>
              {everyOfKindInWords(k).replace(/^./, (c) => c.toUpperCase())}
            </option>
          ))}
        </optgroup>
        {everyone && <option value="everyone">Everyone</option>}
      </select>
    </div>
  );
}

type SaidState = { givenBy: string; saidHow: string; date: string; time: string; evidence: string };

const newSaid = (): SaidState => ({ givenBy: "VICTIM", saidHow: "", ...londonInputValues(new Date()), evidence: "" });

/** The hub allows a little clock difference; so does the form. */
const CLOCK_SLACK_MS = 60_000;

/** What is wrong with how and when she said it, if anything (the hub decides whether "how" is needed). */
function saidProblems(said: SaidState, now = new Date()): Problems {
  const found: Problems = {};
  const at = said.date && said.time ? instantFromLondon(said.date, said.time) : null;
  if (!said.date || !said.time) found.saidAt = "Enter the date and time she said it";
  else if (!at) found.saidAt = "Enter a real date and time, for example 28/11/2026 and 14:30";
  else if (at.getTime() > now.getTime() + CLOCK_SLACK_MS) found.saidAt = "The time she said it cannot be in the future";
  if (said.evidence.trim().length < 3) found.evidence = "Say where the record of what she said is kept, for example the form reference";
  return found;
}

function saidInput(said: SaidState) {
  return {
    givenBy: said.givenBy as ConsentGivenBy,
    evidence: said.evidence.trim(),
    saidAt: instantFromLondon(said.date, said.time)!.toISOString(),
    ...(said.saidHow ? { saidHow: said.saidHow as ConsentSaidHow } : {}),
  };
}

/** Who told you, how, when, and where the record is kept: the same in both forms. */
function HowSheSaidIt({ ids, said, onChange, problems }: { ids: Record<"givenBy" | "saidHow" | "saidAt" | "evidence", string>; said: SaidState; onChange: (said: SaidState) => void; problems: Problems }) {
  const set = (part: Partial<SaidState>) => onChange({ ...said, ...part });
  return (
    <>
      <RadioGroup
        id={ids.givenBy}
        legend="Who told you?"
        options={["VICTIM", "PARENT_OR_GUARDIAN", "OTHER_REPRESENTATIVE"].map((g) => ({ value: g, label: g === "VICTIM" ? "She did" : givenByInWords(g) }))}
        value={said.givenBy}
        onChange={(givenBy) => set({ givenBy })}
        problem={problems.givenBy}
      />
      <SelectField
        id={ids.saidHow}
        label="How did she tell you?"
        hint="Needed when she agreed to share with your own organisation."
        value={said.saidHow}
        onChange={(saidHow) => set({ saidHow })}
        options={SAID_HOW.map((h) => ({ value: h, label: saidHowInWords(h) }))}
        problem={problems.saidHow}
        choose
      />
      <fieldset className={`${fieldClass(problems.saidAt)} when-fieldset`} id={ids.saidAt} aria-describedby={`${ids.saidAt}-hint`}>
        <legend>When did she say it?</legend>
        <p id={`${ids.saidAt}-hint`} className="hint">
          London time. It starts as now: change it if she told you earlier.
        </p>
        <FieldProblem message={problems.saidAt} />
        <div className="date-time-inputs">
          {(["date", "time"] as const).map((part) => (
            <div key={part}>
              <label htmlFor={`${ids.saidAt}-${part}`}>{part === "date" ? "Date" : "Time"}</label>
              <input
                id={`${ids.saidAt}-${part}`}
                type={part}
                className={`text-input ${part}-input`}
                value={said[part]}
                onChange={(e) => set({ [part]: e.target.value })}
                aria-invalid={problems.saidAt ? true : undefined}
              />
            </div>
          ))}
        </div>
      </fieldset>
      <TextField
        id={ids.evidence}
        label="Where is the record of what she said kept?"
        hint="For example the consent form reference or the case note. Not what it says."
        value={said.evidence}
        onChange={(evidence) => set({ evidence })}
        problem={problems.evidence}
        autoComplete="off"
      />
    </>
  );
}

/** The hub's refusal as it said it; an older hub named its fields in brackets ("(saidHow and saidAt)"), left out here. */
function inFormWords(refusal: { message: string; field?: string | null }) {
  return { ...refusal, message: refusal.message.replace(/\s*\((?:saidHow|saidAt)(?: and (?:saidHow|saidAt))?\)/g, "") };
}

/** Which field of the consent forms a problem the hub names belongs to (its field names, or paths such as "scopes.0.purpose"). */
export function consentProblemField(field: string): string | null {
  if (["saidAt", "saidHow", "evidence", "givenBy", "explicit", "reason"].includes(field)) return field;
  if (field === "recipient" || field === "recipientOrganisationId" || field === "recipientKind" || field === "fromEveryone") return "recipient";
  if (field === "scopes" || field === "withholdings" || field === "categories") return "categories";
  if (field === "purposes") return "purposes";
  const path = /^(scopes|withholdings)\.\d+(?:\.(\w+))?$/.exec(field);
  if (!path) return null;
  const part = path[2];
  if (!part || part === "recipientOrganisationId" || part === "recipientKind" || part === "fromOrganisationId" || part === "fromKind") return "recipient";
  if (part === "category") return "categories";
  if (part === "purpose") return "purposes";
  if (part === "reason") return "reason";
  return null;
}

type FormProps = {
  caseId: string;
  onCase: readonly Organisation[];
  organisationName: (id: string) => string;
  onCancel: () => void;
  /** Refetches the case and says what was recorded. */
  onRecorded: (message: string) => Promise<void>;
};

const categoriesInWords = (categories: readonly string[]) => listInWords(categories.map((c) => lowerFirst(consentCategoryInWords(c))));
const purposesInWords = (purposes: readonly string[]) => (purposes.length ? listInWords(purposes.map(consentPurposeInWords)) : "for any purpose");

/** What she agreed may be shared, or asked to keep back: which information, with whom, what for. */
export function RecordConsentForm({ caseId, onCase, organisationName, onCancel, onRecorded }: FormProps) {
  const [decision, setDecision] = useState<"GIVE" | "KEEP_BACK">("GIVE");
  const [categories, setCategories] = useState<string[]>([]);
  const [recipient, setRecipient] = useState<Recipient>("");
  const [purposes, setPurposes] = useState<string[]>([]);
  const [reason, setReason] = useState("");
  const [explicit, setExplicit] = useState(false);
  const [said, setSaid] = useState<SaidState>(newSaid);
  const { problems, note, show, refuse, ref: problemRef } = useProblems();
  const [record, { loading }] = useMutation(RECORD_CONSENT);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const base = useId();
  const ids = {
    decision: `${base}-decision`,
    categories: `${base}-categories`,
    recipient: `${base}-recipient`,
    purposes: `${base}-purposes`,
    reason: `${base}-reason`,
    explicit: `${base}-explicit`,
    givenBy: `${base}-given-by`,
    saidHow: `${base}-said-how`,
    saidAt: `${base}-said-at`,
    evidence: `${base}-evidence`,
  };
  const giving = decision === "GIVE";

  useEffect(() => {
    headingRef.current?.focus();
  }, []);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (loading) return;
    const found: Problems = {};
    if (categories.length === 0) found.categories = "Choose what information she spoke about";
    if (!recipient) found.recipient = giving ? "Choose who may see it" : "Choose who it should be kept back from";
    if (giving && purposes.length === 0) found.purposes = "Choose what it may be used for";
    if (!giving && reason.trim().length < 3) found.reason = "Say briefly why she wants it kept back";
    Object.assign(found, saidProblems(said));
    if (Object.keys(found).length) return show(found);
    const r = recipientOf(recipient);
    const cats = categories as DataCategory[];
    const input = giving
      ? {
          scopes: cats.flatMap((category) =>
            (purposes as AccessPurpose[]).map((purpose) => ({ category, purpose, ...(r.organisationId ? { recipientOrganisationId: r.organisationId } : { recipientKind: r.kind }) })),
          ),
        }
      : {
          withholdings: cats.flatMap((category) =>
            (purposes.length ? (purposes as AccessPurpose[]) : [null]).map((purpose) => ({
              category,
              reason: reason.trim(),
              ...(purpose ? { purpose } : {}),
              ...(r.organisationId ? { fromOrganisationId: r.organisationId } : r.kind ? { fromKind: r.kind } : {}),
            })),
          ),
        };
    try {
      const { data } = await record({ variables: { input: { caseId, explicit, ...saidInput(said), ...input } } });
      const result = data?.recordConsent;
      if (!result) return show({ form: "What she said was not recorded. Please try again." }, "Nothing was saved.");
      if (result.__typename !== "Consent") return refuse(inFormWords(result), consentProblemField);
      const who = recipientValueInWords(recipient, organisationName);
      await onRecorded(
        giving
          ? `Recorded: she agreed to share ${categoriesInWords(categories)} with ${who}, ${purposesInWords(purposes)}. What she has agreed now is updated.`
          : `Recorded: she asked to keep ${categoriesInWords(categories)} back from ${who}, ${purposesInWords(purposes)}. What she has agreed now is updated.`,
      );
    } catch (error) {
      refuse(failedRequest(error, "We could not record what she said. Check your connection and try again."), consentProblemField);
    }
  }

  return (
    <form onSubmit={submit} noValidate className="case-form no-print" aria-labelledby={`${base}-heading`} autoComplete="off">
      <h3 id={`${base}-heading`} ref={headingRef} tabIndex={-1}>
        Record her consent
      </h3>
      <ProblemSummary problems={problems} fieldIds={ids} note={note} level={4} ref={problemRef} />
      <RadioGroup
        id={ids.decision}
        legend="What did she say?"
        options={[
          { value: "GIVE", label: "She agreed it may be shared" },
          { value: "KEEP_BACK", label: "She asked for it to be kept back" },
        ]}
        value={decision}
        onChange={(value) => {
          setDecision(value as "GIVE" | "KEEP_BACK");
          if (value === "GIVE" && recipient === "everyone") setRecipient("");
        }}
      />
      <CheckboxGroup
        id={ids.categories}
        legend="Which information?"
        hint="Tick everything she spoke about."
        options={CONSENT_CATEGORIES.map((c) => ({ value: c, label: consentCategoryInWords(c) }))}
        chosen={categories}
        onChange={setCategories}
        problem={problems.categories}
      />
      <RecipientSelect
        id={ids.recipient}
        label={giving ? "Who may see it?" : "Who should it be kept back from?"}
        hint={giving ? "One organisation on her case, or every organisation of one kind." : "One organisation on her case, every organisation of one kind, or everyone."}
        value={recipient}
        onChange={setRecipient}
        onCase={onCase}
        everyone={!giving}
        problem={problems.recipient}
      />
      <CheckboxGroup
        id={ids.purposes}
        legend={giving ? "What may it be used for?" : "For what? (optional)"}
        hint={giving ? "Tick each reason she agreed to." : "Leave all unticked to keep it back whatever the reason."}
        options={CONSENT_PURPOSES.map((p) => ({ value: p, label: consentPurposeLabel(p) }))}
        chosen={purposes}
        onChange={setPurposes}
        problem={problems.purposes}
      />
      {!giving && (
        <TextAreaField
          id={ids.reason}
          label="Why does she want it kept back?"
          hint="Only your organisation will see this. A few words are enough."
          value={reason}
          onChange={setReason}
          problem={problems.reason}
          rows={2}
          autoComplete="off"
        />
      )}
      {giving && (
        <div className={fieldClass(problems.explicit)} id={ids.explicit}>
          <FieldProblem message={problems.explicit} />
          <Checkbox id={`${ids.explicit}-box`} label="She gave explicit consent: she was told exactly what would be shared and clearly said yes" checked={explicit} onChange={setExplicit} />
          <p className="hint">Needed for sensitive (special category) information.</p>
        </div>
      )}
      <HowSheSaidIt ids={ids} said={said} onChange={setSaid} problems={problems} />
      <SubmitAndCancel label="Record what she said" busyLabel="Recording…" busy={loading} onCancel={onCancel} />
    </form>
  );
}

/** She is taking something back: from whom, which information, what for; read back to confirm before it is sent. */
export function WithdrawConsentForm({ caseId, onCase, organisationName, onCancel, onRecorded }: FormProps) {
  const [recipient, setRecipient] = useState<Recipient>("");
  const [categories, setCategories] = useState<string[]>([]);
  const [purposes, setPurposes] = useState<string[]>([]);
  const [reason, setReason] = useState("");
  const [said, setSaid] = useState<SaidState>(newSaid);
  const [confirming, setConfirming] = useState(false);
  const { problems, note, show, refuse, clear, ref: problemRef } = useProblems();
  const [withdraw, { loading }] = useMutation(WITHDRAW_CONSENT);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const confirmRef = useRef<HTMLHeadingElement>(null);
  const base = useId();
  const ids = {
    recipient: `${base}-recipient`,
    categories: `${base}-categories`,
    purposes: `${base}-purposes`,
    reason: `${base}-reason`,
    givenBy: `${base}-given-by`,
    saidHow: `${base}-said-how`,
    saidAt: `${base}-said-at`,
    evidence: `${base}-evidence`,
  };
  const who = recipient ? recipientValueInWords(recipient, organisationName) : "";
  const what = categories.length ? categoriesInWords(categories) : "anything she agreed to share with them";

  useEffect(() => {
    headingRef.current?.focus();
  }, []);

  const changed =
    <T,>(set: (value: T) => void) =>
    (value: T) => {
      set(value);
      setConfirming(false);
    };

  function ask(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const found: Problems = {};
    if (!recipient) found.recipient = "Choose who she is taking it back from";
    Object.assign(found, saidProblems(said));
    if (Object.keys(found).length) return show(found);
    clear();
    setConfirming(true);
    setTimeout(() => confirmRef.current?.focus(), 0);
  }

  async function confirm() {
    if (loading) return;
    const r = recipientOf(recipient);
    try {
      const { data } = await withdraw({
        variables: {
          input: {
            caseId,
            ...saidInput(said),
            ...(r.organisationId ? { recipientOrganisationId: r.organisationId } : r.kind ? { recipientKind: r.kind } : { fromEveryone: true }),
            categories: categories as DataCategory[],
            purposes: purposes as AccessPurpose[],
            ...(reason.trim() ? { reason: reason.trim() } : {}),
          },
        },
      });
      const result = data?.withdrawConsent;
      setConfirming(false);
      if (!result) return show({ form: "Her withdrawal was not recorded. Please try again." }, "Nothing was saved.");
      if (result.__typename !== "Consent") return refuse(inFormWords(result), consentProblemField);
      await onRecorded(`Recorded: she no longer wants ${who} to see ${what}, ${purposesInWords(purposes)}. It stands from now on, and nothing else she said has changed.`);
    } catch (error) {
      setConfirming(false);
      refuse(failedRequest(error, "We could not record her withdrawal. Check your connection and try again."), consentProblemField);
    }
  }

  return (
    <form onSubmit={ask} noValidate className="case-form no-print" aria-labelledby={`${base}-heading`} autoComplete="off">
      <h3 id={`${base}-heading`} ref={headingRef} tabIndex={-1}>
        Record a withdrawal
      </h3>
      <p>She can take back anything she agreed to share, at any time. Record exactly what she is taking back: everything else she said stays as it is.</p>
      <ProblemSummary problems={problems} fieldIds={ids} note={note} level={4} ref={problemRef} />
      <RecipientSelect
        id={ids.recipient}
        label="Who is she taking it back from?"
        hint="One organisation on her case, every organisation of one kind, or everyone."
        value={recipient}
        onChange={changed(setRecipient)}
        onCase={onCase}
        everyone
        problem={problems.recipient}
      />
      <CheckboxGroup
        id={ids.categories}
        legend="Which information? (optional)"
        hint="Leave all unticked if she is taking back everything she agreed to share with them."
        options={CONSENT_CATEGORIES.map((c) => ({ value: c, label: consentCategoryInWords(c) }))}
        chosen={categories}
        onChange={changed(setCategories)}
        problem={problems.categories}
      />
      <CheckboxGroup
        id={ids.purposes}
        legend="For what? (optional)"
        hint="Leave all unticked to take it back whatever it is used for."
        options={CONSENT_PURPOSES.map((p) => ({ value: p, label: consentPurposeLabel(p) }))}
        chosen={purposes}
        onChange={changed(setPurposes)}
        problem={problems.purposes}
      />
      <HowSheSaidIt ids={ids} said={said} onChange={changed(setSaid)} problems={problems} />
      <TextAreaField
        id={ids.reason}
        label="Anything to note about why? (optional)"
        hint="Only if she wanted it noted. Only your organisation will see this."
        value={reason}
        onChange={changed(setReason)}
        problem={problems.reason}
        rows={2}
        autoComplete="off"
      />
      {confirming ? (
        <section className="confirm-box" aria-labelledby={`${base}-confirm`}>
          <h4 id={`${base}-confirm`} ref={confirmRef} tabIndex={-1}>
            Is this right?
          </h4>
          <p>
            She no longer wants {who} to see {what}, {purposesInWords(purposes)}.
          </p>
          <p>This stands from the next time anyone opens her case. Nothing else she said changes.</p>
          <ConfirmOrGoBack yes="Yes, record her withdrawal" busyYes="Recording her withdrawal…" no="No, go back" busy={loading} onConfirm={confirm} onBack={() => setConfirming(false)} backFocus={headingRef} />
        </section>
      ) : (
        <SubmitAndCancel label="Continue" busyLabel="Recording…" busy={false} onCancel={onCancel} />
      )}
    </form>
  );
}
