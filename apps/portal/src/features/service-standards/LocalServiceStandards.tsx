// "Our local service standards", on the Administration page of a partnership administrator:
// the promises the partnership keeps beyond the Victims' Code (the needs assessment's "the CPS
// contacts the victim when the police file reaches it"), each with the event that starts it,
// who owes it and the working days allowed. Adding one times every case in the area from then
// on; retiring one starts no new clock, and the clocks it started run on. The hub decides who
// may do either; its refusal shows beside the field it names.
import { useId, useRef, useState } from "react";
import type { FormEvent } from "react";
import { useMutation, useQuery } from "@apollo/client/react";
import { Checkbox, ConfirmOrGoBack, failedRequest, Heading, NOTHING_SAVED, type Problems, ProblemSummary, RadioGroup, sameNames, SelectField, SubmitAndCancel, TextAreaField, TextField, useProblems } from "../../app/FormParts";
import { LoadProblem } from "../../app/LoadProblem";
import { oneOrganisationKindInWords } from "../../app/roles";
import type { CaseStage, CaseUpdateType, OrganisationKind } from "../../generated/graphql/graphql";
import { dateInWords, stageInWords, updateTypeInWords } from "../cases/caseWords";
import { ADD_LOCAL_SERVICE_STANDARD, LOCAL_SERVICE_STANDARDS, type LocalServiceStandard, RETIRE_LOCAL_SERVICE_STANDARD } from "./serviceStandardQueries";

type Area = { id: string; name: string };

const STAGES: readonly CaseStage[] = ["REPORTED", "UNDER_INVESTIGATION", "CHARGING_DECISION", "CHARGED", "NO_FURTHER_ACTION", "DISCONTINUED", "AWAITING_TRIAL", "TRIAL", "VERDICT", "SENTENCED", "CLOSED"];
const UPDATE_TYPES: readonly CaseUpdateType[] = [
  "SUSPECT_ARRESTED",
  "SUSPECT_INTERVIEWED",
  "SUSPECT_BAILED",
  "SUSPECT_RELEASED_UNDER_INVESTIGATION",
  "BAIL_CONDITIONS_CHANGED",
  "SUSPECT_CHARGED",
  "CPS_CHARGE_ALTERED",
  "CPS_DECISION_NOT_TO_CHARGE",
  "CPS_DISCONTINUED",
  "POLICE_NO_FURTHER_ACTION",
  "HEARING_LISTED",
  "HEARING_MOVED",
  "HEARING_VACATED",
  "SPECIAL_MEASURES_OUTCOME",
  "VERDICT",
  "SENTENCE",
];
const OWERS: readonly OrganisationKind[] = ["POLICE", "POLICE_WCU", "CPS", "ISVA_SERVICE", "IDVA_SERVICE", "VICTIM_SUPPORT_CHARITY"];

/** Who owes it, as a sentence says it: "Owed by the CPS". */
const OWED_BY: Readonly<Record<string, string>> = {
  POLICE: "the police",
  POLICE_WCU: "the Witness Care Unit",
  CPS: "the CPS",
  ISVA_SERVICE: "the ISVA service",
  IDVA_SERVICE: "the IDVA service",
  VICTIM_SUPPORT_CHARITY: "the victim support charity",
};

const days = (n: number) => (n === 1 ? "1 working day" : `${n} working days`);

/** "When the case reaches: With CPS for a charging decision" or "When this is recorded: Suspect charged". */
export function startsWhenInWords(s: Pick<LocalServiceStandard, "startsOnStage" | "startsOnUpdateType">): string {
  if (s.startsOnStage) return `when a case reaches “${stageInWords(s.startsOnStage)}”`;
  if (s.startsOnUpdateType) return `when “${updateTypeInWords(s.startsOnUpdateType)}” is recorded`;
  return "";
}

export function LocalServiceStandards({ areas }: { areas: readonly Area[] }) {
  const [showRetired, setShowRetired] = useState(false);
  const { data, error, refetch } = useQuery(LOCAL_SERVICE_STANDARDS, { variables: { includeRetired: showRetired }, fetchPolicy: "cache-and-network" });
  const [adding, setAdding] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const doneRef = useRef<HTMLDivElement>(null);
  const addButtonId = useId();
  const mine = (data?.localServiceStandards ?? []).filter((s) => areas.some((a) => a.id === s.areaId));
  const areaName = (id: string) => areas.find((a) => a.id === id)?.name ?? "";

  const saved = async (message: string) => {
    setAdding(false);
    await refetch().catch(() => {});
    setDone(message);
    setTimeout(() => doneRef.current?.focus(), 0);
  };

  return (
    <section aria-labelledby="local-standards-heading" className="local-standards">
      <h2 id="local-standards-heading">Our local service standards</h2>
      <p>
        Promises your partnership makes to victims beyond the Victims' Code. The hub times each one on every case in the area, like the Code's rights, and shows it as a local standard on cases and in the
        compliance report.
      </p>
      {done && (
        <div className="notice" role="status" tabIndex={-1} ref={doneRef}>
          <p>{done}</p>
        </div>
      )}
      {error && !data ? (
        <LoadProblem message="We could not load your local service standards. Check your connection and try again." onRetry={() => refetch()} />
      ) : (
        <>
          {data && mine.length === 0 && <p>{showRetired ? "Your partnership has no local service standards yet." : "Your partnership has no local service standards in force."}</p>}
          {mine.length > 0 && (
            <ul className="case-cards">
              {mine.map((s) => (
                <StandardCard key={s.id} standard={s} areaName={areas.length > 1 ? areaName(s.areaId) : null} onRetired={saved} />
              ))}
            </ul>
          )}
          <Checkbox id={`${addButtonId}-retired`} label="Show retired standards too" checked={showRetired} onChange={setShowRetired} />
          {adding ? (
            <AddStandardForm
              areas={areas}
              onCancel={() => {
                setAdding(false);
                setTimeout(() => document.getElementById(addButtonId)?.focus(), 0);
              }}
              onSaved={saved}
            />
          ) : (
            <p>
              <button
                type="button"
                id={addButtonId}
                className="button button-secondary"
                onClick={() => {
                  setDone(null);
                  setAdding(true);
                }}
              >
                Add a local service standard
              </button>
            </p>
          )}
        </>
      )}
    </section>
  );
}

function StandardCard({ standard: s, areaName, onRetired }: { standard: LocalServiceStandard; areaName: string | null; onRetired: (message: string) => Promise<void> }) {
  const [retiring, setRetiring] = useState(false);
  const [reason, setReason] = useState("");
  const { problems, note, show, refuse, ref: problemRef } = useProblems();
  const [retire, { loading }] = useMutation(RETIRE_LOCAL_SERVICE_STANDARD);
  const retireButton = useRef<HTMLButtonElement>(null);
  const base = useId();
  const ids = { reason: `${base}-reason` };

  async function confirm() {
    if (loading) return;
    if (reason.trim().length < 3) return show({ reason: "Say why it is retired, for the record" });
    try {
      const result = (await retire({ variables: { id: s.id, reason: reason.trim() } })).data?.retireLocalServiceStandard;
      if (!result) return show({ form: "It was not retired. Please try again." }, NOTHING_SAVED);
      if (result.__typename !== "LocalServiceStandard") return refuse(result, sameNames("reason"));
      setRetiring(false);
      await onRetired(`“${result.name}” is retired. It starts no new clock; the clocks it started carry on.`);
    } catch (error) {
      refuse(failedRequest(error, "We could not retire the standard. Check your connection and try again."), sameNames("reason"));
    }
  }

  return (
    <li className="case-card">
      <h3>{s.name}</h3>
      <p>
        Owed by {OWED_BY[s.owedByKind] ?? oneOrganisationKindInWords(s.owedByKind)}, {startsWhenInWords(s)}: within {days(s.workingDays)}
        {s.enhancedWorkingDays < s.workingDays ? `, or ${days(s.enhancedWorkingDays)} for a victim with Enhanced Rights` : ""}.
        {areaName ? ` In ${areaName}.` : ""}
      </p>
      <p className="hint">
        Added {dateInWords(s.createdAt)}
        {s.retiredAt ? `. Retired ${dateInWords(s.retiredAt)}${s.retiredReason ? `: ${s.retiredReason}` : ""}` : ""}.
      </p>
      {s.canRetire &&
        (retiring ? (
          <div className="admin-form">
            <ProblemSummary problems={problems} fieldIds={ids} note={note} level={4} ref={problemRef} />
            <TextAreaField id={ids.reason} label="Why is it retired?" hint="Kept with the standard, e.g. “Replaced by the national standard from April”." value={reason} onChange={setReason} problem={problems.reason} rows={2} />
            <p>Retiring it starts no new clock from now on. The clocks it has started carry on and stay in the compliance report.</p>
            <ConfirmOrGoBack yes="Retire this standard" busyYes="Retiring…" no="Keep it" busy={loading} onConfirm={confirm} onBack={() => setRetiring(false)} backFocus={retireButton} />
          </div>
        ) : (
          <p>
            <button type="button" ref={retireButton} className="button button-secondary" onClick={() => setRetiring(true)}>
              Retire “{s.name}”
            </button>
          </p>
        ))}
    </li>
  );
}

const standardField = sameNames("areaId", "name", "startsOnStage", "startsOnUpdateType", "owedByKind", "workingDays", "enhancedWorkingDays");

function AddStandardForm({ areas, onCancel, onSaved }: { areas: readonly Area[]; onCancel: () => void; onSaved: (message: string) => Promise<void> }) {
  const [areaId, setAreaId] = useState(areas.length === 1 ? areas[0]!.id : "");
  const [name, setName] = useState("");
  const [startsOn, setStartsOn] = useState<"stage" | "update">("stage");
  const [stage, setStage] = useState("");
  const [updateType, setUpdateType] = useState("");
  const [owedByKind, setOwedByKind] = useState("");
  const [workingDays, setWorkingDays] = useState("");
  const [enhancedDays, setEnhancedDays] = useState("");
  const { problems, note, show, refuse, ref: problemRef } = useProblems();
  const [add, { loading }] = useMutation(ADD_LOCAL_SERVICE_STANDARD);
  const base = useId();
  const ids = {
    areaId: `${base}-area`,
    name: `${base}-name`,
    startsOn: `${base}-starts`,
    startsOnStage: `${base}-stage`,
    startsOnUpdateType: `${base}-update`,
    owedByKind: `${base}-owed`,
    workingDays: `${base}-days`,
    enhancedWorkingDays: `${base}-enhanced`,
  };
  const wholeDays = (text: string) => (/^\d{1,2}$/.test(text.trim()) ? Number(text.trim()) : null);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (loading) return;
    const missing: Problems = {};
    if (!areaId) missing.areaId = "Choose the area it is for";
    if (name.trim().length < 10) missing.name = "Say what must happen, in a few words";
    if (startsOn === "stage" && !stage) missing.startsOnStage = "Choose the stage that starts the clock";
    if (startsOn === "update" && !updateType) missing.startsOnUpdateType = "Choose the kind of update that starts the clock";
    if (!owedByKind) missing.owedByKind = "Choose who owes it";
    const allowed = wholeDays(workingDays);
    if (allowed === null) missing.workingDays = "Give the working days allowed as a whole number, for example 5";
    const sooner = enhancedDays.trim() ? wholeDays(enhancedDays) : undefined;
    if (sooner === null) missing.enhancedWorkingDays = "Give the working days as a whole number, or leave it empty for the same";
    if (Object.keys(missing).length) return show(missing);
    const input = {
      areaId,
      name: name.trim(),
      ...(startsOn === "stage" ? { startsOnStage: stage as CaseStage } : { startsOnUpdateType: updateType as CaseUpdateType }),
      owedByKind: owedByKind as OrganisationKind,
      workingDays: allowed!,
      ...(sooner != null ? { enhancedWorkingDays: sooner } : {}),
    };
    try {
      const result = (await add({ variables: { input } })).data?.addLocalServiceStandard;
      if (!result) return show({ form: "The standard was not added. Please try again." }, NOTHING_SAVED);
      if (result.__typename !== "LocalServiceStandard") return refuse(result, standardField);
      await onSaved(`“${result.name}” is now timed on every case in the area whose event happens from now on.`);
    } catch (error) {
      refuse(failedRequest(error, "We could not add the standard. Check your connection and try again."), standardField);
    }
  }

  return (
    <form onSubmit={submit} noValidate className="admin-form" aria-labelledby={`${base}-heading`}>
      <Heading level={3} id={`${base}-heading`}>
        Add a local service standard
      </Heading>
      <ProblemSummary problems={problems} fieldIds={ids} note={note} level={4} ref={problemRef} />
      {areas.length > 1 && (
        <SelectField id={ids.areaId} label="Which area is it for?" value={areaId} onChange={setAreaId} options={areas.map((a) => ({ value: a.id, label: a.name }))} problem={problems.areaId} choose />
      )}
      <TextField id={ids.name} label="What must happen?" hint="In your partnership's words, e.g. “The CPS contacts the victim when the police file reaches it”." value={name} onChange={setName} problem={problems.name} size="wide" />
      <RadioGroup
        id={ids.startsOn}
        legend="What starts the clock?"
        options={[
          { value: "stage", label: "A case reaching a stage" },
          { value: "update", label: "An update being recorded" },
        ]}
        value={startsOn}
        onChange={(v) => setStartsOn(v === "update" ? "update" : "stage")}
      />
      {startsOn === "stage" ? (
        <SelectField id={ids.startsOnStage} label="The stage" value={stage} onChange={setStage} options={STAGES.map((s) => ({ value: s, label: stageInWords(s) }))} problem={problems.startsOnStage} choose />
      ) : (
        <SelectField
          id={ids.startsOnUpdateType}
          label="The kind of update"
          hint="The clock starts when the organisation that owes it hears of it: when it records the update itself, or when the hub passes it on."
          value={updateType}
          onChange={setUpdateType}
          options={UPDATE_TYPES.map((t) => ({ value: t, label: updateTypeInWords(t) }))}
          problem={problems.startsOnUpdateType}
          choose
        />
      )}
      <SelectField id={ids.owedByKind} label="Who owes it?" value={owedByKind} onChange={setOwedByKind} options={OWERS.map((k) => ({ value: k, label: oneOrganisationKindInWords(k) }))} problem={problems.owedByKind} choose />
      <TextField id={ids.workingDays} label="Working days allowed" hint="1 to 60 working days, not counting weekends and bank holidays in England and Wales." value={workingDays} onChange={setWorkingDays} problem={problems.workingDays} size="short" />
      <TextField
        id={ids.enhancedWorkingDays}
        label="Working days for a victim with Enhanced Rights (optional)"
        hint="The same or fewer. Leave empty for the same."
        value={enhancedDays}
        onChange={setEnhancedDays}
        problem={problems.enhancedWorkingDays}
        size="short"
      />
      <SubmitAndCancel label="Add the standard" busyLabel="Adding…" busy={loading} onCancel={onCancel} />
    </form>
  );
}
