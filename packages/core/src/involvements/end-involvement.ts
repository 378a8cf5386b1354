// An organisation's involvement in a case ends, with who ended it and why; it is never deleted.
// Its leads end it (the policy says who). From the next request the organisation sees the case
// no more, unless it still has another way in (a referral it has not answered).
import { subject } from "@hub/policy";
import { z } from "zod";
import { writeAuditEntries } from "../audit/write-audit-entries.js";
import { casePolicyInclude } from "../case-progress/load-case-for-checks.js";
import { type CoreContext, nowOf } from "../shared/context.js";
import { BadInputError, ConflictError, NotFoundError } from "../shared/errors.js";
import { isUuid } from "../shared/ids.js";
import { requirePurpose } from "../shared/purpose.js";
import { validate } from "../shared/validate.js";

const EndInvolvementInput = z.object({
  involvementId: z.uuid({ message: "That is not an involvement reference the hub gave out." }),
  reason: z.string({ error: "Say why." }).trim().min(5, "Say why the organisation is leaving the case, in a sentence.").max(2000, "Keep the reason to 2,000 characters."),
});
export type EndInvolvementInput = z.input<typeof EndInvolvementInput>;

export async function endCaseInvolvement(ctx: CoreContext, input: EndInvolvementInput) {
  requirePurpose(ctx);
  const data = validate(EndInvolvementInput, input);
  const involvement = isUuid(data.involvementId)
    ? await ctx.prisma.caseInvolvement.findUnique({ where: { id: data.involvementId }, include: { organisation: { select: { name: true } }, case: { include: casePolicyInclude(ctx) } } })
    : null;
  if (!involvement || !ctx.ability.can("read", subject("Case", involvement.case))) throw new NotFoundError("involvement");
  if (involvement.until !== null) throw new ConflictError(`${involvement.organisation.name}'s involvement has already ended. Nothing was changed.`);
  if (!ctx.ability.can("update", subject("CaseInvolvement", involvement), "until")) {
    throw new BadInputError(`Only ${involvement.organisation.name}'s organisation admins or casework leads can end its involvement.`, "involvementId");
  }
  const now = nowOf(ctx);
  return ctx.prisma.$transaction(async (tx) => {
    const { count } = await tx.caseInvolvement.updateMany({ where: { id: involvement.id, until: null }, data: { until: now, endedByUserId: ctx.actor.userId, endReason: data.reason } });
    if (count === 0) throw new ConflictError(`${involvement.organisation.name}'s involvement has already ended. Nothing was changed.`);
    await writeAuditEntries(tx, [
      ctx.audit.entry({ action: "ALTERATION", entityType: "CaseInvolvement", entityId: involvement.id, caseId: involvement.caseId, victimId: involvement.case.victimId, fields: ["CaseInvolvement.until", "CaseInvolvement.endReason"], outcome: "ended" }),
    ]);
    return tx.caseInvolvement.findUniqueOrThrow({ where: { id: involvement.id } });
  });
}
