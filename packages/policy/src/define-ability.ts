// The one place that decides who may see and do what. Every read filters in SQL with
// accessibleBy(ability) and every write checks the row itself, so the same rules answer
// "may I?" in code and "which rows?" in the database.
//
// How victim data may flow (shared/domain/information-sharing.md):
// - nothing flows without an active data-sharing agreement covering the category and purpose;
// - police, WCU and CPS read the cases they work on for their statutory duties (public task /
//   law enforcement), as recorded in the agreement;
// - ISVA, IDVA and charity services need the victim's consent for that category, purpose and
//   recipient, or a recorded sharing decision; no consent row means nothing is shared;
// - contact details only reach the organisations the victim chose as contacts (consent or a
//   sharing decision), whoever they are.
import { AbilityBuilder } from "@casl/ability";
import type { AccessPurpose, DataCategory } from "@hub/db";
import type { Actor } from "./actor.js";
import { createPrismaAbility, type HubAbility } from "./casl-prisma.js";
import { agreementCovers, consentCovers, currentlyInvolved, decisionCovers } from "./conditions.js";
import { isStatutory, purposesForCaseData } from "./purposes.js";
import { updateTypesFor } from "./update-types.js";

export interface AccessContext {
  /** Why the caller is acting; case data needs one. */
  purpose: AccessPurpose | null;
  now?: Date;
}

/** Consent fields every organisation on the case may read, and those only its capturer may. */
export const CONSENT_SUMMARY_FIELDS = ["id", "givenBy", "capturedByOrganisationId", "capturedAt", "explicit", "reviewDate", "withdrawnAt", "scopes", "withholdings"];
export const CONSENT_PRIVATE_FIELDS = ["evidence", "withholdingReasons"];

const CASEWORK_ROLES = ["CASEWORKER", "VICTIM_LIAISON_OFFICER", "PROSECUTOR", "ADVOCATE", "ORGANISATION_ADMIN", "CASEWORK_LEAD"] as const;
/** Who may add and end agencies on their organisation's cases and hand over its named contacts. */
const LEAD_ROLES = ["ORGANISATION_ADMIN", "CASEWORK_LEAD"] as const;
/** Kinds of organisation that open cases: the police force and its Witness Care Unit. */
export const CASE_OPENING_KINDS = ["POLICE", "POLICE_WCU"] as const;
/** Roles only a partnership administrator may give, and only within the partnership body. */
export const PARTNERSHIP_ROLES = ["PARTNERSHIP_ADMIN", "PARTNERSHIP_AUDITOR"] as const;

export function defineAbilityFor(actor: Actor, context: AccessContext): HubAbility {
  const builder = new AbilityBuilder<HubAbility>(createPrismaAbility);
  const { can } = builder;
  const now = context.now ?? new Date();

  // The partnership's directory and agreement register are not personal data.
  can("read", "Organisation");
  can("read", "Area");
  can("read", "DataSharingAgreement");
  can("read", "User", { id: actor.userId });
  // Colleagues: whom a case can be handed over to.
  can("read", "User", { memberships: { some: { organisationId: actor.organisationId, active: true } } });

  defineDirectoryRules(builder, actor);
  defineGlossaryRules(builder, actor);
  defineAgreementRules(builder, actor);
  defineAdministrationRules(builder, actor);

  const doesCasework = actor.roles.some((r) => (CASEWORK_ROLES as readonly string[]).includes(r));
  const purpose = context.purpose;
  if (doesCasework && purpose && purposesForCaseData(actor.organisationKind).includes(purpose)) {
    defineCaseworkRules(builder, actor, purpose, now);
  }

  // Compliance measures are aggregates with no victim data: for those who run services and
  // those who check them.
  if (actor.roles.includes("PARTNERSHIP_AUDITOR") || actor.roles.includes("ORGANISATION_ADMIN")) {
    can("read", "ComplianceReport");
  }

  if (actor.roles.includes("PARTNERSHIP_AUDITOR") && (purpose === "AUDIT" || purpose === "SUBJECT_ACCESS")) {
    // Auditors check lawfulness from the log: identifiers only, never the case data itself.
    can("read", "AuditEvent");
  }
  return builder.build();
}

/**
 * The directory is for every signed-in partner; where refuges and safe houses are only for
 * the organisations that run them and the directory admins. Each organisation maintains its own services; the
 * partnership's directory admins (organisation admins of the partnership body) maintain any.
 */
function defineDirectoryRules(builder: AbilityBuilder<HubAbility>, actor: Actor) {
  const { can } = builder;
  can("read", "DirectoryService");
  can("read", "DirectoryLocation", { confidential: false });
  // A refuge's whereabouts: its own organisation and the directory admins only (the same
  // rule as @hub/core's directory/confidential-location.ts, which every output applies).
  can("read", "DirectoryLocation", { organization: { is: { hubOrganisationId: actor.organisationId } } });
  if (actor.roles.includes("ORGANISATION_ADMIN")) {
    can(["create", "update"], "DirectoryService", { organization: { is: { hubOrganisationId: actor.organisationId } } });
    can(["read", "create", "update"], "DirectoryLocation", { organization: { is: { hubOrganisationId: actor.organisationId } } });
  }
  // The partnership's administrators keep the directory for the areas their body serves: the
  // services that cover one of those areas, whoever runs them.
  if (isPartnershipAdmin(actor)) {
    can(["create", "update"], "DirectoryService", { serviceAreas: { some: { areaId: { in: actor.areaIds } } } });
    // Including where a refuge in those areas is (the same rule as confidential-location.ts).
    can(["read", "create", "update"], "DirectoryLocation", { serviceAtLocations: { some: { service: { is: { serviceAreas: { some: { areaId: { in: actor.areaIds } } } } } } } });
  }
  // Referrals sent to this organisation: it sees them whether or not it is on the case yet.
  can(["read", "update"], "Referral", { toOrganisationId: actor.organisationId });
}

/**
 * Each area's own plain-language terms, merged over the default glossary when text for a
 * victim in that area is checked. Words, not personal data: every signed-in partner reads
 * them, with no stated purpose. The organisation admins of any organisation serving the area
 * (statutory agencies, support services, the partnership body) keep them; nobody keeps
 * another area's.
 */
function defineGlossaryRules(builder: AbilityBuilder<HubAbility>, actor: Actor) {
  const { can } = builder;
  can("read", "AreaGlossaryTerm");
  if (actor.roles.includes("ORGANISATION_ADMIN") && actor.areaIds.length > 0) {
    can(["create", "update", "delete"], "AreaGlossaryTerm", { areaId: { in: actor.areaIds } });
  }
}

/**
 * The register of data-sharing agreements. The organisation admins of an organisation party
 * to an agreement draft, change, sign off, suspend and end it (and may only draft one their
 * organisation is party to); the partnership's admins (organisation admins of the partnership
 * body, as for the directory) keep any. Which states an agreement may move between is the
 * register's own rule (@hub/core sharing/maintain-data-sharing-agreement.ts).
 */
function defineAgreementRules(builder: AbilityBuilder<HubAbility>, actor: Actor) {
  const { can } = builder;
  if (actor.roles.includes("ORGANISATION_ADMIN")) {
    can(["create", "update"], "DataSharingAgreement", { parties: { some: { organisationId: actor.organisationId } } });
  }
  // The partnership's administrators: agreements with a party that serves one of their areas.
  if (isPartnershipAdmin(actor)) {
    can(["create", "update"], "DataSharingAgreement", { parties: { some: { organisation: { is: servesOnly(actor) } } } });
  }
}

const isPartnershipAdmin = (actor: Actor) => actor.roles.includes("PARTNERSHIP_ADMIN") && actor.areaIds.length > 0;

/** An organisation every one of whose areas is one of the actor's (and that serves at least one). */
const servesOnly = (actor: Actor) => ({
  areas: { some: { areaId: { in: actor.areaIds } }, every: { areaId: { in: actor.areaIds } } },
});

/**
 * Running the partnership: organisations, the areas they serve, users, memberships and roles,
 * identity-provider provisioning. Staff records, not victim data: no stated purpose.
 * - A partnership administrator manages the organisations that serve only areas their body
 *   serves (a Northshire administrator never changes what Southshire relies on), their users
 *   and memberships, and the provisioning clients of their own body.
 * - An organisation admin manages the memberships of their own organisation (which roles its
 *   people hold, who has left), and the users who belong to it alone.
 * Which roles each may give is @hub/core administration's rule (partnership roles only by a
 * partnership administrator, within their own body).
 */
function defineAdministrationRules(builder: AbilityBuilder<HubAbility>, actor: Actor) {
  const { can } = builder;
  if (isPartnershipAdmin(actor)) {
    const organisation = servesOnly(actor);
    can(["create", "update"], "Organisation", organisation);
    can(["read", "create", "update"], "Membership", { organisation: { is: organisation } });
    can("read", "User", { memberships: { some: { organisation: { is: organisation } } } });
    // A user is changed (renamed, deactivated) only when everything they belong to is theirs.
    can(["create", "update"], "User", { memberships: { some: { organisation: { is: organisation } }, every: { organisation: { is: organisation } } } });
    can(["read", "create", "update"], "ProvisioningClient", { organisationId: actor.organisationId });
  }
  if (actor.roles.includes("ORGANISATION_ADMIN")) {
    can(["read", "create", "update"], "Membership", { organisationId: actor.organisationId });
    can("read", "User", { memberships: { some: { organisationId: actor.organisationId } } });
    can(["create", "update"], "User", { memberships: { some: { organisationId: actor.organisationId }, every: { organisationId: actor.organisationId } } });
  }
}

function defineCaseworkRules(builder: AbilityBuilder<HubAbility>, actor: Actor, purpose: AccessPurpose, now: Date) {
  const { can } = builder;
  const involved = currentlyInvolved(actor);
  const covered = (category: DataCategory) => agreementCovers(actor, category, purpose) !== undefined;
  const victimOf = (inner: object) => ({ victim: { is: inner } });
  const onInvolvedCase = { cases: { some: involved } };

  if (covered("CASE_PROGRESS")) {
    // The same conditions open the case, its timeline and its communication ledger.
    const caseAccess: object[] = isStatutory(actor.organisationKind)
      ? [involved]
      : [
          { ...involved, ...victimOf(consentCovers(actor, "CASE_PROGRESS", purpose)) },
          { ...involved, ...decisionCovers(actor, "CASE_PROGRESS", purpose, now) },
        ];
    for (const condition of caseAccess) {
      can("read", "Case", condition);
      can("read", "CaseUpdate", { case: { is: condition } });
      can("create", "CaseUpdate", { type: { in: updateTypesFor(actor.organisationKind) }, case: { is: condition } });
      can("read", "ContactRecord", { case: { is: condition } });
      can("create", "ContactRecord", { case: { is: condition } });
      can("read", "VictimQuestion", { case: { is: condition } });
      can("create", "VictimQuestion", { case: { is: condition } });
      // The agency a question is for answers it.
      can("update", "VictimQuestion", { forKind: actor.organisationKind, answeredAt: null, case: { is: condition } });
      can("read", "Hearing", { case: { is: condition } });
      // Enhanced Rights belong to the victim's shared record: every agency on her case sees
      // the latest assessment, and any of them may reassess when her needs change.
      can(["read", "create"], "EnhancedRightsAssessment", { victim: { is: { cases: { some: condition } } } });
      // Deadlines and keep-in-touch tasks are visible to everyone on the case, so a breach
      // is nobody's secret.
      can("read", "StatutoryClock", { case: { is: condition } });
      can("read", "KeepInTouchTask", { case: { is: condition } });
      can("update", "KeepInTouchTask", { organisationId: actor.organisationId, case: { is: condition } });
    }
    // Opening cases: the police and Witness Care Units of the areas their organisation serves.
    if ((CASE_OPENING_KINDS as readonly string[]).includes(actor.organisationKind) && actor.areaIds.length > 0) {
      can("create", "Case", { areaId: { in: actor.areaIds } });
    }
    // Adding an agency to a case (with a lawful basis, or the victim's consent for a support
    // service) is for the leads of an organisation on it; ending its own involvement, and
    // handing over its named contact, for the leads of that organisation. A named contact may
    // hand over their own cases.
    if (actor.roles.some((r) => (LEAD_ROLES as readonly string[]).includes(r))) {
      for (const condition of caseAccess) can("create", "CaseInvolvement", { case: { is: condition } });
      can("update", "CaseInvolvement", { organisationId: actor.organisationId, until: null });
    }
    can("update", "CaseInvolvement", ["namedContactUserId"], { organisationId: actor.organisationId, namedContactUserId: actor.userId, until: null });
    // Nobody named yet (an organisation with no lead, say): any of its caseworkers may name one,
    // so a case is never left with no contact for lack of a lead.
    can("update", "CaseInvolvement", ["namedContactUserId"], { organisationId: actor.organisationId, namedContactUserId: null, until: null });
    // Court dates and results come from the Witness Care Unit and the CPS.
    if (actor.organisationKind === "POLICE_WCU" || actor.organisationKind === "CPS") {
      can(["create", "update"], "Hearing", { case: { is: involved } });
    }
    // Moving a case through its stages is for the statutory agencies working on it.
    if (isStatutory(actor.organisationKind)) can("update", "Case", involved);
  }

  // A referral carries exactly the categories it names to the organisation it is sent to,
  // until that organisation accepts (then it joins the case and the rules above apply).
  const carriedBy = (category: DataCategory) =>
    victimOf({ cases: { some: { referrals: { some: { toOrganisationId: actor.organisationId, status: { in: ["REQUESTED", "RECEIVED"] }, shares: { some: { category } } } } } } });
  can("read", "VictimIdentity", carriedBy("IDENTITY"));
  can("read", "VictimContactDetails", carriedBy("CONTACT_DETAILS"));

  if (covered("IDENTITY")) {
    // Whoever may read who she is may correct it (a change keeps the old value).
    if (isStatutory(actor.organisationKind)) {
      can(["read", "update"], "VictimIdentity", victimOf(onInvolvedCase));
    } else {
      can(["read", "update"], "VictimIdentity", victimOf({ ...onInvolvedCase, ...consentCovers(actor, "IDENTITY", purpose) }));
      can(["read", "update"], "VictimIdentity", victimOf({ cases: { some: { ...involved, ...decisionCovers(actor, "IDENTITY", purpose, now) } } }));
    }
  }

  if (covered("CONTACT_DETAILS")) {
    // The victim's contact circle: who she chose as contacts sees how to reach her, and how
    // she wants to be reached (her contact contract), and agrees that contract with her.
    const circle = [
      victimOf({ ...onInvolvedCase, ...consentCovers(actor, "CONTACT_DETAILS", purpose) }),
      victimOf({ cases: { some: { ...involved, ...decisionCovers(actor, "CONTACT_DETAILS", purpose, now) } } }),
    ];
    for (const condition of circle) {
      can(["read", "update"], "VictimContactDetails", condition);
      can(["read", "create", "update"], "VictimContactContract", condition);
    }
  }

  // Consent is recorded by whoever supports the victim on the case; reading the consent
  // record itself (who agreed to what) goes with reading the case.
  can("create", "Consent", victimOf(onInvolvedCase));
  can("update", "Consent", { withdrawnAt: null, ...victimOf(onInvolvedCase) });
  can("read", "Consent", CONSENT_SUMMARY_FIELDS, victimOf(onInvolvedCase));
  // Where the evidence is kept, and why something is withheld, stay with whoever captured it.
  can("read", "Consent", CONSENT_PRIVATE_FIELDS, { capturedByOrganisationId: actor.organisationId, ...victimOf(onInvolvedCase) });

  // Referrals: made from a case the organisation may see; seen by both ends.
  can("create", "Referral", { case: { is: involved } });
  can("read", "Referral", { case: { is: involved } });

  // Overriding missing consent is a recorded decision by an organisation admin of an
  // organisation on the case.
  if (actor.roles.includes("ORGANISATION_ADMIN")) {
    can("create", "SharingDecision", { case: { is: involved } });
  }
  can("read", "SharingDecision", { case: { is: involved } });
}
