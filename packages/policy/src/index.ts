export type { Actor, AgreementCover } from "./actor.js";
export { defineAbilityFor, CONSENT_PRIVATE_FIELDS, CONSENT_SUMMARY_FIELDS, CASE_OPENING_KINDS, PARTNERSHIP_ROLES, type AccessContext } from "./define-ability.js";
export { permittedFieldsOf } from "@casl/ability/extra";
export { purposesForCaseData, isStatutory, STATUTORY_KINDS, SUPPORT_KINDS } from "./purposes.js";
export { agreementCovers, consentWhere, decisionWhere } from "./conditions.js";
export { accessibleWhere } from "./accessible-where.js";
export type { HubAbility, Action, HubSubjects, WhereInput } from "./casl-prisma.js";
export { subject } from "@casl/ability";
export { updateTypesFor } from "./update-types.js";
