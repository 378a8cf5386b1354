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
export function londonWallClock(ms: number): number {
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

/**
 * The instant at which London clocks read `wall` (wall-clock milliseconds as from
 * londonWallClock). The offset at the guess is nearly always the offset at the answer; checking
 * once more covers the hour around a clock change (in a spring-forward gap, an hour either side).
 */
export function instantOfLondonWall(wall: number): number {
  const ms = wall - (londonWallClock(wall) - wall);
  return wall - (londonWallClock(ms) - ms);
}

/** The instant 23:59:59.999 London time on that day (22:59:59.999 UTC in summer). */
export function endOfLondonDay(day: number): Date {
  return new Date(instantOfLondonWall((day + 1) * DAY_MS - 1));
}

/** London weekday (1 = Monday ... 7 = Sunday) and wall-clock "HH:MM" of an instant. */
export function londonWeekdayAndTime(at: Date): { weekday: number; time: string } {
  const wall = londonWallClock(at.getTime());
  return { weekday: ((weekdayOfDay(Math.floor(wall / DAY_MS)) + 6) % 7) + 1, time: new Date(wall).toISOString().slice(11, 16) };
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
