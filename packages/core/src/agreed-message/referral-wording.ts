// What the agreed message says about a referral the victim agreed may be told in it: one
// plain, calm sentence for where the referral stands, never a reason (a reason may hold case
// detail) and never anything that could read as her fault. These sentences pass the
// plain-language check (see the agreed message's test).
import type { ReferralStatus } from "@hub/db";

/** The sentence for a referral to `name` (a service or organisation) in this state; null: say nothing. */
export function referralSentence(status: ReferralStatus, name: string): string | null {
  switch (status) {
    case "REQUESTED":
    case "RECEIVED":
      return `We have asked ${name} to contact you about support.`;
    case "ACCEPTED":
    case "IN_PROGRESS":
      return `${name} has accepted the referral and will be in touch with you.`;
    case "ON_HOLD":
      return `${name} cannot start your support just yet. Your named contact will keep you up to date.`;
    case "COMPLETED":
      return `Your support from ${name} has finished. If you need them again, your named contact can help.`;
    case "REJECTED":
    case "FAILED":
      return `${name} could not take the referral this time. Your named contact will talk to you about other support.`;
    case "CANCELLED":
      return null;
  }
}
