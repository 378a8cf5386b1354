import { accessibleWhere } from "@hub/policy";
import type { CoreContext } from "../shared/context.js";
import { requirePurpose } from "../shared/purpose.js";

/**
 * A case's updates in the order they happened, each with who has acknowledged it and
 * whether a later correction supersedes it. One query, however long the timeline.
 */
export async function caseTimeline(ctx: CoreContext, caseId: string, victimId: string) {
  requirePurpose(ctx);
  const rows = await ctx.prisma.caseUpdate.findMany({
    where: { AND: [{ caseId }, accessibleWhere(ctx.ability, "CaseUpdate")] },
    include: { acknowledgements: true, supersededBy: { select: { id: true } } },
    orderBy: [{ occurredAt: "asc" }, { createdAt: "asc" }],
    relationLoadStrategy: "join",
  });
  if (rows.length) ctx.audit.record({ action: "CONSULTATION", entityType: "CaseUpdate", caseId, victimId, fields: ["CaseUpdate.*"] });
  return rows.map(({ supersededBy, ...row }) => ({ ...row, supersededById: supersededBy?.id ?? null }));
}
