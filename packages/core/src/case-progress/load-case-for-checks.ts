import type { CoreContext } from "../shared/context.js";
import { isUuid } from "../shared/ids.js";

/** Every relation the policy's case rules look at: involvements, the victim's consents, sharing decisions. */
export const casePolicyInclude = {
  involvements: true,
  victim: { include: { consents: { include: { scopes: true, withholdings: true } } } },
  sharingDecisions: { include: { categories: true } },
} as const;

/**
 * A case loaded with casePolicyInclude, so ability.can() can check the row itself before a
 * write. Never returned to the caller.
 */
export function loadCaseForChecks(ctx: CoreContext, caseId: string) {
  if (!isUuid(caseId)) return Promise.resolve(null);
  return ctx.prisma.case.findUnique({ where: { id: caseId }, include: casePolicyInclude, relationLoadStrategy: "join" });
}
