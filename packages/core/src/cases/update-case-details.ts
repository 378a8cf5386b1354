// The case's own facts besides its stage: the CPS reference (given by the CPS when the file
// reaches it) and the kind of offence (police or CPS, when it is reclassified). A changed
// offence may change her Enhanced Rights, so it offers a reassessment.
import { OffenceCategory } from "@hub/db";
import { z } from "zod";
import { writeAuditEntries } from "../audit/write-audit-entries.js";
import { loadCaseToChange } from "../case-progress/move-case-stage.js";
import { staleCase } from "../case-progress/stage-change.js";
import { raiseReassessmentOffers } from "../enhanced-rights/reassessment-offers.js";
import type { CoreContext } from "../shared/context.js";
import { BadInputError, ConflictError } from "../shared/errors.js";
import { requirePurpose } from "../shared/purpose.js";
import { validate } from "../shared/validate.js";

const UpdateCaseDetailsInput = z.object({
  caseId: z.uuid({ message: "That is not a case reference the hub gave out." }),
  expectedVersion: z.number().int().min(1),
  cpsReference: z.string().trim().toUpperCase().regex(/^[0-9A-Z/-]{3,40}$/, "Give the CPS reference as it is on the CPS's system.").nullish(),
  offenceCategory: z.enum(OffenceCategory, { error: "Choose the kind of offence from the list." }).nullish(),
});
export type UpdateCaseDetailsInput = z.input<typeof UpdateCaseDetailsInput>;

export async function updateCaseDetails(ctx: CoreContext, input: UpdateCaseDetailsInput) {
  requirePurpose(ctx);
  const data = validate(UpdateCaseDetailsInput, input);
  const found = await loadCaseToChange(ctx, data.caseId, "caseId");
  if (found.version !== data.expectedVersion) throw staleCase();
  const kind = ctx.actor.organisationKind;
  if (data.cpsReference && kind !== "CPS") throw new BadInputError("The CPS reference is given by the CPS.", "cpsReference");
  if (data.offenceCategory && kind !== "POLICE" && kind !== "CPS") throw new BadInputError("The kind of offence is set by the police or the CPS.", "offenceCategory");
  const changes = {
    ...(data.cpsReference && data.cpsReference !== found.cpsReference ? { cpsReference: data.cpsReference } : {}),
    ...(data.offenceCategory && data.offenceCategory !== found.offenceCategory ? { offenceCategory: data.offenceCategory } : {}),
  };
  if (Object.keys(changes).length === 0) throw new BadInputError("Nothing has changed.", "cpsReference");
  try {
    return await ctx.prisma.$transaction(async (tx) => {
      const { count } = await tx.case.updateMany({ where: { id: found.id, version: data.expectedVersion }, data: { ...changes, version: { increment: 1 } } });
      if (count === 0) throw staleCase();
      if (changes.offenceCategory) await raiseReassessmentOffers(tx, [{ caseId: found.id, reason: "CASE_FACTS_CHANGED" }], ctx.actor.organisationId);
      await writeAuditEntries(tx, [
        ctx.audit.entry({ action: "ALTERATION", entityType: "Case", entityId: found.id, caseId: found.id, victimId: found.victimId, fields: Object.keys(changes).map((k) => `Case.${k}`) }),
      ]);
      return tx.case.findUniqueOrThrow({ where: { id: found.id }, select: { id: true, version: true } });
    });
  } catch (error) {
    if ((error as { code?: string }).code === "P2002") throw new ConflictError("Another case for this victim already has that CPS reference. Nothing was changed.");
    throw error;
  }
}
