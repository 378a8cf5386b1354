// Case data: what an organisation working on a victim's case may read and do, for the
// purpose it states, on its duty or her consent.
import type { AbilityBuilder } from "@casl/ability";
import type { AccessPurpose, DataCategory } from "@hub/db";
import type { Actor } from "./actor.js";
import type { HubAbility } from "./casl-prisma.js";
import { agreementCovers, consentCovers, currentlyInvolved, decisionCovers } from "./conditions.js";
import { isStatutory } from "./purposes.js";
import { updateTypesFor } from "./update-types.js";

/** Consent fields every organisation on the case may read, and those only its capturer may. */
export const CONSENT_SUMMARY_FIELDS = ["id", "givenBy", "capturedByOrganisationId", "capturedAt", "explicit", "reviewDate", "withdrawnAt", "scopes", "withholdings"];
export const CONSENT_PRIVATE_FIELDS = ["evidence", "withholdingReasons"];

export const CASEWORK_ROLES = ["CASEWORKER", "VICTIM_LIAISON_OFFICER", "PROSECUTOR", "ADVOCATE", "ORGANISATION_ADMIN", "CASEWORK_LEAD"] as const;
/** Who may add and end agencies on their organisation's cases and hand over its named contacts. */
const LEAD_ROLES = ["ORGANISATION_ADMIN", "CASEWORK_LEAD"] as const;
/** Kinds of organisation that open cases: the police force and its Witness Care Unit. */
export const CASE_OPENING_KINDS = ["POLICE", "POLICE_WCU"] as const;

export function defineCaseworkRules(builder: AbilityBuilder<HubAbility>, actor: Actor, purpose: AccessPurpose, now: Date) {
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
