import { accessibleWhere } from "@hub/policy";
import type { CoreContext } from "../shared/context.js";

/** The partnership's member organisations, active ones first, then by name. */
export function listOrganisations(ctx: CoreContext) {
  return ctx.prisma.organisation.findMany({
    where: accessibleWhere(ctx.ability, "Organisation"),
    include: { areas: { include: { area: true } } },
    orderBy: [{ active: "desc" }, { name: "asc" }],
  });
}
