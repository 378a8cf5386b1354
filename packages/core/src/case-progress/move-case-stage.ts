import { CaseStage } from "@hub/db";
import { subject } from "@hub/policy";
import { z } from "zod";
import type { CoreContext } from "../shared/context.js";
import { BadInputError, NotFoundError } from "../shared/errors.js";
import { requirePurpose } from "../shared/purpose.js";
import { validate } from "../shared/validate.js";
import { refuseStageMove } from "./case-stages.js";
import { loadCaseForChecks } from "./load-case-for-checks.js";
import { changeStage, staleCase } from "./stage-change.js";

const MoveCaseStageInput = z.object({
  caseId: z.uuid({ message: "That is not a case reference the hub gave out." }),
  to: z.enum(CaseStage),
  /** The version the caller last saw: a case edited since then is a conflict, not a lost update. */
  expectedVersion: z.number().int().min(1),
  reason: z.string().trim().max(2000).nullish(),
});
export type MoveCaseStageInput = z.input<typeof MoveCaseStageInput>;

/** A case the caller may change the stage of (a statutory agency working on it), loaded for the policy. */
export async function loadCaseToChange(ctx: CoreContext, caseId: string, field: string) {
  const found = await loadCaseForChecks(ctx, caseId);
  if (!found || !ctx.ability.can("read", subject("Case", found))) {
    ctx.audit.record({ action: "DENIED", entityType: "Case", entityId: caseId, caseId: found?.id ?? null, victimId: found?.victimId ?? null, outcome: "not-permitted" });
    throw new NotFoundError("case");
  }
  if (!ctx.ability.can("update", subject("Case", found))) {
    throw new BadInputError("Only the police, the Witness Care Unit or the CPS working on this case can change its stage.", field);
  }
  return found;
}

export async function moveCaseStage(ctx: CoreContext, input: MoveCaseStageInput) {
  requirePurpose(ctx);
  const data = validate(MoveCaseStageInput, input);
  const found = await loadCaseToChange(ctx, data.caseId, "to");
  // A stale view is a conflict before it is anything else: the caller decided on old facts.
  if (found.version !== data.expectedVersion) throw staleCase();
  const refusal = refuseStageMove(found.stage, data.to, ctx.actor.organisationKind);
  if (refusal) throw new BadInputError(refusal, "to");
  return ctx.prisma.$transaction((tx) => changeStage(tx, ctx, { kase: found, to: data.to, cause: data.to === "CLOSED" ? "CLOSED" : "MOVED", reason: data.reason ?? null, expectedVersion: data.expectedVersion }));
}
