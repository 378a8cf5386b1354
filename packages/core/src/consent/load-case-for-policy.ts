import type { CoreContext } from "../shared/context.js";
import { isUuid } from "../shared/ids.js";

/**
 * A case with exactly the relations the write rules look at (who is involved), so the
 * policy can check the row itself. Never returned to the caller.
 */
export function loadCaseForPolicy(ctx: CoreContext, caseId: string) {
  if (!isUuid(caseId)) return Promise.resolve(null);
  const involvements = { select: { organisationId: true, until: true } } as const;
  return ctx.prisma.case.findUnique({
    where: { id: caseId },
    select: { id: true, victimId: true, involvements, victim: { select: { cases: { select: { involvements } } } } },
  });
}
