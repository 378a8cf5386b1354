// Dates and times as the hub accepts them from anyone: RFC 3339 only (2026-03-07T10:00:00Z,
// or with an offset), a date that exists, within the hub's own range. JavaScript's Date would
// quietly turn 2026-02-30 into 2 March, "1" into 2001 and "March 7" into 2001-03-07, and save
// a date nobody meant: here those are refused.

/** The earliest and latest moments the hub stores (dates of birth from 1900; deadlines decades ahead). */
export const EARLIEST_MOMENT = Date.UTC(1900, 0, 1);
export const LATEST_MOMENT = Date.UTC(2200, 0, 1) - 1;

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?([Zz]|[+-]\d{2}:\d{2})$/;
const CALENDAR_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

const daysIn = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

const inRange = (ms: number) => ms >= EARLIEST_MOMENT && ms <= LATEST_MOMENT;

/** The moment, or null when the text is not an RFC 3339 date-time that exists within the hub's range. */
export function parseMoment(text: unknown): Date | null {
  if (typeof text !== "string" || text.length > 40) return null;
  const m = RFC3339.exec(text);
  if (!m) return null;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  if (month < 1 || month > 12 || day < 1 || day > daysIn(year, month) || hour > 23 || minute > 59 || second > 59) return null;
  const offset = m[8]!.toUpperCase();
  if (offset !== "Z") {
    const [oh, om] = offset.slice(1).split(":").map(Number) as [number, number];
    if (oh > 23 || om > 59) return null;
  }
  const ms = Date.parse(text.toUpperCase());
  return Number.isNaN(ms) || !inRange(ms) ? null : new Date(ms);
}

/** A calendar date (YYYY-MM-DD) at UTC midnight, or null when it is not one that exists in the hub's range. */
export function parseCalendarDate(text: unknown): Date | null {
  if (typeof text !== "string") return null;
  const m = CALENDAR_DATE.exec(text);
  if (!m) return null;
  const [year, month, day] = m.slice(1).map(Number) as [number, number, number];
  if (month < 1 || month > 12 || day < 1 || day > daysIn(year, month)) return null;
  const ms = Date.UTC(year, month - 1, day);
  return inRange(ms) ? new Date(ms) : null;
}
