// The one place that decides who may see and do what. Every read filters in SQL with
// accessibleBy(ability) and every write checks the row itself, so the same rules answer
// "may I?" in code and "which rows?" in the database. Each area of the hub has its rules in
// a file of its own (casework-rules.ts for case data, directory-rules.ts, agreement-rules.ts,
// administration-rules.ts, glossary-rules.ts); this file puts them together.
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
import type { AccessPurpose } from "@hub/db";
import type { Actor } from "./actor.js";
import { defineAdministrationRules } from "./administration-rules.js";
import { defineAgreementRules } from "./agreement-rules.js";
import { createPrismaAbility, type HubAbility } from "./casl-prisma.js";
import { CASEWORK_ROLES, defineCaseworkRules } from "./casework-rules.js";
import { defineDirectoryRules } from "./directory-rules.js";
import { defineGlossaryRules } from "./glossary-rules.js";
import { purposesForCaseData } from "./purposes.js";
import { defineServiceStandardRules } from "./service-standard-rules.js";

export { CASE_OPENING_KINDS, CONSENT_PRIVATE_FIELDS, CONSENT_SUMMARY_FIELDS } from "./casework-rules.js";

export interface AccessContext {
  /** Why the caller is acting; case data needs one. */
  purpose: AccessPurpose | null;
  now?: Date;
}

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
  defineServiceStandardRules(builder, actor);
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

