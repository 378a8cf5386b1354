// "Administration": the organisations the signed-in person administers (every organisation
// serving only their areas, for a partnership administrator; their own, for an organisation
// admin), with their people and roles. Partnership administrators add organisations, rename
// them, change their areas and deactivate or reactivate them; both add people, change roles,
// end memberships and deactivate people. People and memberships the identity provider manages
// (SCIM) are marked, and their roles are changed there, not here. The hub decides every change.
import { useEffect, useId, useRef, useState } from "react";
import { useMutation, useQuery } from "@apollo/client/react";
import { LoadProblem } from "../../app/LoadProblem";
import { failedRequest, type Refusal } from "../../app/FormParts";
import { isPartnershipAdmin, oneOrganisationKindInWords } from "../../app/roles";
import { StatusTag } from "../../app/StatusTag";
import { portalConfig } from "../session/portalConfig";
import { ADMINISTRATION_QUERY, type AdminViewer, type AdministeredOrganisation, type Member, SET_MEMBERSHIP_ACTIVE, SET_PERSON_ACTIVE, UPDATE_ORGANISATION } from "./administrationQueries";
import { AddPersonForm, ConfirmAction, OrganisationForm, RolesForm } from "./AdministrationForms";
import { LocalServiceStandards } from "../service-standards/LocalServiceStandards";
import { areasInWords, memberStandingInWords, rolesListInWords } from "./adminWords";

/** True when the hub signs people in with its own demo provider (its discovery document is on the hub itself). */
function useDemoSignIn(): boolean {
  const [demo, setDemo] = useState(false);
  useEffect(() => {
    let current = true;
    portalConfig().then(
      (config) => current && setDemo(config.oidc.discoveryUrl.startsWith("/")),
      () => {},
    );
    return () => {
      current = false;
    };
  }, []);
  return demo;
}

export function AdministrationPage() {
  const headingRef = useRef<HTMLHeadingElement>(null);
  const { data, error, refetch } = useQuery(ADMINISTRATION_QUERY, { fetchPolicy: "cache-and-network" });
  const [adding, setAdding] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const doneRef = useRef<HTMLDivElement>(null);
  const addButtonId = useId();
  const demoSignIn = useDemoSignIn();
  const viewer = data?.viewer;
  const organisations = data?.administeredOrganisations ?? [];
  const partnershipAdmin = viewer ? isPartnershipAdmin(viewer.roles) : false;

  useEffect(() => {
    headingRef.current?.focus();
  }, []);

  let status = "";
  if (!data && !error) status = "Loading the organisations you administer…";
  else if (data) status = organisations.length === 1 ? "1 organisation you administer." : `${organisations.length} organisations you administer.`;

  return (
    <>
      <h1 ref={headingRef} tabIndex={-1}>
        Administration
      </h1>
      <p className="lead">
        The organisations you look after, their people and what each may do. Changes apply from each person's next step in the hub, and every change is recorded.
      </p>
      <p role="status" className="status">
        {status}
      </p>
      {done && (
        <div className="notice" role="status" tabIndex={-1} ref={doneRef}>
          <p>{done}</p>
        </div>
      )}
      {error && !data ? (
        <LoadProblem message="We could not load the organisations you administer. Check your connection and try again." onRetry={() => refetch()} />
      ) : (
        viewer && (
          <>
            {partnershipAdmin &&
              (adding ? (
                <OrganisationForm
                  level={2}
                  areaChoices={viewer.organisation.areas}
                  onCancel={() => {
                    setAdding(false);
                    setTimeout(() => document.getElementById(addButtonId)?.focus(), 0);
                  }}
                  onSaved={async (message) => {
                    setAdding(false);
                    await refetch().catch(() => {});
                    setDone(message);
                    setTimeout(() => doneRef.current?.focus(), 0);
                  }}
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
                    Add an organisation
                  </button>
                </p>
              ))}
            {data && organisations.length === 0 ? (
              <p>You do not administer any organisation yet. Ask your partnership's administrator if you think you should.</p>
            ) : (
              <ul className="case-cards">
                {organisations.map((o) => (
                  <OrganisationCard key={o.id} organisation={o} viewer={viewer} partnershipAdmin={partnershipAdmin} demoSignIn={demoSignIn} onChanged={() => refetch()} />
                ))}
              </ul>
            )}
            {partnershipAdmin && <LocalServiceStandards areas={viewer.organisation.areas} />}
          </>
        )
      )}
    </>
  );
}

type CardProps = { organisation: AdministeredOrganisation; viewer: AdminViewer; partnershipAdmin: boolean; demoSignIn: boolean; onChanged: () => Promise<unknown> };

function OrganisationCard({ organisation: o, viewer, partnershipAdmin, demoSignIn, onChanged }: CardProps) {
  const [open, setOpen] = useState<"change" | "active" | "add-person" | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const doneRef = useRef<HTMLDivElement>(null);
  const base = useId();
  const [updateOrganisation] = useMutation(UPDATE_ORGANISATION);
  const own = o.id === viewer.organisation.id;

  const focusLater = (id: string) => setTimeout(() => document.getElementById(id)?.focus(), 0);
  const cancel = (buttonId: string) => {
    setOpen(null);
    focusLater(buttonId);
  };
  const saved = async (message: string) => {
    setOpen(null);
    await onChanged().catch(() => {});
    setDone(message);
    setTimeout(() => doneRef.current?.focus(), 0);
  };
  const button = (which: "change" | "active" | "add-person", label: string) => (
    <button
      type="button"
      id={`${base}-${which}`}
      className="button button-secondary"
      onClick={() => {
        setDone(null);
        setOpen(which);
      }}
    >
      {label}
      <span className="visually-hidden">{` (${o.name})`}</span>
    </button>
  );

  async function setActive(active: boolean): Promise<Refusal | string> {
    try {
      const result = (await updateOrganisation({ variables: { input: { id: o.id, active } } })).data?.updateOrganisation;
      if (!result) return { message: "Nothing was changed. Please try again." };
      if (result.__typename !== "Organisation") return result;
      return active ? `${o.name} is active again. Its people can work in the hub from their next step.` : `${o.name} is deactivated. Its people cannot do anything in the hub from their next step; everything it recorded is kept.`;
    } catch (error) {
      return failedRequest(error, "We could not change the organisation. Check your connection and try again.");
    }
  }

  const active = o.members.filter((m) => m.active);
  const ended = o.members.filter((m) => !m.active);

  return (
    <li className="case-card admin-organisation">
      <h2 className="case-card-title">{o.name}</h2>
      <p className="service-card-tags">
        {o.active ? <StatusTag tone="done">Active</StatusTag> : <StatusTag tone="problem">Deactivated</StatusTag>} {oneOrganisationKindInWords(o.kind)}. {areasInWords(o.areas)}.
      </p>
      {done && (
        <div className="notice" role="status" tabIndex={-1} ref={doneRef}>
          <p>{done}</p>
        </div>
      )}
      {open === null && (
        <p className="button-group">
          {o.active && button("add-person", "Add a person")}
          {partnershipAdmin && button("change", "Change name or areas")}
          {partnershipAdmin && !own && button("active", o.active ? "Deactivate the organisation" : "Reactivate the organisation")}
        </p>
      )}
      {open === "change" && <OrganisationForm level={3} organisation={o} areaChoices={viewer.organisation.areas} onCancel={() => cancel(`${base}-change`)} onSaved={saved} />}
      {open === "add-person" && <AddPersonForm organisation={o} viewer={viewer} demoSignIn={demoSignIn} onCancel={() => cancel(`${base}-add-person`)} onAdded={saved} />}
      {open === "active" && (
        <ConfirmAction
          level={3}
          heading={o.active ? `Deactivate ${o.name}?` : `Reactivate ${o.name}?`}
          yes={o.active ? "Yes, deactivate it" : "Yes, reactivate it"}
          no={o.active ? "No, keep it active" : "No, leave it deactivated"}
          act={() => setActive(!o.active)}
          onCancel={() => cancel(`${base}-active`)}
          onDone={saved}
        >
          <p>
            {o.active
              ? `Nobody at ${o.name} will be able to do anything in the hub from their next step. Its cases, records and people are kept, and you can reactivate it later.`
              : `Its people with an active membership will be able to work in the hub again from their next step.`}
          </p>
        </ConfirmAction>
      )}

      <h3 className="case-card-subheading">People</h3>
      {o.members.length === 0 ? (
        <p>Nobody yet.</p>
      ) : (
        <ul className="member-list">
          {active.map((m) => (
            <MemberItem key={m.id} member={m} organisation={o} viewer={viewer} onDone={saved} />
          ))}
        </ul>
      )}
      {ended.length > 0 && (
        <>
          <h3 className="case-card-subheading">No longer members</h3>
          <ul className="member-list">
            {ended.map((m) => (
              <MemberItem key={m.id} member={m} organisation={o} viewer={viewer} onDone={saved} />
            ))}
          </ul>
        </>
      )}
    </li>
  );
}

type MemberProps = {
  member: Member;
  organisation: AdministeredOrganisation;
  viewer: AdminViewer;
  /** Refetches, then says what changed at the top of the organisation (the person may move between its lists). */
  onDone: (message: string) => Promise<void>;
};

function MemberItem({ member: m, organisation: o, viewer, onDone }: MemberProps) {
  const [open, setOpen] = useState<"roles" | "membership" | "person" | null>(null);
  const base = useId();
  const [setMembershipActive] = useMutation(SET_MEMBERSHIP_ACTIVE);
  const [setPersonActive] = useMutation(SET_PERSON_ACTIVE);
  const self = m.person.id === viewer.id;
  const standing = memberStandingInWords(m);
  const person = m.person.name;

  const cancel = (which: string) => {
    setOpen(null);
    setTimeout(() => document.getElementById(`${base}-${which}`)?.focus(), 0);
  };
  const saved = async (message: string) => {
    setOpen(null);
    await onDone(message);
  };
  const button = (which: "roles" | "membership" | "person", label: string) => (
    <button
      type="button"
      id={`${base}-${which}`}
      className="button button-secondary button-small"
      onClick={() => {
        setOpen(which);
      }}
    >
      {label}
      <span className="visually-hidden">{` (${person})`}</span>
    </button>
  );

  async function membershipActive(active: boolean): Promise<Refusal | string> {
    try {
      const result = (await setMembershipActive({ variables: { userId: m.person.id, organisationId: o.id, active } })).data?.setMembershipActive;
      if (!result) return { message: "Nothing was changed. Please try again." };
      if (result.__typename !== "Membership") return result;
      return active ? `${person} is a member of ${o.name} again.` : `${person} is no longer a member of ${o.name}. Their other organisations are not affected.`;
    } catch (error) {
      return failedRequest(error, "We could not change their membership. Check your connection and try again.");
    }
  }

  async function personActive(active: boolean): Promise<Refusal | string> {
    try {
      const result = (await setPersonActive({ variables: { userId: m.person.id, active } })).data?.setPersonActive;
      if (!result) return { message: "Nothing was changed. Please try again." };
      if (result.__typename !== "Person") return result;
      return active ? `${person} is active again.` : `${person} is deactivated everywhere in the hub: from their next step they cannot do anything in it.`;
    } catch (error) {
      return failedRequest(error, "We could not change them. Check your connection and try again.");
    }
  }

  const managed = m.provisioned || m.person.provisioned;

  return (
    <li className="member">
      <h4 className="member-name">
        {person}
        {self ? " (you)" : ""}
      </h4>
      <p className="member-email">{m.person.email}</p>
      <p>
        <strong>Roles:</strong> {rolesListInWords(m.roles)}
      </p>
      {(standing || managed) && (
        <p className="service-card-tags">
          {standing && <StatusTag tone="problem">{standing}</StatusTag>}
          {managed && <StatusTag tone="neutral">Managed by your identity provider</StatusTag>}
        </p>
      )}
      {m.provisioned && <p className="hint">Their roles come from your identity provider's groups: change them there. The hub follows on its next sync.</p>}
      {open === null && (
        <p className="button-group">
          {m.active && m.person.active && !m.provisioned && button("roles", "Change roles")}
          {!self && m.active && button("membership", "End membership")}
          {!self && !m.active && !m.provisioned && button("membership", "Restore membership")}
          {!self && m.person.active && button("person", "Deactivate this person")}
          {!self && !m.person.active && !m.person.provisioned && button("person", "Reactivate this person")}
        </p>
      )}
      {open === "roles" && <RolesForm member={m} organisation={o} viewer={viewer} onCancel={() => cancel("roles")} onSaved={saved} />}
      {open === "membership" && (
        <ConfirmAction
          level={5}
          heading={m.active ? `End ${person}'s membership of ${o.name}?` : `Restore ${person}'s membership of ${o.name}?`}
          yes={m.active ? "Yes, end the membership" : "Yes, restore it"}
          no={m.active ? "No, keep them" : "No, leave it ended"}
          act={() => membershipActive(!m.active)}
          onCancel={() => cancel("membership")}
          onDone={saved}
        >
          <p>
            {m.active
              ? `From their next step, ${person} cannot work for ${o.name} in the hub. Anything they recorded is kept. Any other organisation they work for is not affected.`
              : `${person} will work for ${o.name} again, with the roles they had.`}
          </p>
        </ConfirmAction>
      )}
      {open === "person" && (
        <ConfirmAction
          level={5}
          heading={m.person.active ? `Deactivate ${person}?` : `Reactivate ${person}?`}
          yes={m.person.active ? "Yes, deactivate them" : "Yes, reactivate them"}
          no={m.person.active ? "No, keep them active" : "No, leave them deactivated"}
          act={() => personActive(!m.person.active)}
          onCancel={() => cancel("person")}
          onDone={saved}
        >
          <p>
            {m.person.active
              ? `${person} will not be able to do anything in the hub, for any organisation, from their next step. Use this when someone leaves, or at once if an account may be misused.`
              : `${person} will be able to work in the hub again, for the organisations they are still a member of.`}
          </p>
        </ConfirmAction>
      )}
    </li>
  );
}
