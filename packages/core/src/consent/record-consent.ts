import { subject } from "@hub/policy";
import { writeAuditEntries } from "../audit/write-audit-entries.js";
import { type CoreContext, nowOf } from "../shared/context.js";
import { BadInputError, NotFoundError } from "../shared/errors.js";
import { requirePurpose } from "../shared/purpose.js";
import { validate } from "../shared/validate.js";
import { RecordConsentInput } from "./consent-input.js";
import { loadCaseForPolicy } from "./load-case-for-policy.js";

/** Records the victim's consent as captured by someone supporting them on the case. */
export async function recordConsent(ctx: CoreContext, input: RecordConsentInput) {
  requirePurpose(ctx);
  const data = validate(RecordConsentInput, input);
  const found = await loadCaseForPolicy(ctx, data.caseId);
  if (!found || !ctx.ability.can("create", subject("Consent", { victimId: found.victimId, victim: found.victim } as never))) {
    ctx.audit.record({ action: "DENIED", entityType: "Consent", caseId: found?.id ?? null, victimId: found?.victimId ?? null, outcome: "not-permitted" });
    throw new NotFoundError("case");
  }
  const orgIds = [...new Set([...data.scopes.map((s) => s.recipientOrganisationId), ...data.withholdings.map((w) => w.fromOrganisationId)].filter((id): id is string => !!id))];
  if ((await ctx.prisma.organisation.count({ where: { id: { in: orgIds } } })) !== orgIds.length) {
    throw new BadInputError("One of the organisations named is not in the partnership. Choose it from the partnership's list.", "scopes");
  }
  return ctx.prisma.$transaction(async (tx) => {
    const consent = await tx.consent.create({
      data: {
        victimId: found.victimId,
        givenBy: data.givenBy,
        capturedByUserId: ctx.actor.userId,
        capturedByOrganisationId: ctx.actor.organisationId,
        capturedAt: nowOf(ctx),
        evidence: data.evidence,
        explicit: data.explicit,
        reviewDate: data.reviewDate ?? null,
        scopes: { create: data.scopes.map((s) => ({ category: s.category, purpose: s.purpose, recipientOrganisationId: s.recipientOrganisationId ?? null, recipientKind: s.recipientKind ?? null })) },
        withholdings: { create: data.withholdings.map((w) => ({ category: w.category, fromOrganisationId: w.fromOrganisationId ?? null, reason: w.reason })) },
      },
      include: { scopes: true, withholdings: true },
    });
    await writeAuditEntries(tx, [
      ctx.audit.entry({
        action: "COLLECTION",
        entityType: "Consent",
        entityId: consent.id,
        caseId: found.id,
        victimId: found.victimId,
        consentId: consent.id,
        fields: ["Consent.givenBy", "Consent.evidence", "Consent.explicit", "Consent.reviewDate", "Consent.scopes", "Consent.withholdings"],
      }),
    ]);
    return consent;
  });
}
