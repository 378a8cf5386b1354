// Enhanced Rights and the service tier. The case facts suggest grounds (offence category,
// age); the assessor's judgement decides; the victim's own wishes can raise the tier but
// never lower it below what her needs call for. The latest assessment is her shared record.
import { EnhancedRightsGround, ServiceTier, type EnhancedRightsAssessment, type OffenceCategory } from "@hub/db";
import { accessibleWhere, subject } from "@hub/policy";
import { z } from "zod";
import { writeAuditEntries } from "../audit/write-audit-entries.js";
import { loadCaseForChecks, victimOfCase } from "../case-progress/load-case-for-checks.js";
import { type CoreContext, nowOf } from "../shared/context.js";
import { BadInputError, NotFoundError } from "../shared/errors.js";
import { requirePurpose } from "../shared/purpose.js";
import { validate } from "../shared/validate.js";
import { startReferralDuty } from "../statutory-clocks/right-4-referral.js";
import { closeReassessmentOffers, explainReassessment } from "./reassessment-offers.js";

/** Victims' Code: victims of the most serious crime (shared/domain/victims-code.md). */
const MOST_SERIOUS: OffenceCategory[] = ["SEXUAL_OFFENCE", "DOMESTIC_ABUSE", "HATE_CRIME", "MODERN_SLAVERY"];
const TIER_ORDER: ServiceTier[] = ["STANDARD", "ENHANCED", "INTENSIVE"];

/** Grounds the case facts point to; the assessor confirms, adds or removes them. */
export function suggestEnhancedRightsGrounds(facts: { offenceCategory: OffenceCategory; dateOfBirth: Date | null }, today = new Date()): EnhancedRightsGround[] {
  const grounds: EnhancedRightsGround[] = [];
  if (MOST_SERIOUS.includes(facts.offenceCategory)) grounds.push("MOST_SERIOUS_CRIME");
  if (facts.offenceCategory === "HOMICIDE") grounds.push("BEREAVED");
  if (facts.offenceCategory === "STALKING_HARASSMENT") grounds.push("PERSISTENTLY_TARGETED");
  if (facts.dateOfBirth) {
    const eighteenth = new Date(facts.dateOfBirth);
    eighteenth.setFullYear(eighteenth.getFullYear() + 18);
    if (eighteenth > today) grounds.push("UNDER_18");
  }
  return grounds;
}

const AssessInput = z.object({
  caseId: z.uuid({ message: "That is not a case reference the hub gave out." }),
  grounds: z.array(z.enum(EnhancedRightsGround)),
  serviceTier: z.enum(ServiceTier),
  raisedAtVictimsWish: z.boolean().default(false),
  reviewBy: z.coerce.date().nullish(),
});
export type AssessEnhancedRightsInput = z.input<typeof AssessInput>;

export async function assessEnhancedRights(ctx: CoreContext, input: AssessEnhancedRightsInput) {
  requirePurpose(ctx);
  const data = validate(AssessInput, input);
  const found = await loadCaseForChecks(ctx, data.caseId);
  if (!found || !ctx.ability.can("create", subject("EnhancedRightsAssessment", victimOfCase(found)))) {
    ctx.audit.record({ action: "DENIED", entityType: "EnhancedRightsAssessment", caseId: found?.id ?? null, victimId: found?.victimId ?? null, outcome: "not-permitted" });
    throw new NotFoundError("case");
  }
  const eligible = data.grounds.length > 0;
  const needed: ServiceTier = eligible ? "ENHANCED" : "STANDARD";
  if (TIER_ORDER.indexOf(data.serviceTier) < TIER_ORDER.indexOf(needed)) {
    throw new BadInputError("A victim with Enhanced Rights gets at least the enhanced service. Her wishes can raise the tier, never lower it.", "serviceTier");
  }
  if (data.raisedAtVictimsWish && data.serviceTier === needed) {
    throw new BadInputError("Say the tier was raised at her wish only when it is higher than her needs call for.", "raisedAtVictimsWish");
  }
  const assessment = await ctx.prisma.$transaction(async (tx) => {
    const assessment = await tx.enhancedRightsAssessment.create({
      data: { victimId: found.victimId, eligible, grounds: data.grounds, serviceTier: data.serviceTier, raisedAtVictimsWish: data.raisedAtVictimsWish, reviewBy: data.reviewBy ?? null, assessedByUserId: ctx.actor.userId, assessedByOrganisationId: ctx.actor.organisationId, assessedAt: nowOf(ctx) },
    });
    await closeReassessmentOffers(tx, assessment);
    // Her needs assessment by the police or the WCU starts their Right 4 duty to refer her.
    await startReferralDuty(tx, { id: assessment.id, caseId: found.id, assessedAt: assessment.assessedAt, eligible }, ctx.actor.organisationKind);
    await writeAuditEntries(tx, [
      ctx.audit.entry({ action: "COLLECTION", entityType: "EnhancedRightsAssessment", entityId: assessment.id, caseId: found.id, victimId: found.victimId, fields: ["EnhancedRightsAssessment.eligible", "EnhancedRightsAssessment.grounds", "EnhancedRightsAssessment.serviceTier"] }),
    ]);
    return assessment;
  });
  return withReassessment(ctx, assessment);
}

/**
 * The victim's current assessment (the latest), whether it is due for review, and why she
 * should be offered a reassessment. Offers are read under the assessment's own rule: whoever
 * may read her assessment sees its offers, and nobody else (no assessment, no offers). An
 * offer raised on one of her cases the reader cannot see stays hidden, so it cannot tell them
 * what happened on that case.
 */
export async function currentEnhancedRights(ctx: CoreContext, victimId: string) {
  requirePurpose(ctx);
  const latest = await ctx.prisma.enhancedRightsAssessment.findFirst({
    where: { AND: [{ victimId }, accessibleWhere(ctx.ability, "EnhancedRightsAssessment")] },
    orderBy: { assessedAt: "desc" },
  });
  if (!latest) return null;
  const current = await withReassessment(ctx, latest);
  ctx.audit.record({ action: "CONSULTATION", entityType: "EnhancedRightsAssessment", entityId: latest.id, victimId, fields: ["EnhancedRightsAssessment.*", ...(current.reassessment.raisedAt ? ["ReassessmentOffer.*"] : [])] });
  return current;
}

/** The assessment with whether it is due for review, and why she should be offered a reassessment. */
async function withReassessment(ctx: CoreContext, assessment: EnhancedRightsAssessment) {
  const { victimId } = assessment;
  const visibleCases = await ctx.prisma.case.findMany({ where: { AND: [{ victimId }, accessibleWhere(ctx.ability, "Case")] }, select: { id: true, offenceCategory: true } });
  const open = await ctx.prisma.reassessmentOffer.findMany({
    where: { victimId, closedAt: null, OR: [{ caseId: null }, { caseId: { in: visibleCases.map((c) => c.id) } }] },
    select: { reason: true, raisedAt: true },
  });
  // Her age is a ground too, but working it out needs her identity, which not every reader may see.
  const suggested = new Set(visibleCases.flatMap((c) => suggestEnhancedRightsGrounds({ offenceCategory: c.offenceCategory, dateOfBirth: null })));
  const missing = [...suggested].filter((g) => !assessment.grounds.includes(g));
  const dueForReview = assessment.reviewBy !== null && assessment.reviewBy.getTime() < Date.now();
  return { ...assessment, dueForReview, reassessment: explainReassessment(open, missing, { reviewBy: assessment.reviewBy, dueForReview }) };
}
