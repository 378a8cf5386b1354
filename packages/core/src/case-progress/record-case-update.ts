import { CaseUpdateType } from "@hub/db";
import { accessibleWhere, subject } from "@hub/policy";
import { z } from "zod";
import { writeAuditEntries } from "../audit/write-audit-entries.js";
import { type CoreContext, nowOf } from "../shared/context.js";
import { BadInputError, ConflictError, NotFoundError } from "../shared/errors.js";
import { requirePurpose } from "../shared/purpose.js";
import { validate } from "../shared/validate.js";
import { loadCaseForChecks } from "./load-case-for-checks.js";
import { followUpUpdates, receiptProblem, UPDATE_FIELDS, updateRow } from "./update-row.js";

const RecordCaseUpdateInput = z.object({
  caseId: z.uuid({ message: "That is not a case reference the hub gave out." }),
  type: z.enum(CaseUpdateType),
  occurredAt: z.coerce.date(),
  receivedAt: z.coerce.date().nullish(),
  internalNote: z.string().trim().max(4000).nullish(),
  victimExplanation: z.string().trim().min(10, "Write what the victim should be told, in a sentence or two.").max(4000),
  supersedesId: z.uuid().nullish(),
});
export type RecordCaseUpdateInput = z.input<typeof RecordCaseUpdateInput>;

/** Records a typed update on a case; a correction supersedes an earlier one, which is kept. */
export async function recordCaseUpdate(ctx: CoreContext, input: RecordCaseUpdateInput) {
  requirePurpose(ctx);
  const data = validate(RecordCaseUpdateInput, input);
  const now = nowOf(ctx).getTime();
  if (data.occurredAt.getTime() > now + 60_000) throw new BadInputError("An update records something that has happened: the date cannot be in the future.", "occurredAt");
  const receipt = receiptProblem(data, now);
  if (receipt) throw new BadInputError(receipt, "receivedAt");
  const found = await ctx.prisma.case.findFirst({ where: { AND: [{ id: data.caseId }, accessibleWhere(ctx.ability, "Case")] }, select: { id: true, victimId: true } });
  if (!found) {
    ctx.audit.record({ action: "DENIED", entityType: "CaseUpdate", entityId: data.caseId, outcome: "not-permitted" });
    throw new NotFoundError("case");
  }
  const row = await loadCaseForChecks(ctx, found.id);
  if (!ctx.ability.can("create", subject("CaseUpdate", { type: data.type, case: row } as never))) {
    throw new BadInputError(`Your organisation does not record "${data.type.toLowerCase().replaceAll("_", " ")}" updates: the agency that is the source for it does.`, "type");
  }
  if (data.supersedesId) {
    const earlier = await ctx.prisma.caseUpdate.findFirst({ where: { id: data.supersedesId, caseId: found.id } });
    if (!earlier) throw new BadInputError("The update being corrected is not on this case.", "supersedesId");
  }
  try {
    const recorded = await ctx.prisma.$transaction(async (tx) => {
      const update = await tx.caseUpdate.create({
        data: updateRow(ctx, found.id, data),
        include: { acknowledgements: true },
      });
      await writeAuditEntries(tx, [
        ctx.audit.entry({
          action: "COLLECTION",
          entityType: "CaseUpdate",
          entityId: update.id,
          caseId: found.id,
          victimId: found.victimId,
          fields: UPDATE_FIELDS,
        }),
      ]);
      await followUpUpdates(tx, ctx, [update]);
      return { ...update, supersededById: null as string | null };
    });
    ctx.events?.publish({ caseId: recorded.caseId, updateId: recorded.id });
    return recorded;
  } catch (error) {
    if ((error as { code?: string }).code === "P2002") throw new ConflictError("That update has already been corrected. Correct the latest version instead.");
    throw error;
  }
}
