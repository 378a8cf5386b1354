// Accepting an update's words for the victim as they are: the agreed message holds back
// words that fail the plain-language check until a person either rewrites them (a
// correction that supersedes the update) or, having looked at what the check found, accepts
// them. Only the organisation that recorded the update may accept its words (the policy
// decides: casework-rules.ts). The first acceptance stands.
import { accessibleWhere, subject } from "@hub/policy";
import { loadCaseForChecks } from "../case-progress/load-case-for-checks.js";
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
