import { REFERRAL_MOVES, refuseReferralMove } from "@hub/core";
import { ReferralStatus } from "@hub/db";
import { describe, expect, it } from "vitest";

describe("referral state machine", () => {
  it.each([
    ["REQUESTED", "RECEIVED", "RECEIVER"],
    ["RECEIVED", "ACCEPTED", "RECEIVER"],
    ["ACCEPTED", "IN_PROGRESS", "RECEIVER"],
    ["IN_PROGRESS", "ON_HOLD", "RECEIVER"],
    ["ON_HOLD", "COMPLETED", "RECEIVER"],
    ["IN_PROGRESS", "FAILED", "RECEIVER"],
    ["RECEIVED", "CANCELLED", "REFERRER"],
  ] as const)("allows %s -> %s by the %s", (from, to, side) => {
    expect(refuseReferralMove(from, to, side)).toBeNull();
  });

  it.each([
    ["REQUESTED", "COMPLETED", "RECEIVER", "A referral that is requested cannot become completed."],
    ["COMPLETED", "IN_PROGRESS", "RECEIVER", "This referral is completed: it cannot change any more."],
    ["REQUESTED", "ACCEPTED", "REFERRER", "Only the organisation the referral was sent to can do that."],
    ["IN_PROGRESS", "CANCELLED", "RECEIVER", "Only the organisation that made the referral can cancel it."],
  ] as const)("refuses %s -> %s by the %s", (from, to, side, why) => {
    expect(refuseReferralMove(from, to, side)).toBe(why);
  });

  it("ends in rejected, completed, cancelled or failed, and every other state can move on", () => {
    const terminal = Object.values(ReferralStatus).filter((s) => REFERRAL_MOVES[s].length === 0).sort();
    expect(terminal).toEqual(["CANCELLED", "COMPLETED", "FAILED", "REJECTED"]);
  });
});
