// Which purposes each kind of organisation may state for case data. Statutory agencies act
// on their Victims' Code and law-enforcement duties; the voluntary sector supports victims
// on their consent. Nobody reads case data to "audit": auditors read the audit log.
import type { AccessPurpose, DataCategory, OrganisationKind } from "@hub/db";

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

const EVERY_CATEGORY: readonly DataCategory[] = ["CASE_PROGRESS", "IDENTITY", "CONTACT_DETAILS", "SAFE_CONTACT_RULES", "NEEDS_AND_VULNERABILITIES", "SPECIAL_CATEGORY"];

/**
 * The categories each purpose opens; nothing else is opened for it, whatever consent says.
 * A referral needs what travels with it (who she is, how to reach her safely, what she
 * needs), never her case's timeline; its recipient sees those only while the referral is
 * open (casework-rules.ts). Checking compliance, answering subject access requests and
 * auditing read aggregates and the audit log, never case data.
 */
export const CATEGORIES_FOR_PURPOSE: Record<AccessPurpose, readonly DataCategory[]> = {
  KEEPING_VICTIM_INFORMED: EVERY_CATEGORY,
  SUPPORT_AND_ADVOCACY: EVERY_CATEGORY,
  SAFEGUARDING: EVERY_CATEGORY,
  LAW_ENFORCEMENT: EVERY_CATEGORY,
  REFERRAL: ["IDENTITY", "CONTACT_DETAILS", "SAFE_CONTACT_RULES", "NEEDS_AND_VULNERABILITIES", "SPECIAL_CATEGORY"],
  COMPLIANCE_MONITORING: [],
  SUBJECT_ACCESS: [],
  AUDIT: [],
};

/**
 * What the police, the WCU and the CPS read on the cases they work on by their Victims' Code
 * and law-enforcement duties, without her consent: the case, who she is, and what she needs
 * (Enhanced Rights, an interpreter, her health needs, where the agreement covers special
 * category data). How to reach her, and how to reach her safely, only ever go where she
 * chose, whoever the organisation is.
 */
export const DUTY_CATEGORIES: readonly DataCategory[] = ["CASE_PROGRESS", "IDENTITY", "NEEDS_AND_VULNERABILITIES", "SPECIAL_CATEGORY"];
