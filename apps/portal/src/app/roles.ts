// Roles and kinds of organisation in words, and what they let someone do in the portal. The
// hub decides every request (its policy is the only authority); the portal uses these only to
// offer what the hub would allow, so nobody is shown a button that can only be refused.
import { inPlainWords } from "./words";

const roleLabels: Record<string, string> = {
  CASEWORKER: "Caseworker",
  CASEWORK_LEAD: "Casework lead",
  VICTIM_LIAISON_OFFICER: "Victim liaison officer",
  PROSECUTOR: "Prosecutor",
  ADVOCATE: "Advocate (ISVA/IDVA)",
  ORGANISATION_ADMIN: "Organisation admin",
  PARTNERSHIP_ADMIN: "Partnership administrator",
  PARTNERSHIP_AUDITOR: "Partnership auditor",
};

/** Every role, in the order forms offer them. */
export const ROLES = Object.keys(roleLabels);

export function roleInWords(role: string): string {
  return inPlainWords(roleLabels, role);
}

const organisationKindLabels: Record<string, string> = {
  POLICE: "Police force",
  POLICE_WCU: "Witness Care Unit",
  CPS: "Crown Prosecution Service",
  ISVA_SERVICE: "ISVA service",
  IDVA_SERVICE: "IDVA service",
  VICTIM_SUPPORT_CHARITY: "Victim support charity",
  OTHER: "Other organisation (such as the partnership itself)",
};

/** Every kind of organisation, in the order forms offer them. */
export const ORGANISATION_KINDS = Object.keys(organisationKindLabels);

/** One organisation's kind: "Witness Care Unit" (caseWords' organisationKindInWords says the plural, for consent). */
export function oneOrganisationKindInWords(kind: string): string {
  return inPlainWords(organisationKindLabels, kind);
}

/** The police, Witness Care Units and the CPS: on cases for their duties, on a lawful basis, never on consent. */
export function isStatutory(kind: string): boolean {
  return kind === "POLICE" || kind === "POLICE_WCU" || kind === "CPS";
}

/** The police and Witness Care Units open cases, in the areas they serve. */
export function opensCases(kind: string): boolean {
  return kind === "POLICE" || kind === "POLICE_WCU";
}

/** Organisation admins look after their own people; partnership administrators every organisation serving only their areas. */
export function administers(roles: readonly string[]): boolean {
  return roles.includes("ORGANISATION_ADMIN") || roles.includes("PARTNERSHIP_ADMIN");
}

export function isPartnershipAdmin(roles: readonly string[]): boolean {
  return roles.includes("PARTNERSHIP_ADMIN");
}

/** Roles that belong to some kinds of organisation only (the hub's rule, so the form offers no other). */
const ONLY_IN: Readonly<Record<string, readonly string[]>> = {
  PROSECUTOR: ["CPS"],
  VICTIM_LIAISON_OFFICER: ["CPS", "POLICE", "POLICE_WCU"],
  ADVOCATE: ["ISVA_SERVICE", "IDVA_SERVICE", "VICTIM_SUPPORT_CHARITY", "OTHER"],
};

const PARTNERSHIP_ROLES = ["PARTNERSHIP_ADMIN", "PARTNERSHIP_AUDITOR"];

/**
 * The roles someone may give in an organisation: those its kind has, and the partnership's own
 * roles only for a partnership administrator, in their own partnership body.
 */
export function rolesToOffer(organisation: { id: string; kind: string }, viewer: { roles: readonly string[]; organisationId: string }): string[] {
  return ROLES.filter((role) => {
    if (PARTNERSHIP_ROLES.includes(role)) return isPartnershipAdmin(viewer.roles) && organisation.id === viewer.organisationId;
    const only = ONLY_IN[role];
    return !only || only.includes(organisation.kind);
  });
}
