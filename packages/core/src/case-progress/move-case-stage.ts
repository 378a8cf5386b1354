import { CaseStage } from "@hub/db";
import { subject } from "@hub/policy";
import { z } from "zod";
import { writeAuditEntries } from "../audit/write-audit-entries.js";
import type { CoreContext } from "../shared/context.js";
import { BadInputError, ConflictError, NotFoundError } from "../shared/errors.js";
import { requirePurpose } from "../shared/purpose.js";
import { validate } from "../shared/validate.js";
import { refuseStageMove } from "./case-stages.js";
import { loadCaseForChecks } from "./load-case-for-checks.js";

const MoveCaseStageInput = z.object({
  caseId: z.uuid({ message: "That is not a case reference the hub gave out." }),
  to: z.enum(CaseStage),
  /** The version the caller last saw: a case edited since then is a conflict, not a lost update. */
  expectedVersion: z.number().int().min(1),
});
export type MoveCaseStageInput = z.input<typeof MoveCaseStageInput>;

export async function moveCaseStage(ctx: CoreContext, input: MoveCaseStageInput) {
  requirePurpose(ctx);
  const data = validate(MoveCaseStageInput, input);
  const found = await loadCaseForChecks(ctx, data.caseId);
  if (!found || !ctx.ability.can("read", subject("Case", found))) {
    ctx.audit.record({ action: "DENIED", entityType: "Case", entityId: data.caseId, caseId: found?.id ?? null, victimId: found?.victimId ?? null, outcome: "not-permitted" });
    throw new NotFoundError("case");
  }
  if (!ctx.ability.can("update", subject("Case", found))) {
    throw new BadInputError("Only the police, the Witness Care Unit or the CPS working on this case can change its stage.", "to");
  }
  const stale = () =>
    new ConflictError("Someone else changed this case after you opened it. Nothing was changed: reload the case, check its stage, and try again.");
  // A stale view is a conflict before it is anything else: the caller decided on old facts.
  if (found.version !== data.expectedVersion) throw stale();
  const refusal = refuseStageMove(found.stage, data.to, ctx.actor.organisationKind);
  if (refusal) throw new BadInputError(refusal, "to");
  return ctx.prisma.$transaction(async (tx) => {
    const { count } = await tx.case.updateMany({
      where: { id: found.id, version: data.expectedVersion },
      data: { stage: data.to, version: { increment: 1 }, closedAt: data.to === "CLOSED" ? new Date() : null },
    });
    if (count === 0) throw stale();
    await writeAuditEntries(tx, [
      ctx.audit.entry({ action: "ALTERATION", entityType: "Case", entityId: found.id, caseId: found.id, victimId: found.victimId, fields: ["Case.stage", "Case.version"] }),
    ]);
    return tx.case.findUniqueOrThrow({ where: { id: found.id }, select: { id: true, stage: true, version: true } });
  });
}
