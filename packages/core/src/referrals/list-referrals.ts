import type { ReferralStatus } from "@hub/db";
import { accessibleWhere } from "@hub/policy";
import type { CoreContext } from "../shared/context.js";
import { requirePurpose } from "../shared/purpose.js";

const include = { shares: true, events: { orderBy: { at: "asc" as const } }, toService: { select: { id: true, name: true } } };

/** Referrals sent to the caller's organisation, the most urgent and oldest first. */
export async function referralsInbox(ctx: CoreContext, status: ReferralStatus[] | null) {
  requirePurpose(ctx);
  const rows = await ctx.prisma.referral.findMany({
    where: { AND: [{ toOrganisationId: ctx.actor.organisationId }, accessibleWhere(ctx.ability, "Referral"), status?.length ? { status: { in: status } } : {}] },
    include: { ...include, case: { select: { victimId: true } } },
    orderBy: [{ urgency: "desc" }, { createdAt: "asc" }],
    take: 200,
  });
  for (const r of rows) ctx.audit.record({ action: "CONSULTATION", entityType: "Referral", entityId: r.id, caseId: r.caseId, victimId: r.case.victimId, fields: ["Referral.*"] });
  return rows;
}

/** The referrals made on a case, for those who may see the case. */
export async function referralsOnCase(ctx: CoreContext, caseId: string) {
  requirePurpose(ctx);
  return ctx.prisma.referral.findMany({ where: { AND: [{ caseId }, accessibleWhere(ctx.ability, "Referral")] }, include, orderBy: { createdAt: "desc" } });
}
