// "Her details": who she is (name, preferred name, date of birth) and how to reach her, for
// those the hub lets see them (each part is null otherwise, and then not shown at all), with
// every earlier change in words. Each part can be changed by those the hub lets change it; a
// change keeps what it replaced. Her contact details stay hidden until asked for, never print
// (the whole panel is left out of the printed summary), and the browser is told not to
// remember anything typed here.
import { useEffect, useId, useRef, useState } from "react";
import type { FormEvent } from "react";
import { useMutation, useQuery } from "@apollo/client/react";
import { LoadProblem } from "../../app/LoadProblem";
import { failedRequest, NOTHING_SAVED, type Problems, ProblemSummary, sameNames, SubmitAndCancel, TextAreaField, TextField, useProblems } from "../../app/FormParts";
import { graphql } from "../../generated/graphql";
import type { CaseVictimDetailsQuery } from "../../generated/graphql/graphql";
import { ageOn, calendarDateInWords, detailsChangeInWords } from "../cases/involvementWords";
import { londonInputValues } from "./londonTime";

export const CASE_VICTIM_DETAILS = graphql(`
  query CaseVictimDetails($id: ID!) {
    case(id: $id) {
      __typename
      ... on Case {
        id
        victim {
          reference
          identity {
            fullName
            preferredName
            dateOfBirthDate
            changes {
              changedFields
              replacedAt
              replacedByOrganisationId
            }
          }
          contactDetails {
            address
            postcode
            phone
            email
            changes {
              changedFields
              replacedAt
              replacedByOrganisationId
            }
          }
        }
        viewerMay {
          editIdentity
          editContactDetails
        }
      }
    }
  }
`);

export const UPDATE_VICTIM_IDENTITY = graphql(`
  mutation UpdateVictimIdentity($caseId: ID!, $fullName: String, $preferredName: String, $dateOfBirth: Date) {
    updateVictimIdentity(caseId: $caseId, fullName: $fullName, preferredName: $preferredName, dateOfBirth: $dateOfBirth) {
      __typename
      ... on VictimIdentity {
        fullName
      }
      ...MutationProblem
    }
  }
`);

export const UPDATE_VICTIM_CONTACT_DETAILS = graphql(`
  mutation UpdateVictimContactDetails($caseId: ID!, $address: String, $postcode: String, $phone: String, $email: String) {
    updateVictimContactDetails(caseId: $caseId, address: $address, postcode: $postcode, phone: $phone, email: $email) {
      __typename
      ... on VictimContactDetails {
        postcode
      }
      ...MutationProblem
    }
  }
`);

type Victim = Extract<CaseVictimDetailsQuery["case"], { __typename: "Case" }>["victim"];
type Identity = NonNullable<Victim["identity"]>;
type ContactDetails = NonNullable<Victim["contactDetails"]>;
const NONE_RECORDED: ContactDetails = { address: null, postcode: null, phone: null, email: null, changes: [] };

/** What a form says when the hub will not let this person change her details (it answers "not found"). */
const NOT_ALLOWED = "The hub did not let you change these details: only the organisations she has agreed may hold them can change them. Nothing was saved.";

type PanelProps = {
  caseId: string;
  headingId: string;
  /** False for people who read cases but do not work them (auditors): they may not change anything. */
  canChange: boolean;
  organisationName: (id: string) => string;
};

export function VictimDetailsPanel({ caseId, headingId, canChange, organisationName }: PanelProps) {
  const { data, error, refetch } = useQuery(CASE_VICTIM_DETAILS, { variables: { id: caseId }, fetchPolicy: "cache-and-network" });
  const victim = data?.case.__typename === "Case" ? data.case.victim : null;
  const [editing, setEditing] = useState<"identity" | "contact" | null>(null);
  const [showContact, setShowContact] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);
  const savedRef = useRef<HTMLDivElement>(null);
  const base = useId();
  const buttonIds = { identity: `${base}-change-identity`, contact: `${base}-change-contact`, contactDetails: `${base}-contact-details` };

  if (error && !data) {
    return (
      <section className="victim-details no-print" aria-labelledby={headingId}>
        <h2 id={headingId}>Her details</h2>
        <LoadProblem message="We could not load her details. Check your connection and try again." onRetry={() => refetch()} />
      </section>
    );
  }
  const may = data?.case.__typename === "Case" ? data.case.viewerMay : null;
  // Her contact circle may record how to reach her even before anything is recorded.
  const mayRecordContact = canChange && Boolean(may?.editContactDetails);
  // Only when the hub sent something she agreed this reader may see (or lets them record it).
  if (!victim || (!victim.identity && !victim.contactDetails && !mayRecordContact)) return null;
  const { identity, contactDetails } = victim;

  const close = (part: "identity" | "contact") => {
    setEditing(null);
    setTimeout(() => document.getElementById(buttonIds[part])?.focus(), 0);
  };
  const savedNow = async (message: string) => {
    setEditing(null);
    await refetch().catch(() => {});
    setSaved(message);
    setTimeout(() => savedRef.current?.focus(), 0);
  };
  const changeButton = (part: "identity" | "contact", label: string) =>
    canChange &&
    Boolean(part === "identity" ? may?.editIdentity : may?.editContactDetails) &&
    editing !== part && (
      <p className="no-print">
        <button
          type="button"
          id={buttonIds[part]}
          className="button button-secondary"
          onClick={() => {
            setSaved(null);
            setEditing(part);
          }}
        >
          {label}
        </button>
      </p>
    );

  return (
    <section className="victim-details no-print" aria-labelledby={headingId}>
      <h2 id={headingId}>Her details</h2>
      <p className="hint">For your work on her case only. They are never printed with the case summary.</p>
      {saved && (
        <div className="notice" role="status" tabIndex={-1} ref={savedRef}>
          <p>{saved}</p>
        </div>
      )}
      {identity && (
        <>
          <h3>Who she is</h3>
          <dl className="summary-list">
            <div>
              <dt>Full name</dt>
              <dd>{identity.fullName}</dd>
            </div>
            <div>
              <dt>Preferred name</dt>
              <dd>{identity.preferredName ?? "None given"}</dd>
            </div>
            <div>
              <dt>Date of birth</dt>
              <dd>{identity.dateOfBirthDate ? dateOfBirthInWords(identity.dateOfBirthDate) : "Not recorded"}</dd>
            </div>
          </dl>
          <Changes changes={identity.changes} organisationName={organisationName} what="who she is" />
          {changeButton("identity", "Change who she is")}
          {editing === "identity" && <IdentityForm caseId={caseId} identity={identity} onCancel={() => close("identity")} onSaved={savedNow} />}
        </>
      )}
      {contactDetails && (
        <>
          <h3>How to reach her</h3>
          <p>Read how she wants to be contacted, above, before you use these.</p>
          <p className="no-print">
            <button type="button" className="button button-secondary" aria-expanded={showContact} aria-controls={buttonIds.contactDetails} onClick={() => setShowContact(!showContact)}>
              {showContact ? "Hide her contact details" : "Show her contact details"}
            </button>
          </p>
          <div id={buttonIds.contactDetails}>
            {showContact && (
              <dl className="summary-list">
                <div>
                  <dt>Address</dt>
                  <dd className="address">{contactDetails.address ?? "Not recorded"}</dd>
                </div>
                <div>
                  <dt>Postcode</dt>
                  <dd>{contactDetails.postcode ?? "Not recorded"}</dd>
                </div>
                <div>
                  <dt>Phone</dt>
                  <dd>{contactDetails.phone ?? "Not recorded"}</dd>
                </div>
                <div>
                  <dt>Email</dt>
                  <dd>{contactDetails.email ?? "Not recorded"}</dd>
                </div>
              </dl>
            )}
          </div>
          <Changes changes={contactDetails.changes} organisationName={organisationName} what="how to reach her" />
          {changeButton("contact", "Change how to reach her")}
          {editing === "contact" && <ContactDetailsForm caseId={caseId} details={contactDetails} onCancel={() => close("contact")} onSaved={savedNow} />}
        </>
      )}
      {!contactDetails && mayRecordContact && (
        <>
          <h3>How to reach her</h3>
          <p>Nothing is recorded yet. Ask her how she would like to be reached, and record only what she agrees to.</p>
          {changeButton("contact", "Record how to reach her")}
          {editing === "contact" && <ContactDetailsForm caseId={caseId} details={NONE_RECORDED} onCancel={() => close("contact")} onSaved={savedNow} />}
        </>
      )}
    </section>
  );
}

/** "14 March 1999 (aged 27)" */
function dateOfBirthInWords(date: string): string {
  const age = ageOn(date, londonInputValues(new Date()).date);
  return `${calendarDateInWords(date)}${age !== null && age >= 0 ? ` (aged ${age})` : ""}`;
}

function Changes({ changes, organisationName, what }: { changes: Identity["changes"]; organisationName: (id: string) => string; what: string }) {
  if (changes.length === 0) return <p className="hint">No earlier changes to {what}.</p>;
  return (
    <>
      <h4 className="agency-subheading">Earlier changes to {what}, newest first</h4>
      <ul className="plain-list">
        {changes.map((c) => (
          <li key={`${c.replacedAt}-${c.changedFields.join()}`}>{detailsChangeInWords(c, organisationName(c.replacedByOrganisationId))}</li>
        ))}
      </ul>
    </>
  );
}

const identityField = sameNames("fullName", "preferredName", "dateOfBirth");

function IdentityForm({ caseId, identity, onCancel, onSaved }: { caseId: string; identity: Identity; onCancel: () => void; onSaved: (message: string) => Promise<void> }) {
  const [fullName, setFullName] = useState(identity.fullName);
  const [preferredName, setPreferredName] = useState(identity.preferredName ?? "");
  const [dateOfBirth, setDateOfBirth] = useState(identity.dateOfBirthDate ?? "");
  const dateRef = useRef<HTMLInputElement>(null);
  const { problems, note, show, refuse, ref: problemRef } = useProblems();
  const [update, { loading }] = useMutation(UPDATE_VICTIM_IDENTITY);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const base = useId();
  const ids = { fullName: `${base}-full-name`, preferredName: `${base}-preferred`, dateOfBirth: `${base}-dob` };
  const today = londonInputValues(new Date()).date;

  useEffect(() => {
    headingRef.current?.focus();
  }, []);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (loading) return;
    const missing: Problems = {};
    if (!fullName.trim()) missing.fullName = "Give her full name, as she gives it";
    if (dateRef.current?.validity.badInput) missing.dateOfBirth = "Enter her date of birth as a real date, for example 14/03/1999, or leave it blank";
    else if (dateOfBirth && dateOfBirth > today) missing.dateOfBirth = "Her date of birth cannot be in the future";
    if (Object.keys(missing).length) return show(missing);
    const changes = {
      ...(fullName.trim() !== identity.fullName ? { fullName: fullName.trim() } : {}),
      ...(preferredName.trim() !== (identity.preferredName ?? "") ? { preferredName: preferredName.trim() } : {}),
      ...(dateOfBirth !== (identity.dateOfBirthDate ?? "") ? { dateOfBirth: dateOfBirth || null } : {}),
    };
    if (Object.keys(changes).length === 0) return show({ form: "Nothing has changed: change at least one of her details, or cancel." });
    try {
      const result = (await update({ variables: { caseId, ...changes } })).data?.updateVictimIdentity;
      if (!result) return show({ form: "Her details were not changed. Please try again." }, NOTHING_SAVED);
      if (result.__typename === "NotFoundError") return show({ form: NOT_ALLOWED });
      if (result.__typename !== "VictimIdentity") return refuse(result, identityField);
      await onSaved("Saved. The earlier details are kept in the list of changes.");
    } catch (error) {
      refuse(failedRequest(error, "We could not save her details. Check your connection and try again."), identityField);
    }
  }

  return (
    <form onSubmit={submit} noValidate autoComplete="off" className="case-form no-print" aria-labelledby={`${base}-heading`}>
      <h4 id={`${base}-heading`} ref={headingRef} tabIndex={-1}>
        Change who she is
      </h4>
      <ProblemSummary problems={problems} fieldIds={ids} note={note} level={5} ref={problemRef} />
      <TextField id={ids.fullName} label="Full name" value={fullName} onChange={setFullName} problem={problems.fullName} autoComplete="off" spellCheck={false} />
      <TextField
        id={ids.preferredName}
        label="Preferred name (optional)"
        hint="What she likes to be called. Leave blank to remove it."
        value={preferredName}
        onChange={setPreferredName}
        problem={problems.preferredName}
        autoComplete="off"
        spellCheck={false}
      />
      <TextField
        id={ids.dateOfBirth}
        label="Date of birth (optional)"
        hint="Leave blank to remove it. Under 18 means Enhanced Rights: the agencies supporting her are offered a new assessment when it changes."
        type="date"
        max={today}
        value={dateOfBirth}
        onChange={setDateOfBirth}
        problem={problems.dateOfBirth}
        autoComplete="off"
        inputRef={dateRef}
      />
      <SubmitAndCancel label="Save her details" busyLabel="Saving…" busy={loading} onCancel={onCancel} />
    </form>
  );
}

const contactField = sameNames("address", "postcode", "phone", "email");

function ContactDetailsForm({ caseId, details, onCancel, onSaved }: { caseId: string; details: ContactDetails; onCancel: () => void; onSaved: (message: string) => Promise<void> }) {
  const [values, setValues] = useState({ address: details.address ?? "", postcode: details.postcode ?? "", phone: details.phone ?? "", email: details.email ?? "" });
  const { problems, note, show, refuse, ref: problemRef } = useProblems();
  const [update, { loading }] = useMutation(UPDATE_VICTIM_CONTACT_DETAILS);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const base = useId();
  const ids = { address: `${base}-address`, postcode: `${base}-postcode`, phone: `${base}-phone`, email: `${base}-email` };
  const set = (field: keyof typeof values) => (value: string) => setValues((v) => ({ ...v, [field]: value }));

  useEffect(() => {
    headingRef.current?.focus();
  }, []);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (loading) return;
    const changes = Object.fromEntries((Object.keys(values) as (keyof typeof values)[]).filter((k) => values[k].trim() !== (details[k] ?? "")).map((k) => [k, values[k].trim()]));
    if (Object.keys(changes).length === 0) return show({ form: "Nothing has changed: change at least one of her contact details, or cancel." });
    try {
      const result = (await update({ variables: { caseId, ...changes } })).data?.updateVictimContactDetails;
      if (!result) return show({ form: "Her contact details were not changed. Please try again." }, NOTHING_SAVED);
      if (result.__typename === "NotFoundError") return show({ form: NOT_ALLOWED });
      if (result.__typename !== "VictimContactDetails") return refuse(result, contactField);
      await onSaved("Saved. The earlier contact details are kept in the list of changes.");
    } catch (error) {
      refuse(failedRequest(error, "We could not save her contact details. Check your connection and try again."), contactField);
    }
  }

  return (
    <form onSubmit={submit} noValidate autoComplete="off" className="case-form no-print" aria-labelledby={`${base}-heading`}>
      <h4 id={`${base}-heading`} ref={headingRef} tabIndex={-1}>
        Change how to reach her
      </h4>
      <p className="hint">Leave a box blank to remove what it had.</p>
      <ProblemSummary problems={problems} fieldIds={ids} note={note} level={5} ref={problemRef} />
      <TextAreaField id={ids.address} label="Address" value={values.address} onChange={set("address")} problem={problems.address} rows={3} autoComplete="off" />
      <TextField id={ids.postcode} label="Postcode" value={values.postcode} onChange={set("postcode")} problem={problems.postcode} size="short" autoComplete="off" spellCheck={false} />
      <TextField id={ids.phone} label="Phone" type="tel" value={values.phone} onChange={set("phone")} problem={problems.phone} autoComplete="off" />
      <TextField id={ids.email} label="Email" type="email" value={values.email} onChange={set("email")} problem={problems.email} autoComplete="off" spellCheck={false} />
      <SubmitAndCancel label="Save her contact details" busyLabel="Saving…" busy={loading} onCancel={onCancel} />
    </form>
  );
}
