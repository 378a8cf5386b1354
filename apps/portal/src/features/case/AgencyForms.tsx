// The forms of "Agencies on this case": add an agency, hand over (or first name) your
// organisation's contact for her, and end your organisation's involvement (with a reason and a
// clear confirmation). Each shows the hub's refusal beside its field and says nothing was saved.
import { useEffect, useId, useRef, useState } from "react";
import type { FormEvent } from "react";
import { useMutation, useQuery } from "@apollo/client/react";
import { ConfirmOrGoBack, failedRequest, FieldProblem, fieldClass, type Problems, ProblemSummary, SelectField, SubmitAndCancel, TextAreaField, useProblems } from "../../app/FormParts";
import { isStatutory, oneOrganisationKindInWords } from "../../app/roles";
import { lowerFirst } from "../../app/words";
import { graphql } from "../../generated/graphql";
import type { LawfulBasesQuery } from "../../generated/graphql/graphql";
import { dateInWords, givenByInWords } from "../cases/caseWords";
import { capacityOfKindInWords, consentLetsSeeCase, consentScopeInWords } from "../cases/involvementWords";
import type { CaseOnPage, Involvement } from "./AgenciesPanel";

export const AGENCY_CHOICES = graphql(`
  query AgencyChoices {
    organisations {
      id
      name
      kind
      active
      areas {
        id
      }
    }
  }
`);

export const CASEWORKERS = graphql(`
  query Caseworkers($organisationId: ID!) {
    caseworkers(organisationId: $organisationId) {
      id
      name
      email
    }
  }
`);

export const ADD_CASE_INVOLVEMENT = graphql(`
  mutation AddCaseInvolvement($input: AddCaseInvolvementInput!) {
    addCaseInvolvement(input: $input) {
      __typename
      ... on InvolvementChange {
        involvementId
      }
      ...MutationProblem
    }
  }
`);

export const END_CASE_INVOLVEMENT = graphql(`
  mutation EndCaseInvolvement($involvementId: ID!, $reason: String!) {
    endCaseInvolvement(involvementId: $involvementId, reason: $reason) {
      __typename
      ... on InvolvementChange {
        involvementId
      }
      ...MutationProblem
    }
  }
`);

export const HAND_OVER_NAMED_CONTACT = graphql(`
  mutation HandOverNamedContact($involvementId: ID!, $toUserId: ID!, $reason: String!) {
    handOverNamedContact(involvementId: $involvementId, toUserId: $toUserId, reason: $reason) {
      __typename
      ... on HandOverDone {
        handoverId
      }
      ...MutationProblem
    }
  }
`);

type LawfulBasis = LawfulBasesQuery["lawfulBases"][number];

/** Which field of the add-an-agency form a problem the hub names belongs to. */
export function addAgencyProblemField(field: string): "organisation" | "lawfulBasis" | "consent" | null {
  if (field === "organisationId" || field === "capacity" || field === "caseId") return "organisation";
  if (field === "lawfulBasisCode") return "lawfulBasis";
  if (field === "consentId") return "consent";
  return null;
}

type AddAgencyFormProps = {
  kase: CaseOnPage;
  /** The partnership's list, or null when it could not be read. */
  lawfulBases: readonly LawfulBasis[] | null;
  onCancel: () => void;
  onAdded: (message: string) => Promise<void>;
};

export function AddAgencyForm({ kase, lawfulBases, onCancel, onAdded }: AddAgencyFormProps) {
  const choices = useQuery(AGENCY_CHOICES);
  const [organisationId, setOrganisationId] = useState("");
  const [lawfulBasisCode, setLawfulBasisCode] = useState("");
  const [consentId, setConsentId] = useState("");
  const { problems, note, show, refuse, ref: problemRef } = useProblems();
  const [add, { loading }] = useMutation(ADD_CASE_INVOLVEMENT);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const base = useId();
  const ids = { organisation: `${base}-organisation`, lawfulBasis: `${base}-basis`, consent: `${base}-consent` };

  useEffect(() => {
    headingRef.current?.focus();
  }, []);

  const onCase = new Set(kase.involvements.map((i) => i.organisation.id));
  const candidates = (choices.data?.organisations ?? [])
    .filter((o) => o.active && !onCase.has(o.id) && o.areas.some((a) => a.id === kase.area.id))
    .sort((a, b) => a.name.localeCompare(b.name, "en-GB"));
  const chosen = candidates.find((o) => o.id === organisationId) ?? null;
  const statutory = chosen ? isStatutory(chosen.kind) : false;
  const bases = (lawfulBases ?? []).filter((b) => !b.consentBased);
  const inForce = kase.consents.filter((c) => !c.withdrawnAt);
  const orgName = (id: string) => choices.data?.organisations.find((o) => o.id === id)?.name ?? "another organisation";

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (loading) return;
    const missing: Problems = {};
    if (!chosen) missing.organisation = "Choose the organisation to add";
    else if (statutory && !lawfulBasisCode) missing.lawfulBasis = `Choose the lawful basis ${chosen.name} relies on`;
    else if (!statutory && !consentId) missing.consent = `Choose the consent in which she agreed ${chosen.name} may see her case`;
    if (!chosen || Object.keys(missing).length) return show(missing);
    try {
      const { data } = await add({
        variables: { input: { caseId: kase.id, organisationId: chosen.id, ...(statutory ? { lawfulBasisCode } : { consentId }) } },
      });
      const result = data?.addCaseInvolvement;
      if (!result) return show({ form: "The agency was not added. Please try again." }, "Nothing was saved.");
      if (result.__typename !== "InvolvementChange") return refuse(result, addAgencyProblemField);
      await onAdded(`${chosen.name} is now on this case (${lowerFirst(capacityOfKindInWords(chosen.kind))}). Its organisation admins and casework leads have been told, so they can name a contact for her.`);
    } catch (error) {
      refuse(failedRequest(error, "We could not add the agency. Check your connection and try again."), addAgencyProblemField);
    }
  }

  return (
    <form onSubmit={submit} noValidate className="case-form no-print" aria-labelledby={`${base}-heading`}>
      <h3 id={`${base}-heading`} ref={headingRef} tabIndex={-1}>
        Add an agency
      </h3>
      <ProblemSummary problems={problems} fieldIds={ids} note={note} level={4} ref={problemRef} />
      {choices.error && !choices.data ? (
        <p className="problem-message" role="alert">
          We could not load the partnership's organisations. Check your connection, then cancel and try again.
        </p>
      ) : !choices.data ? (
        <p role="status" className="status">
          Loading the organisations that serve {kase.area.name}…
        </p>
      ) : candidates.length === 0 ? (
        <p>Every active organisation that serves {kase.area.name} is already on this case.</p>
      ) : (
        <SelectField
          id={ids.organisation}
          label="Which organisation?"
          hint={`Only organisations that serve ${kase.area.name} and are not on the case yet.`}
          value={organisationId}
          onChange={(id) => {
            setOrganisationId(id);
            setConsentId("");
          }}
          options={candidates.map((o) => ({ value: o.id, label: `${o.name} (${oneOrganisationKindInWords(o.kind)})` }))}
          problem={problems.organisation}
          choose
        />
      )}

      {chosen && <p>It will work on the case as: {lowerFirst(capacityOfKindInWords(chosen.kind))}.</p>}

      {chosen && statutory && (
        <SelectField
          id={ids.lawfulBasis}
          label="The lawful basis it relies on"
          hint={`${chosen.name} is a statutory agency: it works on the case for its duties, on a basis from the partnership's list, never on her consent.`}
          value={lawfulBasisCode}
          onChange={setLawfulBasisCode}
          options={bases.map((b) => ({ value: b.code, label: b.label }))}
          problem={problems.lawfulBasis ?? (lawfulBases === null ? "We could not load the partnership's lawful bases. Cancel and try again." : undefined)}
          choose
        />
      )}

      {chosen && !statutory && (
        <fieldset className={fieldClass(problems.consent)} id={ids.consent} aria-describedby={`${ids.consent}-hint`}>
          <legend>Her consent for {chosen.name} to see her case</legend>
          <p id={`${ids.consent}-hint`} className="hint">
            A support service joins only if she has agreed. Choose the consent she gave for it; the hub checks that it covers {chosen.name}.
          </p>
          <FieldProblem message={problems.consent} />
          {inForce.length === 0 ? (
            <p>
              <strong>She has no consent in force.</strong> Ask her whether she agrees, and record her consent before you add {chosen.name}.
            </p>
          ) : (
            <div className="radios">
              {inForce.map((c) => {
                const covers = consentLetsSeeCase(c, chosen);
                const id = `${ids.consent}-${c.id}`;
                return (
                  <div className="consent-choice" key={c.id}>
                    <div className="checkbox">
                      <input id={id} type="radio" name={ids.consent} checked={consentId === c.id} onChange={() => setConsentId(c.id)} aria-describedby={`${id}-covers`} />
                      <label htmlFor={id}>
                        Consent given {dateInWords(c.capturedAt)} ({lowerFirst(givenByInWords(c.givenBy))})
                      </label>
                    </div>
                    <div id={`${id}-covers`} className="consent-covers">
                      <p>{covers ? `It lets ${chosen.name} see how her case is going.` : `It does not cover ${chosen.name} seeing how her case is going.`}</p>
                      <ul>
                        {c.scopes.map((s) => (
                          <li key={`${s.category}-${s.purpose}-${s.recipientKind}-${s.recipientOrganisationId}`}>{consentScopeInWords(s, orgName)}</li>
                        ))}
                      </ul>
                    </div>
                  </div>
                );
              })}
            </div>
          )}
        </fieldset>
      )}

      <SubmitAndCancel label="Add the agency" busyLabel="Adding the agency…" busy={loading} onCancel={onCancel} />
    </form>
  );
}

/** Which field of the hand-over form a problem the hub names belongs to. */
export function handOverProblemField(field: string): "to" | "reason" | null {
  if (field === "toUserId") return "to";
  return field === "reason" ? "reason" : null;
}

type HandOverFormProps = { involvement: Involvement; viewerId: string; onCancel: () => void; onDone: (message: string) => Promise<void> };

/** Hands over (or first names) your organisation's contact for her: a colleague, and why. */
export function HandOverForm({ involvement: i, viewerId, onCancel, onDone }: HandOverFormProps) {
  const people = useQuery(CASEWORKERS, { variables: { organisationId: i.organisation.id } });
  const [toUserId, setToUserId] = useState("");
  const [reason, setReason] = useState("");
  const { problems, note, show, refuse, ref: problemRef } = useProblems();
  const [handOver, { loading }] = useMutation(HAND_OVER_NAMED_CONTACT);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const base = useId();
  const ids = { to: `${base}-to`, reason: `${base}-reason` };
  const naming = !i.namedContact;
  const colleagues = (people.data?.caseworkers ?? []).filter((p) => p.id !== i.namedContact?.id);

  useEffect(() => {
    headingRef.current?.focus();
  }, []);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (loading) return;
    const missing: Problems = {};
    if (!toUserId) missing.to = naming ? "Choose who is to be her contact" : "Choose who takes over as her contact";
    if (reason.trim().length < 3) missing.reason = naming ? "Say why you are naming them, for example: the officer for this court" : "Say why the contact is changing, for example: on leave until June";
    if (Object.keys(missing).length) return show(missing);
    const to = colleagues.find((p) => p.id === toUserId);
    try {
      const { data } = await handOver({ variables: { involvementId: i.id, toUserId, reason: reason.trim() } });
      const result = data?.handOverNamedContact;
      if (!result) return show({ form: "The contact was not changed. Please try again." }, "Nothing was saved.");
      if (result.__typename !== "HandOverDone") return refuse(result, handOverProblemField);
      const name = to?.name ?? "Your colleague";
      await onDone(`${toUserId === viewerId ? "You are" : `${name} is`} now ${i.organisation.name}'s named contact for her.${toUserId === viewerId ? "" : " They have been told."}`);
    } catch (error) {
      refuse(failedRequest(error, "We could not change the contact. Check your connection and try again."), handOverProblemField);
    }
  }

  return (
    <form onSubmit={submit} noValidate className="case-form no-print" aria-labelledby={`${base}-heading`}>
      <h4 id={`${base}-heading`} ref={headingRef} tabIndex={-1}>
        {naming ? `Name ${i.organisation.name}'s contact for her` : `Hand over ${i.organisation.name}'s contact for her`}
      </h4>
      <ProblemSummary problems={problems} fieldIds={ids} note={note} level={5} ref={problemRef} />
      {people.error && !people.data ? (
        <p className="problem-message" role="alert">
          We could not load your colleagues. Check your connection, then cancel and try again.
        </p>
      ) : !people.data ? (
        <p role="status" className="status">
          Loading your colleagues…
        </p>
      ) : colleagues.length === 0 ? (
        <p>Nobody else at {i.organisation.name} can be her contact: only active colleagues who do casework can.</p>
      ) : (
        <SelectField
          id={ids.to}
          label={naming ? "Who is to be her contact?" : "Who takes over?"}
          hint="Colleagues at your organisation who do casework. They are told, unless it is you."
          value={toUserId}
          onChange={setToUserId}
          options={colleagues.map((p) => ({ value: p.id, label: `${p.name}${p.id === viewerId ? " (you)" : ""}` }))}
          problem={problems.to}
          choose
        />
      )}
      <TextAreaField
        id={ids.reason}
        label={naming ? "Why them?" : "Why is the contact changing?"}
        hint="The other agencies on the case can read this. Say nothing about her here."
        value={reason}
        onChange={setReason}
        problem={problems.reason}
        rows={2}
      />
      <SubmitAndCancel label={naming ? "Name them as our contact" : "Hand over"} busyLabel="Saving…" busy={loading} onCancel={onCancel} />
    </form>
  );
}

type EndInvolvementFormProps = { involvement: Involvement; onCancel: () => void; onEnded: (message: string) => void };

/** Ends your organisation's involvement: a reason, then "Are you sure?" before anything is sent. */
export function EndInvolvementForm({ involvement: i, onCancel, onEnded }: EndInvolvementFormProps) {
  const [reason, setReason] = useState("");
  const [confirming, setConfirming] = useState(false);
  const { problems, note, show, refuse, clear, ref: problemRef } = useProblems();
  const [end, { loading }] = useMutation(END_CASE_INVOLVEMENT);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const confirmRef = useRef<HTMLHeadingElement>(null);
  const base = useId();
  const ids = { reason: `${base}-reason` };
  const fieldOf = (field: string) => (field === "reason" ? "reason" : null);

  useEffect(() => {
    headingRef.current?.focus();
  }, []);

  function ask(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (reason.trim().length < 5) return show({ reason: "Say why your organisation is leaving the case, in a sentence" });
    clear();
    setConfirming(true);
    setTimeout(() => confirmRef.current?.focus(), 0);
  }

  async function confirm() {
    if (loading) return;
    try {
      const { data } = await end({ variables: { involvementId: i.id, reason: reason.trim() } });
      const result = data?.endCaseInvolvement;
      setConfirming(false);
      if (!result) return show({ form: "Your involvement was not ended. Please try again." }, "Nothing was saved.");
      if (result.__typename !== "InvolvementChange") return refuse(result, fieldOf);
      onEnded(`${i.organisation.name}'s involvement in this case has ended. The other agencies can see that you left and why.`);
    } catch (error) {
      setConfirming(false);
      refuse(failedRequest(error, "We could not end your involvement. Check your connection and try again."), fieldOf);
    }
  }

  return (
    <form onSubmit={ask} noValidate className="case-form no-print" aria-labelledby={`${base}-heading`}>
      <h4 id={`${base}-heading`} ref={headingRef} tabIndex={-1}>
        End {i.organisation.name}'s involvement
      </h4>
      <ProblemSummary problems={problems} fieldIds={ids} note={note} level={5} ref={problemRef} />
      <TextAreaField
        id={ids.reason}
        label="Why is your organisation leaving the case?"
        hint="The other agencies on the case read this, so they know who is still supporting her."
        value={reason}
        onChange={(value) => {
          setReason(value);
          setConfirming(false);
        }}
        problem={problems.reason}
        rows={2}
      />
      {confirming ? (
        <section className="confirm-box" aria-labelledby={`${base}-confirm`}>
          <h5 id={`${base}-confirm`} ref={confirmRef} tabIndex={-1}>
            Are you sure?
          </h5>
          <p>
            {i.organisation.name} will no longer be on this case. From your next step in the hub, nobody at {i.organisation.name} will see it, unless another agency on the case adds you again.
          </p>
          <ConfirmOrGoBack yes="Yes, end our involvement" busyYes="Ending our involvement…" no="No, stay on the case" busy={loading} onConfirm={confirm} onBack={() => setConfirming(false)} backFocus={headingRef} />
        </section>
      ) : (
        <SubmitAndCancel label="End our involvement" busyLabel="Ending…" busy={false} onCancel={onCancel} />
      )}
    </form>
  );
}
