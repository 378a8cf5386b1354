import { CaseStage, InvolvementCapacity, LegalType, OffenceCategory, OrganisationKind, Role } from "@hub/db";
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
