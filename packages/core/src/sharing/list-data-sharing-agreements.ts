import { accessibleBy } from "@hub/policy";
import type { CoreContext } from "../shared/context.js";

/** The partnership's register of data-sharing agreements, with their parties. */
export function listDataSharingAgreements(ctx: CoreContext) {
  return ctx.prisma.dataSharingAgreement.findMany({
    where: accessibleBy(ctx.ability).ofType("DataSharingAgreement"),
    include: { parties: { include: { organisation: true } } },
    orderBy: { reference: "asc" },
  });
}
