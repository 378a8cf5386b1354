import { accessibleBy } from "@hub/policy";
import type { CoreContext } from "../shared/context.js";
import { NotFoundError } from "../shared/errors.js";
import { isUuid } from "../shared/ids.js";
import { caseSummaryInclude, type CaseSummary } from "./case-summary.js";

/** One case, or NotFound when it does not exist or the caller may not see it. */
export async function getCase(ctx: CoreContext, id: string): Promise<CaseSummary> {
  const found = isUuid(id)
    ? await ctx.prisma.case.findFirst({ where: { AND: [{ id }, accessibleBy(ctx.ability).ofType("Case")] }, include: caseSummaryInclude })
    : null;
  if (!found) throw new NotFoundError("case");
  return found;
}
