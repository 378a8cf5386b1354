// Which purposes each kind of organisation may state for case data. Statutory agencies act
// on their Victims' Code and law-enforcement duties; the voluntary sector supports victims
// on their consent. Nobody reads case data to "audit": auditors read the audit log.
import type { AccessPurpose, OrganisationKind } from "@hub/db";

export const STATUTORY_KINDS: readonly OrganisationKind[] = ["POLICE", "POLICE_WCU", "CPS"];
export const SUPPORT_KINDS: readonly OrganisationKind[] = ["ISVA_SERVICE", "IDVA_SERVICE", "VICTIM_SUPPORT_CHARITY"];

const CASE_PURPOSES: Partial<Record<OrganisationKind, readonly AccessPurpose[]>> = {
  POLICE: ["LAW_ENFORCEMENT", "KEEPING_VICTIM_INFORMED", "REFERRAL", "SAFEGUARDING"],
  POLICE_WCU: ["KEEPING_VICTIM_INFORMED", "REFERRAL", "SAFEGUARDING"],
  CPS: ["LAW_ENFORCEMENT", "KEEPING_VICTIM_INFORMED", "REFERRAL"],
  ISVA_SERVICE: ["SUPPORT_AND_ADVOCACY", "KEEPING_VICTIM_INFORMED", "REFERRAL", "SAFEGUARDING"],
  IDVA_SERVICE: ["SUPPORT_AND_ADVOCACY", "KEEPING_VICTIM_INFORMED", "REFERRAL", "SAFEGUARDING"],
  VICTIM_SUPPORT_CHARITY: ["SUPPORT_AND_ADVOCACY", "KEEPING_VICTIM_INFORMED", "REFERRAL"],
};

export const purposesForCaseData = (kind: OrganisationKind): readonly AccessPurpose[] => CASE_PURPOSES[kind] ?? [];

export const isStatutory = (kind: OrganisationKind) => STATUTORY_KINDS.includes(kind);
