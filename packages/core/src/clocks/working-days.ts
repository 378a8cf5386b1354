// Working days for Victims' Code deadlines: not Saturday, not Sunday, not an England and
// Wales bank holiday, counted on London calendar dates.
import { bankHolidayDays, calendarCovers, calendarYears } from "./bank-holidays.js";
import { endOfLondonDay, isWeekend, londonDay, yearOfDay } from "./london-days.js";

/**
 * A date outside the bank holiday calendar. Thrown rather than guessed: a year without its
 * bank holidays would silently give wrong deadlines. An operator fixes it, not the caseworker.
 */
export class OutsideBankHolidayCalendarError extends Error {
  override name = "OutsideBankHolidayCalendarError";
  constructor(readonly year: number) {
    super(`The bank holiday calendar covers ${calendarYears.first}–${calendarYears.last}; add the year before computing deadlines for it.`);
  }
}

function requireCovered(day: number): void {
  if (!calendarCovers(day)) throw new OutsideBankHolidayCalendarError(yearOfDay(day));
}

function isWorking(day: number): boolean {
  requireCovered(day);
  return !isWeekend(day) && !bankHolidayDays.has(day);
}

/** Whether the London calendar day of this instant is a working day. */
export function isWorkingDay(date: Date): boolean {
  return isWorking(londonDay(date));
}

/**
 * The deadline "within n working days" of start: the END (23:59:59.999 London time) of the
 * nth working day after start's London calendar day. The day of the event itself never
 * counts, whatever the hour: details received on Friday afternoon "within 1 working day" are
 * due by the end of Monday, and the agency has all of Monday to act. An event on a weekend or
 * bank holiday counts from that day too, so Saturday plus 1 working day is also Monday.
 * n = 0 means "the same day": the end of start's own London day.
 */
export function addWorkingDays(start: Date, n: number): Date {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`A number of working days is a whole number, 0 or more (not ${n}).`);
  let day = londonDay(start);
  requireCovered(day); // even for n = 0
  for (let counted = 0; counted < n; ) {
    day += 1;
    if (isWorking(day)) counted += 1;
  }
  return endOfLondonDay(day);
}

/**
 * Whole working days from a to b: the working days after a's London day, up to and including
 * b's. Acting on the day of the event is 0; on the next working day, 1. This is the figure
 * for "median working days" reports. Negative when b is before a. Whether a deadline was met
 * is `done <= addWorkingDays(start, n)`, not this count: a Saturday after a Friday deadline
 * still counts as n here.
 */
export function workingDaysBetween(a: Date, b: Date): number {
  const from = londonDay(a);
  const to = londonDay(b);
  if (to < from) return -workingDaysBetween(b, a);
  requireCovered(from); // even when a and b are the same day
  let count = 0;
  for (let day = from + 1; day <= to; day++) if (isWorking(day)) count += 1;
  return count;
}
