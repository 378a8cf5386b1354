import { subject } from "@hub/policy";
import { writeAuditEntries } from "../audit/write-audit-entries.js";
import { type CoreContext, nowOf } from "../shared/context.js";
import { ConflictError, NotFoundError } from "../shared/errors.js";
import { isUuid } from "../shared/ids.js";
import { requirePurpose } from "../shared/purpose.js";

/** Withdraws a consent. It stops sharing from the very next request; the record is kept. */
export async function withdrawConsent(ctx: CoreContext, consentId: string) {
  requirePurpose(ctx);
  const involvements = { select: { organisationId: true, until: true } } as const;
  const consent = isUuid(consentId)
    ? await ctx.prisma.consent.findUnique({ where: { id: consentId }, include: { victim: { select: { cases: { select: { id: true, involvements } } } } } })
    : null;
  if (!consent || !ctx.ability.can("read", subject("Consent", consent))) {
    ctx.audit.record({ action: "DENIED", entityType: "Consent", entityId: isUuid(consentId) ? consentId : null, victimId: consent?.victimId ?? null, outcome: "not-permitted" });
    throw new NotFoundError("consent");
  }
  if (consent.withdrawnAt) throw new ConflictError("This consent has already been withdrawn. Nothing was changed.");
  if (!ctx.ability.can("update", subject("Consent", consent))) throw new NotFoundError("consent");
  return ctx.prisma.$transaction(async (tx) => {
    const { count } = await tx.consent.updateMany({
      where: { id: consentId, withdrawnAt: null },
      data: { withdrawnAt: nowOf(ctx), withdrawnByUserId: ctx.actor.userId },
    });
    if (count === 0) throw new ConflictError("This consent has already been withdrawn. Nothing was changed.");
    await writeAuditEntries(tx, [
      ctx.audit.entry({ action: "ALTERATION", entityType: "Consent", entityId: consentId, consentId, victimId: consent.victimId, fields: ["Consent.withdrawnAt"] }),
    ]);
    return tx.consent.findUniqueOrThrow({ where: { id: consentId }, include: { scopes: true, withholdings: true } });
  });
}
