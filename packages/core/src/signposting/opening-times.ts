// Opening times in Europe/London wall-clock time, from HSDS schedules ("MO,TU", "09:00" to
// "17:00"). The SQL filter in search-services.ts and these functions must agree exactly: both
// normalise the same way (days upper-cased without spaces, times left-padded to "HH:MM") and
// treat a closing time at or before the opening time as running past midnight.

import { instantOfLondonWall, londonWallClock } from "../clocks/london-days.js";

export interface Schedule {
  byDay: string;
  opensAt: string;
  closesAt: string;
  description?: string | null;
}

/** iCal BYDAY codes by JavaScript weekday (0 = Sunday). */
export const DAY_CODES = ["SU", "MO", "TU", "WE", "TH", "FR", "SA"] as const;
const DAY_MS = 86_400_000;

const londonWall = londonWallClock;
const fromLondonWall = instantOfLondonWall;

/** "9:00" → "09:00", "09:00:00" → "09:00": PostgreSQL's lpad(value, 5, '0'), exactly. */
export const normaliseTime = (value: string): string => (value.length >= 5 ? value.slice(0, 5) : value.padStart(5, "0"));
/** "mo, tu" → ["MO", "TU"]: upper(replace(value, ' ', '')) split on commas, as the SQL does. */
export const scheduleDays = (byDay: string): string[] => byDay.replaceAll(" ", "").toUpperCase().split(",");

export interface LondonMoment {
  /** BYDAY code of the London day, and of the day before. */
  day: string;
  previousDay: string;
  /** London wall-clock time, "HH:MM". */
  time: string;
  /** Midnight of the London day, as wall-clock milliseconds. */
  dayStartWall: number;
}

export function londonMoment(now: Date): LondonMoment {
  const wall = londonWall(now.getTime());
  const dayStartWall = Math.floor(wall / DAY_MS) * DAY_MS;
  const weekday = new Date(dayStartWall).getUTCDay();
  const iso = new Date(wall).toISOString();
  return { day: DAY_CODES[weekday]!, previousDay: DAY_CODES[(weekday + 6) % 7]!, time: iso.slice(11, 16), dayStartWall };
}

/** Is this schedule open at that London moment? */
export function scheduleOpen(schedule: Schedule, at: LondonMoment): boolean {
  const days = scheduleDays(schedule.byDay);
  const opens = normaliseTime(schedule.opensAt);
  const closes = normaliseTime(schedule.closesAt);
  if (opens < closes) return days.includes(at.day) && opens <= at.time && at.time < closes;
  // Overnight (or all day when the times are equal): from opening to midnight, and from
  // midnight to closing on the following morning.
  return (days.includes(at.day) && at.time >= opens) || (days.includes(at.previousDay) && at.time < closes);
}

/** Open now, by any of the schedules; null when the service has recorded no opening times. */
export function openNow(schedules: Schedule[], now: Date): boolean | null {
  if (schedules.length === 0) return null;
  const at = londonMoment(now);
  return schedules.some((s) => scheduleOpen(s, at));
}

/** When a closed service next opens (within a week); null when open now or no times are recorded. */
export function nextOpening(schedules: Schedule[], now: Date): Date | null {
  if (schedules.length === 0 || openNow(schedules, now)) return null;
  const { dayStartWall } = londonMoment(now);
  for (let offset = 0; offset <= 7; offset++) {
    const dayWall = dayStartWall + offset * DAY_MS;
    const code = DAY_CODES[new Date(dayWall).getUTCDay()]!;
    let soonest: number | null = null;
    for (const schedule of schedules) {
      if (!scheduleDays(schedule.byDay).includes(code)) continue;
      const match = /^(\d\d):(\d\d)$/.exec(normaliseTime(schedule.opensAt));
      if (!match) continue;
      const at = fromLondonWall(dayWall + (Number(match[1]) * 60 + Number(match[2])) * 60_000);
      if (at > now.getTime() && (soonest === null || at < soonest)) soonest = at;
    }
    if (soonest !== null) return new Date(soonest);
  }
  return null;
}
