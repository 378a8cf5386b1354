// Each area's plain-language glossary.
import type { AbilityBuilder } from "@casl/ability";
import type { Actor } from "./actor.js";
import type { HubAbility } from "./casl-prisma.js";

/**
 * Each area's own plain-language terms, merged over the default glossary when text for a
 * victim in that area is checked. Words, not personal data: every signed-in partner reads
 * them, with no stated purpose. The organisation admins of any organisation serving the area
 * (statutory agencies, support services, the partnership body) keep them; nobody keeps
 * another area's.
 */
export function defineGlossaryRules(builder: AbilityBuilder<HubAbility>, actor: Actor) {
  const { can } = builder;
  can("read", "AreaGlossaryTerm");
  if (actor.roles.includes("ORGANISATION_ADMIN") && actor.areaIds.length > 0) {
    can(["create", "update", "delete"], "AreaGlossaryTerm", { areaId: { in: actor.areaIds } });
  }
}

