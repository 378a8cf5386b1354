// Why the signed-in person is working on case data. The hub refuses case data without a
// stated purpose (the X-Access-Purpose header) and logs it with every read (DPA 2018 s.62),
// so the portal states the purpose that matches the person's organisation and role.

export type AccessPurpose =
  | "AUDIT"
  | "COMPLIANCE_MONITORING"
  | "KEEPING_VICTIM_INFORMED"
  | "LAW_ENFORCEMENT"
  | "REFERRAL"
  | "SAFEGUARDING"
  | "SUBJECT_ACCESS"
  | "SUPPORT_AND_ADVOCACY";

const byKind: Readonly<Record<string, AccessPurpose>> = {
  ISVA_SERVICE: "SUPPORT_AND_ADVOCACY",
  IDVA_SERVICE: "SUPPORT_AND_ADVOCACY",
  VICTIM_SUPPORT_CHARITY: "SUPPORT_AND_ADVOCACY",
  POLICE_WCU: "KEEPING_VICTIM_INFORMED",
  CPS: "KEEPING_VICTIM_INFORMED",
  POLICE: "LAW_ENFORCEMENT",
};

/**
 * The purpose for everyday work: partnership auditors audit; everyone else works for their
 * organisation's statutory or support duty. Null when the portal cannot tell (the hub then
 * refuses case data, and the portal says so rather than guessing a purpose).
 */
export function purposeFor(organisationKind: string, roles: readonly string[]): AccessPurpose | null {
  if (roles.includes("PARTNERSHIP_AUDITOR")) return "AUDIT";
  return byKind[organisationKind] ?? null;
}

/** True for the people who may answer subject access requests ("who has seen her data"). */
export function canReadAccessLog(roles: readonly string[]): boolean {
  return roles.includes("PARTNERSHIP_AUDITOR");
}
