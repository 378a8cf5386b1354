import { accessibleWhere } from "@hub/policy";
import type { CoreContext } from "../shared/context.js";
import { decodeCursor, pageSize, toPage, type Page, type PageRequest } from "../shared/keyset-page.js";
import { requirePurpose } from "../shared/purpose.js";
import { caseSummaryInclude, type CaseSummary } from "./case-summary.js";
import { recordCaseConsultation } from "./record-case-consultation.js";

/** The cases the caller may see for their stated purpose, newest first, one keyset page at a time. */
export async function listCases(ctx: CoreContext, request: PageRequest): Promise<Page<CaseSummary>> {
  requirePurpose(ctx);
  const size = pageSize(request.first);
  const after = request.after ? decodeCursor(request.after) : null;
  const rows = await ctx.prisma.case.findMany({
    where: {
      AND: [
        accessibleWhere(ctx.ability, "Case"),
        after ? { OR: [{ openedAt: { lt: after.at } }, { openedAt: after.at, id: { lt: after.id } }] } : {},
      ],
    },
    include: caseSummaryInclude(ctx),
    orderBy: [{ openedAt: "desc" }, { id: "desc" }],
    take: size + 1,
  });
  const page = toPage(rows, size, (row) => ({ at: row.openedAt, id: row.id }));
  recordCaseConsultation(
    ctx,
    page.items.map((i) => i.node),
  );
  return page;
}
