import type { LegalType, OrganisationKind, Role } from "@hub/db";

/** Who is asking: a signed-in user acting for one organisation, as the hub's database says. */
export interface Actor {
  userId: string;
  name: string;
  email: string;
  organisationId: string;
  organisationName: string;
  organisationKind: OrganisationKind;
  legalType: LegalType;
  roles: Role[];
  areaIds: string[];
}
