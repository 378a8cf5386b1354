// The local services directory and referrals' inbox.
import type { AbilityBuilder } from "@casl/ability";
import type { Actor } from "./actor.js";
import type { HubAbility } from "./casl-prisma.js";
import { isPartnershipAdmin } from "./partnership-admin.js";

/**
 * The directory is for every signed-in partner; where refuges and safe houses are only for
 * the organisations that run them and the directory admins. Each organisation maintains its own services; the
 * partnership's directory admins (organisation admins of the partnership body) maintain any.
 */
export function defineDirectoryRules(builder: AbilityBuilder<HubAbility>, actor: Actor) {
  const { can } = builder;
  can("read", "DirectoryService");
  can("read", "DirectoryLocation", { confidential: false });
  // A refuge's whereabouts: its own organisation and the directory admins only (the same
  // rule as @hub/core's directory/confidential-location.ts, which every output applies).
  can("read", "DirectoryLocation", { organization: { is: { hubOrganisationId: actor.organisationId } } });
  if (actor.roles.includes("ORGANISATION_ADMIN")) {
    can(["create", "update"], "DirectoryService", { organization: { is: { hubOrganisationId: actor.organisationId } } });
    can(["read", "create", "update"], "DirectoryLocation", { organization: { is: { hubOrganisationId: actor.organisationId } } });
  }
  // The partnership's administrators keep the directory for the areas their body serves: the
  // services that cover one of those areas, whoever runs them.
  if (isPartnershipAdmin(actor)) {
    can(["create", "update"], "DirectoryService", { serviceAreas: { some: { areaId: { in: actor.areaIds } } } });
    // Including where a refuge in those areas is (the same rule as confidential-location.ts).
    can(["read", "create", "update"], "DirectoryLocation", { serviceAtLocations: { some: { service: { is: { serviceAreas: { some: { areaId: { in: actor.areaIds } } } } } } } });
  }
  // Referrals sent to this organisation: it sees them whether or not it is on the case yet.
  can(["read", "update"], "Referral", { toOrganisationId: actor.organisationId });
}

