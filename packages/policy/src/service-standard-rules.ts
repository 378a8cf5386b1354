// The partnership's own local service standards (beyond the Victims' Code).
import type { AbilityBuilder } from "@casl/ability";
import type { Actor } from "./actor.js";
import type { HubAbility } from "./casl-prisma.js";
import { isPartnershipAdmin } from "./partnership-admin.js";

/**
 * Local service standards are the partnership's promises, not personal data: every signed-in
 * partner reads them (they are timed on the partner's own cases). The partnership body's
 * administrators add and retire them, for the areas that body serves only.
 */
export function defineServiceStandardRules(builder: AbilityBuilder<HubAbility>, actor: Actor) {
  const { can } = builder;
  can("read", "LocalServiceStandard");
  if (isPartnershipAdmin(actor)) can(["create", "update"], "LocalServiceStandard", { areaId: { in: actor.areaIds } });
}
