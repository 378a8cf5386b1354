export type { Actor, AgreementCover } from "./actor.js";
export { defineAbilityFor, CONSENT_PRIVATE_FIELDS, CONSENT_SUMMARY_FIELDS, CASE_OPENING_KINDS, PARTNERSHIP_ROLES, type AccessContext } from "./define-ability.js";
export { CONTRACT_FIELDS } from "./casework-rules.js";
export { permittedFieldsOf } from "@casl/ability/extra";
export { purposesForCaseData, isStatutory, STATUTORY_KINDS, SUPPORT_KINDS, CATEGORIES_FOR_PURPOSE, DUTY_CATEGORIES } from "./purposes.js";
export { agreementCovers, decisionWhere, grantWhere, REFERRAL_HOLDS_STATUSES } from "./conditions.js";
export {
  VICTIM_DATA,
  NOT_VICTIM_DATA,
  classOf,
  fieldsOfCategory,
  catalogueFieldsOf,
  auditFieldNames,
  revisionCategory,
  REFERRAL_PAYLOAD,
  referralPayloadFields,
  type FieldClass,
  type VictimDataModel,
} from "./data-catalogue.js";
export {
  mayRecordStatements,
  grantsNarrowedBy,
  statementApplies,
  type StatementToRecord,
  type StandingGrant,
  type ConsentFacts,
  type HowSheSaidIt,
  type RecordingVerdict,
} from "./consent-rules.js";
export { accessibleWhere } from "./accessible-where.js";
export { mayHoldContactSql, type ContactHolderColumns } from "./contact-holders.js";
export type { HubAbility, Action, HubSubjects, WhereInput } from "./casl-prisma.js";
export { subject } from "@casl/ability";
export { updateTypesFor } from "./update-types.js";
