// Explains, for the audit log, on what basis a row was shared with the caller: the
// agreement's lawful basis for statutory duties, or the consent / sharing decision that
// let it through. The access decision itself is the policy's (accessibleBy); this only
// names the record behind it.
import type { DataCategory, Prisma } from "@hub/db";
import { agreementCovers, consentWhere, decisionWhere, isStatutory } from "@hub/policy";
import type { CoreContext } from "./context.js";

export interface Basis {
  lawfulBasisCode: string | null;
  consentId: string | null;
  sharingDecisionId: string | null;
}

/** Include this in a case query to learn which consent or decision applies to each row. */
export function basisInclude(ctx: CoreContext, category: DataCategory) {
  const purpose = ctx.purpose;
  if (!purpose || isStatutory(ctx.actor.organisationKind)) return null;
  return {
    consents: { where: consentWhere(ctx.actor, category, purpose), select: { id: true }, take: 1 },
    sharingDecisions: {
      where: decisionWhere(ctx.actor, category, purpose, new Date()),
      select: { id: true, lawfulBasisCode: true },
      take: 1,
    },
  } satisfies { consents: Prisma.Victim$consentsArgs; sharingDecisions: Prisma.Case$sharingDecisionsArgs };
}

export function basisOf(
  ctx: CoreContext,
  category: DataCategory,
  found: { consents?: { id: string }[]; sharingDecisions?: { id: string; lawfulBasisCode: string }[] },
): Basis {
  const agreement = ctx.purpose ? agreementCovers(ctx.actor, category, ctx.purpose) : undefined;
  if (isStatutory(ctx.actor.organisationKind)) {
    return { lawfulBasisCode: agreement?.lawfulBasisCode ?? null, consentId: null, sharingDecisionId: null };
  }
  const consent = found.consents?.[0];
  if (consent) return { lawfulBasisCode: "CONSENT", consentId: consent.id, sharingDecisionId: null };
  const decision = found.sharingDecisions?.[0];
  return { lawfulBasisCode: decision?.lawfulBasisCode ?? null, consentId: null, sharingDecisionId: decision?.id ?? null };
}
