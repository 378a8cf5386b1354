import type { AccessPurpose, DataCategory, LegalType, OrganisationKind, Role } from "@hub/db";

/** An active data-sharing agreement the actor's organisation is party to. */
export interface AgreementCover {
  dsaId: string;
  purposes: AccessPurpose[];
  categories: DataCategory[];
  lawfulBasisCode: string;
}

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
  agreements: AgreementCover[];
}
