// The one place that decides who may see and do what. Every read filters in SQL with
// accessibleBy(ability) and every write checks the row itself, so the same rules answer
// "may I?" in code and "which rows?" in the database.
import { AbilityBuilder } from "@casl/ability";
import type { Actor } from "./actor.js";
import { createPrismaAbility, type HubAbility } from "./casl-prisma.js";

export function defineAbilityFor(actor: Actor): HubAbility {
  const builder = new AbilityBuilder<HubAbility>(createPrismaAbility);
  const { can } = builder;

  // The partnership's own directory of member organisations and areas is not personal data.
  can("read", "Organisation");
  can("read", "Area");
  can("read", "User", { id: actor.userId });

  // First cut (issue #2): an organisation sees the cases it is currently involved in.
  // Issue #3 replaces this with consent, agreements and lawful basis.
  can("read", "Case", { involvements: { some: { organisationId: actor.organisationId, until: null } } });

  return builder.build();
}
