// Referral states, aligned with the FHIR / HL7 Gravity task codes, and who may make each
// move: the receiving organisation works the referral; the referring one may cancel it.
import type { ReferralStatus } from "@hub/db";

type Side = "RECEIVER" | "REFERRER";

const MOVES: Record<ReferralStatus, { to: ReferralStatus; by: Side }[]> = {
  REQUESTED: [
    { to: "RECEIVED", by: "RECEIVER" },
    { to: "ACCEPTED", by: "RECEIVER" },
    { to: "REJECTED", by: "RECEIVER" },
    { to: "CANCELLED", by: "REFERRER" },
  ],
  RECEIVED: [
    { to: "ACCEPTED", by: "RECEIVER" },
    { to: "REJECTED", by: "RECEIVER" },
    { to: "CANCELLED", by: "REFERRER" },
  ],
  ACCEPTED: [
    { to: "IN_PROGRESS", by: "RECEIVER" },
    { to: "COMPLETED", by: "RECEIVER" },
    { to: "FAILED", by: "RECEIVER" },
    { to: "CANCELLED", by: "REFERRER" },
  ],
  IN_PROGRESS: [
    { to: "ON_HOLD", by: "RECEIVER" },
    { to: "COMPLETED", by: "RECEIVER" },
    { to: "FAILED", by: "RECEIVER" },
    { to: "CANCELLED", by: "REFERRER" },
  ],
  ON_HOLD: [
    { to: "IN_PROGRESS", by: "RECEIVER" },
    { to: "COMPLETED", by: "RECEIVER" },
    { to: "FAILED", by: "RECEIVER" },
    { to: "CANCELLED", by: "REFERRER" },
  ],
  REJECTED: [],
  COMPLETED: [],
  CANCELLED: [],
  FAILED: [],
};

/** Moves that need a reason (rejected, failed, cancelled) or an outcome (completed). */
export const NEEDS_REASON: ReferralStatus[] = ["REJECTED", "FAILED", "CANCELLED", "ON_HOLD"];
export const NEEDS_OUTCOME: ReferralStatus[] = ["COMPLETED"];

const words = (s: ReferralStatus) => s.toLowerCase().replace("_", " ");

/** Why this move is not allowed for this side, or null when it is. */
export function refuseReferralMove(from: ReferralStatus, to: ReferralStatus, side: Side): string | null {
  const move = MOVES[from].find((m) => m.to === to);
  if (!move) {
    return MOVES[from].length
      ? `A referral that is ${words(from)} cannot become ${words(to)}.`
      : `This referral is ${words(from)}: it cannot change any more.`;
  }
  if (move.by !== side) {
    return side === "REFERRER" ? "Only the organisation the referral was sent to can do that." : "Only the organisation that made the referral can cancel it.";
  }
  return null;
}

export const REFERRAL_MOVES = MOVES;
