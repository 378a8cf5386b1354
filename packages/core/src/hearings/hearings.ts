// Hearings and their results. WCU clocks (Victims' Code Right 8 and 9) start when the WCU
// *receives* a court result, not at the hearing, so the receipt time is recorded separately;
// recording the result starts that clock (a result recorded again moves it). Who recorded
// it is kept: only that organisation may accept its words for the victim as they are.
import { CourtResultKind } from "@hub/db";
import { accessibleWhere, subject } from "@hub/policy";
import { z } from "zod";
import { writeAuditEntries } from "../audit/write-audit-entries.js";
import { casePolicyInclude } from "../case-progress/load-case-for-checks.js";
import { type CoreContext, nowOf } from "../shared/context.js";
import { BadInputError, NotFoundError } from "../shared/errors.js";
import { isUuid } from "../shared/ids.js";
import { requirePurpose } from "../shared/purpose.js";
import { startCourtResultClock } from "../statutory-clocks/start-clocks.js";
import { validate } from "../shared/validate.js";

const RecordHearingInput = z.object({
  caseId: z.uuid({ message: "That is not a case reference the hub gave out." }),
  court: z.string().trim().min(3, "Name the court.").max(200),
  startsAt: z.coerce.date(),
  type: z.string().trim().min(3, "Say what kind of hearing it is (for example: trial, sentencing).").max(100),
});
export type RecordHearingInput = z.input<typeof RecordHearingInput>;

const RecordCourtResultInput = z.object({
  hearingId: z.uuid({ message: "That is not a hearing reference the hub gave out." }),
  outcome: z.string().trim().min(3, "Say what the court decided.").max(2000),
  /** When the WCU received the result; defaults to now. */
  resultReceivedAt: z.coerce.date().nullish(),
  /** A verdict or sentence (the default), a bail decision, or an adjournment. */
  kind: z.enum(CourtResultKind).nullish(),
});
export type RecordCourtResultInput = z.input<typeof RecordCourtResultInput>;

export async function recordHearing(ctx: CoreContext, input: RecordHearingInput) {
  requirePurpose(ctx);
  const data = validate(RecordHearingInput, input);
  const found = isUuid(data.caseId) ? await ctx.prisma.case.findUnique({ where: { id: data.caseId }, include: casePolicyInclude(ctx) }) : null;
  if (!found || !ctx.ability.can("read", subject("Case", found))) throw new NotFoundError("case");
  if (!ctx.ability.can("create", subject("Hearing", { case: found } as never))) {
    throw new BadInputError("Hearings are recorded by the Witness Care Unit or the CPS working on the case.", "caseId");
  }
  return ctx.prisma.$transaction(async (tx) => {
    const hearing = await tx.hearing.create({ data: { caseId: found.id, court: data.court, startsAt: data.startsAt, type: data.type, createdAt: nowOf(ctx) } });
    await writeAuditEntries(tx, [ctx.audit.entry({ action: "COLLECTION", entityType: "Hearing", entityId: hearing.id, caseId: found.id, victimId: found.victimId, fields: ["Hearing.court", "Hearing.startsAt", "Hearing.type"] })]);
    return hearing;
  });
}

export async function recordCourtResult(ctx: CoreContext, input: RecordCourtResultInput) {
  requirePurpose(ctx);
  const data = validate(RecordCourtResultInput, input);
  const hearing = await ctx.prisma.hearing.findUnique({ where: { id: data.hearingId }, include: { case: { include: casePolicyInclude(ctx) } } });
  if (!hearing || !ctx.ability.can("read", subject("Case", hearing.case))) throw new NotFoundError("hearing");
  if (!ctx.ability.can("update", subject("Hearing", hearing))) {
    throw new BadInputError("Court results are recorded by the Witness Care Unit or the CPS working on the case.", "hearingId");
  }
  const receivedAt = data.resultReceivedAt ?? nowOf(ctx);
  if (receivedAt.getTime() < hearing.startsAt.getTime()) throw new BadInputError("A result cannot be received before the hearing starts.", "resultReceivedAt");
  if (receivedAt.getTime() > nowOf(ctx).getTime() + 60_000) throw new BadInputError("The time the result reached you cannot be in the future.", "resultReceivedAt");
  const kind = data.kind ?? "OUTCOME";
  return ctx.prisma.$transaction(async (tx) => {
    // Words accepted as they are stay accepted only while they are the same words.
    const wordsChanged = hearing.outcome !== data.outcome;
    const updated = await tx.hearing.update({
      where: { id: hearing.id },
      data: {
        outcome: data.outcome,
        resultReceivedAt: receivedAt,
        resultKind: kind,
        resultRecordedByOrganisationId: ctx.actor.organisationId,
        ...(wordsChanged ? { resultWordsAcceptedByUserId: null, resultWordsAcceptedAt: null } : {}),
      },
    });
    await startCourtResultClock(tx, hearing, kind, receivedAt, ctx.actor.organisationKind, nowOf(ctx));
    await writeAuditEntries(tx, [
      ctx.audit.entry({
        action: "ALTERATION",
        entityType: "Hearing",
        entityId: hearing.id,
        caseId: hearing.caseId,
        victimId: hearing.case.victimId,
        fields: ["Hearing.outcome", "Hearing.resultReceivedAt", "Hearing.resultKind", "Hearing.resultRecordedByOrganisationId", ...(wordsChanged ? ["Hearing.resultWordsAcceptedAt"] : [])],
      }),
    ]);
    return updated;
  });
}

export async function listHearings(ctx: CoreContext, caseId: string, victimId: string) {
  requirePurpose(ctx);
  const rows = await ctx.prisma.hearing.findMany({ where: { AND: [{ caseId }, accessibleWhere(ctx.ability, "Hearing")] }, orderBy: { startsAt: "asc" } });
  if (rows.length) ctx.audit.record({ action: "CONSULTATION", entityType: "Hearing", caseId, victimId, fields: ["Hearing.*"] });
  return rows;
}
