import { describe, expect, it } from "vitest";
import { problemWithContactTime } from "../src/features/case/RecordContactForm";
import { addDays, instantFromLondon, londonInputValues, startOfLondonDay } from "../src/features/case/londonTime";
import {
  barWidth,
  breachesInWords,
  calendarDaysInWords,
  canReadCompliance,
  onTimeInWords,
  percentInWords,
  periodRange,
  scaleTop,
  workingDaysInWords,
} from "../src/features/compliance/complianceFigures";

describe("compliance figures in words", () => {
  it("says percentages, counts and medians as people read them", () => {
    expect(percentInWords(82)).toBe("82%");
    expect(percentInWords(33.3)).toBe("33.3%");
    expect(percentInWords(66.66)).toBe("66.7%");
    expect(onTimeInWords(82, 41, 50)).toBe("82% on time, 41 of 50");
    expect(onTimeInWords(null, 0, 0)).toBe("No deadline has been reached yet");
    expect(workingDaysInWords(3.5)).toBe("3.5 working days");
    expect(workingDaysInWords(1)).toBe("1 working day");
    expect(workingDaysInWords(0)).toBe("The same working day");
    expect(workingDaysInWords(null)).toBe("None done yet");
    expect(calendarDaysInWords(14)).toBe("14 days");
    expect(calendarDaysInWords(7.5)).toBe("7.5 days");
    expect(calendarDaysInWords(1)).toBe("1 day");
  });

  it("names missed deadlines in words, never by colour alone", () => {
    expect(breachesInWords(0, 0)).toBe("None missed");
    expect(breachesInWords(2, 1)).toBe("1 missed and still not done; 2 done late");
    expect(breachesInWords(1, 0)).toBe("1 done late");
  });

  it("draws bars on a round scale that holds the largest value", () => {
    expect(scaleTop([3.5, 2, null])).toBe(5);
    expect(scaleTop([14, 7.5])).toBe(20);
    expect(scaleTop([0, null])).toBe(1);
    expect(scaleTop([])).toBe(1);
    expect(scaleTop([100])).toBe(100);
    expect(scaleTop([101])).toBe(200);
    expect(barWidth(3.5, 5)).toBe(70);
    expect(barWidth(null, 5)).toBe(0);
    expect(barWidth(120, 100)).toBe(100);
    expect(barWidth(-1, 100)).toBe(0);
  });

  it("is for organisation admins and partnership auditors", () => {
    expect(canReadCompliance(["PARTNERSHIP_AUDITOR"])).toBe(true);
    expect(canReadCompliance(["ORGANISATION_ADMIN", "CASEWORKER"])).toBe(true);
    expect(canReadCompliance(["CASEWORKER"])).toBe(false);
    expect(canReadCompliance(["ADVOCATE"])).toBe(false);
  });

  it("turns a period into whole London days, ending with today", () => {
    // 28 November 2026, 16:00 in London (GMT).
    const now = new Date("2026-11-28T16:00:00Z");
    expect(periodRange("last-3-months", now)).toEqual({ from: "2026-08-28T23:00:00.000Z", to: "2026-11-29T00:00:00.000Z" });
    expect(periodRange("last-12-months", now)).toEqual({ from: "2025-11-29T00:00:00.000Z", to: "2026-11-29T00:00:00.000Z" });
    expect(periodRange("this-financial-year", now)).toEqual({ from: "2026-03-31T23:00:00.000Z", to: "2026-11-29T00:00:00.000Z" });
    expect(periodRange("last-financial-year", now)).toEqual({ from: "2025-03-31T23:00:00.000Z", to: "2026-03-31T23:00:00.000Z" });
    // In March the financial year is the one that started the April before; the 31st of a
    // month goes back to the last day of a shorter one.
    const march = new Date("2027-03-31T12:00:00Z");
    expect(periodRange("this-financial-year", march).from).toBe("2026-03-31T23:00:00.000Z");
    expect(periodRange("last-3-months", march).from).toBe(startOfLondonDay("2027-01-01").toISOString());
  });
});

describe("the time of a contact, in London", () => {
  it("reads date and time inputs as London time, in winter and in summer", () => {
    expect(instantFromLondon("2026-01-15", "09:30")?.toISOString()).toBe("2026-01-15T09:30:00.000Z");
    expect(instantFromLondon("2026-07-01", "00:30")?.toISOString()).toBe("2026-06-30T23:30:00.000Z");
    // The morning the clocks go back: 01:30 happens twice; the first (BST) is taken.
    expect(instantFromLondon("2026-10-25", "01:30")?.toISOString()).toBe("2026-10-25T00:30:00.000Z");
    expect(instantFromLondon("2026-02-30", "09:00")).toBeNull();
    expect(instantFromLondon("2026-02-10", "25:00")).toBeNull();
    expect(instantFromLondon("", "09:00")).toBeNull();
  });

  it("fills the inputs with London's date and time", () => {
    expect(londonInputValues(new Date("2026-06-30T23:30:00Z"))).toEqual({ date: "2026-07-01", time: "00:30" });
    expect(londonInputValues(new Date("2026-12-31T23:59:00Z"))).toEqual({ date: "2026-12-31", time: "23:59" });
    expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
  });

  it("refuses a missing, impossible or future time, in plain words", () => {
    const now = new Date("2026-11-28T16:00:00Z");
    expect(problemWithContactTime("2026-11-28", "16:00", now)).toBeNull();
    expect(problemWithContactTime("2026-11-28", "16:01", now)).toBeNull();
    expect(problemWithContactTime("2026-11-28", "16:02", now)).toBe("The time of the contact cannot be in the future: enter when it happened");
    expect(problemWithContactTime("2026-11-29", "09:00", now)).toMatch(/cannot be in the future/);
    expect(problemWithContactTime("", "09:00", now)).toBe("Enter the date and time of the contact");
    expect(problemWithContactTime("2026-02-30", "09:00", now)).toMatch(/^Enter a real date and time/);
  });
});
