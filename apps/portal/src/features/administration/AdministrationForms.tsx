// The Administration page's forms: add or change an organisation, add a person, change
// someone's roles, and "Are you sure?" before ending a membership or deactivating someone.
// Each shows the hub's refusal beside its field and says nothing was saved.
import { useEffect, useId, useRef, useState } from "react";
import type { FormEvent, ReactNode } from "react";
import { useMutation } from "@apollo/client/react";
import { CheckboxGroup, failedRequest, Heading, type HeadingLevel, NOTHING_SAVED, type Problems, ProblemSummary, RadioGroup, type Refusal, sameNames, SelectField, SubmitAndCancel, TextField, useProblems } from "../../app/FormParts";
import { ORGANISATION_KINDS, oneOrganisationKindInWords, roleInWords, rolesToOffer } from "../../app/roles";
import type { LegalType, OrganisationKind, Role } from "../../generated/graphql/graphql";
import { ADD_PERSON, type AdminViewer, type AdministeredOrganisation, CREATE_ORGANISATION, type Member, SET_MEMBERSHIP_ROLES, UPDATE_ORGANISATION } from "./administrationQueries";
import { areasInWords, demoSubjectFor, legalTypeInWords, OTHER_LEGAL_TYPES, rolesListInWords } from "./adminWords";

type Area = { id: string; name: string };

const organisationField = sameNames("name", "kind", "legalType", "areaIds");

/** Add an organisation (no `organisation`) or change one: its name and the areas it serves. */
export function OrganisationForm(props: {
  organisation?: AdministeredOrganisation;
  /** Its heading's level: 2 at the top of the page, 3 in an organisation's card. */
  level: 2 | 3;
  /** The areas the administrator's partnership serves: the only ones the hub lets them choose. */
  areaChoices: readonly Area[];
  onCancel: () => void;
  onSaved: (message: string) => Promise<void>;
}) {
  const { organisation, areaChoices, level, onCancel, onSaved } = props;
  const [name, setName] = useState(organisation?.name ?? "");
  const [kind, setKind] = useState<string>(organisation?.kind ?? "");
  const [legalType, setLegalType] = useState("PUBLIC_BODY");
  const [areaIds, setAreaIds] = useState<string[]>(organisation ? organisation.areas.map((a) => a.id) : areaChoices.length === 1 ? [areaChoices[0]!.id] : []);
  const { problems, note, show, refuse, ref: problemRef } = useProblems();
  const [create, creating] = useMutation(CREATE_ORGANISATION);
  const [update, updating] = useMutation(UPDATE_ORGANISATION);
  const busy = creating.loading || updating.loading;
  const headingRef = useRef<HTMLHeadingElement>(null);
  const base = useId();
  const ids = { name: `${base}-name`, kind: `${base}-kind`, legalType: `${base}-legal`, areaIds: `${base}-areas` };
  const areas = [...areaChoices, ...(organisation?.areas ?? []).filter((a) => !areaChoices.some((c) => c.id === a.id))];

  useEffect(() => {
    headingRef.current?.focus();
  }, []);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    const missing: Problems = {};
    if (name.trim().length < 3) missing.name = "Give the organisation's full name";
    if (!organisation && !kind) missing.kind = "Choose what kind of organisation it is";
    if (areaIds.length === 0) missing.areaIds = "Choose at least one area it serves";
    if (Object.keys(missing).length) return show(missing);
    try {
      if (organisation) {
        const sameAreas = areaIds.length === organisation.areas.length && organisation.areas.every((a) => areaIds.includes(a.id));
        const changes = { ...(name.trim() !== organisation.name ? { name: name.trim() } : {}), ...(sameAreas ? {} : { areaIds }) };
        if (Object.keys(changes).length === 0) return show({ form: "Nothing has changed: change its name or its areas, or cancel." });
        const result = (await update({ variables: { input: { id: organisation.id, ...changes } } })).data?.updateOrganisation;
        if (!result) return show({ form: "Nothing was changed. Please try again." }, NOTHING_SAVED);
        if (result.__typename !== "Organisation") return refuse(result, organisationField);
        await onSaved(`${result.name}: saved. ${areasInWords(result.areas)}.`);
      } else {
        const input = {
          name: name.trim(),
          // Chosen from the schema's values (ORGANISATION_KINDS, OTHER_LEGAL_TYPES).
          kind: kind as OrganisationKind,
          areaIds,
          ...(kind === "OTHER" ? { legalType: legalType as LegalType } : {}),
        };
        const result = (await create({ variables: { input } })).data?.createOrganisation;
        if (!result) return show({ form: "The organisation was not added. Please try again." }, NOTHING_SAVED);
        if (result.__typename !== "Organisation") return refuse(result, organisationField);
        await onSaved(`${result.name} has been added to the partnership. Add its people below, so they can sign in.`);
      }
    } catch (error) {
      refuse(failedRequest(error, "We could not save the organisation. Check your connection and try again."), organisationField);
    }
  }

  return (
    <form onSubmit={submit} noValidate className="admin-form" aria-labelledby={`${base}-heading`}>
      <Heading level={level} id={`${base}-heading`} ref={headingRef} tabIndex={-1}>
        {organisation ? `Change ${organisation.name}` : "Add an organisation"}
      </Heading>
      <ProblemSummary problems={problems} fieldIds={ids} note={note} level={level === 2 ? 3 : 4} ref={problemRef} />
      <TextField id={ids.name} label="Name" hint="Its full name, as partners know it." value={name} onChange={setName} problem={problems.name} size="wide" />
      {organisation ? (
        <p>
          <strong>Kind:</strong> {oneOrganisationKindInWords(organisation.kind)} ({legalTypeInWords(organisation.legalType).toLowerCase()})
        </p>
      ) : (
        <SelectField
          id={ids.kind}
          label="What kind of organisation is it?"
          hint="This decides how it works on cases: statutory agencies for their duties, support services only on a victim's consent."
          value={kind}
          onChange={setKind}
          options={ORGANISATION_KINDS.map((k) => ({ value: k, label: oneOrganisationKindInWords(k) }))}
          problem={problems.kind}
          choose
        />
      )}
      {!organisation && kind === "OTHER" && (
        <RadioGroup
          id={ids.legalType}
          legend="What kind of body is it?"
          hint="This decides the lawful basis it can rely on to receive victims' information."
          options={OTHER_LEGAL_TYPES.map((t) => ({ value: t, label: legalTypeInWords(t) }))}
          value={legalType}
          onChange={setLegalType}
          problem={problems.legalType}
        />
      )}
      <CheckboxGroup
        id={ids.areaIds}
        legend="Which areas does it serve?"
        hint="Only the areas your partnership serves. Cases in these areas can involve it."
        options={areas.map((a) => ({ value: a.id, label: a.name }))}
        chosen={areaIds}
        onChange={setAreaIds}
        problem={problems.areaIds}
      />
      <SubmitAndCancel label={organisation ? "Save the organisation" : "Add the organisation"} busyLabel="Saving…" busy={busy} onCancel={onCancel} />
    </form>
  );
}

const personField = sameNames("name", "email", "oidcSubject", "roles");

/** Add someone to an organisation with their roles. In the demo, their sign-in identifier follows their email. */
export function AddPersonForm(props: { organisation: AdministeredOrganisation; viewer: AdminViewer; demoSignIn: boolean; onCancel: () => void; onAdded: (message: string) => Promise<void> }) {
  const { organisation, viewer, demoSignIn, onCancel, onAdded } = props;
  const [name, setName] = useState("");
  const [email, setEmail] = useState("");
  const [subject, setSubject] = useState("");
  const [subjectTyped, setSubjectTyped] = useState(false);
  const [roles, setRoles] = useState<string[]>([]);
  const { problems, note, show, refuse, ref: problemRef } = useProblems();
  const [add, { loading }] = useMutation(ADD_PERSON);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const base = useId();
  const ids = { name: `${base}-name`, email: `${base}-email`, oidcSubject: `${base}-subject`, roles: `${base}-roles` };
  const offered = rolesToOffer(organisation, { roles: viewer.roles, organisationId: viewer.organisation.id });

  useEffect(() => {
    headingRef.current?.focus();
  }, []);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (loading) return;
    const missing: Problems = {};
    if (name.trim().length < 2) missing.name = "Give the person's full name";
    if (!/^\S+@\S+\.\S+$/.test(email.trim())) missing.email = "Give their work email address, such as name@example.org";
    if (!subject.trim()) missing.oidcSubject = "Give their sign-in identifier";
    if (roles.length === 0) missing.roles = "Give them at least one role";
    if (Object.keys(missing).length) return show(missing);
    try {
      const input = { organisationId: organisation.id, name: name.trim(), email: email.trim(), oidcSubject: subject.trim(), roles: roles as Role[] };
      const result = (await add({ variables: { input } })).data?.addPerson;
      if (!result) return show({ form: "Nobody was added. Please try again." }, NOTHING_SAVED);
      if (result.__typename !== "Membership") return refuse(result, personField);
      await onAdded(`${name.trim()} has been added to ${organisation.name}, with the role${result.roles.length === 1 ? "" : "s"}: ${rolesListInWords(result.roles)}. They can sign in now.`);
    } catch (error) {
      refuse(failedRequest(error, "We could not add them. Check your connection and try again."), personField);
    }
  }

  return (
    <form onSubmit={submit} noValidate className="admin-form" aria-labelledby={`${base}-heading`}>
      <h3 id={`${base}-heading`} ref={headingRef} tabIndex={-1}>
        Add a person to {organisation.name}
      </h3>
      <ProblemSummary problems={problems} fieldIds={ids} note={note} level={4} ref={problemRef} />
      <TextField id={ids.name} label="Full name" value={name} onChange={setName} problem={problems.name} size="wide" />
      <TextField
        id={ids.email}
        label="Work email address"
        type="email"
        value={email}
        onChange={(value) => {
          setEmail(value);
          if (demoSignIn && !subjectTyped) setSubject(value.trim() ? demoSubjectFor(value) : "");
        }}
        problem={problems.email}
        size="wide"
        spellCheck={false}
      />
      <TextField
        id={ids.oidcSubject}
        label="Sign-in identifier"
        hint={
          demoSignIn
            ? "In the demo this is demo| followed by their email address, filled in for you as you type it."
            : "The identifier your identity provider puts in their sign-in (the sub claim). Ask whoever runs your sign-in service."
        }
        value={subject}
        onChange={(value) => {
          setSubject(value);
          setSubjectTyped(true);
        }}
        problem={problems.oidcSubject}
        size="wide"
        spellCheck={false}
      />
      <CheckboxGroup
        id={ids.roles}
        legend="What do they do here?"
        hint="Their roles decide what they may see and do. Give only what their work needs."
        options={offered.map((r) => ({ value: r, label: roleInWords(r) }))}
        chosen={roles}
        onChange={setRoles}
        problem={problems.roles}
      />
      <SubmitAndCancel label="Add the person" busyLabel="Adding…" busy={loading} onCancel={onCancel} />
    </form>
  );
}

/** Change the roles someone holds in one organisation (not for people whose roles the identity provider decides). */
export function RolesForm(props: { member: Member; organisation: AdministeredOrganisation; viewer: AdminViewer; onCancel: () => void; onSaved: (message: string) => Promise<void> }) {
  const { member, organisation, viewer, onCancel, onSaved } = props;
  const [roles, setRoles] = useState<string[]>([...member.roles]);
  const { problems, note, show, refuse, ref: problemRef } = useProblems();
  const [save, { loading }] = useMutation(SET_MEMBERSHIP_ROLES);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const base = useId();
  const ids = { roles: `${base}-roles` };
  const offered = rolesToOffer(organisation, { roles: viewer.roles, organisationId: viewer.organisation.id });
  const options = [...offered, ...member.roles.filter((r) => !offered.includes(r))];

  useEffect(() => {
    headingRef.current?.focus();
  }, []);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (loading) return;
    if (roles.length === 0) return show({ roles: "Give them at least one role. To take every role away, end their membership instead." });
    if (roles.length === member.roles.length && roles.every((r) => member.roles.includes(r as Role))) return show({ form: "Nothing has changed: tick or untick a role, or cancel." });
    try {
      const result = (await save({ variables: { userId: member.person.id, organisationId: organisation.id, roles: roles as Role[] } })).data?.setMembershipRoles;
      if (!result) return show({ form: "Their roles were not changed. Please try again." }, NOTHING_SAVED);
      if (result.__typename !== "Membership") return refuse(result, sameNames("roles"));
      await onSaved(`${member.person.name}'s roles at ${organisation.name} are now: ${rolesListInWords(result.roles)}. This applies from their next step in the hub.`);
    } catch (error) {
      refuse(failedRequest(error, "We could not change their roles. Check your connection and try again."), sameNames("roles"));
    }
  }

  return (
    <form onSubmit={submit} noValidate className="admin-form" aria-labelledby={`${base}-heading`}>
      <h4 id={`${base}-heading`} ref={headingRef} tabIndex={-1}>
        Change {member.person.name}'s roles
      </h4>
      <ProblemSummary problems={problems} fieldIds={ids} note={note} level={5} ref={problemRef} />
      <CheckboxGroup
        id={ids.roles}
        legend={`What does ${member.person.name} do at ${organisation.name}?`}
        hint="Give only what their work needs."
        options={options.map((r) => ({ value: r, label: roleInWords(r) }))}
        chosen={roles}
        onChange={setRoles}
        problem={problems.roles}
      />
      <SubmitAndCancel label="Save their roles" busyLabel="Saving…" busy={loading} onCancel={onCancel} />
    </form>
  );
}

/**
 * "Are you sure?" before something that stops someone working: what will happen, then "Yes, …"
 * (which runs `act`) or "No, …". The hub's refusal shows here; nothing is changed then.
 */
export function ConfirmAction(props: {
  heading: string;
  /** Its heading's level, one below the heading it sits under. */
  level: HeadingLevel;
  children: ReactNode;
  yes: string;
  no: string;
  act: () => Promise<Refusal | string>;
  onCancel: () => void;
  onDone: (message: string) => Promise<void>;
}) {
  const { heading, level, children, yes, no, act, onCancel, onDone } = props;
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const problemRef = useRef<HTMLDivElement>(null);
  const base = useId();

  useEffect(() => {
    headingRef.current?.focus();
  }, []);

  async function run() {
    if (busy) return;
    setBusy(true);
    setProblem(null);
    const outcome = await act();
    setBusy(false);
    if (typeof outcome === "string") return onDone(outcome);
    setProblem(`${outcome.message}${/nothing (was|has been)/i.test(outcome.message) ? "" : ` ${NOTHING_SAVED}`}`);
    setTimeout(() => problemRef.current?.focus(), 0);
  }

  return (
    <section className="confirm-box" aria-labelledby={`${base}-heading`}>
      <Heading level={level} id={`${base}-heading`} ref={headingRef} tabIndex={-1}>
        {heading}
      </Heading>
      {problem && (
        <div className="problem" role="alert" tabIndex={-1} ref={problemRef}>
          <Heading level={Math.min(level + 1, 6) as HeadingLevel}>There is a problem</Heading>
          <p>{problem}</p>
        </div>
      )}
      {children}
      <div className="button-group">
        <button type="button" className="button button-warning" onClick={run} aria-disabled={busy || undefined}>
          {busy ? "Saving…" : yes}
        </button>
        <button type="button" className="button button-secondary" onClick={onCancel}>
          {no}
        </button>
      </div>
    </section>
  );
}
