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

const CASEWORK_ROLES = ["CASEWORKER", "VICTIM_LIAISON_OFFICER", "PROSECUTOR", "ADVOCATE", "ORGANISATION_ADMIN"] as const;

export function defineAbilityFor(actor: Actor, context: AccessContext): HubAbility {
  const builder = new AbilityBuilder<HubAbility>(createPrismaAbility);
  const { can } = builder;
  const now = context.now ?? new Date();

  // The partnership's directory and agreement register are not personal data.
  can("read", "Organisation");
  can("read", "Area");
  can("read", "DataSharingAgreement");
  can("read", "User", { id: actor.userId });

  defineDirectoryRules(builder, actor);
  defineGlossaryRules(builder, actor);
  defineAgreementRules(builder, actor);

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
    if (actor.organisationKind === "OTHER") {
      can(["create", "update"], "DirectoryService");
      can(["read", "create", "update"], "DirectoryLocation");
    } else {
      can(["create", "update"], "DirectoryService", { organization: { is: { hubOrganisationId: actor.organisationId } } });
      can(["read", "create", "update"], "DirectoryLocation", { organization: { is: { hubOrganisationId: actor.organisationId } } });
    }
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
  if (!actor.roles.includes("ORGANISATION_ADMIN")) return;
  if (actor.organisationKind === "OTHER") {
    can(["create", "update"], "DataSharingAgreement");
  } else {
    can(["create", "update"], "DataSharingAgreement", { parties: { some: { organisationId: actor.organisationId } } });
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
    if (isStatutory(actor.organisationKind)) {
      can("read", "VictimIdentity", victimOf(onInvolvedCase));
    } else {
      can("read", "VictimIdentity", victimOf({ ...onInvolvedCase, ...consentCovers(actor, "IDENTITY", purpose) }));
      can("read", "VictimIdentity", victimOf({ cases: { some: { ...involved, ...decisionCovers(actor, "IDENTITY", purpose, now) } } }));
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
      can("read", "VictimContactDetails", condition);
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
