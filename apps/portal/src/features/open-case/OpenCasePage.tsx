// "Open a case": the police and Witness Care Units open a case for a victim in an area their
// organisation serves, and register her. The hub makes her pseudonymous reference; who she is
// and how to reach her go into their own protected tables, seen only by those she agrees may.
// Opening is idempotent by URN and victim: when the hub already had this case, it says so and
// you are on it now. Nothing typed here goes in the address bar, the title or browser storage.
import { useEffect, useId, useRef, useState } from "react";
import type { FormEvent } from "react";
import { useMutation, useQuery } from "@apollo/client/react";
import { LoadProblem } from "../../app/LoadProblem";
import { failedRequest, NOTHING_SAVED, type Problems, ProblemSummary, SelectField, TextAreaField, TextField, useProblems } from "../../app/FormParts";
import { graphql } from "../../generated/graphql";
import type { CaseStage, OffenceCategory } from "../../generated/graphql/graphql";
import { offenceInWords, stageInWords } from "../cases/caseWords";
import { OFFENCES, STAGES } from "../case/CaseStagePanel";
import { instantFromLondon, londonInputValues } from "../case/londonTime";

export const OPEN_CASE_CHOICES = graphql(`
  query OpenCaseChoices($organisationId: ID!) {
    viewer {
      id
      organisation {
        id
        name
        areas {
          id
          name
        }
      }
    }
    caseworkers(organisationId: $organisationId) {
      id
      name
    }
  }
`);

export const OPEN_CASE = graphql(`
  mutation OpenCase($input: OpenCaseInput!) {
    openCase(input: $input) {
      __typename
      ... on OpenedCase {
        alreadyOpen
        case {
          id
        }
      }
      ...MutationProblem
    }
  }
`);

const FIELDS = ["policeUrn", "offenceCategory", "areaId", "stage", "reportedAt", "cpsReference", "fullName", "preferredName", "dateOfBirth", "address", "postcode", "phone", "email", "namedContactUserId"] as const;
type FieldName = (typeof FIELDS)[number];

/** Which field of the form a problem the hub names belongs to ("victim.fullName" is the form's "fullName"). */
export function openCaseProblemField(field: string): FieldName | null {
  const last = field.split(".").at(-1) ?? field;
  return (FIELDS as readonly string[]).includes(last) ? (last as FieldName) : field === "victim" ? "fullName" : null;
}

type OpenCasePageProps = {
  viewer: { id: string; organisation: { id: string } };
  /** Goes to the case, in memory: its id never reaches the address bar. */
  onOpened: (caseId: string, alreadyOpen: boolean) => void;
};

const blank = { policeUrn: "", offenceCategory: "", areaId: "", stage: "REPORTED", reportedOn: "", cpsReference: "", fullName: "", preferredName: "", dateOfBirth: "", address: "", postcode: "", phone: "", email: "", namedContactUserId: "" };

export function OpenCasePage({ viewer, onOpened }: OpenCasePageProps) {
  const headingRef = useRef<HTMLHeadingElement>(null);
  const { data, error, refetch } = useQuery(OPEN_CASE_CHOICES, { variables: { organisationId: viewer.organisation.id } });
  const [values, setValues] = useState({ ...blank, namedContactUserId: viewer.id });
  const { problems, note, show, refuse, ref: problemRef } = useProblems();
  const [openCase, { loading }] = useMutation(OPEN_CASE);
  const reportedRef = useRef<HTMLInputElement>(null);
  const birthRef = useRef<HTMLInputElement>(null);
  const base = useId();
  const ids = Object.fromEntries([...FIELDS, "victim", "contact"].map((f) => [f, `${base}-${f}`])) as Record<FieldName | "victim" | "contact", string>;
  const set = (field: keyof typeof values) => (value: string) => setValues((v) => ({ ...v, [field]: value }));
  const areas = data?.viewer.organisation.areas ?? [];
  const today = londonInputValues(new Date()).date;
  // One area: chosen for you.
  const areaId = values.areaId || (areas.length === 1 ? areas[0]!.id : "");

  // With one area there is no area field: a refusal about it goes at the top.
  const fieldOf = (field: string) => {
    const name = openCaseProblemField(field);
    return name === "areaId" && areas.length === 1 ? null : name;
  };

  useEffect(() => {
    headingRef.current?.focus();
  }, []);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (loading) return;
    const v = values;
    const missing: Problems = {};
    if (!v.policeUrn.trim()) missing.policeUrn = "Give the police URN, as it is on your system";
    if (!v.offenceCategory) missing.offenceCategory = "Choose the kind of offence";
    if (!areaId) missing.areaId = "Choose the area";
    if (reportedRef.current?.validity.badInput) missing.reportedAt = "Enter a real date, for example 28/11/2026, or leave it blank for today";
    else if (v.reportedOn && v.reportedOn > today) missing.reportedAt = "The date it was reported cannot be in the future";
    if (!v.fullName.trim()) missing.fullName = "Give her full name, as she gives it";
    if (birthRef.current?.validity.badInput) missing.dateOfBirth = "Enter her date of birth as a real date, for example 14/03/1999, or leave it blank";
    else if (v.dateOfBirth && v.dateOfBirth > today) missing.dateOfBirth = "Her date of birth cannot be in the future";
    if (Object.keys(missing).length) return show(missing);
    const optional = (value: string) => (value.trim() ? value.trim() : undefined);
    // A past day is recorded at midday London time; today is left to the hub ("now").
    const reportedAt = v.reportedOn && v.reportedOn !== today ? instantFromLondon(v.reportedOn, "12:00")?.toISOString() : undefined;
    try {
      const { data: result } = await openCase({
        variables: {
          input: {
            policeUrn: v.policeUrn.trim(),
            // Chosen from the schema's values (OFFENCES, STAGES).
            offenceCategory: v.offenceCategory as OffenceCategory,
            areaId,
            stage: v.stage as CaseStage,
            reportedAt,
            cpsReference: optional(v.cpsReference),
            victim: {
              fullName: v.fullName.trim(),
              preferredName: optional(v.preferredName),
              dateOfBirth: v.dateOfBirth || undefined,
              address: optional(v.address),
              postcode: optional(v.postcode),
              phone: optional(v.phone),
              email: optional(v.email),
            },
            namedContactUserId: v.namedContactUserId && v.namedContactUserId !== viewer.id ? v.namedContactUserId : undefined,
          },
        },
      });
      const opened = result?.openCase;
      if (!opened) return show({ form: "The case was not opened. Please try again." }, NOTHING_SAVED);
      if (opened.__typename !== "OpenedCase") return refuse(opened, fieldOf);
      onOpened(opened.case.id, opened.alreadyOpen);
    } catch (failure) {
      refuse(failedRequest(failure, "We could not open the case. Check your connection and try again."), fieldOf);
    }
  }

  return (
    <>
      <h1 ref={headingRef} tabIndex={-1}>
        Open a case
      </h1>
      <p className="lead">Open a case for a victim and register her. The hub gives her a reference; her name and how to reach her are kept apart, and only the organisations she agrees may see them.</p>
      {error && !data ? (
        <LoadProblem message="We could not load your organisation's areas and colleagues. Check your connection and try again." onRetry={() => refetch()} />
      ) : !data ? (
        <p role="status" className="status">
          Loading your organisation's areas…
        </p>
      ) : areas.length === 0 ? (
        <p>Your organisation serves no area on the hub yet, so it cannot open cases. Ask the partnership's administrator to add your areas.</p>
      ) : (
        <form onSubmit={submit} noValidate autoComplete="off" className="open-case-form">
          <ProblemSummary problems={problems} fieldIds={ids} note={note} level={2} ref={problemRef} />

          <fieldset className="field">
            <legend>The case</legend>
            <TextField
              id={ids.policeUrn}
              label="Police URN"
              hint="As it is on your system, for example 41NS0300126. If the hub already has this URN for the same victim, you are taken to that case."
              value={values.policeUrn}
              onChange={set("policeUrn")}
              problem={problems.policeUrn}
              autoComplete="off"
              spellCheck={false}
            />
            <SelectField
              id={ids.offenceCategory}
              label="Kind of offence"
              value={values.offenceCategory}
              onChange={set("offenceCategory")}
              options={OFFENCES.map((o) => ({ value: o, label: offenceInWords(o) }))}
              problem={problems.offenceCategory}
              choose
            />
            {areas.length === 1 ? (
              <p>
                <strong>Area:</strong> {areas[0]!.name}
              </p>
            ) : (
              <SelectField
                id={ids.areaId}
                label="Area"
                hint="The areas your organisation serves."
                value={areaId}
                onChange={set("areaId")}
                options={areas.map((a) => ({ value: a.id, label: a.name }))}
                problem={problems.areaId}
                choose
              />
            )}
            <SelectField
              id={ids.stage}
              label="Where is the case now?"
              hint="A case opened at charge or later has the CPS and the Witness Care Unit on it at once."
              value={values.stage}
              onChange={set("stage")}
              options={STAGES.filter((s) => s !== "CLOSED").map((s) => ({ value: s, label: stageInWords(s) }))}
              problem={problems.stage}
            />
            <TextField
              id={ids.reportedAt}
              label="When was it reported to the police? (optional)"
              hint="Leave blank for today."
              type="date"
              max={today}
              value={values.reportedOn}
              onChange={set("reportedOn")}
              problem={problems.reportedAt}
              inputRef={reportedRef}
            />
            <TextField
              id={ids.cpsReference}
              label="CPS reference (optional)"
              hint="Only if the CPS has given one already."
              value={values.cpsReference}
              onChange={set("cpsReference")}
              problem={problems.cpsReference}
              autoComplete="off"
              spellCheck={false}
            />
          </fieldset>

          <fieldset className="field" id={ids.victim}>
            <legend>Who she is</legend>
            <TextField id={ids.fullName} label="Her full name" value={values.fullName} onChange={set("fullName")} problem={problems.fullName} autoComplete="off" spellCheck={false} />
            <TextField
              id={ids.preferredName}
              label="Preferred name (optional)"
              hint="What she likes to be called."
              value={values.preferredName}
              onChange={set("preferredName")}
              problem={problems.preferredName}
              autoComplete="off"
              spellCheck={false}
            />
            <TextField
              id={ids.dateOfBirth}
              label="Date of birth (optional)"
              hint="Under 18 means she has Enhanced Rights."
              type="date"
              max={today}
              value={values.dateOfBirth}
              onChange={set("dateOfBirth")}
              problem={problems.dateOfBirth}
              autoComplete="off"
              inputRef={birthRef}
            />
          </fieldset>

          <fieldset className="field" id={ids.contact} aria-describedby={`${ids.contact}-hint`}>
            <legend>How to reach her (optional)</legend>
            <p id={`${ids.contact}-hint`} className="hint">
              Only the organisations she chooses as contacts will see these, and you may not see them yourself until she has agreed. Leave out anything she has not given, or does not want kept.
            </p>
            <TextAreaField id={ids.address} label="Address" value={values.address} onChange={set("address")} problem={problems.address} rows={3} autoComplete="off" />
            <TextField id={ids.postcode} label="Postcode" value={values.postcode} onChange={set("postcode")} problem={problems.postcode} size="short" autoComplete="off" spellCheck={false} />
            <TextField id={ids.phone} label="Phone" type="tel" value={values.phone} onChange={set("phone")} problem={problems.phone} autoComplete="off" />
            <TextField id={ids.email} label="Email" type="email" value={values.email} onChange={set("email")} problem={problems.email} autoComplete="off" spellCheck={false} />
          </fieldset>

          <SelectField
            id={ids.namedContactUserId}
            label="Her named contact at your organisation"
            hint="Who she and the other agencies go to. You, unless you choose a colleague (they are told)."
            value={values.namedContactUserId}
            onChange={set("namedContactUserId")}
            options={(data.caseworkers.some((p) => p.id === viewer.id) ? data.caseworkers : [{ id: viewer.id, name: "You" }, ...data.caseworkers]).map((p) => ({
              value: p.id,
              label: p.id === viewer.id && p.name !== "You" ? `${p.name} (you)` : p.name,
            }))}
            problem={problems.namedContactUserId}
          />

          <button type="submit" className="button" aria-disabled={loading || undefined}>
            {loading ? "Opening the case…" : "Open the case"}
          </button>
        </form>
      )}
    </>
  );
}
