// England and Wales bank holidays. bank-holidays-england-wales.json is the source of truth:
// one-off holidays (VE Day 2020, the 2022 Jubilee and State Funeral, the 2023 Coronation)
// are proclaimed, not computed, so deadlines must come from the published list.
//
// To add a year: run `npx tsx packages/core/src/clocks/print-standard-bank-holidays.ts 2031`,
// check the output against https://www.gov.uk/bank-holidays for proclaimed changes, append it
// to the JSON and run the clock tests. Until then, deadlines in that year refuse to compute.
import { z } from "zod";
import data from "./bank-holidays-england-wales.json" with { type: "json" };
import { dayOf, dayOfIsoDate, isoDateOfDay, isWeekend, weekdayOfDay, yearOfDay } from "./london-days.js";

export interface BankHoliday {
  /** YYYY-MM-DD, a UK civil date. */
  date: string;
  name: string;
}

const bankHolidaySchema = z.object({
  date: z.iso.date(),
  name: z.string().trim().min(1),
});

export const bankHolidays: readonly BankHoliday[] = z.object({ holidays: z.array(bankHolidaySchema).min(1) }).parse(data).holidays;

const years = bankHolidays.map((h) => Number(h.date.slice(0, 4)));
/** The years the calendar covers, inclusive. Deadlines outside them refuse to compute. */
export const calendarYears = { first: Math.min(...years), last: Math.max(...years) } as const;

// A year missing in the middle would silently make every day of it a working day.
for (let year = calendarYears.first; year <= calendarYears.last; year++) {
  if (!years.includes(year)) throw new Error(`bank-holidays-england-wales.json has no bank holidays for ${year}; add them.`);
}

export const bankHolidayDays: ReadonlySet<number> = new Set(bankHolidays.map((h) => dayOfIsoDate(h.date)));

/** Easter Sunday (Gregorian, anonymous computus of Meeus/Jones/Butcher), as YYYY-MM-DD. */
export function easterSunday(year: number): string {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const date = ((h + l - 7 * m + 114) % 31) + 1;
  return isoDateOfDay(dayOf(year, month, date));
}

const MONDAY = 1;
const firstMonday = (year: number, month: number) => {
  const first = dayOf(year, month, 1);
  return first + ((MONDAY - weekdayOfDay(first) + 7) % 7);
};
const lastMonday = (year: number, month: number) => {
  const last = dayOf(year, month + 1, 0);
  return last - ((weekdayOfDay(last) - MONDAY + 7) % 7);
};

/**
 * The standard England and Wales pattern for a year, with substitute days: what the JSON needs
 * for a year with no proclaimed changes. Check gov.uk before appending it.
 */
export function standardBankHolidays(year: number): BankHoliday[] {
  const easter = dayOfIsoDate(easterSunday(year));
  const usual = [
    { day: dayOf(year, 1, 1), name: "New Year's Day" },
    { day: easter - 2, name: "Good Friday" },
    { day: easter + 1, name: "Easter Monday" },
    { day: firstMonday(year, 5), name: "Early May bank holiday" },
    { day: lastMonday(year, 5), name: "Spring bank holiday" },
    { day: lastMonday(year, 8), name: "Summer bank holiday" },
    { day: dayOf(year, 12, 25), name: "Christmas Day" },
    { day: dayOf(year, 12, 26), name: "Boxing Day" },
  ];
  // A holiday on a weekend moves to the next weekday that is not already a holiday. Weekday
  // holidays keep their day first: with Christmas on a Sunday, Boxing Day keeps Monday 26th
  // and Christmas moves to Tuesday 27th, as gov.uk publishes it.
  const taken = new Set(usual.filter((h) => !isWeekend(h.day)).map((h) => h.day));
  const moved = usual.map((h) => {
    if (!isWeekend(h.day)) return h;
    let day = h.day + 1;
    while (isWeekend(day) || taken.has(day)) day++;
    taken.add(day);
    return { day, name: `${h.name} (substitute day)` };
  });
  return moved.sort((x, y) => x.day - y.day).map((h) => ({ date: isoDateOfDay(h.day), name: h.name }));
}

/** True when the calendar has that year; deadlines must not be computed otherwise. */
export const calendarCovers = (day: number): boolean => {
  const year = yearOfDay(day);
  return year >= calendarYears.first && year <= calendarYears.last;
};
