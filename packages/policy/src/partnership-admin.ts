// Who administers the partnership: the partnership body's administrators, for the areas
// that body serves only.
import type { Actor } from "./actor.js";

export const isPartnershipAdmin = (actor: Actor) => actor.roles.includes("PARTNERSHIP_ADMIN") && actor.areaIds.length > 0;

/** An organisation every one of whose areas is one of the actor's (and that serves at least one). */
export const servesOnly = (actor: Actor) => ({
  areas: { some: { areaId: { in: actor.areaIds } }, every: { areaId: { in: actor.areaIds } } },
});

