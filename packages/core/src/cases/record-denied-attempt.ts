import type { CoreContext } from "../shared/context.js";
import { isUuid } from "../shared/ids.js";

/**
 * Logs a look-up the caller was not given. The caller only ever sees "not found"; the log
 * says whether the record exists, so auditors can spot someone probing for a case.
 */
export async function recordDeniedAttempt(ctx: CoreContext, entityType: "Case", id: string): Promise<void> {
  const existing = isUuid(id) ? await ctx.prisma.case.findUnique({ where: { id }, select: { id: true, victimId: true } }) : null;
  ctx.audit.record({
    action: "DENIED",
    entityType,
    entityId: isUuid(id) ? id : null,
    caseId: existing?.id ?? null,
    victimId: existing?.victimId ?? null,
    outcome: existing ? "not-permitted" : "no-such-record",
  });
}
