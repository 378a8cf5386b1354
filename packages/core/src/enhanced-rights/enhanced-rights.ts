// Enhanced Rights and the service tier. The case facts suggest grounds (offence category,
// age); the assessor's judgement decides; the victim's own wishes can raise the tier but
// never lower it below what her needs call for. The latest assessment is her shared record.
import { EnhancedRightsGround, ServiceTier, type OffenceCategory } from "@hub/db";
import { accessibleWhere, subject } from "@hub/policy";
import { z } from "zod";
import { writeAuditEntries } from "../audit/write-audit-entries.js";
import { loadCaseForChecks } from "../case-progress/load-case-for-checks.js";
import type { CoreContext } from "../shared/context.js";
import { BadInputError, NotFoundError } from "../shared/errors.js";
import { requirePurpose } from "../shared/purpose.js";
import { validate } from "../shared/validate.js";

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
  if (!found || !ctx.ability.can("create", subject("EnhancedRightsAssessment", { victim: { cases: [found] } } as never))) {
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
  return ctx.prisma.$transaction(async (tx) => {
    const assessment = await tx.enhancedRightsAssessment.create({
      data: { victimId: found.victimId, eligible, grounds: data.grounds, serviceTier: data.serviceTier, raisedAtVictimsWish: data.raisedAtVictimsWish, reviewBy: data.reviewBy ?? null, assessedByUserId: ctx.actor.userId, assessedByOrganisationId: ctx.actor.organisationId },
    });
    await writeAuditEntries(tx, [
      ctx.audit.entry({ action: "COLLECTION", entityType: "EnhancedRightsAssessment", entityId: assessment.id, caseId: found.id, victimId: found.victimId, fields: ["EnhancedRightsAssessment.eligible", "EnhancedRightsAssessment.grounds", "EnhancedRightsAssessment.serviceTier"] }),
    ]);
    return assessment;
  });
}

/** The victim's current assessment (the latest), and whether it is due for review. */
export async function currentEnhancedRights(ctx: CoreContext, victimId: string) {
  requirePurpose(ctx);
  const latest = await ctx.prisma.enhancedRightsAssessment.findFirst({
    where: { AND: [{ victimId }, accessibleWhere(ctx.ability, "EnhancedRightsAssessment")] },
    orderBy: { assessedAt: "desc" },
  });
  if (latest) ctx.audit.record({ action: "CONSULTATION", entityType: "EnhancedRightsAssessment", entityId: latest.id, victimId, fields: ["EnhancedRightsAssessment.*"] });
  return latest ? { ...latest, dueForReview: latest.reviewBy !== null && latest.reviewBy.getTime() < Date.now() } : null;
}
