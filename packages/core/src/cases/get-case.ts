import { accessibleWhere } from "@hub/policy";
import type { CoreContext } from "../shared/context.js";
import { NotFoundError } from "../shared/errors.js";
import { isUuid } from "../shared/ids.js";
import { requirePurpose } from "../shared/purpose.js";
import { caseSummaryInclude, type CaseSummary } from "./case-summary.js";
import { recordCaseConsultation } from "./record-case-consultation.js";
import { recordDeniedAttempt } from "./record-denied-attempt.js";

/** One case, or NotFound when it does not exist or the caller may not see it. */
export async function getCase(ctx: CoreContext, id: string): Promise<CaseSummary> {
  requirePurpose(ctx);
  const found = isUuid(id)
    ? await ctx.prisma.case.findFirst({ where: { AND: [{ id }, accessibleWhere(ctx.ability, "Case")] }, include: caseSummaryInclude(ctx), relationLoadStrategy: "join" })
    : null;
  if (!found) {
    await recordDeniedAttempt(ctx, "Case", id);
    throw new NotFoundError("case");
  }
  recordCaseConsultation(ctx, [found]);
  return found;
}
