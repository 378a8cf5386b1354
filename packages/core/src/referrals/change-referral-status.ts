// Working a referral through its states. Every change is recorded with who and when. On
// acceptance the receiving organisation joins the case, with the access that gives; any
// answer from it (received, accepted, rejected) meets its acknowledgement clock (the partnership's 2-working-day service standard).
import { ReferralStatus } from "@hub/db";
import { CAPACITY_OF_KIND } from "../involvements/capacities.js";
import { recordNaming } from "../involvements/hand-over-contact.js";
import { tellOrganisationItJoined } from "../involvements/involvement-notices.js";
import { namedContactCandidates } from "../involvements/named-contact-candidates.js";
import { accessibleWhere, subject } from "@hub/policy";
import { z } from "zod";
import { writeAuditEntries } from "../audit/write-audit-entries.js";
import { type CoreContext, nowOf } from "../shared/context.js";
import { BadInputError, ConflictError, NotFoundError } from "../shared/errors.js";
import { isUuid } from "../shared/ids.js";
import { requirePurpose } from "../shared/purpose.js";
import { validate } from "../shared/validate.js";
import { NEEDS_OUTCOME, NEEDS_REASON, refuseReferralMove } from "./referral-states.js";

const ChangeInput = z.object({
  referralId: z.uuid({ message: "That is not a referral reference the hub gave out." }),
  to: z.enum(ReferralStatus),
  reason: z.string().trim().max(4000).nullish(),
  outcome: z.string().trim().max(4000).nullish(),
  expectedVersion: z.number().int().min(1),
});
export type ChangeReferralStatusInput = z.input<typeof ChangeInput>;

export async function changeReferralStatus(ctx: CoreContext, input: ChangeReferralStatusInput) {
  requirePurpose(ctx);
  const data = validate(ChangeInput, input);
  const referral = isUuid(data.referralId)
    ? await ctx.prisma.referral.findFirst({ where: { AND: [{ id: data.referralId }, accessibleWhere(ctx.ability, "Referral")] }, include: { case: { select: { victimId: true } } } })
    : null;
  if (!referral) throw new NotFoundError("referral");
  const side = referral.toOrganisationId === ctx.actor.organisationId ? "RECEIVER" : "REFERRER";
  if (side === "REFERRER" && referral.fromOrganisationId !== ctx.actor.organisationId) throw new NotFoundError("referral");
  if (side === "RECEIVER" && !ctx.ability.can("update", subject("Referral", referral))) throw new NotFoundError("referral");
  if (referral.version !== data.expectedVersion) throw new ConflictError("This referral was changed after you opened it. Nothing was changed: reload it and try again.");
  const refusal = refuseReferralMove(referral.status, data.to, side);
  if (refusal) throw new BadInputError(refusal, "to");
  if (NEEDS_REASON.includes(data.to) && !data.reason) throw new BadInputError("Give a reason, so the referring organisation and the victim know why.", "reason");
  if (NEEDS_OUTCOME.includes(data.to) && !data.outcome) throw new BadInputError("Say what came of the referral.", "outcome");

  return ctx.prisma.$transaction(async (tx) => {
    const { count } = await tx.referral.updateMany({
      where: { id: referral.id, version: referral.version },
      data: { status: data.to, statusReason: data.reason ?? referral.statusReason, outcome: data.outcome ?? referral.outcome, version: { increment: 1 } },
    });
    if (count === 0) throw new ConflictError("This referral was changed after you opened it. Nothing was changed: reload it and try again.");
    await tx.referralEvent.create({
      data: { referralId: referral.id, fromStatus: referral.status, toStatus: data.to, byUserId: ctx.actor.userId, byOrganisationId: ctx.actor.organisationId, reason: data.reason ?? data.outcome ?? null, at: nowOf(ctx) },
    });
    if (side === "RECEIVER") {
      await tx.statutoryClock.updateMany({
        where: { startedByUpdateId: referral.id, duty: "REFERRAL_ACKNOWLEDGEMENT", satisfiedAt: null, stoppedAt: null },
        data: { satisfiedAt: nowOf(ctx) },
      });
    } else if (data.to === "CANCELLED") {
      // Withdrawn before the receiver answered: nothing is owed any more, so the clock stops
      // (never breached, never counted); once answered it stands as it was.
      await tx.statutoryClock.updateMany({
        where: { startedByUpdateId: referral.id, duty: "REFERRAL_ACKNOWLEDGEMENT", satisfiedAt: null, breachedAt: null, stoppedAt: null },
        data: { stoppedAt: nowOf(ctx), stoppedReason: "referral-cancelled" },
      });
    }
    if (data.to === "ACCEPTED" && referral.toOrganisationId) {
      const already = await tx.caseInvolvement.findFirst({ where: { caseId: referral.caseId, organisationId: referral.toOrganisationId, until: null } });
      if (!already) {
        // Whoever accepts is her contact there, unless they cannot be one (a lead names someone).
        const [acceptor] = await namedContactCandidates(tx, [referral.toOrganisationId], { id: ctx.actor.userId });
        const joined = await tx.caseInvolvement.create({
          data: {
            caseId: referral.caseId,
            organisationId: referral.toOrganisationId,
            namedContactUserId: acceptor?.id ?? null,
            capacity: CAPACITY_OF_KIND[ctx.actor.organisationKind],
            since: nowOf(ctx),
            basis: "REFERRAL",
            referralId: referral.id,
            consentId: referral.consentId,
            lawfulBasisCode: referral.consentId ? "CONSENT" : null,
            addedByUserId: ctx.actor.userId,
            addedByOrganisationId: ctx.actor.organisationId,
          },
        });
        // Its leads are told; with a named contact, the naming is kept like any other.
        await tellOrganisationItJoined(tx, [joined.id]);
        if (acceptor) await recordNaming(tx, ctx, { involvementId: joined.id, fromUserId: null, toUserId: acceptor.id, reason: "Named when the referral was accepted.", at: nowOf(ctx) });
      }
    }
    await writeAuditEntries(tx, [
      ctx.audit.entry({ action: "ALTERATION", entityType: "Referral", entityId: referral.id, caseId: referral.caseId, victimId: referral.case.victimId, fields: ["Referral.status"], outcome: data.to }),
    ]);
    return tx.referral.findUniqueOrThrow({ where: { id: referral.id }, include: { shares: true, events: { orderBy: { at: "asc" } } } });
  });
}
