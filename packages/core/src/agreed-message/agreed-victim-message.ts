// The agreed victim message: one plain-English statement of where things stand, what
// happens next and roughly when, and who the victim's named contact is. Composed from the
// case's standing facts, not from its newest event: the stage, the latest decision, the
// latest court result, bail conditions in force, the next hearing (only one still to come),
// the referrals she agreed may be told here, her window to ask for a review, and the
// contact she chose. Every organisation allowed to see the case tells the victim the same
// thing, and each sentence says where it comes from.
//
// Words someone wrote for her (an update's victimExplanation, a court result) are used only
// when they pass the plain-language check; otherwise they are held back, with the check's
// findings, until a person rewrites them (a correction that supersedes the update, a result
// recorded again) or its recorder accepts them, and the message says the standing fact in its
// own words instead.
import type { CaseStage, CaseUpdateType, CourtResultKind, InvolvementCapacity, ReferralStatus } from "@hub/db";
import { checkPlainLanguage, type PlainLanguageFindingKind, type PlainLanguageOptions } from "../plain-language/check-plain-language.js";
import { referralSentence } from "./referral-wording.js";
import { awaitingResultSentence, BAIL_FALLBACK, courtResultFallback, rightToReviewSentence, WHAT_HAPPENS_NEXT, WHERE_THINGS_STAND } from "./stage-wording.js";

export interface MessageSources {
  stage: CaseStage;
  /**
   * Updates in the order they happened, with the id of any correction that supersedes them.
   * An update without a type counts as a progress note. `plainLanguageAccepted`: its
   * recorder accepted its words despite the plain-language check, so they are used as they are.
   */
  updates: {
    id: string;
    type?: CaseUpdateType;
    occurredAt: Date;
    createdAt: Date;
    victimExplanation: string;
    supersededById: string | null;
    plainLanguageAccepted?: boolean;
  }[];
  hearings: {
    id: string;
    court: string;
    startsAt: Date;
    type: string;
    createdAt: Date;
    outcome: string | null;
    resultKind?: CourtResultKind | null;
    resultReceivedAt?: Date | null;
    /** Its recorder accepted the result's words despite the plain-language check. */
    resultWordsAcceptedAt?: Date | null;
  }[];
  involvements: { capacity: InvolvementCapacity; organisationName: string; namedContact: { id?: string; name: string } | null }[];
  /** The named contact she chose in her contact agreement, if any: named in the message while they are a named contact on the case. */
  chosenContactUserId?: string | null;
  /**
   * Only referrals the victim agreed may be told in the agreed message, oldest first: who
   * they went to (service, else organisation) and when their state last changed.
   * `withdrawn`: she has since left the service (its involvement on her case ended), so it
   * is never said to "be in touch".
   */
  referrals?: { id: string; status: ReferralStatus; toName: string; changedAt: Date; withdrawn?: boolean }[];
  /** Her windows to ask for a review of a decision (VRR_REQUEST_WINDOW clocks). */
  reviewWindows?: { id: string; dueAt: Date; createdAt: Date }[];
  /** The plain-language check's options: the case's area glossary. */
  plainLanguage?: PlainLanguageOptions;
}

export type AgreedMessageSourceKind = "STAGE" | "UPDATE" | "HEARING" | "BAIL" | "DECISION" | "REFERRAL" | "REVIEW_WINDOW" | "CONTACT";
export type AgreedMessagePart = "WHERE_THINGS_STAND" | "WHAT_HAPPENS_NEXT" | "ROUGHLY_WHEN" | "SUPPORT" | "RIGHT_TO_REVIEW" | "NAMED_CONTACT";

/** One sentence (or two that belong together) of the message, and the fact it comes from. */
export interface AgreedMessageSentence {
  text: string;
  part: AgreedMessagePart;
  /** STAGE: the stage's name; BAIL and DECISION: the update; CONTACT: the contact's user id (null if unknown). */
  source: { kind: AgreedMessageSourceKind; id: string | null };
}

/** Words written for her that the message does not use until a person rewrites them. */
export interface HeldBackWording {
  sourceKind: "UPDATE" | "BAIL" | "DECISION" | "HEARING";
  sourceId: string;
  findings: { kind: PlainLanguageFindingKind; term: string; suggestion: string | null }[];
  /** Flesch reading ease of the words (null when too short to measure). */
  readingEase: number | null;
}

export interface AgreedVictimMessage {
  whereThingsStand: string;
  whatHappensNext: string;
  roughlyWhen: string | null;
  namedContact: { name: string; organisation: string } | null;
  /** The updates the message uses, in the order its sentences use them. */
  sourceUpdateIds: string[];
  /** The next hearing (still to come), if any. */
  sourceHearingId: string | null;
  /** One sentence for each referral she agreed may be told here (nothing for a cancelled or withdrawn one). */
  support: string[];
  sourceReferralIds: string[];
  /** While she can still ask for a decision to be reviewed: how, and by when. */
  rightToReview: string | null;
  sourceReviewWindowId: string | null;
  lastChangedAt: Date | null;
  /** Every sentence above, in reading order, each with its source. */
  sentences: AgreedMessageSentence[];
  heldBack: HeldBackWording[];
}

/**
 * Whose name the victim is given: the person she chose in her contact agreement, while they
 * are a named contact on her case (CaseInvolvement.namedContactUserId; a ContactHandover
 * moves that, so a handed-over choice falls through). Otherwise the support service's named
 * contact (her own advocate first), then the Witness Care Unit's, then the police's, then
 * the prosecution's.
 */
const CONTACT_ORDER: InvolvementCapacity[] = ["ISVA_SUPPORT", "IDVA_SUPPORT", "VICTIM_SUPPORT", "OTHER_SUPPORT", "WITNESS_CARE", "INVESTIGATING_POLICE", "PROSECUTION"];

/** Decisions on the case, by the police, the prosecution or the court. */
const DECISIONS: ReadonlySet<CaseUpdateType> = new Set([
  "SUSPECT_CHARGED",
  "POLICE_NO_FURTHER_ACTION",
  "CPS_DECISION_NOT_TO_CHARGE",
  "CPS_DISCONTINUED",
  "CPS_CHARGE_ALTERED",
  "VERDICT",
  "SENTENCE",
]);
const BAIL: ReadonlySet<CaseUpdateType> = new Set(["SUSPECT_BAILED", "BAIL_CONDITIONS_CHANGED"]);
/** What ends bail conditions set before it: a charging decision, a verdict or sentence, or release without conditions. */
const ENDS_BAIL: ReadonlySet<CaseUpdateType> = new Set([
  "SUSPECT_CHARGED",
  "POLICE_NO_FURTHER_ACTION",
  "CPS_DECISION_NOT_TO_CHARGE",
  "CPS_DISCONTINUED",
  "VERDICT",
  "SENTENCE",
  "SUSPECT_RELEASED_UNDER_INVESTIGATION",
]);
/** Hearings are told from the hearings themselves, so what an update said about a date never goes stale in the message. */
const ABOUT_HEARINGS: ReadonlySet<CaseUpdateType> = new Set(["HEARING_LISTED", "HEARING_MOVED", "HEARING_VACATED"]);

const longDate = (d: Date) =>
  d.toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "Europe/London" });
const clock = (d: Date) => d.toLocaleTimeString("en-GB", { hour: "numeric", minute: "2-digit", hour12: true, timeZone: "Europe/London" }).replace(" ", "");
const asSentence = (text: string) => {
  const t = text.trim();
  return /[.!?]["”’)]?$/.test(t) ? t : `${t}.`;
};
const latestBy = <T>(items: T[], at: (item: T) => Date) => items.reduce<T | null>((best, i) => (best === null || at(i).getTime() >= at(best).getTime() ? i : best), null);

export function agreedVictimMessage(sources: MessageSources, now = new Date()): AgreedVictimMessage {
  const heldBack: HeldBackWording[] = [];
  /** The words, if they pass the plain-language check; else null, and they are held back. */
  const usable = (sourceKind: HeldBackWording["sourceKind"], sourceId: string, text: string, accepted = false) => {
    if (accepted) return asSentence(text);
    const report = checkPlainLanguage(text, sources.plainLanguage);
    if (report.ok) return asSentence(text);
    heldBack.push({
      sourceKind,
      sourceId,
      findings: report.findings.map((f) => ({ kind: f.kind, term: f.text, suggestion: f.suggestion ?? null })),
      readingEase: report.readability.fleschReadingEase,
    });
    return null;
  };
  const t = (u: { occurredAt: Date }) => u.occurredAt.getTime();

  const current = sources.updates.filter((u) => u.supersededById === null);
  const decision = latestBy(
    current.filter((u) => u.type && DECISIONS.has(u.type)),
    (u) => u.occurredAt,
  );
  const hearingsByTime = [...sources.hearings].sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
  const next = hearingsByTime.find((h) => h.startsAt.getTime() > now.getTime() && !h.outcome) ?? null;
  const past = hearingsByTime.filter((h) => h.startsAt.getTime() <= now.getTime()).at(-1) ?? null;
  // Bail conditions in force: the latest bail update still in force, unless something after
  // it ended them (a charging decision, a verdict, release without conditions) or the court
  // has since decided bail itself (its result is told instead).
  const bailUpdate = latestBy(
    current.filter((u) => u.type && BAIL.has(u.type)),
    (u) => u.occurredAt,
  );
  const bail =
    bailUpdate &&
    !current.some((u) => u.type && ENDS_BAIL.has(u.type) && t(u) > t(bailUpdate)) &&
    !sources.hearings.some((h) => h.resultKind === "BAIL_DECISION" && h.outcome && h.startsAt.getTime() <= now.getTime() && h.startsAt.getTime() > t(bailUpdate))
      ? bailUpdate
      : null;
  // Other news (an arrest, an interview, a progress note) only while nothing weightier has happened since.
  const newsCandidate = latestBy(
    current.filter((u) => !u.type || !(DECISIONS.has(u.type) || BAIL.has(u.type) || ABOUT_HEARINGS.has(u.type))),
    (u) => u.occurredAt,
  );
  const news = newsCandidate && (!decision || t(newsCandidate) > t(decision)) && (!bailUpdate || t(newsCandidate) > t(bailUpdate)) ? newsCandidate : null;

  const sentences: AgreedMessageSentence[] = [];
  const used: { id: string; createdAt: Date }[] = [];
  const say = (part: AgreedMessagePart, kind: AgreedMessageSourceKind, id: string | null, text: string) => {
    if (!sentences.some((s) => s.text === text)) sentences.push({ text, part, source: { kind, id } });
  };

  // Where things stand.
  say("WHERE_THINGS_STAND", "STAGE", sources.stage, WHERE_THINGS_STAND[sources.stage]);
  if (decision) {
    const words = usable("DECISION", decision.id, decision.victimExplanation, decision.plainLanguageAccepted);
    if (words) {
      say("WHERE_THINGS_STAND", "DECISION", decision.id, words);
      used.push(decision);
    }
  }
  if (past?.outcome) {
    const day = longDate(past.startsAt);
    const words = usable("HEARING", past.id, past.outcome, Boolean(past.resultWordsAcceptedAt));
    say("WHERE_THINGS_STAND", "HEARING", past.id, words ? `At the ${past.type.toLowerCase()} on ${day}, the court decided: ${words}` : courtResultFallback(past.type.toLowerCase(), day));
  }
  if (bail) {
    say("WHERE_THINGS_STAND", "BAIL", bail.id, usable("BAIL", bail.id, bail.victimExplanation, bail.plainLanguageAccepted) ?? BAIL_FALLBACK);
    used.push(bail);
  }
  if (news) {
    const words = usable("UPDATE", news.id, news.victimExplanation, news.plainLanguageAccepted);
    if (words) {
      say("WHERE_THINGS_STAND", "UPDATE", news.id, words);
      used.push(news);
    }
  }

  // What happens next.
  if (past && !past.outcome) say("WHAT_HAPPENS_NEXT", "HEARING", past.id, awaitingResultSentence(past.type.toLowerCase(), longDate(past.startsAt)));
  say("WHAT_HAPPENS_NEXT", "STAGE", sources.stage, WHAT_HAPPENS_NEXT[sources.stage]);
  if (next) say("ROUGHLY_WHEN", "HEARING", next.id, `The next ${next.type.toLowerCase()} is on ${longDate(next.startsAt)} at ${clock(next.startsAt)}, at ${next.court}.`);

  // Support she agreed may be told here: never a cancelled referral, never one she has left.
  const support = (sources.referrals ?? []).flatMap((r) => {
    if (r.withdrawn) return [];
    const sentence = referralSentence(r.status, r.toName);
    return sentence ? [{ id: r.id, sentence, changedAt: r.changedAt }] : [];
  });
  for (const s of support) sentences.push({ text: s.sentence, part: "SUPPORT", source: { kind: "REFERRAL", id: s.id } });

  // The window closing soonest, if more than one decision is open to review.
  const review = (sources.reviewWindows ?? []).filter((w) => now.getTime() < w.dueAt.getTime()).sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime())[0] ?? null;
  const rightToReview = review ? rightToReviewSentence(longDate(review.dueAt)) : null;
  if (review && rightToReview) sentences.push({ text: rightToReview, part: "RIGHT_TO_REVIEW", source: { kind: "REVIEW_WINDOW", id: review.id } });

  const chosen = sources.chosenContactUserId ? sources.involvements.find((i) => i.namedContact?.id === sources.chosenContactUserId) : undefined;
  const contact = chosen ?? CONTACT_ORDER.map((capacity) => sources.involvements.find((i) => i.capacity === capacity && i.namedContact)).find(Boolean);
  const namedContact = contact?.namedContact ? { name: contact.namedContact.name, organisation: contact.organisationName } : null;
  if (namedContact) sentences.push({ text: `Your named contact is ${namedContact.name} at ${namedContact.organisation}.`, part: "NAMED_CONTACT", source: { kind: "CONTACT", id: contact?.namedContact?.id ?? null } });

  const pastResultAt = past?.outcome ? [past.resultReceivedAt ?? past.createdAt] : [];
  const changes = [...used.map((u) => u.createdAt), ...pastResultAt, ...(next ? [next.createdAt] : []), ...support.map((s) => s.changedAt), ...(review ? [review.createdAt] : [])];
  const textOf = (part: AgreedMessagePart) =>
    sentences
      .filter((s) => s.part === part)
      .map((s) => s.text)
      .join(" ");
  return {
    whereThingsStand: textOf("WHERE_THINGS_STAND"),
    whatHappensNext: textOf("WHAT_HAPPENS_NEXT"),
    roughlyWhen: textOf("ROUGHLY_WHEN") || null,
    namedContact,
    sourceUpdateIds: sentences.flatMap((s) => (["DECISION", "BAIL", "UPDATE"].includes(s.source.kind) && s.source.id ? [s.source.id] : [])),
    sourceHearingId: next?.id ?? null,
    support: support.map((s) => s.sentence),
    sourceReferralIds: support.map((s) => s.id),
    rightToReview,
    sourceReviewWindowId: review?.id ?? null,
    lastChangedAt: changes.length ? new Date(Math.max(...changes.map((d) => d.getTime()))) : null,
    sentences,
    heldBack,
  };
}
