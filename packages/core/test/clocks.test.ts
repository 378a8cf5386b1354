// The working-day calendar and the Victims' Code clocks. No database needed.
// Instants are written in UTC: in summer (BST) the end of a London day is 22:59:59.999Z,
// in winter (GMT) it is 23:59:59.999Z.
import { CaseUpdateType, type OrganisationKind } from "@hub/db";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  addWorkingDays,
  bankHolidays,
  calendarYears,
  DUTIES,
  type DutyName,
  dueDateFor,
  dutiesStartedBy,
  easterSunday,
  isWorkingDay,
  londonDate,
  OutsideBankHolidayCalendarError,
  standardBankHolidays,
  workingDaysBetween,
} from "../src/clocks/index.js";

const at = (iso: string) => new Date(iso);
const COVERED_YEARS = Array.from({ length: 11 }, (_, i) => 2020 + i);
const holidaysIn = (year: number) => bankHolidays.filter((h) => h.date.startsWith(`${year}-`));
const shiftDays = (iso: string, days: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

describe("deadlines on dated scenarios", () => {
  it.each<[scenario: string, duty: DutyName, clockStart: string, enhanced: boolean, due: string]>([
    // Fridays: the day of receipt never counts, so Friday afternoon gives all of Monday.
    ["receipt Friday 15:00 (GMT), 1 working day: end of Monday", "RIGHT_8_HEARING_DETAILS", "2025-11-14T15:00:00Z", false, "2025-11-17T23:59:59.999Z"],
    ["receipt Friday 15:00 (BST), 1 working day: end of Monday", "RIGHT_9_OUTCOME_AND_SENTENCE", "2025-06-13T14:00:00Z", false, "2025-06-16T22:59:59.999Z"],
    ["receipt on a Saturday, 1 working day: end of Monday", "RIGHT_8_HEARING_DETAILS", "2025-11-15T10:00:00Z", false, "2025-11-17T23:59:59.999Z"],
    // Bank holidays.
    ["receipt Thursday before Good Friday: end of the Tuesday after Easter Monday", "RIGHT_9_OUTCOME_AND_SENTENCE", "2026-04-02T10:00:00Z", false, "2026-04-07T22:59:59.999Z"],
    ["arrest the Friday before the summer bank holiday, enhanced: end of Tuesday", "RIGHT_6_POLICE_UPDATE", "2025-08-22T09:00:00Z", true, "2025-08-26T22:59:59.999Z"],
    ["needs assessment Friday before the 2023 Coronation holiday: 2 working days to Wednesday", "RIGHT_4_REFERRAL", "2023-05-05T11:00:00Z", false, "2023-05-10T22:59:59.999Z"],
    ["hearing details received the Friday before the State Funeral holiday: end of Tuesday", "RIGHT_8_HEARING_DETAILS", "2022-09-16T12:00:00Z", false, "2022-09-20T22:59:59.999Z"],
    ["received Wednesday 1 June 2022: the Jubilee Thursday and Friday are skipped", "RIGHT_8_HEARING_DETAILS", "2022-06-01T12:00:00Z", false, "2022-06-06T22:59:59.999Z"],
    ["received Thursday 7 May 2020: the VE Day Friday is skipped", "RIGHT_9_OUTCOME_AND_SENTENCE", "2020-05-07T12:00:00Z", false, "2020-05-11T22:59:59.999Z"],
    ["received Friday 1 May 2020: the first Monday in May was not a holiday that year", "RIGHT_9_OUTCOME_AND_SENTENCE", "2020-05-01T12:00:00Z", false, "2020-05-04T22:59:59.999Z"],
    // Christmas and New Year, with substitute days.
    ["receipt 24 Dec 2026, 5 working days: Boxing Day substitute (28th) and New Year skipped", "RIGHT_8_BAIL_OUTCOME", "2026-12-24T10:00:00Z", false, "2027-01-05T23:59:59.999Z"],
    ["receipt 24 Dec 2026, enhanced 1 working day: 29 Dec", "RIGHT_8_BAIL_OUTCOME", "2026-12-24T10:00:00Z", true, "2026-12-29T23:59:59.999Z"],
    ["receipt Friday 24 Dec 2021: 27th and 28th are substitutes, so Wednesday 29th", "RIGHT_8_HEARING_DETAILS", "2021-12-24T15:00:00Z", false, "2021-12-29T23:59:59.999Z"],
    ["receipt Friday 31 Dec 2021: Monday 3 Jan 2022 is the New Year substitute", "RIGHT_9_OUTCOME_AND_SENTENCE", "2021-12-31T15:00:00Z", false, "2022-01-04T23:59:59.999Z"],
    ["receipt Friday 23 Dec 2022: Boxing Day Monday and Christmas substitute Tuesday", "RIGHT_8_HEARING_DETAILS", "2022-12-23T15:00:00Z", false, "2022-12-28T23:59:59.999Z"],
    ["CPS decision 30 Dec 2022, 5 working days: 2 Jan 2023 substitute skipped", "RIGHT_6_VCL_LETTER", "2022-12-30T12:00:00Z", false, "2023-01-09T23:59:59.999Z"],
    // Enhanced Rights: 1 working day instead of 5.
    ["arrest Monday, standard: 5 working days", "RIGHT_6_POLICE_UPDATE", "2025-03-03T10:00:00Z", false, "2025-03-10T23:59:59.999Z"],
    ["arrest Monday, enhanced: 1 working day", "RIGHT_6_POLICE_UPDATE", "2025-03-03T10:00:00Z", true, "2025-03-04T23:59:59.999Z"],
    ["CPS decision Wednesday, standard VCL letter: 5 working days", "RIGHT_6_VCL_LETTER", "2025-01-15T16:00:00Z", false, "2025-01-22T23:59:59.999Z"],
    ["CPS decision Wednesday, enhanced VCL letter: 1 working day", "RIGHT_6_VCL_LETTER", "2025-01-15T16:00:00Z", true, "2025-01-16T23:59:59.999Z"],
    ["hearing details: 1 working day for every victim, enhanced or not", "RIGHT_8_HEARING_DETAILS", "2025-01-15T16:00:00Z", false, "2025-01-16T23:59:59.999Z"],
    ["victim told of a CPS decision: 10 working days to ask for a review", "VRR_REQUEST_WINDOW", "2025-01-15T16:00:00Z", false, "2025-01-29T23:59:59.999Z"],
    // BST and GMT: the London calendar day is what counts.
    ["23:30 UTC on a summer Thursday is 00:30 Friday in London: due end of Monday", "RIGHT_8_HEARING_DETAILS", "2025-07-03T23:30:00Z", false, "2025-07-07T22:59:59.999Z"],
    ["22:59 UTC on a summer Thursday is still Thursday in London: due end of Friday", "RIGHT_8_HEARING_DETAILS", "2025-07-03T22:59:59Z", false, "2025-07-04T22:59:59.999Z"],
    ["23:30 UTC on a winter Thursday is still Thursday in London: due end of Friday", "RIGHT_8_HEARING_DETAILS", "2025-01-09T23:30:00Z", false, "2025-01-10T23:59:59.999Z"],
    ["received Friday in GMT, due Monday after the clocks go forward", "RIGHT_8_HEARING_DETAILS", "2025-03-28T12:00:00Z", false, "2025-03-31T22:59:59.999Z"],
    ["received Friday in BST, due Monday after the clocks go back", "RIGHT_8_HEARING_DETAILS", "2025-10-24T12:00:00Z", false, "2025-10-27T23:59:59.999Z"],
  ])("%s", (_scenario, duty, clockStart, enhanced, due) => {
    expect(dueDateFor(duty, at(clockStart), enhanced).toISOString()).toBe(due);
  });

  it.each<[scenario: string, type: CaseUpdateType, recordedBy: OrganisationKind, occurredAt: string, receivedAt: string, due: string]>([
    ["verdict at a hearing on Monday, received by the WCU on Wednesday", "VERDICT", "POLICE_WCU", "2025-10-06T10:00:00Z", "2025-10-08T09:00:00Z", "2025-10-09T22:59:59.999Z"],
    ["hearing next Monday, details received by the WCU on Wednesday", "HEARING_LISTED", "POLICE_WCU", "2025-10-13T10:00:00Z", "2025-10-08T09:00:00Z", "2025-10-09T22:59:59.999Z"],
    ["court bail change on Monday, received by the WCU on Wednesday", "BAIL_CONDITIONS_CHANGED", "POLICE_WCU", "2025-10-06T10:00:00Z", "2025-10-08T09:00:00Z", "2025-10-09T22:59:59.999Z"],
    ["arrest on Monday, recorded on Wednesday: the police clock started at the arrest", "SUSPECT_ARRESTED", "POLICE", "2025-10-06T10:00:00Z", "2025-10-08T09:00:00Z", "2025-10-07T22:59:59.999Z"],
  ])("%s", (_scenario, type, recordedBy, occurredAt, receivedAt, due) => {
    const update = { occurredAt: at(occurredAt), receivedAt: at(receivedAt) };
    const [started] = dutiesStartedBy(type, recordedBy);
    expect(started).toBeDefined();
    expect(dueDateFor(started!.duty, update[started!.clockStartsAt], true).toISOString()).toBe(due);
  });

  it.each([
    ["after the calendar", "2031-01-02T12:00:00Z", 1],
    ["before the calendar", "2019-12-31T12:00:00Z", 1],
    ["before the calendar, even for the same day", "2019-12-31T12:00:00Z", 0],
    ["running past the end of the calendar", "2030-12-31T12:00:00Z", 1],
  ])("refuses a deadline %s, saying what to do", (_when, start, n) => {
    expect(() => addWorkingDays(at(start), n)).toThrow(OutsideBankHolidayCalendarError);
    expect(() => addWorkingDays(at(start), n)).toThrow("The bank holiday calendar covers 2020–2030; add the year before computing deadlines for it.");
  });

  it("refuses the other calendar functions outside the calendar, naming the year", () => {
    expect(() => isWorkingDay(at("2031-06-02T12:00:00Z"))).toThrow(OutsideBankHolidayCalendarError);
    expect(() => workingDaysBetween(at("2030-12-20T12:00:00Z"), at("2031-01-05T12:00:00Z"))).toThrow(OutsideBankHolidayCalendarError);
    expect(() => workingDaysBetween(at("2019-12-31T12:00:00Z"), at("2019-12-31T13:00:00Z"))).toThrow(OutsideBankHolidayCalendarError);
    try {
      dueDateFor("RIGHT_6_POLICE_UPDATE", at("2030-12-30T12:00:00Z"), false);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(OutsideBankHolidayCalendarError);
      expect((error as OutsideBankHolidayCalendarError).year).toBe(2031);
    }
  });

  it.each([-1, 1.5, Number.NaN])("refuses %s working days", (n) => {
    expect(() => addWorkingDays(at("2025-01-15T12:00:00Z"), n)).toThrow(RangeError);
  });

  it("means the same London day by 0 working days", () => {
    expect(addWorkingDays(at("2025-07-03T23:30:00Z"), 0).toISOString()).toBe("2025-07-04T22:59:59.999Z");
  });
});

describe("working days", () => {
  it.each([
    ["a Wednesday", "2025-01-15T12:00:00Z", true],
    ["a Saturday", "2025-01-18T12:00:00Z", false],
    ["a Sunday", "2025-01-19T12:00:00Z", false],
    ["Good Friday 2026", "2026-04-03T12:00:00Z", false],
    ["Easter Monday 2026", "2026-04-06T12:00:00Z", false],
    ["the VE Day holiday, 8 May 2020", "2020-05-08T12:00:00Z", false],
    ["Monday 4 May 2020, the usual early May holiday moved that year", "2020-05-04T12:00:00Z", true],
    ["Monday 30 May 2022, the usual spring holiday moved to 2 June", "2022-05-30T12:00:00Z", true],
    ["Boxing Day substitute, 28 Dec 2020", "2020-12-28T12:00:00Z", false],
    ["Christmas substitute, 27 Dec 2021", "2021-12-27T12:00:00Z", false],
    ["Boxing Day substitute, 28 Dec 2021", "2021-12-28T12:00:00Z", false],
    ["New Year substitute, 3 Jan 2022", "2022-01-03T12:00:00Z", false],
    ["Boxing Day, Monday 26 Dec 2022", "2022-12-26T12:00:00Z", false],
    ["Christmas substitute, 27 Dec 2022", "2022-12-27T12:00:00Z", false],
    ["New Year substitute, 2 Jan 2023", "2023-01-02T12:00:00Z", false],
    ["Boxing Day substitute, 28 Dec 2026", "2026-12-28T12:00:00Z", false],
    ["Friday 22:59:59.999 UTC in summer (still Friday in London)", "2025-07-04T22:59:59.999Z", true],
    ["Friday 23:00 UTC in summer (Saturday in London)", "2025-07-04T23:00:00.000Z", false],
    ["Sunday 23:30 UTC in summer (Monday in London)", "2025-07-06T23:30:00Z", true],
  ])("%s: %s is a working day? %s", (_what, instant, working) => {
    expect(isWorkingDay(at(instant))).toBe(working);
  });

  it.each([
    ["same day", "2025-01-15T09:00:00Z", "2025-01-15T17:00:00Z", 0],
    ["Friday to Monday", "2025-11-14T15:00:00Z", "2025-11-17T10:00:00Z", 1],
    ["Friday to Saturday", "2025-11-14T15:00:00Z", "2025-11-15T10:00:00Z", 0],
    ["Thursday before Good Friday to the Tuesday after Easter Monday", "2026-04-02T10:00:00Z", "2026-04-07T10:00:00Z", 1],
    ["24 Dec 2026 to 5 Jan 2027", "2026-12-24T10:00:00Z", "2027-01-05T10:00:00Z", 5],
    ["summer Thursday 23:30 UTC (Friday in London) to Friday", "2025-07-03T23:30:00Z", "2025-07-04T12:00:00Z", 0],
    ["backwards: Monday to the Friday before", "2025-11-17T10:00:00Z", "2025-11-14T15:00:00Z", -1],
  ])("%s: %s to %s is %s working days", (_what, a, b, days) => {
    expect(workingDaysBetween(at(a), at(b))).toBe(days);
  });

  it("gives the London calendar date of an instant", () => {
    expect(londonDate(at("2025-07-03T23:30:00Z"))).toBe("2025-07-04");
    expect(londonDate(at("2025-01-09T23:30:00Z"))).toBe("2025-01-09");
  });

  // Any start day in the calendar and 0..30 working days; starts end early enough that the
  // deadline stays inside 2030.
  it("finds the nth working day after the start, at the end of that London day", () => {
    const start = fc.date({ min: at("2020-01-01T00:00:00Z"), max: at("2030-11-01T00:00:00Z"), noInvalidDate: true });
    fc.assert(
      fc.property(start, fc.integer({ min: 0, max: 30 }), (d, n) => {
        const due = addWorkingDays(d, n);
        expect(due.getTime()).toBeGreaterThanOrEqual(d.getTime());
        if (n > 0) expect(due.getTime()).toBeGreaterThan(d.getTime());
        // 0 working days is the start's own day, which may be a weekend.
        if (n > 0 || isWorkingDay(d)) expect(isWorkingDay(due)).toBe(true);
        expect(workingDaysBetween(d, due)).toBe(n);
        // The very end of a London day: one millisecond later is the next day.
        expect(londonDate(new Date(due.getTime() + 1))).not.toBe(londonDate(due));
      }),
      { numRuns: 500 },
    );
  });
});

describe("the bank holiday calendar (bank-holidays-england-wales.json)", () => {
  it("covers 2020 to 2030, with at least the eight usual holidays in every year", () => {
    expect(calendarYears).toEqual({ first: 2020, last: 2030 });
    for (const year of COVERED_YEARS) expect(holidaysIn(year).length, String(year)).toBeGreaterThanOrEqual(8);
  });

  it("lists only weekdays: a holiday on a weekend is replaced by its substitute day", () => {
    const onWeekends = bankHolidays.filter((h) => [0, 6].includes(new Date(`${h.date}T12:00:00Z`).getUTCDay()));
    expect(onWeekends).toEqual([]);
  });

  it("has no duplicate dates, in date order", () => {
    const dates = bankHolidays.map((h) => h.date);
    expect(new Set(dates).size).toBe(dates.length);
    expect(dates).toEqual([...dates].sort());
  });

  it("has the proclaimed one-off holidays", () => {
    const names = new Map(bankHolidays.map((h) => [h.date, h.name]));
    expect(names.get("2020-05-08")).toBe("Early May bank holiday (VE Day)");
    expect(names.get("2022-06-02")).toBe("Spring bank holiday");
    expect(names.get("2022-06-03")).toBe("Platinum Jubilee bank holiday");
    expect(names.get("2022-09-19")).toBe("Bank holiday for the State Funeral of Queen Elizabeth II");
    expect(names.get("2023-05-08")).toBe("Bank holiday for the coronation of King Charles III");
    expect(names.has("2020-05-04")).toBe(false);
    expect(names.has("2022-05-30")).toBe(false);
  });

  it("computes Easter Sunday correctly (the cross-check below relies on it)", () => {
    const known = { 2000: "2000-04-23", 2008: "2008-03-23", 2011: "2011-04-24", 2019: "2019-04-21", 2038: "2038-04-25", 2285: "2285-03-22" };
    for (const [year, easter] of Object.entries(known)) expect(easterSunday(Number(year))).toBe(easter);
  });

  it.each(COVERED_YEARS)("has Good Friday and Easter Monday around Easter Sunday in %i", (year) => {
    const easter = easterSunday(year);
    const named = (name: string) => holidaysIn(year).filter((h) => h.name === name).map((h) => h.date);
    expect(named("Good Friday")).toEqual([shiftDays(easter, -2)]);
    expect(named("Easter Monday")).toEqual([shiftDays(easter, 1)]);
  });

  it.each([2021, 2024, 2025, 2026, 2027, 2028, 2029, 2030])("matches the standard pattern in %i, a year with no proclaimed changes", (year) => {
    expect(standardBankHolidays(year)).toEqual(holidaysIn(year));
  });

  it("differs from the standard pattern exactly where holidays were proclaimed", () => {
    const diff = (year: number) => {
      const standard = new Set(standardBankHolidays(year).map((h) => h.date));
      const published = new Set(holidaysIn(year).map((h) => h.date));
      return { added: [...published].filter((d) => !standard.has(d)), removed: [...standard].filter((d) => !published.has(d)) };
    };
    expect(diff(2020)).toEqual({ added: ["2020-05-08"], removed: ["2020-05-04"] });
    expect(diff(2022)).toEqual({ added: ["2022-06-02", "2022-06-03", "2022-09-19"], removed: ["2022-05-30"] });
    expect(diff(2023)).toEqual({ added: ["2023-05-08"], removed: [] });
  });
});

describe("the duties the hub times", () => {
  it.each<[DutyName, OrganisationKind[], number, number]>([
    ["RIGHT_4_REFERRAL", ["POLICE", "POLICE_WCU"], 2, 2],
    ["RIGHT_6_POLICE_UPDATE", ["POLICE"], 5, 1],
    ["RIGHT_6_VCL_LETTER", ["CPS"], 5, 1],
    ["RIGHT_8_HEARING_DETAILS", ["POLICE_WCU"], 1, 1],
    ["RIGHT_8_BAIL_OUTCOME", ["POLICE_WCU"], 5, 1],
    ["RIGHT_9_OUTCOME_AND_SENTENCE", ["POLICE_WCU"], 1, 1],
    ["VRR_REQUEST_WINDOW", [], 10, 10],
    ["REFERRAL_ACKNOWLEDGEMENT", ["ISVA_SERVICE", "IDVA_SERVICE", "VICTIM_SUPPORT_CHARITY", "OTHER"], 2, 2],
  ])("%s is owed by %j: %i working days, %i with Enhanced Rights", (duty, owedBy, standard, enhanced) => {
    expect(DUTIES[duty].owedBy).toEqual(owedBy);
    expect(DUTIES[duty].workingDays).toEqual({ standard, enhanced });
  });

  it("says which duties are the Victims' Code's and which the partnership's own service standards", () => {
    const standards = Object.entries(DUTIES).filter(([, d]) => d.source === "SERVICE_STANDARD").map(([name]) => name);
    expect(standards).toEqual(["REFERRAL_ACKNOWLEDGEMENT"]);
  });

  it.each<[CaseUpdateType, OrganisationKind, DutyName[], "occurredAt" | "receivedAt" | null]>([
    ["SUSPECT_ARRESTED", "POLICE", ["RIGHT_6_POLICE_UPDATE"], "occurredAt"],
    ["SUSPECT_INTERVIEWED", "POLICE", ["RIGHT_6_POLICE_UPDATE"], "occurredAt"],
    ["SUSPECT_BAILED", "POLICE", ["RIGHT_6_POLICE_UPDATE"], "occurredAt"],
    ["SUSPECT_RELEASED_UNDER_INVESTIGATION", "POLICE", ["RIGHT_6_POLICE_UPDATE"], "occurredAt"],
    ["BAIL_CONDITIONS_CHANGED", "POLICE", ["RIGHT_6_POLICE_UPDATE"], "occurredAt"],
    ["BAIL_CONDITIONS_CHANGED", "POLICE_WCU", ["RIGHT_8_BAIL_OUTCOME"], "receivedAt"],
    ["BAIL_CONDITIONS_CHANGED", "CPS", ["RIGHT_8_BAIL_OUTCOME"], "receivedAt"],
    ["SUSPECT_CHARGED", "POLICE", ["RIGHT_6_POLICE_UPDATE"], "occurredAt"],
    ["SUSPECT_CHARGED", "CPS", ["RIGHT_6_POLICE_UPDATE"], "occurredAt"],
    ["POLICE_NO_FURTHER_ACTION", "POLICE", ["RIGHT_6_POLICE_UPDATE"], "occurredAt"],
    ["CPS_DECISION_NOT_TO_CHARGE", "CPS", ["RIGHT_6_VCL_LETTER"], "occurredAt"],
    ["CPS_DISCONTINUED", "CPS", ["RIGHT_6_VCL_LETTER"], "occurredAt"],
    ["CPS_CHARGE_ALTERED", "CPS", ["RIGHT_6_VCL_LETTER"], "occurredAt"],
    ["HEARING_LISTED", "POLICE_WCU", ["RIGHT_8_HEARING_DETAILS"], "receivedAt"],
    ["HEARING_MOVED", "POLICE_WCU", ["RIGHT_8_HEARING_DETAILS"], "receivedAt"],
    ["HEARING_VACATED", "POLICE_WCU", ["RIGHT_8_HEARING_DETAILS"], "receivedAt"],
    ["SPECIAL_MEASURES_OUTCOME", "CPS", [], null],
    ["VERDICT", "POLICE_WCU", ["RIGHT_9_OUTCOME_AND_SENTENCE"], "receivedAt"],
    ["SENTENCE", "POLICE_WCU", ["RIGHT_9_OUTCOME_AND_SENTENCE"], "receivedAt"],
    ["PROGRESS_NOTE", "ISVA_SERVICE", [], null],
  ])("%s recorded by %s starts %j, timed from %s", (type, recordedBy, duties, field) => {
    const started = dutiesStartedBy(type, recordedBy);
    expect(started.map((s) => s.duty)).toEqual(duties);
    for (const s of started) expect(s.clockStartsAt).toBe(field);
  });

  it("decides every case update type, and starts Witness Care Unit clocks at receipt", () => {
    for (const type of Object.values(CaseUpdateType)) {
      for (const recordedBy of ["POLICE", "POLICE_WCU", "CPS"] as const) {
        for (const { duty, clockStartsAt } of dutiesStartedBy(type, recordedBy)) {
          expect(clockStartsAt, `${type} -> ${duty}`).toBe(DUTIES[duty].owedBy.includes("POLICE_WCU") ? "receivedAt" : "occurredAt");
        }
      }
    }
  });

  it("refuses to guess whether a bail change was police bail or court bail", () => {
    const untyped = dutiesStartedBy as (type: string) => unknown;
    expect(() => untyped("BAIL_CONDITIONS_CHANGED")).toThrow("Say who recorded the bail change");
  });
});
