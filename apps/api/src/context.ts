import type { CoreContext } from "@hub/core";

/** GraphQL context: the core context for this request (actor, ability, database). */
export type GraphQLContext = CoreContext;
