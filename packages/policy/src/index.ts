export type { Actor } from "./actor.js";
export { defineAbilityFor } from "./define-ability.js";
export { accessibleBy, type HubAbility, type Action, type HubSubjects, type WhereInput } from "./casl-prisma.js";
export { subject } from "@casl/ability";
