// Case data: what an organisation working on a victim's case may read and do, for the
// purpose it states, on its duty or her consent. Every category of her data (the catalogue,
// data-catalogue.ts) opens only for a purpose that needs it (CATEGORIES_FOR_PURPOSE) and an
// agreement covering it; then
// - the police, the WCU and the CPS read the case, who she is and what she needs on the
//   cases they work on, by their duties (DUTY_CATEGORIES);
// - everyone else, and everyone for how to reach her, needs what she said to add up to yes
//   for that organisation, category and purpose (a ConsentGrant), or a recorded sharing
//   decision;
// - how to contact her safely goes wherever how to contact her goes, so nobody holding her
//   number is without her rules for using it;
// - an organisation a referral is sent to holds what it carries while it is open, as long as
//   she still agrees (for referral) or a decision allows it; the referral purpose opens
//   nothing else.
import type { AbilityBuilder } from "@casl/ability";
import type { AccessPurpose, DataCategory } from "@hub/db";
import type { Actor } from "./actor.js";
import type { HubAbility } from "./casl-prisma.js";
import { agreementCovers, currentlyInvolved, decisionCovers, grantCovers, referralCarries } from "./conditions.js";
import { fieldsOfCategory } from "./data-catalogue.js";
import { CATEGORIES_FOR_PURPOSE, DUTY_CATEGORIES, isStatutory } from "./purposes.js";
import { updateTypesFor } from "./update-types.js";

/** Consent fields every organisation on the case may read, and those only its recorder may. */
export const CONSENT_SUMMARY_FIELDS = ["id", "givenBy", "capturedByOrganisationId", "capturedAt", "explicit", "reviewDate", "saidHow", "saidAt", "selfRecorded", "statements"];
export const CONSENT_PRIVATE_FIELDS = ["evidence", "statementReasons"];

export const CASEWORK_ROLES = ["CASEWORKER", "VICTIM_LIAISON_OFFICER", "PROSECUTOR", "ADVOCATE", "ORGANISATION_ADMIN", "CASEWORK_LEAD"] as const;
/** Who may add and end agencies on their organisation's cases and hand over its named contacts. */
const LEAD_ROLES = ["ORGANISATION_ADMIN", "CASEWORK_LEAD"] as const;
/** Kinds of organisation that open cases: the police force and its Witness Care Unit. */
export const CASE_OPENING_KINDS = ["POLICE", "POLICE_WCU"] as const;

/** What the WCU and the CPS record about a hearing; accepting a result's words is for its recorder alone. */
const HEARING_RECORDING_FIELDS = ["caseId", "court", "startsAt", "type", "outcome", "resultReceivedAt", "resultKind", "resultRecordedByOrganisationId"];
const COURT_RESULT_ACCEPTANCE_FIELDS = ["resultWordsAcceptedByUserId", "resultWordsAcceptedAt"];

/** Her contact agreement, field by field: the rules for reaching her safely, her needs, her health. */
export const CONTRACT_FIELDS = {
  SAFE_CONTACT_RULES: fieldsOfCategory("VictimContactContract", "SAFE_CONTACT_RULES"),
  NEEDS_AND_VULNERABILITIES: fieldsOfCategory("VictimContactContract", "NEEDS_AND_VULNERABILITIES"),
  SPECIAL_CATEGORY: fieldsOfCategory("VictimContactContract", "SPECIAL_CATEGORY"),
} as const;

/** A condition on one of her cases, and (for consent) on her; `working`: on the case, not a referral's recipient. */
type Condition = { caseWhere: object; victimWhere?: object; working: boolean };

export function defineCaseworkRules(builder: AbilityBuilder<HubAbility>, actor: Actor, purpose: AccessPurpose, now: Date) {
  const { can } = builder;
  const involved = currentlyInvolved(actor);
  const statutory = isStatutory(actor.organisationKind);
  const victimOf = (inner: object) => ({ victim: { is: inner } });
  const onInvolvedCase = { cases: { some: involved } };
  const opens = (category: DataCategory, forPurpose: AccessPurpose = purpose) =>
    CATEGORIES_FOR_PURPOSE[purpose].includes(category) && agreementCovers(actor, category, forPurpose) !== undefined;

  /** Conditions under which the actor reads this category of a case's victim's data. */
  const onCase = (category: DataCategory): Condition[] => {
    const carried: Condition[] = opens(category, "REFERRAL")
      ? [
          { caseWhere: referralCarries(actor, category), victimWhere: grantCovers(actor, category, "REFERRAL"), working: false },
          { caseWhere: { ...referralCarries(actor, category), ...decisionCovers(actor, category, "REFERRAL", now) }, working: false },
        ]
      : [];
    if (purpose === "REFERRAL" || !opens(category)) return carried;
    if (statutory && DUTY_CATEGORIES.includes(category)) return [{ caseWhere: involved, working: true }, ...carried];
    return [
      { caseWhere: involved, victimWhere: grantCovers(actor, category, purpose), working: true },
      { caseWhere: { ...involved, ...decisionCovers(actor, category, purpose, now) }, working: true },
      ...carried,
    ];
  };
  const wheres = (conditions: Condition[]): object[] => conditions.map((c) => ({ ...c.caseWhere, ...(c.victimWhere ? victimOf(c.victimWhere) : {}) }));
  const working = (conditions: Condition[]) => conditions.filter((c) => c.working);
  /**
   * The same, for a row that belongs to her (identity, contact details, assessments): what
   * she said is about her, so it is checked on her, and the case condition on one of her cases.
   */
  const ofVictim = (conditions: Condition[]): object[] => conditions.map((c) => victimOf({ ...(c.victimWhere ?? {}), cases: { some: c.caseWhere } }));
  /** The case itself and its timeline: case progress, never opened by what a referral carries. */
  const caseAccess = wheres(working(onCase("CASE_PROGRESS")));
  const safeContact = [...onCase("SAFE_CONTACT_RULES"), ...onCase("CONTACT_DETAILS")];

  for (const condition of caseAccess) {
    // The same conditions open the case, its timeline and its communication ledger.
    can("read", "Case", condition);
    can("read", "CaseUpdate", { case: { is: condition } });
    can("create", "CaseUpdate", { type: { in: updateTypesFor(actor.organisationKind) }, case: { is: condition } });
    // Only the organisation that recorded an update may accept its words for the victim as
    // they are, despite what the plain-language check found (anyone may rewrite by correction).
    can("create", "CaseUpdatePlainLanguageAcceptance", { update: { is: { recordedByOrganisationId: actor.organisationId, case: { is: condition } } } });
    can("read", "ContactRecord", { case: { is: condition } });
    can("create", "ContactRecord", { case: { is: condition } });
    can("read", "VictimQuestion", { case: { is: condition } });
    can("create", "VictimQuestion", { case: { is: condition } });
    // The agency a question is for answers it.
    can("update", "VictimQuestion", { forKind: actor.organisationKind, answeredAt: null, case: { is: condition } });
    can("read", "Hearing", { case: { is: condition } });
    // The same for a court result's words: only the organisation that recorded the result.
    can("update", "Hearing", COURT_RESULT_ACCEPTANCE_FIELDS, { resultRecordedByOrganisationId: actor.organisationId, case: { is: condition } });
    // Deadlines and keep-in-touch tasks are visible to everyone on the case, so a breach
    // is nobody's secret.
    can("read", "StatutoryClock", { case: { is: condition } });
    can("read", "KeepInTouchTask", { case: { is: condition } });
    can("update", "KeepInTouchTask", { organisationId: actor.organisationId, case: { is: condition } });
    // Referrals made from the case: both ends see them (the recipient by directory-rules.ts).
    can("read", "Referral", { case: { is: condition } });
  }
  if (caseAccess.length > 0) {
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
      can(["create", "update"], "Hearing", HEARING_RECORDING_FIELDS, { case: { is: involved } });
    }
    // Moving a case through its stages is for the statutory agencies working on it.
    if (statutory) can("update", "Case", involved);
  }

  // Who she is; whoever may read it may correct it (a change keeps the old value). What a
  // referral carries is read, never changed, by its recipient.
  for (const condition of ofVictim(onCase("IDENTITY"))) can("read", "VictimIdentity", condition);
  for (const condition of ofVictim(working(onCase("IDENTITY")))) can("update", "VictimIdentity", condition);
  // How to reach her: only the organisations she chose (or a decision allows), whoever they are.
  for (const condition of ofVictim(onCase("CONTACT_DETAILS"))) can("read", "VictimContactDetails", condition);
  for (const condition of ofVictim(working(onCase("CONTACT_DETAILS")))) can("update", "VictimContactDetails", condition);

  // Her contact agreement, field by field. Those who may reach her set it with her, each
  // part they may read; her needs and health needs only with those categories.
  for (const condition of ofVictim(safeContact)) can("read", "VictimContactContract", CONTRACT_FIELDS.SAFE_CONTACT_RULES, condition);
  for (const condition of ofVictim(onCase("NEEDS_AND_VULNERABILITIES"))) can("read", "VictimContactContract", CONTRACT_FIELDS.NEEDS_AND_VULNERABILITIES, condition);
  for (const condition of ofVictim(onCase("SPECIAL_CATEGORY"))) can("read", "VictimContactContract", CONTRACT_FIELDS.SPECIAL_CATEGORY, condition);
  const inCircle = ofVictim(working(safeContact));
  for (const condition of inCircle) can(["create", "update"], "VictimContactContract", CONTRACT_FIELDS.SAFE_CONTACT_RULES, condition);
  for (const condition of ofVictim(working(onCase("NEEDS_AND_VULNERABILITIES")))) {
    can(["create", "update"], "VictimContactContract", CONTRACT_FIELDS.NEEDS_AND_VULNERABILITIES, condition);
  }
  for (const condition of ofVictim(working(onCase("SPECIAL_CATEGORY")))) {
    can(["create", "update"], "VictimContactContract", CONTRACT_FIELDS.SPECIAL_CATEGORY, condition);
  }

  // Enhanced Rights belong to her shared record: every agency that may know her needs sees
  // the latest assessment, and may reassess when her needs change.
  for (const condition of ofVictim(onCase("NEEDS_AND_VULNERABILITIES"))) can("read", "EnhancedRightsAssessment", condition);
  for (const condition of ofVictim(working(onCase("NEEDS_AND_VULNERABILITIES")))) can("create", "EnhancedRightsAssessment", condition);

  // A referral is made from a case the organisation works on, and its maker follows it (its
  // recipient: directory-rules.ts). The referral purpose opens nothing of the case itself.
  can("create", "Referral", { case: { is: involved } });
  can("read", "Referral", { fromOrganisationId: actor.organisationId, case: { is: involved } });
  if (purpose === "REFERRAL") return;

  // Consent is recorded by whoever supports the victim on the case (which statements each may
  // record is consent-rules.ts); reading the consent record itself (who agreed to what) goes
  // with working on her case, so every agency can respect it.
  can("create", "Consent", victimOf(onInvolvedCase));
  can("read", "Consent", CONSENT_SUMMARY_FIELDS, victimOf(onInvolvedCase));
  // Where the evidence is kept, and why something is kept back, stay with whoever recorded it.
  can("read", "Consent", CONSENT_PRIVATE_FIELDS, { capturedByOrganisationId: actor.organisationId, ...victimOf(onInvolvedCase) });

  // Overriding missing consent is a recorded decision by an organisation admin of an
  // organisation on the case.
  if (actor.roles.includes("ORGANISATION_ADMIN")) {
    can("create", "SharingDecision", { case: { is: involved } });
  }
  can("read", "SharingDecision", { case: { is: involved } });
}
