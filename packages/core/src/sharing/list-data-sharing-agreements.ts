import { accessibleWhere } from "@hub/policy";
import type { CoreContext } from "../shared/context.js";

/** The partnership's register of data-sharing agreements, with their parties. */
export function listDataSharingAgreements(ctx: CoreContext) {
  return ctx.prisma.dataSharingAgreement.findMany({
    where: accessibleWhere(ctx.ability, "DataSharingAgreement"),
    include: { parties: { include: { organisation: true } } },
    orderBy: { reference: "asc" },
  });
}
