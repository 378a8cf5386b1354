// Agreeing with her how she wants to be contacted, or changing it when her life changes (a new
// phone, a move, a partner back in the house). Typed by her ISVA, IDVA or WCU officer with her,
// never guessed: the record-a-contact form and every partner's page are checked against it.
import { useId, useState } from "react";
import type { FormEvent } from "react";
import { useMutation, useQuery } from "@apollo/client/react";
import { graphql } from "../../generated/graphql";
import type { ContactChannel, DetailLevel, UpdateFrequency } from "../../generated/graphql/graphql";
import { Checkbox, CheckboxGroup, failedRequest, Field, fieldClass, FieldProblem, ProblemSummary, SelectField, SubmitAndCancel, TextAreaField, TextField, useProblems } from "../../app/FormParts";
import { CHANNELS, channelInWords, frequencyInWords } from "../cases/caseWords";
import { CASEWORKERS } from "./AgencyForms";
import type { ContactContract } from "./ContactContractPanel";

export const SET_CONTACT_AGREEMENT = graphql(`
  mutation SetContactAgreement($input: ContactContractInput!) {
    setContactContract(input: $input) {
      __typename
      ... on VictimContactContract {
        version
      }
      ...MutationProblem
    }
  }
`);

const DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"].map((label, i) => ({ value: String(i + 1), label }));
const FREQUENCIES = ["EVERY_WEEK", "EVERY_2_WEEKS", "EVERY_4_WEEKS", "ONLY_WHEN_SOMETHING_HAPPENS"].map((value) => ({ value, label: frequencyInWords(value) }));
const DETAIL = [
  { value: "FULL", label: "Full details" },
  { value: "BRIEF", label: "Brief: the main points only" },
];
const channelOptions = CHANNELS.map((value) => ({ value, label: channelInWords(value) }));

/** What the form's fields may hold before it is sent (the hub checks it all again). */
export function problemsWithAgreement(a: { channels: readonly string[]; refusedChannels: readonly string[]; safeFrom: string; safeUntil: string }): Record<string, string> {
  const found: Record<string, string> = {};
  if (a.channels.length === 0) found.channels = "Choose at least one way she is happy to be contacted";
  const both = a.channels.filter((c) => a.refusedChannels.includes(c));
  if (both.length) found.refusedChannels = `${channelInWords(both[0]!)} cannot be both a way she is happy with and a way she refuses`;
  if (Boolean(a.safeFrom) !== Boolean(a.safeUntil)) found.safeTimes = "Give both the start and the end of her safe time, or neither";
  else if (a.safeFrom && a.safeFrom >= a.safeUntil) found.safeTimes = "Her safe time must start before it ends, for example 10:00 to 14:00";
  return found;
}

const FIELD_OF: Record<string, string> = { channels: "channels", refusedChannels: "refusedChannels", safeFrom: "safeTimes", safeUntil: "safeTimes", namedContactUserId: "namedContact", codeword: "codeword" };

export function ContactAgreementForm(props: {
  caseId: string;
  /** The agreement as it stands (null: none yet). */
  current: ContactContract | null;
  organisationId: string;
  onSaved: (message: string) => void;
  onCancel: () => void;
}) {
  const { caseId, current, organisationId, onSaved, onCancel } = props;
  const [channels, setChannels] = useState<string[]>(current ? [...current.channels] : []);
  const [refusedChannels, setRefused] = useState<string[]>(current ? [...current.refusedChannels] : []);
  const [safeDays, setSafeDays] = useState<string[]>(current ? current.safeDays.map(String) : []);
  const [safeFrom, setSafeFrom] = useState(current?.safeFrom ?? "");
  const [safeUntil, setSafeUntil] = useState(current?.safeUntil ?? "");
  const [noVoicemail, setNoVoicemail] = useState(current?.noVoicemail ?? false);
  const [noLettersToHome, setNoLetters] = useState(current?.noLettersToHome ?? false);
  const [neverFromWithheldNumber, setNoWithheld] = useState(current?.neverFromWithheldNumber ?? false);
  const [codeword, setCodeword] = useState(current?.codeword ?? "");
  const [updateFrequency, setFrequency] = useState<string>(current?.updateFrequency ?? "");
  const [detailLevel, setDetail] = useState<string>(current?.detailLevel ?? "FULL");
  // Her needs are shown only to those who may know them: the form offers them on the same terms.
  const mayKnowNeeds = !current || current.interpreterNeeded !== null;
  const [language, setLanguage] = useState(current?.language ?? "");
  const [interpreterNeeded, setInterpreter] = useState(current?.interpreterNeeded ?? false);
  const [accessibilityNeeds, setAccessibility] = useState(current?.accessibilityNeeds ?? "");
  const [namedContact, setNamedContact] = useState("");
  const people = useQuery(CASEWORKERS, { variables: { organisationId } }).data?.caseworkers ?? [];
  const [save, { loading }] = useMutation(SET_CONTACT_AGREEMENT);
  const { problems, note, show, refuse, ref } = useProblems();
  const ids = {
    channels: useId(),
    refusedChannels: useId(),
    safeDays: useId(),
    safeTimes: useId(),
    safeFrom: useId(),
    safeUntil: useId(),
    rules: useId(),
    codeword: useId(),
    frequency: useId(),
    detail: useId(),
    language: useId(),
    interpreter: useId(),
    accessibility: useId(),
    namedContact: useId(),
  };

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (loading) return;
    const found = problemsWithAgreement({ channels, refusedChannels, safeFrom, safeUntil });
    if (!updateFrequency) found.frequency = "Choose how often she would like to hear from us";
    if (Object.keys(found).length) return show(found);
    const fieldOf = (f: string) => FIELD_OF[f] ?? null;
    try {
      const { data } = await save({
        variables: {
          input: {
            caseId,
            ...(current ? { expectedVersion: current.version } : {}),
            channels: channels as ContactChannel[],
            refusedChannels: refusedChannels as ContactChannel[],
            safeDays: safeDays.map(Number).sort((a, b) => a - b),
            safeFrom: safeFrom || null,
            safeUntil: safeUntil || null,
            noVoicemail,
            noLettersToHome,
            neverFromWithheldNumber,
            codeword: codeword.trim() || null,
            updateFrequency: updateFrequency as UpdateFrequency,
            detailLevel: detailLevel as DetailLevel,
            ...(mayKnowNeeds ? { language: language.trim() || null, interpreterNeeded, accessibilityNeeds: accessibilityNeeds.trim() || null } : {}),
            ...(namedContact ? { namedContactUserId: namedContact } : {}),
          },
        },
      });
      const result = data?.setContactContract;
      if (!result) return show({ form: "Her contact agreement was not saved. Please try again." });
      if (result.__typename !== "VictimContactContract") return refuse(result, fieldOf);
      onSaved(current ? "Her contact agreement is changed. Everyone in her contact circle now sees the new version." : "Her contact agreement is saved. Everyone in her contact circle now sees it.");
    } catch (error) {
      refuse(failedRequest(error, "We could not save her contact agreement. Check your connection and try again."), fieldOf);
    }
  }

  return (
    <form onSubmit={submit} noValidate className="contact-agreement-form" aria-labelledby={`${ids.channels}-title`}>
      <h3 id={`${ids.channels}-title`}>{current ? "Change how she wants to be contacted" : "Record how she wants to be contacted"}</h3>
      <p className="hint">Go through this with her. Every agency on her case is checked against what you record.</p>
      <ProblemSummary problems={problems} fieldIds={ids} note={note} level={4} ref={ref} />
      <CheckboxGroup
        id={ids.channels}
        legend="How is she happy to be contacted?"
        hint="Tick the way she likes best first: the order you tick them is her order of preference."
        options={channelOptions}
        chosen={channels}
        onChange={setChannels}
        problem={problems.channels}
      />
      <CheckboxGroup
        id={ids.refusedChannels}
        legend="Ways she must never be contacted"
        hint="For example a letter, if someone else opens her post."
        options={channelOptions}
        chosen={refusedChannels}
        onChange={setRefused}
        problem={problems.refusedChannels}
      />
      <CheckboxGroup id={ids.safeDays} legend="Days it is safe to call or visit her" hint="Leave all unticked if any day is safe." options={DAYS} chosen={safeDays} onChange={setSafeDays} />
      <fieldset className={fieldClass(problems.safeTimes)} id={ids.safeTimes} aria-describedby={`${ids.safeTimes}-hint`}>
        <legend>Times it is safe to call or visit her</legend>
        <p id={`${ids.safeTimes}-hint`} className="hint">
          London time, 24-hour clock. Leave both empty if any time is safe.
        </p>
        <FieldProblem message={problems.safeTimes} />
        <div className="date-time-inputs">
          <div>
            <label htmlFor={ids.safeFrom}>From</label>
            <input id={ids.safeFrom} type="time" className="text-input time-input" value={safeFrom} onChange={(e) => setSafeFrom(e.target.value)} aria-invalid={problems.safeTimes ? true : undefined} />
          </div>
          <div>
            <label htmlFor={ids.safeUntil}>Until</label>
            <input id={ids.safeUntil} type="time" className="text-input time-input" value={safeUntil} onChange={(e) => setSafeUntil(e.target.value)} aria-invalid={problems.safeTimes ? true : undefined} />
          </div>
        </div>
      </fieldset>
      <fieldset className="field" id={ids.rules}>
        <legend>Her safety rules</legend>
        <div className="checkboxes checkboxes-stacked">
          <Checkbox id={`${ids.rules}-voicemail`} label="Do not leave voicemail" checked={noVoicemail} onChange={setNoVoicemail} />
          <Checkbox id={`${ids.rules}-letters`} label="No letters to her home" checked={noLettersToHome} onChange={setNoLetters} />
          <Checkbox id={`${ids.rules}-withheld`} label="Never call from a withheld number" checked={neverFromWithheldNumber} onChange={setNoWithheld} />
        </div>
      </fieldset>
      <TextField id={ids.codeword} label="Codeword (optional)" hint="A word she will say so you know it is safe to talk." value={codeword} onChange={setCodeword} autoComplete="off" problem={problems.codeword} size="short" />
      <SelectField id={ids.frequency} label="How often would she like to hear from us?" value={updateFrequency} onChange={setFrequency} options={FREQUENCIES} problem={problems.frequency} choose />
      <SelectField id={ids.detail} label="How much detail would she like?" value={detailLevel} onChange={setDetail} options={DETAIL} />
      {mayKnowNeeds && (
        <>
          <TextField id={ids.language} label="Her language (optional)" value={language} onChange={setLanguage} autoComplete="off" size="short" />
          <Checkbox id={ids.interpreter} label="She needs an interpreter" checked={interpreterNeeded} onChange={setInterpreter} />
          <TextAreaField id={ids.accessibility} label="Accessibility needs (optional)" hint="Only what she agreed may be shared, in her words." value={accessibilityNeeds} onChange={setAccessibility} autoComplete="off" />
        </>
      )}
      <Field id={ids.namedContact} label="Her named contact (optional)" hint="The person she chose to hear from. Leave as it is to keep her current named contact." hintId={`${ids.namedContact}-hint`} problem={problems.namedContact}>
        <select id={ids.namedContact} value={namedContact} onChange={(e) => setNamedContact(e.target.value)} aria-describedby={`${ids.namedContact}-hint`} aria-invalid={problems.namedContact ? true : undefined}>
          <option value="">Leave as it is</option>
          {people.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </select>
      </Field>
      <SubmitAndCancel label={current ? "Save the changes" : "Save her contact agreement"} busyLabel="Saving…" busy={loading} onCancel={onCancel} />
    </form>
  );
}
