import { accessibleWhere } from "@hub/policy";
import type { CoreContext } from "../shared/context.js";
import { withReviewDue } from "./maintain-data-sharing-agreement.js";

/** The partnership's register of data-sharing agreements, with their parties and whether each is due for review. */
export async function listDataSharingAgreements(ctx: CoreContext) {
  const now = new Date();
  const rows = await ctx.prisma.dataSharingAgreement.findMany({
    where: accessibleWhere(ctx.ability, "DataSharingAgreement"),
    include: { parties: { include: { organisation: true } } },
    orderBy: { reference: "asc" },
  });
  return rows.map((row) => withReviewDue(row, now));
}
