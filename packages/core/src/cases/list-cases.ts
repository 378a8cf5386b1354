import { accessibleBy } from "@hub/policy";
import type { CoreContext } from "../shared/context.js";
import { decodeCursor, pageSize, toPage, type Page, type PageRequest } from "../shared/keyset-page.js";
import { caseSummaryInclude, type CaseSummary } from "./case-summary.js";

/** The cases the caller may see, newest first, one keyset page at a time. */
export async function listCases(ctx: CoreContext, request: PageRequest): Promise<Page<CaseSummary>> {
  const size = pageSize(request.first);
  const after = request.after ? decodeCursor(request.after) : null;
  const rows = await ctx.prisma.case.findMany({
    where: {
      AND: [
        accessibleBy(ctx.ability).ofType("Case"),
        after ? { OR: [{ openedAt: { lt: after.at } }, { openedAt: after.at, id: { lt: after.id } }] } : {},
      ],
    },
    include: caseSummaryInclude,
    orderBy: [{ openedAt: "desc" }, { id: "desc" }],
    take: size + 1,
  });
  return toPage(rows, size, (row) => ({ at: row.openedAt, id: row.id }));
}
