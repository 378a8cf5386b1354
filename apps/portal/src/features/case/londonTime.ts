// Dates and times as people in England and Wales read them: on the London clock, whatever
// the computer's own time zone (a caseworker's laptop may be set to UTC). Date and time
// inputs give a wall-clock reading ("2026-06-30", "09:15"); the hub wants an instant.

const LONDON = new Intl.DateTimeFormat("en-GB", {
  timeZone: "Europe/London",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
});

function londonParts(instant: Date): Record<string, string> {
  const part: Record<string, string> = {};
  for (const { type, value } of LONDON.formatToParts(instant)) part[type] = value;
  return part;
}

/** The London wall-clock reading of an instant, written as if it were UTC milliseconds (to the minute). */
function wallClockMs(instant: Date): number {
  const p = londonParts(instant);
  return Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute));
}

/** What a date and a time input should show for this instant in London: { date: "2026-06-30", time: "09:15" }. */
export function londonInputValues(instant: Date): { date: string; time: string } {
  const p = londonParts(instant);
  return { date: `${p.year}-${p.month}-${p.day}`, time: `${p.hour}:${p.minute}` };
}

/**
 * The instant a London date ("2026-06-30") and time ("09:15") name, or null when either is
 * not a real date or time. In the hour the clocks go forward (which never happens) the
 * reading is taken an hour later; in the hour they go back, the first of the two.
 */
export function instantFromLondon(date: string, time: string): Date | null {
  const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const t = /^(\d{2}):(\d{2})(?::\d{2}(?:\.\d+)?)?$/.exec(time);
  if (!d || !t) return null;
  const [year, month, day, hour, minute] = [d[1], d[2], d[3], t[1], t[2]].map(Number) as [number, number, number, number, number];
  const wall = Date.UTC(year, month - 1, day, hour, minute);
  const check = new Date(wall);
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day || hour > 23 || minute > 59) return null;
  // London is UTC or an hour ahead: the earlier instant that reads this way, else (in the
  // missing hour) the UTC reading, which London shows an hour later.
  const bst = wall - 3_600_000;
  return new Date(wallClockMs(new Date(bst)) === wall ? bst : wall);
}

/** The instant London's day starts (00:00 London time) for a date such as "2026-04-01". */
export function startOfLondonDay(date: string): Date {
  const instant = instantFromLondon(date, "00:00");
  if (!instant) throw new RangeError(`Not a date: ${date}`);
  return instant;
}

/** The London date ("2026-06-30") a number of calendar days after another. */
export function addDays(date: string, days: number): string {
  const ms = Date.parse(`${date}T00:00:00Z`) + days * 86_400_000;
  return new Date(ms).toISOString().slice(0, 10);
}
