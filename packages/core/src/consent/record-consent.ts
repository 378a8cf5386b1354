// Recording what the victim said: what she agreed may be shared, and what she asked to be kept
// back. Each thing is a statement; for each category, recipient and purpose her most recent
// statement stands (the database works out what they add up to). Who may record what is the
// policy's rule (consent-rules.ts): an organisation recording a consent for itself must say how
// and when she said it, and the agency holding her data and her named contact are told.
import type { ConsentGivenBy, ConsentSaidHow } from "@hub/db";
import { auditFieldNames, mayRecordStatements, type StatementToRecord, subject } from "@hub/policy";
import { writeAuditEntries } from "../audit/write-audit-entries.js";
import { loadCaseForChecks, victimOfCase } from "../case-progress/load-case-for-checks.js";
import { type CoreContext, nowOf } from "../shared/context.js";
import { BadInputError, NotFoundError } from "../shared/errors.js";
import { requirePurpose } from "../shared/purpose.js";
import { validate } from "../shared/validate.js";
import { loadConsentFacts } from "./consent-facts.js";
import { RecordConsentInput } from "./consent-input.js";
import { consentWithStatements, toConsentView } from "./list-consents.js";

export const SELF_RECORDED_TOPIC = "consent.self-recorded";

/** A moment a caseworker gives for when she said it: never in the future (a little clock drift allowed). */
export function checkSaidAt(ctx: CoreContext, saidAt: Date | null | undefined) {
  if (saidAt && saidAt.getTime() > nowOf(ctx).getTime() + 5 * 60_000) {
    throw new BadInputError("Give the date and time she said it: it cannot be in the future.", "saidAt");
  }
}

/** The case, when the caller's organisation works on it and may record her consent; "not found" otherwise. */
export async function caseForConsent(ctx: CoreContext, caseId: string) {
  const found = await loadCaseForChecks(ctx, caseId);
  if (!found || !ctx.ability.can("create", subject("Consent", victimOfCase(found)))) {
    ctx.audit.record({ action: "DENIED", entityType: "Consent", caseId: found?.id ?? null, victimId: found?.victimId ?? null, outcome: "not-permitted" });
    throw new NotFoundError("case");
  }
  return found;
}

/** The organisations a set of statements names must be partnership members. */
export async function checkRecipientsExist(ctx: CoreContext, statements: readonly StatementToRecord[], field: string) {
  const ids = [...new Set(statements.map((s) => s.recipientOrganisationId).filter((id): id is string => !!id))];
  const known = await ctx.prisma.organisation.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } });
  if (known.length !== ids.length) throw new BadInputError("One of the organisations named is not in the partnership. Choose it from the partnership's list.", field);
  return new Map(known.map((o) => [o.id, o.name]));
}

export async function recordConsent(ctx: CoreContext, input: RecordConsentInput) {
  requirePurpose(ctx);
  const data = validate(RecordConsentInput, input);
  checkSaidAt(ctx, data.saidAt);
  const found = await caseForConsent(ctx, data.caseId);
  // In the order she said them: what she agreed to, then what she kept back, so "share with
  // ISVA services, but not with this one" keeps it back from that one.
  const statements: (StatementToRecord & { reason: string | null })[] = [
    ...data.scopes.map((s) => ({ decision: "GIVEN" as const, category: s.category, purpose: s.purpose, recipientOrganisationId: s.recipientOrganisationId ?? null, recipientKind: s.recipientKind ?? null, reason: null })),
    ...data.withholdings.map((w) => ({
      decision: "WITHHELD" as const,
      category: w.category,
      purpose: w.purpose ?? null,
      recipientOrganisationId: w.fromOrganisationId ?? null,
      recipientKind: w.fromKind ?? null,
      reason: w.reason,
    })),
  ];
  await checkRecipientsExist(ctx, statements, data.scopes.length ? "scopes" : "withholdings");
  const verdict = mayRecordStatements(ctx.actor, statements, await loadConsentFacts(ctx.prisma, found.victimId), { saidHow: data.saidHow ?? null, saidAt: data.saidAt ?? null });
  if (!verdict.allowed) {
    ctx.audit.record({ action: "DENIED", entityType: "Consent", caseId: found.id, victimId: found.victimId, outcome: "not-permitted" });
    throw new BadInputError(verdict.message, verdict.field);
  }
  return saveStatements(ctx, found, data, statements, verdict.selfRecorded, "COLLECTION");
}

/** Who said it, where the evidence is kept, how and when she said it. */
export interface Said {
  givenBy: ConsentGivenBy;
  evidence: string;
  saidHow?: ConsentSaidHow | null;
  saidAt?: Date | null;
  explicit?: boolean;
  reviewDate?: Date | null;
}

/** One record of what she said, its statements, its audit entry and (self-recorded) its notice, in one transaction. */
export async function saveStatements(
  ctx: CoreContext,
  found: { id: string; victimId: string },
  said: Said,
  statements: (StatementToRecord & { reason: string | null })[],
  selfRecorded: boolean,
  action: "COLLECTION" | "ALTERATION",
) {
  const now = nowOf(ctx);
  const statedAt = said.saidAt ?? now;
  return ctx.prisma.$transaction(async (tx) => {
    const consent = await tx.consent.create({
      data: {
        victimId: found.victimId,
        givenBy: said.givenBy,
        capturedByUserId: ctx.actor.userId,
        capturedByOrganisationId: ctx.actor.organisationId,
        capturedAt: now,
        evidence: said.evidence,
        explicit: said.explicit ?? false,
        reviewDate: said.reviewDate ?? null,
        saidHow: said.saidHow ?? null,
        saidAt: said.saidAt ?? null,
        selfRecorded,
        statements: { create: statements.map((s) => ({ victimId: found.victimId, ...s, statedAt })) },
      },
    });
    if (selfRecorded) await tx.outboxMessage.create({ data: { topic: SELF_RECORDED_TOPIC, payload: { consentId: consent.id } } });
    await writeAuditEntries(tx, [
      ctx.audit.entry({
        action,
        entityType: "Consent",
        entityId: consent.id,
        caseId: found.id,
        victimId: found.victimId,
        consentId: consent.id,
        fields: [
          ...auditFieldNames("Consent", ["givenBy", "evidence", "explicit", "reviewDate", "saidHow", "saidAt", "selfRecorded"]),
          ...auditFieldNames("ConsentStatement", ["decision", "category", "purpose", "recipientOrganisationId", "recipientKind", "statedAt", "reason"]),
        ],
        recipientOrganisationIds: [...new Set(statements.map((s) => s.recipientOrganisationId).filter((id): id is string => !!id))],
        outcome: selfRecorded ? "self-recorded" : null,
      }),
    ]);
    const saved = await tx.consent.findUniqueOrThrow({ where: { id: consent.id }, include: consentWithStatements });
    return toConsentView(ctx, saved, saved.statements);
  });
}
