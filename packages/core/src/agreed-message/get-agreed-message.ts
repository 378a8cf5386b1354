import type { CaseSummary } from "../cases/case-summary.js";
import { caseTimeline } from "../case-progress/case-timeline.js";
import { listHearings } from "../hearings/hearings.js";
import type { CoreContext } from "../shared/context.js";
import { agreedVictimMessage } from "./agreed-victim-message.js";

/**
 * The agreed message for a case the caller has already been allowed to read. Referrals count
 * only where the victim agreed that what comes of them may be told here; then every
 * organisation that sees the message sees the sentence (only who, and the state: never the
 * reason or the outcome's text), whether or not it may see the referral itself.
 */
export async function getAgreedMessage(ctx: CoreContext, found: CaseSummary) {
  const [updates, hearings, referrals, reviewWindows, agreement] = await Promise.all([
    caseTimeline(ctx, found.id, found.victimId),
    listHearings(ctx, found.id, found.victimId),
    ctx.prisma.referral.findMany({
      where: { caseId: found.id, outcomeInAgreedMessage: true },
      select: { id: true, status: true, toOrganisationId: true, createdAt: true, toService: { select: { name: true } }, events: { select: { at: true }, orderBy: { at: "desc" }, take: 1 } },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    }),
    ctx.prisma.statutoryClock.findMany({ where: { caseId: found.id, duty: "VRR_REQUEST_WINDOW" }, select: { id: true, dueAt: true, createdAt: true } }),
    // Only whom she chose, to name them: the rest of her contact agreement stays with her contact circle.
    ctx.prisma.victimContactContract.findUnique({ where: { victimId: found.victimId }, select: { namedContactUserId: true } }),
  ]);
  const organisationIds = [...new Set(referrals.flatMap((r) => (r.toService || !r.toOrganisationId ? [] : [r.toOrganisationId])))];
  const organisations = organisationIds.length ? await ctx.prisma.organisation.findMany({ where: { id: { in: organisationIds } }, select: { id: true, name: true } }) : [];
  const organisationName = new Map(organisations.map((o) => [o.id, o.name]));
  return agreedVictimMessage({
    stage: found.stage,
    updates,
    hearings,
    involvements: found.involvements.map((i) => ({ capacity: i.capacity, organisationName: i.organisation.name, namedContact: i.namedContact })),
    chosenContactUserId: agreement?.namedContactUserId ?? null,
    referrals: referrals.flatMap((r) => {
      const toName = r.toService?.name ?? (r.toOrganisationId ? organisationName.get(r.toOrganisationId) : undefined);
      return toName ? [{ id: r.id, status: r.status, toName, changedAt: r.events[0]?.at ?? r.createdAt }] : [];
    }),
    reviewWindows,
  });
}
