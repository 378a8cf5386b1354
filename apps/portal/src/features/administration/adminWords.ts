// The Administration page's words: roles, legal types, who is active, and the demo's
// sign-in identifiers.
import { ROLES, roleInWords } from "../../app/roles";
import { inPlainWords, listInWords } from "../../app/words";

/** ["ORGANISATION_ADMIN", "CASEWORKER"] -> "Caseworker and Organisation admin" (always in the same order); none -> "No roles". */
export function rolesListInWords(roles: readonly string[]): string {
  const rank = (role: string) => (ROLES.includes(role) ? ROLES.indexOf(role) : ROLES.length);
  return roles.length ? listInWords([...roles].sort((a, b) => rank(a) - rank(b)).map(roleInWords)) : "No roles";
}

const legalTypeLabels: Record<string, string> = {
  COMPETENT_AUTHORITY: "Competent authority (law enforcement)",
  PUBLIC_BODY: "Public body",
  VOLUNTARY_SECTOR: "Charity or voluntary organisation",
};

export function legalTypeInWords(legalType: string): string {
  return inPlainWords(legalTypeLabels, legalType);
}

/** The legal types an organisation of kind OTHER may have (other kinds have theirs fixed by the hub). */
export const OTHER_LEGAL_TYPES = ["PUBLIC_BODY", "VOLUNTARY_SECTOR"];

/** The demo's identity provider signs people in as "demo|" and their email. */
export const DEMO_SUBJECT_PREFIX = "demo|";

export function demoSubjectFor(email: string): string {
  return `${DEMO_SUBJECT_PREFIX}${email.trim().toLowerCase()}`;
}

/** A person's standing in one organisation, in words; null when nothing stops them. */
export function memberStandingInWords(m: { active: boolean; person: { active: boolean } }): string | null {
  if (!m.person.active) return "Deactivated: cannot do anything in the hub";
  if (!m.active) return "Membership ended";
  return null;
}

/** "Serves Northshire and Southshire" */
export function areasInWords(areas: readonly { name: string }[]): string {
  return areas.length ? `Serves ${listInWords(areas.map((a) => a.name))}` : "Serves no area yet";
}
