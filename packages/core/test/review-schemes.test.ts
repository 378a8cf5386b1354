// Each Victims' Right to Review scheme's window is data: the CPS's 10 working days and the
// police's 3 months, from when she was told, London time.
import { describe, expect, it } from "vitest";
import { REVIEW_SCHEMES, REVIEWABLE_DECISIONS, reviewSchemeFor, reviewWindowEnds } from "../src/clocks/index.js";

describe("Victims' Right to Review schemes", () => {
  it("puts each reviewable decision under exactly one scheme, and nothing else under any", () => {
    expect(reviewSchemeFor("CPS_DECISION_NOT_TO_CHARGE")).toBe("CPS");
    expect(reviewSchemeFor("CPS_DISCONTINUED")).toBe("CPS");
    expect(reviewSchemeFor("POLICE_NO_FURTHER_ACTION")).toBe("POLICE");
    expect(reviewSchemeFor("CPS_CHARGE_ALTERED")).toBeNull();
    expect(reviewSchemeFor("SUSPECT_CHARGED")).toBeNull();
    expect([...REVIEWABLE_DECISIONS].sort()).toEqual(Object.values(REVIEW_SCHEMES).flatMap((s) => s.decisions).sort());
    expect(new Set(REVIEWABLE_DECISIONS).size).toBe(REVIEWABLE_DECISIONS.length);
  });

  it("gives the CPS scheme 10 working days from being told, skipping weekends and bank holidays", () => {
    // Told on Friday 18 December 2026: Christmas Day, Boxing Day (kept on Monday 28th) and New Year's Day are not counted.
    expect(reviewWindowEnds("CPS", new Date("2026-12-18T10:00:00Z")).toISOString()).toBe("2027-01-06T23:59:59.999Z");
  });

  it("gives the police scheme 3 calendar months from being told, to the end of that London day", () => {
    // Summer time: the last day ends at 23:59:59.999 BST.
    expect(reviewWindowEnds("POLICE", new Date("2026-04-01T09:00:00Z")).toISOString()).toBe("2026-07-01T22:59:59.999Z");
    // 30 November + 3 months: there is no 30 February, so the last day of February.
    expect(reviewWindowEnds("POLICE", new Date("2026-11-30T12:00:00Z")).toISOString()).toBe("2027-02-28T23:59:59.999Z");
    // 22:30 UTC on 31 March is 23:30 in London, still 31 March; June has no 31st, so its last day.
    expect(reviewWindowEnds("POLICE", new Date("2026-03-31T22:30:00Z")).toISOString()).toBe("2026-06-30T22:59:59.999Z");
  });

  it("considers late CPS requests for 3 months, and leaves late police requests to the force", () => {
    expect(REVIEW_SCHEMES.CPS.lateRequestsConsideredFor).toEqual({ months: 3 });
    expect(REVIEW_SCHEMES.POLICE.lateRequestsConsideredFor).toBeNull();
  });
});
