// Explains, for the audit log, on what basis a row was shared with the caller: the
// agreement's lawful basis for statutory duties, or the consent / sharing decision that
// let it through. The access decision itself is the policy's (accessibleBy); this only
// names the record behind it.
import type { DataCategory, Prisma } from "@hub/db";
import { agreementCovers, DUTY_CATEGORIES, decisionWhere, isStatutory } from "@hub/policy";
import type { CoreContext } from "./context.js";

export interface Basis {
  lawfulBasisCode: string | null;
  consentId: string | null;
  sharingDecisionId: string | null;
}

type GrantCited = { consentId: string; purpose: string };

const byDuty = (ctx: CoreContext, category: DataCategory) => isStatutory(ctx.actor.organisationKind) && DUTY_CATEGORIES.includes(category);

/**
 * Include this in a case query to learn which consent or decision applies to each row: her
 * grant for the stated purpose, or for referral (what a referral to the caller carries).
 */
export function basisInclude(ctx: CoreContext, category: DataCategory) {
  const purpose = ctx.purpose;
  if (!purpose || byDuty(ctx, category)) return null;
  return {
    consentGrants: {
      where: { organisationId: ctx.actor.organisationId, category, purpose: { in: [purpose, "REFERRAL" as const] } },
      select: { consentId: true, purpose: true },
    },
    sharingDecisions: {
      where: decisionWhere(ctx.actor, category, purpose, new Date()),
      select: { id: true, lawfulBasisCode: true },
      take: 1,
    },
  } satisfies { consentGrants: Prisma.Victim$consentGrantsArgs; sharingDecisions: Prisma.Case$sharingDecisionsArgs };
}

export function basisOf(
  ctx: CoreContext,
  category: DataCategory,
  found: { consentGrants?: GrantCited[]; sharingDecisions?: { id: string; lawfulBasisCode: string }[] },
): Basis {
  const agreement = ctx.purpose ? agreementCovers(ctx.actor, category, ctx.purpose) : undefined;
  if (byDuty(ctx, category)) {
    return { lawfulBasisCode: agreement?.lawfulBasisCode ?? null, consentId: null, sharingDecisionId: null };
  }
  const grants = found.consentGrants ?? [];
  const grant = grants.find((g) => g.purpose === ctx.purpose) ?? grants[0];
  if (grant) return { lawfulBasisCode: category === "SPECIAL_CATEGORY" ? "EXPLICIT_CONSENT" : "CONSENT", consentId: grant.consentId, sharingDecisionId: null };
  const decision = found.sharingDecisions?.[0];
  return { lawfulBasisCode: decision?.lawfulBasisCode ?? null, consentId: null, sharingDecisionId: decision?.id ?? null };
}
