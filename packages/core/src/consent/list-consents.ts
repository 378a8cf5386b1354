import { accessibleWhere } from "@hub/policy";
import type { CoreContext } from "../shared/context.js";
import { requirePurpose } from "../shared/purpose.js";

/** The consent history of a case's victim: current and withdrawn, newest first. */
export async function listConsents(ctx: CoreContext, caseId: string, victimId: string) {
  requirePurpose(ctx);
  const consents = await ctx.prisma.consent.findMany({
    where: { AND: [{ victimId }, accessibleWhere(ctx.ability, "Consent")] },
    include: { scopes: true, withholdings: true },
    orderBy: { capturedAt: "desc" },
  });
  if (consents.length) {
    ctx.audit.record({ action: "CONSULTATION", entityType: "Consent", caseId, victimId, fields: ["Consent.scopes", "Consent.withholdings", "Consent.withdrawnAt"] });
  }
  return consents;
}
