import type { CoreContext } from "../shared/context.js";
import { isUuid } from "../shared/ids.js";

/**
 * Every relation the policy's case rules look at: involvements, what the victim's consent
 * statements add up to for the caller's organisation, sharing decisions, referrals to the
 * caller (what they carry).
 */
export const casePolicyInclude = (ctx: Pick<CoreContext, "actor">) =>
  ({
    involvements: true,
    victim: { include: { consentGrants: { where: { organisationId: ctx.actor.organisationId } } } },
    sharingDecisions: { include: { categories: true } },
    referrals: { where: { toOrganisationId: ctx.actor.organisationId }, include: { shares: true } },
  }) as const;

/**
 * A case loaded with casePolicyInclude, so ability.can() can check the row itself before a
 * write. Never returned to the caller.
 */
export function loadCaseForChecks(ctx: CoreContext, caseId: string) {
  if (!isUuid(caseId)) return Promise.resolve(null);
  return ctx.prisma.case.findUnique({ where: { id: caseId }, include: casePolicyInclude(ctx), relationLoadStrategy: "join" });
}

type CaseForChecks = NonNullable<Awaited<ReturnType<typeof loadCaseForChecks>>>;

/**
 * The victim of a case loaded for checks, shaped as the policy's rules on her rows look at
 * it (what she said, on her; the case conditions, on her case), for a write on this case.
 */
export const victimOfCase = (found: CaseForChecks) => ({ victimId: found.victimId, victim: { ...found.victim, cases: [found] } }) as never;
