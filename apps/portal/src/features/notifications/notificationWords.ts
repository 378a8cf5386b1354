// Notifications in words: the unread count is always said, never shown as a coloured dot.
import { inPlainWords } from "../../app/words";

/** The navigation item: "Notifications (3 unread)"; just "Notifications" when none or not known yet. */
export function notificationsNavLabel(unread: number | undefined): string {
  return unread ? `Notifications (${unread} unread)` : "Notifications";
}

/** What a screen reader hears when the count changes while someone is working. */
export function unreadAnnouncement(unread: number): string {
  if (unread === 0) return "You have no unread notifications.";
  return unread === 1 ? "You have 1 unread notification." : `You have ${unread} unread notifications.`;
}

/** The line under the notifications page's heading. */
export function unreadSummary(unread: number): string {
  if (unread === 0) return "You have read them all.";
  return unread === 1 ? "1 is unread." : `${unread} are unread.`;
}

/** The page's status line once loaded: how many are shown, and whether there are more. */
export function shownInWords(shown: number, more: boolean): string {
  const count = shown === 1 ? "1 notification" : `${shown} notifications`;
  return `${count}, newest first.${more ? " There are more." : ""}`;
}

const kindLabels: Record<string, string> = {
  CLOCK_BREACHED: "A Victims' Code deadline was missed",
  CONSENT_SELF_RECORDED: "An organisation recorded that she agreed to share with it",
  KEEP_IN_TOUCH_DUE: "Time to keep in touch",
  KEEP_IN_TOUCH_ESCALATED: "A victim is waiting to hear",
  NAMED_CONTACT_HANDED_OVER: "You are now a victim's named contact",
  ORGANISATION_JOINED_CASE: "Your organisation has joined a case",
  REASSESSMENT_OFFERED: "Offer a reassessment",
  REFERRAL_NOT_ACKNOWLEDGED: "A referral was not acknowledged",
};

/** A notification's heading, from its kind. */
export function notificationKindInWords(kind: string): string {
  return inPlainWords(kindLabels, kind);
}

/**
 * Where a notification can take the reader. A case it may still see opens on the case page
 * (a referral the reader made shows there); a referral without a case it may see is one sent
 * to the reader's organisation, answered from the referrals inbox.
 */
export function notificationDestination(n: { caseId?: string | null; referralId?: string | null }): "case" | "referrals" | null {
  if (n.caseId) return "case";
  return n.referralId ? "referrals" : null;
}
