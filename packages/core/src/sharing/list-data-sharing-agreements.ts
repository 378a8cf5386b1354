import { accessibleWhere } from "@hub/policy";
import type { CoreContext } from "../shared/context.js";
import { agreementViews } from "./agreement-view.js";

/** The partnership's register of data-sharing agreements, with their parties (and any withdrawals) and whether each is due for review. */
export async function listDataSharingAgreements(ctx: CoreContext) {
  const rows = await ctx.prisma.dataSharingAgreement.findMany({
    where: accessibleWhere(ctx.ability, "DataSharingAgreement"),
    include: { parties: { include: { organisation: true } } },
    orderBy: { reference: "asc" },
  });
  return agreementViews(ctx.prisma, rows);
}
