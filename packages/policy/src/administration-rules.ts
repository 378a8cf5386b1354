// Running the partnership: organisations, people, roles, provisioning.
import type { AbilityBuilder } from "@casl/ability";
import type { Actor } from "./actor.js";
import type { HubAbility } from "./casl-prisma.js";
import { isPartnershipAdmin, servesOnly } from "./partnership-admin.js";

/**
 * Running the partnership: organisations, the areas they serve, users, memberships and roles,
 * identity-provider provisioning. Staff records, not victim data: no stated purpose.
 * - A partnership administrator manages the organisations that serve only areas their body
 *   serves (a Northshire administrator never changes what Southshire relies on), their users
 *   and memberships, and the provisioning clients of their own body.
 * - An organisation admin manages the memberships of their own organisation (which roles its
 *   people hold, who has left), and the users who belong to it alone.
 * Which roles each may give is @hub/core administration's rule (partnership roles only by a
 * partnership administrator, within their own body).
 */
export function defineAdministrationRules(builder: AbilityBuilder<HubAbility>, actor: Actor) {
  const { can } = builder;
  if (isPartnershipAdmin(actor)) {
    const organisation = servesOnly(actor);
    can(["create", "update"], "Organisation", organisation);
    can(["read", "create", "update"], "Membership", { organisation: { is: organisation } });
    can("read", "User", { memberships: { some: { organisation: { is: organisation } } } });
    // A user is changed (renamed, deactivated) only when everything they belong to is theirs.
    can(["create", "update"], "User", { memberships: { some: { organisation: { is: organisation } }, every: { organisation: { is: organisation } } } });
    can(["read", "create", "update"], "ProvisioningClient", { organisationId: actor.organisationId });
  }
  if (actor.roles.includes("ORGANISATION_ADMIN")) {
    can(["read", "create", "update"], "Membership", { organisationId: actor.organisationId });
    can("read", "User", { memberships: { some: { organisationId: actor.organisationId } } });
    can(["create", "update"], "User", { memberships: { some: { organisationId: actor.organisationId }, every: { organisationId: actor.organisationId } } });
  }
}

