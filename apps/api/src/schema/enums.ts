import {
  AccessPurpose,
  AuditAction,
  CaseStage,
  ConsentGivenBy,
  ControllerRole,
  DataCategory,
  DsaStatus,
  InvolvementCapacity,
  LegalType,
  OffenceCategory,
  OrganisationKind,
  Role,
  SharingDecisionOutcome,
} from "@hub/db";
import { builder } from "../builder.js";

export const OrganisationKindEnum = builder.enumType(OrganisationKind, { name: "OrganisationKind" });
export const LegalTypeEnum = builder.enumType(LegalType, {
  name: "LegalType",
  description: "Decides the lawful basis an organisation can rely on to receive victims' data.",
});
export const RoleEnum = builder.enumType(Role, { name: "Role" });
export const OffenceCategoryEnum = builder.enumType(OffenceCategory, { name: "OffenceCategory" });
export const CaseStageEnum = builder.enumType(CaseStage, { name: "CaseStage" });
export const InvolvementCapacityEnum = builder.enumType(InvolvementCapacity, { name: "InvolvementCapacity" });
export const DataCategoryEnum = builder.enumType(DataCategory, {
  name: "DataCategory",
  description: "Kinds of information about a victim that consent, agreements and decisions are about.",
});
export const AccessPurposeEnum = builder.enumType(AccessPurpose, {
  name: "AccessPurpose",
  description: "Why you are working on a case. Send it in the X-Access-Purpose header with every request about case data.",
});
export const ConsentGivenByEnum = builder.enumType(ConsentGivenBy, { name: "ConsentGivenBy" });
export const DsaStatusEnum = builder.enumType(DsaStatus, { name: "DsaStatus" });
export const ControllerRoleEnum = builder.enumType(ControllerRole, { name: "ControllerRole" });
export const SharingDecisionOutcomeEnum = builder.enumType(SharingDecisionOutcome, { name: "SharingDecisionOutcome" });
export const AuditActionEnum = builder.enumType(AuditAction, { name: "AuditAction" });
