import type { CaseUpdateType } from "@hub/db";
import type { CoreContext } from "../shared/context.js";

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
    receivedAt: p.receivedAt ?? new Date(),
    internalNote: p.internalNote ?? null,
    victimExplanation: p.victimExplanation,
    supersedesId: p.supersedesId ?? null,
    recordedByUserId: ctx.actor.userId,
    recordedByOrganisationId: ctx.actor.organisationId,
  };
}

/** What an update's audit entry names. */
export const UPDATE_FIELDS = ["CaseUpdate.type", "CaseUpdate.internalNote", "CaseUpdate.victimExplanation"];
