// Closing and reopening a case, each with its reason. Closing keeps everything (the case is
// history, not deleted); reopening returns it to the stage it had before it closed, unless
// the caller says which stage it goes back to (a case closed before the hub kept stage history).
import { CaseStage } from "@hub/db";
import { z } from "zod";
import { loadCaseToChange } from "../case-progress/move-case-stage.js";
import { changeStage, staleCase } from "../case-progress/stage-change.js";
import type { CoreContext } from "../shared/context.js";
import { BadInputError } from "../shared/errors.js";
import { requirePurpose } from "../shared/purpose.js";
import { validate } from "../shared/validate.js";

const reason = z.string({ error: "Say why." }).trim().min(5, "Say why, in a sentence, so the other agencies on the case understand.").max(2000, "Keep the reason to 2,000 characters.");

const CloseCaseInput = z.object({
  caseId: z.uuid({ message: "That is not a case reference the hub gave out." }),
  reason,
  expectedVersion: z.number().int().min(1),
});
export type CloseCaseInput = z.input<typeof CloseCaseInput>;

const ReopenCaseInput = CloseCaseInput.extend({
  to: z.enum(CaseStage).nullish(),
});
export type ReopenCaseInput = z.input<typeof ReopenCaseInput>;

export async function closeCase(ctx: CoreContext, input: CloseCaseInput) {
  requirePurpose(ctx);
  const data = validate(CloseCaseInput, input);
  const found = await loadCaseToChange(ctx, data.caseId, "caseId");
  if (found.version !== data.expectedVersion) throw staleCase();
  if (found.stage === "CLOSED") throw new BadInputError("This case is already closed. Nothing was changed.", "caseId");
  return ctx.prisma.$transaction((tx) => changeStage(tx, ctx, { kase: found, to: "CLOSED", cause: "CLOSED", reason: data.reason, expectedVersion: data.expectedVersion }));
}

export async function reopenCase(ctx: CoreContext, input: ReopenCaseInput) {
  requirePurpose(ctx);
  const data = validate(ReopenCaseInput, input);
  const found = await loadCaseToChange(ctx, data.caseId, "caseId");
  if (found.version !== data.expectedVersion) throw staleCase();
  if (found.stage !== "CLOSED") throw new BadInputError("Only a closed case can be reopened. Nothing was changed.", "caseId");
  const closing = await ctx.prisma.caseStageChange.findFirst({ where: { caseId: found.id, toStage: "CLOSED" }, orderBy: { at: "desc" }, select: { fromStage: true } });
  const to = data.to ?? closing?.fromStage ?? null;
  if (!to) throw new BadInputError("The hub does not know which stage this case was at before it closed: say which stage it goes back to.", "to");
  if (to === "CLOSED") throw new BadInputError("Choose the stage the case goes back to, not closed.", "to");
  return ctx.prisma.$transaction((tx) => changeStage(tx, ctx, { kase: found, to, cause: "REOPENED", reason: data.reason, expectedVersion: data.expectedVersion }));
}
