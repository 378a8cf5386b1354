// Which capacity each kind of organisation works on a case in, and the words for it.
import type { InvolvementCapacity, OrganisationKind } from "@hub/db";

export const CAPACITY_OF_KIND: Readonly<Record<OrganisationKind, InvolvementCapacity>> = {
  POLICE: "INVESTIGATING_POLICE",
  POLICE_WCU: "WITNESS_CARE",
  CPS: "PROSECUTION",
  ISVA_SERVICE: "ISVA_SUPPORT",
  IDVA_SERVICE: "IDVA_SUPPORT",
  VICTIM_SUPPORT_CHARITY: "VICTIM_SUPPORT",
  OTHER: "OTHER_SUPPORT",
};

export const CAPACITY_WORDS: Readonly<Record<InvolvementCapacity, string>> = {
  INVESTIGATING_POLICE: "investigating the crime",
  WITNESS_CARE: "witness care",
  PROSECUTION: "prosecution",
  ISVA_SUPPORT: "ISVA support (independent sexual violence adviser)",
  IDVA_SUPPORT: "IDVA support (independent domestic violence adviser)",
  VICTIM_SUPPORT: "victim support",
  OTHER_SUPPORT: "other support",
};

/** Roles that do casework, so can be someone's named contact. */
export const CASEWORK_ROLES = ["CASEWORKER", "VICTIM_LIAISON_OFFICER", "PROSECUTOR", "ADVOCATE", "ORGANISATION_ADMIN", "CASEWORK_LEAD"] as const;
