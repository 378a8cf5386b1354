// The compliance page's arithmetic and words, kept apart from React so they can be tested:
// periods in London dates, percentages and medians in words, and how long to draw a bar.
import { addDays, londonInputValues, startOfLondonDay } from "../case/londonTime";

/** Who may run the compliance measures: the hub decides, and answers anyone else "forbidden". */
export function canReadCompliance(roles: readonly string[]): boolean {
  return roles.includes("PARTNERSHIP_AUDITOR") || roles.includes("ORGANISATION_ADMIN");
}

export const PERIODS = {
  "last-3-months": "The last 3 months",
  "last-12-months": "The last 12 months",
  "this-financial-year": "This financial year (from 1 April)",
  "last-financial-year": "Last financial year (April to March)",
} as const;
export type PeriodChoice = keyof typeof PERIODS;

/**
 * The period as the hub wants it: deadlines due from `from` (inclusive) to `to` (exclusive),
 * whole London days. Periods up to today end at the end of today, so deadlines not yet
 * reached are left out rather than counted as "not yet due".
 */
export function periodRange(choice: PeriodChoice, now: Date): { from: string; to: string } {
  const today = londonInputValues(now).date;
  const tomorrow = addDays(today, 1);
  const [year, month] = today.split("-").map(Number) as [number, number];
  const yearStarted = month >= 4 ? year : year - 1;
  const monthsBack = (n: number) => {
    const d = new Date(Date.UTC(year, month - 1 - n, 1));
    // The same day of the month n months ago, or that month's last day.
    const day = Math.min(Number(today.slice(8, 10)), new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate());
    return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), day)).toISOString().slice(0, 10);
  };
  const [from, to] = {
    "last-3-months": [addDays(monthsBack(3), 1), tomorrow],
    "last-12-months": [addDays(monthsBack(12), 1), tomorrow],
    "this-financial-year": [`${yearStarted}-04-01`, tomorrow],
    "last-financial-year": [`${yearStarted - 1}-04-01`, `${yearStarted}-04-01`],
  }[choice] as [string, string];
  return { from: startOfLondonDay(from).toISOString(), to: startOfLondonDay(to).toISOString() };
}

const oneDecimal = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(1));

/** 82 -> "82%", 33.3 -> "33.3%". */
export function percentInWords(percent: number): string {
  return `${oneDecimal(Math.round(percent * 10) / 10)}%`;
}

/** "82% on time, 41 of 50"; "No deadline has been reached yet" when nothing can be measured. */
export function onTimeInWords(percent: number | null, onTime: number, measured: number): string {
  if (percent === null || measured === 0) return "No deadline has been reached yet";
  return `${percentInWords(percent)} on time, ${onTime} of ${measured}`;
}

/** 1 -> "1 working day", 3.5 -> "3.5 working days", 0 -> "the same working day". */
export function workingDaysInWords(days: number | null): string {
  if (days === null) return "None done yet";
  if (days === 0) return "The same working day";
  return `${oneDecimal(days)} working ${days === 1 ? "day" : "days"}`;
}

/** 14 -> "14 days", 1 -> "1 day", 7.5 -> "7.5 days". */
export function calendarDaysInWords(days: number | null): string {
  if (days === null) return "Not enough updates to measure";
  return `${oneDecimal(days)} ${days === 1 ? "day" : "days"}`;
}

/** "1 breached", "No deadlines missed": words, never colour alone. */
export function breachesInWords(late: number, breachedOpen: number): string {
  if (late === 0 && breachedOpen === 0) return "None missed";
  const parts = [];
  if (breachedOpen > 0) parts.push(`${breachedOpen} missed and still not done`);
  if (late > 0) parts.push(`${late} done late`);
  return parts.join("; ");
}

/**
 * A round top for a bar chart's scale: the smallest of 1, 2, 5, 10, 20, 50, ... at or above
 * the largest value, so bars are comparable and the scale can be said in words.
 */
export function scaleTop(values: readonly (number | null)[]): number {
  const largest = Math.max(0, ...values.filter((v): v is number => v !== null));
  if (largest <= 1) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(largest));
  for (const step of [1, 2, 5, 10]) if (largest <= step * magnitude) return step * magnitude;
  return 10 * magnitude;
}

/** How much of the bar's track to fill, as a percentage from 0 to 100. */
export function barWidth(value: number | null, top: number): number {
  if (value === null || top <= 0) return 0;
  return Math.min(100, Math.max(0, (value / top) * 100));
}
