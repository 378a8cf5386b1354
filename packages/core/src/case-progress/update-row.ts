import type { CaseUpdateType, Prisma } from "@hub/db";
import { offersForUpdates, raiseReassessmentOffers } from "../enhanced-rights/reassessment-offers.js";
import { type CoreContext, nowOf } from "../shared/context.js";
import { type StartedBy, startClocks } from "../statutory-clocks/start-clocks.js";
import { followEventStages } from "./stage-change.js";

/** One update's row as recorded by the caller: the single shape both ways of recording use. */
export function updateRow(
  ctx: CoreContext,
  caseId: string,
  p: { type: CaseUpdateType; occurredAt: Date; receivedAt?: Date | null; internalNote?: string | null; victimExplanation: string; supersedesId?: string | null },
) {
  return {
    caseId,
    type: p.type,
    occurredAt: p.occurredAt,
    receivedAt: p.receivedAt ?? nowOf(ctx),
    internalNote: p.internalNote ?? null,
    victimExplanation: p.victimExplanation,
    supersedesId: p.supersedesId ?? null,
    recordedByUserId: ctx.actor.userId,
    recordedByOrganisationId: ctx.actor.organisationId,
    createdAt: nowOf(ctx),
  };
}

/**
 * What is wrong with an update's receipt time, if anything: news cannot reach the hub before
 * it happened, nor in the future (a clock would start from a moment that has not come).
 */
export function receiptProblem(p: { occurredAt: Date; receivedAt?: Date | null }, now: number): string | null {
  if (!p.receivedAt) return null;
  if (p.receivedAt.getTime() > now + 60_000) return "The time your organisation received this cannot be in the future.";
  if (p.receivedAt.getTime() < p.occurredAt.getTime()) return "News cannot be received before it happened: check the time it happened and the time it reached you.";
  return null;
}

/** What an update's audit entry names. */
export const UPDATE_FIELDS = ["CaseUpdate.type", "CaseUpdate.internalNote", "CaseUpdate.victimExplanation"];

/**
 * What both ways of recording do with the updates they wrote, in the same transaction: start
 * the Victims' Code clocks they trigger, offer a reassessment of Enhanced Rights when a case
 * fact that decides them changed (a charge altered), and move each case to the stage its
 * events decide (a charge: CHARGED), which brings in the agencies on duty there.
 */
export async function followUpUpdates(tx: Prisma.TransactionClient, ctx: CoreContext, written: StartedBy[]): Promise<void> {
  await startClocks(tx, written, ctx.actor.organisationKind, nowOf(ctx));
  await raiseReassessmentOffers(tx, offersForUpdates(written), ctx.actor.organisationId);
  await followEventStages(tx, ctx, written);
}
