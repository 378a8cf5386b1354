// Words for the local services directory: distance, opening times and whether a service is
// taking referrals, as a caseworker would say them to a victim. Pure functions, so they are
// tested without a browser (apps/portal/test/directory-words.test.ts).
import { inPlainWords } from "../../app/words";
import type { SearchServicesQuery } from "../../generated/graphql/graphql";
import { clockTimeInWords } from "../cases/caseWords";

export type OpeningTime = SearchServicesQuery["searchServices"]["results"][number]["openingTimes"][number];

// The directory's taxonomy ("Victim support needs"). The API filters by term code and has no
// query for the list itself, so the portal keeps the codes the partnership's directory uses.
export const CRIME_TYPES: readonly [code: string, label: string][] = [
  ["sexual-violence", "Sexual violence"],
  ["domestic-abuse", "Domestic abuse"],
  ["stalking", "Stalking and harassment"],
  ["hate-crime", "Hate crime"],
  ["fraud", "Fraud and scams"],
  ["modern-slavery", "Modern slavery"],
  ["homicide-bereavement", "Bereaved by homicide"],
  ["burglary", "Burglary"],
];

export const NEEDS: readonly [code: string, label: string][] = [
  ["emotional-support", "Emotional support"],
  ["safety-planning", "Safety planning"],
  ["housing", "Housing and refuge"],
  ["court-support", "Support through court"],
  ["counselling", "Counselling"],
  ["practical-help", "Practical help"],
];

export const WHO_FOR: readonly [code: string, label: string][] = [
  ["children", "Children"],
  ["young-people", "Young people"],
  ["older-people", "Older people"],
  ["men", "Men"],
  ["women", "Women"],
  ["lgbtq", "LGBT+ people"],
  ["black-and-minoritised", "Black and minoritised communities"],
  ["deaf", "Deaf people"],
];

/** How far to look around a postcode, in km (the API's default is 25). */
export const DISTANCES_KM = [2, 5, 10, 25, 50] as const;

const KM_PER_MILE = 1.609344;

/** 2 -> "2 km (1.2 miles)"; people in England still think in miles. */
export function kmInWords(km: number): string {
  const miles = km / KM_PER_MILE;
  const milesText = miles < 10 ? miles.toFixed(1).replace(/\.0$/, "") : String(Math.round(miles));
  const kmText = km < 10 ? km.toFixed(1).replace(/\.0$/, "") : String(Math.round(km));
  return `${kmText} km (${milesText} ${milesText === "1" ? "mile" : "miles"})`;
}

/**
 * The distance line on a result. The API gives no distance without a postcode, nor for phone
 * and online services or refuges (whose whereabouts a distance would give away).
 */
export function distanceInWords(distanceKm: number | null, searchedByPostcode: boolean): string | null {
  if (distanceKm != null) return distanceKm < 0.1 ? "Under 0.1 km away" : `${kmInWords(distanceKm)} away`;
  return searchedByPostcode ? "No distance: a phone or online service, or a confidential address" : null;
}

const DAY_CODES = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"] as const;
const DAY_NAMES = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
const weekdayInLondon = new Intl.DateTimeFormat("en-GB", { weekday: "long", timeZone: "Europe/London" });

/** The iCal day code ("MO") of a moment, in London, where every service is. */
export function londonDayCode(at: Date): string {
  const index = DAY_NAMES.indexOf(weekdayInLondon.format(at));
  return DAY_CODES[index] ?? "MO";
}

const daysOf = (byDay: string) => byDay.replaceAll(" ", "").toUpperCase().split(",").filter(Boolean);

/** "MO,TU,WE,TH,FR" -> "Monday to Friday"; "TU,TH" -> "Tuesday and Thursday". */
export function daysInWords(byDay: string): string {
  const indexes = [...new Set(daysOf(byDay).map((d) => DAY_CODES.indexOf(d as (typeof DAY_CODES)[number])))].filter((i) => i >= 0).sort((a, b) => a - b);
  if (indexes.length === 7) return "Every day";
  const consecutive = indexes.length >= 3 && indexes.every((d, i) => i === 0 || d === indexes[i - 1]! + 1);
  if (consecutive) return `${DAY_NAMES[indexes[0]!]} to ${DAY_NAMES[indexes.at(-1)!]}`;
  return new Intl.ListFormat("en-GB", { style: "long", type: "conjunction" }).format(indexes.map((i) => DAY_NAMES[i]!));
}

/** "09:00"-"17:00" -> "9am to 5pm"; a time at or before opening means it closes next morning. */
export function hoursInWords(opensAt: string, closesAt: string): string {
  if (opensAt === closesAt || (opensAt === "00:00" && (closesAt === "23:59" || closesAt === "24:00"))) return "open 24 hours";
  const overnight = closesAt < opensAt ? " the next morning" : "";
  return `${clockTimeInWords(opensAt)} to ${clockTimeInWords(closesAt)}${overnight}`;
}

/** One opening time as a line: "Monday to Friday, 9am to 5pm". */
export function openingTimeInWords(o: OpeningTime): string {
  return `${daysInWords(o.byDay)}, ${hoursInWords(o.opensAt, o.closesAt)}`;
}

/** "Today: 9am to 5pm and 5pm to 8pm", "Closed today", or null when no times are recorded. */
export function todayInWords(openingTimes: readonly OpeningTime[], now: Date): string | null {
  if (openingTimes.length === 0) return null;
  const today = londonDayCode(now);
  const hours = openingTimes
    .filter((o) => daysOf(o.byDay).includes(today))
    .sort((a, b) => a.opensAt.localeCompare(b.opensAt))
    .map((o) => hoursInWords(o.opensAt, o.closesAt));
  if (hours.length === 0) return "Closed today";
  return `Today: ${new Intl.ListFormat("en-GB", { style: "long", type: "conjunction" }).format(hours)}`;
}

const nextOpeningFormat = new Intl.DateTimeFormat("en-GB", { weekday: "long", hour: "numeric", minute: "2-digit", hour12: true, timeZone: "Europe/London" });

/** "2026-11-30T09:00:00Z" -> "Monday at 9am" (London time). */
export function nextOpeningInWords(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const parts = Object.fromEntries(nextOpeningFormat.formatToParts(date).map((p) => [p.type, p.value]));
  const minutes = parts.minute === "00" ? "" : `:${parts.minute}`;
  return `${parts.weekday} at ${parts.hour}${minutes}${(parts.dayPeriod ?? "").toLowerCase()}`;
}

export type Tone = "problem" | "due" | "done" | "neutral";

/** Whether the service is open now, with when it next opens; never colour alone. */
export function openNowInWords(openNow: boolean | null, nextOpening: string | null): { tone: Tone; label: string; detail: string | null } {
  if (openNow === null) return { tone: "neutral", label: "Opening times not recorded", detail: "Phone to check when they are open." };
  if (openNow) return { tone: "done", label: "Open now", detail: null };
  return { tone: "neutral", label: "Closed now", detail: nextOpening ? `Opens ${nextOpeningInWords(nextOpening)}` : null };
}

/** The referral state, with the service's own notice (e.g. "Not accepting referrals until 3 March"). */
export function acceptingInWords(accepting: boolean, alert: string | null): { tone: Tone; label: string; detail: string | null } {
  const notice = alert?.trim() ? alert.trim() : null;
  return accepting
    ? { tone: "done", label: "Accepting referrals", detail: notice }
    : { tone: "problem", label: "Not accepting referrals", detail: notice ?? "Contact the service to ask when they will take referrals again." };
}

/** Who can get her in touch with the service. */
export function referralRoutesInWords(selfReferral: boolean, professionalReferral: boolean): string {
  if (selfReferral && professionalReferral) return "She can contact them herself, or a professional can refer her.";
  if (selfReferral) return "She can contact them herself. They do not take referrals from professionals.";
  if (professionalReferral) return "A professional must refer her. She cannot contact them herself.";
  return "Contact the service to ask how to be referred.";
}

/** 18, null -> "18 and over"; null, null -> null (any age). */
export function agesInWords(minimumAge: number | null, maximumAge: number | null): string | null {
  if (minimumAge == null && maximumAge == null) return null;
  if (minimumAge != null && maximumAge != null) return `Aged ${minimumAge} to ${maximumAge}`;
  if (minimumAge != null) return `Aged ${minimumAge} and over`;
  return `Aged ${maximumAge} and under`;
}

const statusLabels: Record<string, string> = {
  ACTIVE: "Running",
  TEMPORARILY_CLOSED: "Temporarily closed",
  INACTIVE: "Not running at the moment",
  DEFUNCT: "Closed for good",
};

export const SERVICE_STATUSES = Object.keys(statusLabels);

export function serviceStatusInWords(status: string): string {
  return inPlainWords(statusLabels, status);
}

/** The count line read out after a search, e.g. "12 services found, best match first. There are more." */
export function resultsInWords(count: number, hasMore: boolean, byPostcode: boolean): string {
  if (count === 0) return "No services match. Try a wider distance or fewer filters.";
  const found = count === 1 ? "1 service found" : `${count} services found`;
  const order = byPostcode ? "best match first, then nearest" : "best match first";
  return `${found}, ${order}.${hasMore ? " There are more: use “Show more services” at the end of the list." : ""}`;
}

const pad = (n: number) => String(n).padStart(2, "0");

/** A Date as the value of an <input type="datetime-local">, in the computer's own time zone. */
export function toLocalInputValue(date: Date): string {
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}
