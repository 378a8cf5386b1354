// The agreed victim message: one plain-English statement of where things stand, what
// happens next and roughly when, and who the victim's named contact is. Derived from the
// case's updates, so every organisation allowed to see it tells the victim the same thing.
import type { CaseStage, InvolvementCapacity, ReferralStatus } from "@hub/db";
import { referralSentence } from "./referral-wording.js";
import { rightToReviewSentence, WHAT_HAPPENS_NEXT } from "./stage-wording.js";

export interface MessageSources {
  stage: CaseStage;
  /** Updates in the order they happened, with the id of any correction that supersedes them. */
  updates: { id: string; occurredAt: Date; createdAt: Date; victimExplanation: string; supersededById: string | null }[];
  hearings: { id: string; court: string; startsAt: Date; type: string; createdAt: Date; outcome: string | null }[];
  involvements: { capacity: InvolvementCapacity; organisationName: string; namedContact: { id?: string; name: string } | null }[];
  /** The named contact she chose in her contact agreement, if any: named in the message while they are a named contact on the case. */
  chosenContactUserId?: string | null;
  /**
   * Only referrals the victim agreed may be told in the agreed message, oldest first: who
   * they went to (service, else organisation) and when their state last changed.
   */
  referrals?: { id: string; status: ReferralStatus; toName: string; changedAt: Date }[];
  /** Her windows to ask for a review of a decision (VRR_REQUEST_WINDOW clocks). */
  reviewWindows?: { id: string; dueAt: Date; createdAt: Date }[];
}

export interface AgreedVictimMessage {
  whereThingsStand: string;
  whatHappensNext: string;
  roughlyWhen: string | null;
  namedContact: { name: string; organisation: string } | null;
  sourceUpdateIds: string[];
  sourceHearingId: string | null;
  /** One sentence for each referral she agreed may be told here (nothing for a cancelled one). */
  support: string[];
  sourceReferralIds: string[];
  /** While she can still ask for a decision to be reviewed: how, and by when. */
  rightToReview: string | null;
  sourceReviewWindowId: string | null;
  lastChangedAt: Date | null;
}

/** Whose name the victim is given: her own advocate first, then the agency nearest the case now. */
const CONTACT_ORDER: InvolvementCapacity[] = ["ISVA_SUPPORT", "IDVA_SUPPORT", "WITNESS_CARE", "VICTIM_SUPPORT", "OTHER_SUPPORT", "INVESTIGATING_POLICE", "PROSECUTION"];

const longDate = (d: Date) =>
  d.toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "Europe/London" });
const clock = (d: Date) => d.toLocaleTimeString("en-GB", { hour: "numeric", minute: "2-digit", hour12: true, timeZone: "Europe/London" }).replace(" ", "");

export function agreedVictimMessage(sources: MessageSources, now = new Date()): AgreedVictimMessage {
  const current = sources.updates.filter((u) => u.supersededById === null);
  const latest = current.at(-1) ?? null;
  const next = sources.hearings.filter((h) => h.startsAt.getTime() > now.getTime() && !h.outcome).sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime())[0] ?? null;
  // The person she chose, while they are still a named contact on her case; else her own
  // advocate, then the agency nearest the case now.
  const chosen = sources.chosenContactUserId ? sources.involvements.find((i) => i.namedContact?.id === sources.chosenContactUserId) : undefined;
  const contact = chosen ?? CONTACT_ORDER.map((capacity) => sources.involvements.find((i) => i.capacity === capacity && i.namedContact)).find(Boolean);
  const support = (sources.referrals ?? []).flatMap((r) => {
    const sentence = referralSentence(r.status, r.toName);
    return sentence ? [{ id: r.id, sentence, changedAt: r.changedAt }] : [];
  });
  // The window closing soonest, if more than one decision is open to review.
  const review = (sources.reviewWindows ?? []).filter((w) => now.getTime() < w.dueAt.getTime()).sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime())[0] ?? null;
  const changes = [...(latest ? [latest.createdAt] : []), ...(next ? [next.createdAt] : []), ...support.map((s) => s.changedAt), ...(review ? [review.createdAt] : [])];
  return {
    whereThingsStand: latest?.victimExplanation ?? WHAT_HAPPENS_NEXT[sources.stage],
    whatHappensNext: WHAT_HAPPENS_NEXT[sources.stage],
    roughlyWhen: next ? `The next ${next.type.toLowerCase()} is on ${longDate(next.startsAt)} at ${clock(next.startsAt)}, at ${next.court}.` : null,
    namedContact: contact?.namedContact ? { name: contact.namedContact.name, organisation: contact.organisationName } : null,
    sourceUpdateIds: latest ? [latest.id] : [],
    sourceHearingId: next?.id ?? null,
    support: support.map((s) => s.sentence),
    sourceReferralIds: support.map((s) => s.id),
    rightToReview: review ? rightToReviewSentence(longDate(review.dueAt)) : null,
    sourceReviewWindowId: review?.id ?? null,
    lastChangedAt: changes.length ? new Date(Math.max(...changes.map((d) => d.getTime()))) : null,
  };
}
