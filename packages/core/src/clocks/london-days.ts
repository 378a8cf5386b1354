// Calendar days in England and Wales. A deadline is a UK civil date, so an instant is first
// turned into its Europe/London date: in summer (BST) 23:30 UTC is already tomorrow in London.
// Days are counted as whole numbers (days since 1970-01-01), which keeps the arithmetic exact.

const DAY_MS = 86_400_000;

const LONDON = new Intl.DateTimeFormat("en-GB", {
  timeZone: "Europe/London",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
  hourCycle: "h23",
});

/** The London wall-clock reading of an instant, written as if it were UTC milliseconds. */
function londonWallClock(ms: number): number {
  const part: Record<string, number> = {};
  for (const { type, value } of LONDON.formatToParts(ms)) part[type] = Number(value);
  const wholeSeconds = Date.UTC(part.year!, part.month! - 1, part.day!, part.hour!, part.minute!, part.second!);
  return wholeSeconds + (((ms % 1000) + 1000) % 1000);
}

/** The London calendar day an instant falls on. */
export function londonDay(instant: Date): number {
  const ms = instant.getTime();
  if (Number.isNaN(ms)) throw new RangeError("That is not a valid date and time.");
  return Math.floor(londonWallClock(ms) / DAY_MS);
}

/** The instant 23:59:59.999 London time on that day (22:59:59.999 UTC in summer). */
export function endOfLondonDay(day: number): Date {
  const wall = (day + 1) * DAY_MS - 1;
  // The offset at the guess is the offset that day: clocks change at 01:00 UTC, far from midnight.
  // Checking once more keeps this right even if that ever changed.
  let ms = wall - (londonWallClock(wall) - wall);
  ms = wall - (londonWallClock(ms) - ms);
  return new Date(ms);
}

export const dayOfIsoDate = (iso: string): number => Date.parse(`${iso}T00:00:00Z`) / DAY_MS;
export const isoDateOfDay = (day: number): string => new Date(day * DAY_MS).toISOString().slice(0, 10);
export const dayOf = (year: number, month: number, date: number): number => Date.UTC(year, month - 1, date) / DAY_MS;
export const yearOfDay = (day: number): number => new Date(day * DAY_MS).getUTCFullYear();
/** 1970-01-01 was a Thursday, so day 0 is weekday 4 (Sunday = 0). */
export const weekdayOfDay = (day: number): number => (((day + 4) % 7) + 7) % 7;
export const isWeekend = (day: number): boolean => weekdayOfDay(day) === 0 || weekdayOfDay(day) === 6;

/** The London calendar date of an instant, as YYYY-MM-DD. */
export const londonDate = (instant: Date): string => isoDateOfDay(londonDay(instant));
