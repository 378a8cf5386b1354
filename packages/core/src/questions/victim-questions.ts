// Two-way dialogue: a victim's question, relayed by her advocate or recorded by an agency,
// goes to the CPS or the WCU with a date to answer by. Answers return to the case, and
// unanswered questions stay visible to everyone supporting her until they are answered.
import { accessibleWhere, subject } from "@hub/policy";
import { z } from "zod";
import { writeAuditEntries } from "../audit/write-audit-entries.js";
import { casePolicyInclude } from "../case-progress/load-case-for-checks.js";
import { type CoreContext, nowOf } from "../shared/context.js";
import { ConflictError, NotFoundError } from "../shared/errors.js";
import { isUuid } from "../shared/ids.js";
import { requirePurpose } from "../shared/purpose.js";
import { validate } from "../shared/validate.js";

/** Without an agreed date, an answer is due within a week. */
const DEFAULT_DAYS_TO_ANSWER = 7;

const AskQuestionInput = z.object({
  caseId: z.uuid({ message: "That is not a case reference the hub gave out." }),
  forKind: z.enum(["CPS", "POLICE_WCU", "POLICE"], { message: "Questions go to the CPS, the Witness Care Unit or the police." }),
  question: z.string().trim().min(5, "Write the victim's question as she asked it.").max(4000),
  dueBy: z.coerce.date().nullish(),
});
export type AskQuestionInput = z.input<typeof AskQuestionInput>;

const AnswerQuestionInput = z.object({
  questionId: z.uuid({ message: "That is not a question reference the hub gave out." }),
  answer: z.string().trim().min(5, "Write the answer as the victim should hear it.").max(8000),
});
export type AnswerQuestionInput = z.input<typeof AnswerQuestionInput>;

export async function askQuestion(ctx: CoreContext, input: AskQuestionInput) {
  requirePurpose(ctx);
  const data = validate(AskQuestionInput, input);
  const found = await ctx.prisma.case.findFirst({ where: { AND: [{ id: data.caseId }, accessibleWhere(ctx.ability, "Case")] }, select: { id: true, victimId: true } });
  if (!found) {
    ctx.audit.record({ action: "DENIED", entityType: "VictimQuestion", entityId: data.caseId, outcome: "not-permitted" });
    throw new NotFoundError("case");
  }
  const askedAt = nowOf(ctx);
  const dueBy = data.dueBy ?? new Date(askedAt.getTime() + DEFAULT_DAYS_TO_ANSWER * 86_400_000);
  return ctx.prisma.$transaction(async (tx) => {
    const question = await tx.victimQuestion.create({
      data: { caseId: found.id, askedAt, forKind: data.forKind, question: data.question, dueBy, relayedByUserId: ctx.actor.userId, relayedByOrganisationId: ctx.actor.organisationId },
    });
    await writeAuditEntries(tx, [ctx.audit.entry({ action: "COLLECTION", entityType: "VictimQuestion", entityId: question.id, caseId: found.id, victimId: found.victimId, fields: ["VictimQuestion.question"] })]);
    return question;
  });
}

export async function answerQuestion(ctx: CoreContext, input: AnswerQuestionInput) {
  requirePurpose(ctx);
  const data = validate(AnswerQuestionInput, input);
  const question = isUuid(data.questionId)
    ? await ctx.prisma.victimQuestion.findFirst({ where: { AND: [{ id: data.questionId }, accessibleWhere(ctx.ability, "VictimQuestion")] }, include: { case: { select: { victimId: true } } } })
    : null;
  if (!question) throw new NotFoundError("question");
  if (question.answeredAt) throw new ConflictError("This question has already been answered. Nothing was changed.");
  // The row passed the read rule in SQL; the update rule adds who may answer it.
  const full = await ctx.prisma.victimQuestion.findUniqueOrThrow({
    where: { id: question.id },
    include: { case: { include: casePolicyInclude(ctx) } },
  });
  if (!ctx.ability.can("update", subject("VictimQuestion", full))) {
    throw new NotFoundError("question");
  }
  return ctx.prisma.$transaction(async (tx) => {
    const { count } = await tx.victimQuestion.updateMany({
      where: { id: question.id, answeredAt: null },
      data: { answer: data.answer, answeredAt: nowOf(ctx), answeredByUserId: ctx.actor.userId, answeredByOrganisationId: ctx.actor.organisationId },
    });
    if (count === 0) throw new ConflictError("This question has already been answered. Nothing was changed.");
    await writeAuditEntries(tx, [
      ctx.audit.entry({ action: "ALTERATION", entityType: "VictimQuestion", entityId: question.id, caseId: question.caseId, victimId: question.case.victimId, fields: ["VictimQuestion.answer"] }),
    ]);
    return tx.victimQuestion.findUniqueOrThrow({ where: { id: question.id } });
  });
}

/** A case's questions: unanswered first (oldest due first), then answered. */
export async function listQuestions(ctx: CoreContext, caseId: string, victimId: string) {
  requirePurpose(ctx);
  const rows = await ctx.prisma.victimQuestion.findMany({
    where: { AND: [{ caseId }, accessibleWhere(ctx.ability, "VictimQuestion")] },
    orderBy: [{ answeredAt: { sort: "desc", nulls: "first" } }, { dueBy: "asc" }],
  });
  if (rows.length) ctx.audit.record({ action: "CONSULTATION", entityType: "VictimQuestion", caseId, victimId, fields: ["VictimQuestion.*"] });
  return rows;
}
