import type { CaseSummary } from "../cases/case-summary.js";
import { caseTimeline } from "../case-progress/case-timeline.js";
import { listHearings } from "../hearings/hearings.js";
import { caseAreaGlossary } from "../plain-language/area-glossary.js";
import { type CoreContext, nowOf } from "../shared/context.js";
import { agreedVictimMessage } from "./agreed-victim-message.js";

/**
 * The agreed message for a case the caller has already been allowed to read. Referrals count
 * only where the victim agreed that what comes of them may be told here; then every
 * organisation that sees the message sees the sentence (only who, and the state: never the
 * reason or the outcome's text), whether or not it may see the referral itself. A support
 * service she has withdrawn her consent from is neither named nor said to be in touch.
 */
export async function getAgreedMessage(ctx: CoreContext, found: CaseSummary) {
  const now = nowOf(ctx);
  // Agencies on her case by her consent or a referral: one she has withdrawn her consent from
  // (she said so, and nothing she agreed or a decision still lets it know her case) no
  // longer counts here.
  const byConsent = [...new Set(found.involvements.filter((i) => i.basis === "CONSENT" || i.basis === "REFERRAL").map((i) => i.organisationId))];
  const kindOf = new Map(found.involvements.map((i) => [i.organisationId, i.organisation.kind]));
  const [withdrawals, stillAgreed, stillDecided] = byConsent.length
    ? await Promise.all([
        ctx.prisma.consentStatement.findMany({
          where: { victimId: found.victimId, category: "CASE_PROGRESS", decision: "WITHDRAWN", OR: [{ recipientOrganisationId: { in: byConsent } }, { recipientOrganisationId: null }] },
          select: { recipientOrganisationId: true, recipientKind: true },
        }),
        ctx.prisma.consentGrant.findMany({ where: { victimId: found.victimId, category: "CASE_PROGRESS", organisationId: { in: byConsent } }, select: { organisationId: true } }),
        ctx.prisma.sharingDecision.findMany({
          where: { caseId: found.id, receivingOrganisationId: { in: byConsent }, outcome: "APPROVED", categories: { some: { category: "CASE_PROGRESS" } }, OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] },
          select: { receivingOrganisationId: true },
        }),
      ])
    : [[], [], []];
  const allowed = new Set([...stillAgreed.map((g) => g.organisationId), ...stillDecided.map((d) => d.receivingOrganisationId)]);
  const saidWithdrawn = (id: string) => withdrawals.some((w) => w.recipientOrganisationId === id || (w.recipientOrganisationId === null && (w.recipientKind === null || w.recipientKind === kindOf.get(id))));
  const withdrawnFrom = new Set(byConsent.filter((id) => !allowed.has(id) && saidWithdrawn(id)));
  const [updates, hearings, referrals, reviewWindows, agreement, ended, extraGlossary, accepted] = await Promise.all([
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
    // Organisations whose involvement has ended: a referral to one she has left is not told as "will be in touch".
    ctx.prisma.caseInvolvement.findMany({ where: { caseId: found.id, until: { not: null } }, select: { organisationId: true } }),
    // Words written for her are checked with her area's own terms, as when they were recorded.
    caseAreaGlossary(ctx, found.id),
    // Words their recorder accepted as they are, despite the plain-language check.
    ctx.prisma.caseUpdatePlainLanguageAcceptance.findMany({ where: { update: { caseId: found.id } }, select: { updateId: true } }),
  ]);
  const acceptedIds = new Set(accepted.map((a) => a.updateId));
  const stillOn = new Set(found.involvements.map((i) => i.organisationId));
  const left = new Set([...ended.map((e) => e.organisationId).filter((id) => !stillOn.has(id)), ...withdrawnFrom]);
  const organisationIds = [...new Set(referrals.flatMap((r) => (r.toService || !r.toOrganisationId ? [] : [r.toOrganisationId])))];
  const organisations = organisationIds.length ? await ctx.prisma.organisation.findMany({ where: { id: { in: organisationIds } }, select: { id: true, name: true } }) : [];
  const organisationName = new Map(organisations.map((o) => [o.id, o.name]));
  return agreedVictimMessage({
    stage: found.stage,
    updates: updates.map((u) => ({ ...u, plainLanguageAccepted: acceptedIds.has(u.id) })),
    hearings,
    // She withdrew from it: it is not her contact any more.
    involvements: found.involvements.filter((i) => !withdrawnFrom.has(i.organisationId)).map((i) => ({ capacity: i.capacity, organisationName: i.organisation.name, namedContact: i.namedContact })),
    chosenContactUserId: agreement?.namedContactUserId ?? null,
    referrals: referrals.flatMap((r) => {
      const toName = r.toService?.name ?? (r.toOrganisationId ? organisationName.get(r.toOrganisationId) : undefined);
      const withdrawn = r.toOrganisationId !== null && left.has(r.toOrganisationId);
      return toName ? [{ id: r.id, status: r.status, toName, changedAt: r.events[0]?.at ?? r.createdAt, withdrawn }] : [];
    }),
    reviewWindows,
    plainLanguage: { extraGlossary },
  }, now);
}
