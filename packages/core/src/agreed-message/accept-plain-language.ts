// Accepting an update's words for the victim as they are: the agreed message holds back
// words that fail the plain-language check until a person either rewrites them (a
// correction that supersedes the update) or, having looked at what the check found, accepts
// them. Only the organisation that recorded the update may accept its words (the policy
// decides: casework-rules.ts). The first acceptance stands.
import { accessibleWhere, subject } from "@hub/policy";
import { writeAuditEntries } from "../audit/write-audit-entries.js";
import { casePolicyInclude, loadCaseForChecks } from "../case-progress/load-case-for-checks.js";
import { type CoreContext, nowOf } from "../shared/context.js";
import { BadInputError, ConflictError, NotFoundError } from "../shared/errors.js";
import { isUuid } from "../shared/ids.js";
import { requirePurpose } from "../shared/purpose.js";

export async function acceptPlainLanguage(ctx: CoreContext, updateId: string) {
  requirePurpose(ctx);
  const update = isUuid(updateId)
    ? await ctx.prisma.caseUpdate.findFirst({
        where: { AND: [{ id: updateId }, accessibleWhere(ctx.ability, "CaseUpdate")] },
        select: { id: true, caseId: true, recordedByOrganisationId: true, supersededBy: { select: { id: true } }, plainLanguageAcceptance: true },
      })
    : null;
  if (!update) throw new NotFoundError("update");
  const row = await loadCaseForChecks(ctx, update.caseId);
  if (!row || !ctx.ability.can("create", subject("CaseUpdatePlainLanguageAcceptance", { update: { recordedByOrganisationId: update.recordedByOrganisationId, case: row } } as never))) {
    throw new BadInputError("Only the organisation that recorded this update can accept its words. You can record a correction with rewritten words instead.", "updateId");
  }
  if (update.plainLanguageAcceptance) return update.plainLanguageAcceptance;
  if (update.supersededBy) throw new ConflictError("A correction has replaced this update, so its words are no longer used. Nothing was changed.");
  return ctx.prisma.caseUpdatePlainLanguageAcceptance.upsert({
    where: { updateId: update.id },
    create: { updateId: update.id, organisationId: ctx.actor.organisationId, userId: ctx.actor.userId, at: nowOf(ctx) },
    update: {},
  });
}

/**
 * The same for a court result's words: only the organisation that recorded the result may
 * accept them. The first acceptance stands until the result is recorded again with other
 * words (recordCourtResult clears it), and then the new words need accepting afresh.
 */
export async function acceptCourtResultPlainLanguage(ctx: CoreContext, hearingId: string) {
  requirePurpose(ctx);
  const hearing = isUuid(hearingId) ? await ctx.prisma.hearing.findUnique({ where: { id: hearingId }, include: { case: { include: casePolicyInclude(ctx) } } }) : null;
  if (!hearing || !ctx.ability.can("read", subject("Hearing", hearing))) throw new NotFoundError("hearing");
  if (hearing.outcome === null) throw new ConflictError("No court result has been recorded for this hearing yet, so there are no words to accept. Nothing was changed.");
  if (!ctx.ability.can("update", subject("Hearing", hearing), "resultWordsAcceptedAt")) {
    throw new BadInputError("Only the organisation that recorded this court result can accept its words. You can record the result again with rewritten words instead.", "hearingId");
  }
  const acceptance = (h: Pick<typeof hearing, "id" | "resultRecordedByOrganisationId" | "resultWordsAcceptedByUserId" | "resultWordsAcceptedAt">) => ({
    hearingId: h.id,
    organisationId: h.resultRecordedByOrganisationId as string,
    userId: h.resultWordsAcceptedByUserId as string,
    at: h.resultWordsAcceptedAt as Date,
  });
  if (hearing.resultWordsAcceptedAt) return acceptance(hearing);
  return ctx.prisma.$transaction(async (tx) => {
    // Only these words: if the result was recorded again meanwhile, or someone accepted first, this changes nothing.
    await tx.hearing.updateMany({
      where: { id: hearing.id, outcome: hearing.outcome, resultWordsAcceptedAt: null },
      data: { resultWordsAcceptedByUserId: ctx.actor.userId, resultWordsAcceptedAt: nowOf(ctx) },
    });
    const now = await tx.hearing.findUniqueOrThrow({ where: { id: hearing.id } });
    if (!now.resultWordsAcceptedAt) throw new ConflictError("The court result was recorded again with other words while you were reading it. Look at the new words before accepting them. Nothing was changed.");
    await writeAuditEntries(tx, [
      ctx.audit.entry({ action: "ALTERATION", entityType: "Hearing", entityId: hearing.id, caseId: hearing.caseId, victimId: hearing.case.victimId, fields: ["Hearing.resultWordsAcceptedByUserId", "Hearing.resultWordsAcceptedAt"] }),
    ]);
    return acceptance(now);
  });
}
