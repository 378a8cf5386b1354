// The case page's wording: deadlines (her review window is never overdue), Enhanced Rights
// and referrals, in the words people at the partner organisations use.
import { describe, expect, it } from "vitest";
import {
  clockInWords,
  clockTone,
  DATA_CATEGORIES,
  ENHANCED_RIGHTS_GROUNDS,
  enhancedRightsInWords,
  groundInWords,
  referralInWords,
  SERVICE_TIERS,
  serviceTierInWords,
} from "../src/features/cases/caseWords";

describe("deadlines on the case page", () => {
  const reviewWindow = { duty: "VRR_REQUEST_WINDOW", dueAt: "2026-03-17T23:59:00.000Z", satisfiedAt: null, owedByKind: null };

  it("words her review window as open until, or closed on, its last day, never as overdue", () => {
    expect(clockInWords({ ...reviewWindow, status: "WINDOW_OPEN" })).toBe("Her window to ask for a review of the decision: open until 17 March 2026");
    expect(clockInWords({ ...reviewWindow, status: "WINDOW_CLOSED" })).toBe("Her window to ask for a review of the decision: closed on 17 March 2026");
    expect(clockTone("WINDOW_OPEN")).toBe("neutral");
    expect(clockTone("WINDOW_CLOSED")).toBe("neutral");
    expect(clockInWords({ ...reviewWindow, status: "WINDOW_CLOSED" })).not.toMatch(/overdue/i);
  });

  it("words an agency's duty with its due date and when it was done", () => {
    const duty = { duty: "RIGHT_8_HEARING_DETAILS", dueAt: "2026-03-04T12:00:00.000Z", owedByKind: "POLICE_WCU" };
    expect(clockInWords({ ...duty, status: "OPEN", satisfiedAt: null })).toBe("Right 8: tell her about a court hearing, due 4 March 2026");
    expect(clockInWords({ ...duty, status: "MET", satisfiedAt: "2026-03-03T12:00:00.000Z" })).toBe("Right 8: tell her about a court hearing, due 4 March 2026, done 3 March 2026");
    expect(clockTone("BREACHED")).toBe("problem");
    expect(clockTone("OPEN")).toBe("due");
    expect(clockTone("MET_LATE")).toBe("done");
  });
});

describe("Enhanced Rights in words", () => {
  it("names her grounds and her service tier", () => {
    expect(enhancedRightsInWords({ eligible: true, grounds: ["MOST_SERIOUS_CRIME", "UNDER_18"], serviceTier: "ENHANCED", raisedAtVictimsWish: false })).toBe(
      "She has Enhanced Rights: victim of the most serious crime and under 18. Service tier: enhanced.",
    );
    expect(enhancedRightsInWords({ eligible: false, grounds: [], serviceTier: "ENHANCED", raisedAtVictimsWish: true })).toBe(
      "She does not have Enhanced Rights. Service tier: enhanced, raised at her wish.",
    );
  });

  it("has a plain label for every ground and tier the hub knows", () => {
    expect(ENHANCED_RIGHTS_GROUNDS).toEqual(["MOST_SERIOUS_CRIME", "VULNERABLE_OR_INTIMIDATED", "PERSISTENTLY_TARGETED", "UNDER_18", "BEREAVED"]);
    expect(ENHANCED_RIGHTS_GROUNDS.map(groundInWords)).not.toContain(expect.stringMatching(/_/));
    expect(SERVICE_TIERS.map(serviceTierInWords)).toEqual(["Standard", "Enhanced", "Intensive"]);
    expect(groundInWords("A_NEW_GROUND")).toBe("A new ground");
  });
});

describe("referrals in words", () => {
  const referral = { status: "REQUESTED", urgency: "URGENT", createdAt: "2026-03-03T10:00:00.000Z", shares: [] as string[], outcomeInAgreedMessage: false };

  it("says who it went to, what travelled with it, and whether she agreed it may be told", () => {
    expect(referralInWords(referral, "Victim Support Northshire")).toBe("To Victim Support Northshire (urgent), made 3 March 2026. No information about her was shared.");
    expect(referralInWords({ ...referral, shares: ["IDENTITY", "CONTACT_DETAILS"], outcomeInAgreedMessage: true }, "Safe Steps Northshire")).toBe(
      "To Safe Steps Northshire (urgent), made 3 March 2026. Shared: who she is (name, date of birth) and contact details. She agreed that where it stands may be told in the agreed message.",
    );
  });

  it("offers every kind of information the hub knows", () => {
    expect(DATA_CATEGORIES).toEqual(["CASE_PROGRESS", "CONTACT_DETAILS", "IDENTITY", "NEEDS_AND_VULNERABILITIES", "SAFE_CONTACT_RULES", "SPECIAL_CATEGORY"]);
  });
});
