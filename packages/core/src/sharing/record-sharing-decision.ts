// A recorded decision to share without consent. Only an organisation admin of an
// organisation on the case may make one, and never for its own organisation: whoever holds
// her information decides whether another may have it, so no organisation widens its own
// access without her word. It is written with its audit entry in one go.
import { auditFieldNames, subject } from "@hub/policy";
import { writeAuditEntries } from "../audit/write-audit-entries.js";
import { loadCaseForPolicy } from "../consent/load-case-for-policy.js";
import type { CoreContext } from "../shared/context.js";
import { BadInputError, NotFoundError } from "../shared/errors.js";
import { requirePurpose } from "../shared/purpose.js";
import { validate } from "../shared/validate.js";
import { RecordSharingDecisionInput } from "./sharing-decision-input.js";

export async function recordSharingDecision(ctx: CoreContext, input: RecordSharingDecisionInput) {
  requirePurpose(ctx);
  const data = validate(RecordSharingDecisionInput, input);
  const found = await loadCaseForPolicy(ctx, data.caseId);
  if (!found || !ctx.ability.can("create", subject("SharingDecision", { caseId: found.id, case: found } as never))) {
    ctx.audit.record({ action: "DENIED", entityType: "SharingDecision", caseId: found?.id ?? null, victimId: found?.victimId ?? null, outcome: "not-permitted" });
    throw new NotFoundError("case");
  }
  if (data.receivingOrganisationId === ctx.actor.organisationId) {
    ctx.audit.record({ action: "DENIED", entityType: "SharingDecision", caseId: found.id, victimId: found.victimId, outcome: "own-organisation" });
    throw new BadInputError(
      "A decision to share her information without her consent is made by an organisation that holds it, not by the one that would receive it. Ask the police or another agency on her case to consider the request.",
      "receivingOrganisationId",
    );
  }
  if (data.categories.includes("SPECIAL_CATEGORY") && !data.specialCategoryCondition) {
    throw new BadInputError("Sharing special category details without consent needs a recorded condition (DPA 2018 Schedule 1 or s.35).", "specialCategoryCondition");
  }
  const basis = await ctx.prisma.lawfulBasis.findFirst({ where: { code: data.lawfulBasisCode, active: true } });
  if (!basis) throw new BadInputError("Choose a lawful basis from the partnership's list.", "lawfulBasisCode");
  if (basis.consentBased) throw new BadInputError("A sharing decision is for sharing without consent: choose a basis other than consent.", "lawfulBasisCode");
  const orgs = await ctx.prisma.organisation.count({ where: { id: { in: [data.requestingOrganisationId, data.receivingOrganisationId] } } });
  if (orgs !== new Set([data.requestingOrganisationId, data.receivingOrganisationId]).size) {
    throw new BadInputError("Choose the requesting and receiving organisations from the partnership's list.", "receivingOrganisationId");
  }
  return ctx.prisma.$transaction(async (tx) => {
    const decision = await tx.sharingDecision.create({
      data: {
        ...data,
        categories: { create: data.categories.map((category) => ({ category })) },
        specialCategoryCondition: data.specialCategoryCondition ?? null,
        dsaId: data.dsaId ?? null,
        expiresAt: data.expiresAt ?? null,
        decidedByUserId: ctx.actor.userId,
      },
      include: { categories: true },
    });
    await writeAuditEntries(tx, [
      ctx.audit.entry({
        action: "COLLECTION",
        entityType: "SharingDecision",
        entityId: decision.id,
        sharingDecisionId: decision.id,
        caseId: found.id,
        victimId: found.victimId,
        lawfulBasisCode: data.lawfulBasisCode,
        recipientOrganisationIds: [data.receivingOrganisationId],
        fields: [...auditFieldNames("SharingDecision", ["purpose", "lawfulBasisCode", "necessity", "outcome", "reasons", "expiresAt"]), ...auditFieldNames("SharingDecisionCategory", ["category"])],
        outcome: data.outcome,
      }),
    ]);
    return decision;
  });
}
