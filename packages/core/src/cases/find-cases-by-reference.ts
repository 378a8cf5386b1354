import { accessibleWhere } from "@hub/policy";
import type { CoreContext } from "../shared/context.js";
import { BadInputError } from "../shared/errors.js";
import { requirePurpose } from "../shared/purpose.js";
import { caseSummaryInclude, type CaseSummary } from "./case-summary.js";
import { recordCaseConsultation } from "./record-case-consultation.js";

/** Matches an integration's own references to the cases the caller may see (a URN can cover several victims). */
export async function findCasesByReference(ctx: CoreContext, ref: { policeUrn?: string | null; cpsReference?: string | null }): Promise<CaseSummary[]> {
  requirePurpose(ctx);
  if (!ref.policeUrn && !ref.cpsReference) throw new BadInputError("Send a police URN or a CPS reference.", "policeUrn");
  const rows = await ctx.prisma.case.findMany({
    where: { AND: [accessibleWhere(ctx.ability, "Case"), ref.policeUrn ? { policeUrn: ref.policeUrn } : {}, ref.cpsReference ? { cpsReference: ref.cpsReference } : {}] },
    include: caseSummaryInclude(ctx),
    orderBy: { openedAt: "desc" },
    take: 50,
  });
  recordCaseConsultation(ctx, rows);
  return rows;
}
