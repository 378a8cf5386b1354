// The named point of contact of an organisation on a case, and handing it over: who, to whom,
// when and why (ContactHandover, never edited), told to the new contact. When the person
// handed over is the contact the victim chose in her contact agreement, her choice follows the
// hand-over: she chose her ISVA, and her ISVA is now the new person.
import type { Prisma } from "@hub/db";
import { subject } from "@hub/policy";
import { z } from "zod";
import { writeAuditEntries } from "../audit/write-audit-entries.js";
import { casePolicyInclude } from "../case-progress/load-case-for-checks.js";
import { type CoreContext, nowOf } from "../shared/context.js";
import { BadInputError, ConflictError, NotFoundError } from "../shared/errors.js";
import { isUuid } from "../shared/ids.js";
import { requirePurpose } from "../shared/purpose.js";
import { validate } from "../shared/validate.js";
import { tellNewNamedContact } from "./involvement-notices.js";
import { requireNamedContactCandidate } from "./named-contact-candidates.js";

const HandOverInput = z.object({
  involvementId: z.uuid({ message: "That is not an involvement reference the hub gave out." }),
  toUserId: z.uuid({ message: "Choose the new named contact from your organisation's list." }),
  reason: z.string({ error: "Say why the contact is changing." }).trim().min(3, "Say why the contact is changing (for example: on leave until June).").max(1000, "Keep the reason to 1,000 characters."),
});
export type HandOverInput = z.input<typeof HandOverInput>;

/** Records a naming or hand-over and tells the new contact (unless they named themselves), in the caller's transaction. */
export async function recordNaming(
  tx: Prisma.TransactionClient,
  ctx: CoreContext,
  naming: { involvementId: string; fromUserId: string | null; toUserId: string; reason: string; at: Date },
): Promise<string> {
  const handover = await tx.contactHandover.create({
    data: { involvementId: naming.involvementId, fromUserId: naming.fromUserId, toUserId: naming.toUserId, byUserId: ctx.actor.userId, at: naming.at, reason: naming.reason },
  });
  if (naming.toUserId !== ctx.actor.userId) await tellNewNamedContact(tx, handover.id);
  return handover.id;
}

export async function handOverNamedContact(ctx: CoreContext, input: HandOverInput) {
  requirePurpose(ctx);
  const data = validate(HandOverInput, input);
  const involvement = isUuid(data.involvementId)
    ? await ctx.prisma.caseInvolvement.findUnique({ where: { id: data.involvementId }, include: { organisation: { select: { name: true } }, case: { include: casePolicyInclude(ctx) } } })
    : null;
  if (!involvement || !ctx.ability.can("read", subject("Case", involvement.case))) throw new NotFoundError("involvement");
  if (involvement.until !== null) throw new BadInputError(`${involvement.organisation.name} is no longer on this case, so its contact cannot be handed over.`, "involvementId");
  if (!ctx.ability.can("update", subject("CaseInvolvement", involvement), "namedContactUserId")) {
    throw new BadInputError(`Only ${involvement.organisation.name}'s organisation admins, casework leads or its named contact on the case can hand it over.`, "involvementId");
  }
  if (involvement.namedContactUserId === data.toUserId) throw new BadInputError("That person is already the named contact.", "toUserId");
  const to = await requireNamedContactCandidate(ctx.prisma, involvement.organisationId, data.toUserId, "toUserId");
  const from = involvement.namedContactUserId;
  const at = nowOf(ctx);
  return ctx.prisma.$transaction(async (tx) => {
    const { count } = await tx.caseInvolvement.updateMany({ where: { id: involvement.id, until: null, namedContactUserId: from }, data: { namedContactUserId: to.id } });
    if (count === 0) throw new ConflictError("Someone else changed this contact after you opened the case. Nothing was changed: reload it and try again.");
    const handoverId = await recordNaming(tx, ctx, { involvementId: involvement.id, fromUserId: from, toUserId: to.id, reason: data.reason, at });
    // Her chosen contact moves with the hand-over.
    const followed = from ? await tx.victimContactContract.updateMany({ where: { victimId: involvement.case.victimId, namedContactUserId: from }, data: { namedContactUserId: to.id, version: { increment: 1 } } }) : { count: 0 };
    await writeAuditEntries(tx, [
      ctx.audit.entry({
        action: "ALTERATION",
        entityType: "CaseInvolvement",
        entityId: involvement.id,
        caseId: involvement.caseId,
        victimId: involvement.case.victimId,
        fields: ["CaseInvolvement.namedContactUserId", ...(followed.count ? ["VictimContactContract.namedContactUserId"] : [])],
        outcome: "handed-over",
      }),
    ]);
    return { handoverId, involvementId: involvement.id };
  });
}
