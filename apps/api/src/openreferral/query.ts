// The Open Referral UK query parameters: each one given narrows the answer (they are ANDed).
// Anything malformed is a 400 with a plain message, never a guess.
import { centroidFor, isStorableText, parseMoment, type Centroid } from "@hub/core";
import type { Prisma } from "@hub/db";
import { PUBLIC_LOCATION, PUBLIC_ORGANIZATION } from "./public-where.js";

export class FeedQueryError extends Error {
  override name = "FeedQueryError";
}

export const DEFAULT_PER_PAGE = 50;
export const MAX_PER_PAGE = 100;
const MAX_PROXIMITY_METRES = 1_000_000;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DAYS: Record<string, string> = { MO: "MO", TU: "TU", WE: "WE", TH: "TH", FR: "FR", SA: "SA", SU: "SU", MONDAY: "MO", TUESDAY: "TU", WEDNESDAY: "WE", THURSDAY: "TH", FRIDAY: "FR", SATURDAY: "SA", SUNDAY: "SU" };

const given = (params: URLSearchParams, name: string) => {
  const value = params.get(name);
  return value === null || value.trim() === "" ? null : value.trim();
};

function wholeNumber(params: URLSearchParams, name: string, min: number, max: number): number | null {
  const value = given(params, name);
  if (value === null) return null;
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < min || n > max) throw new FeedQueryError(`${name} must be a whole number from ${min} to ${max}.`);
  return n;
}

function number(params: URLSearchParams, name: string, min: number, max: number): number | null {
  const value = given(params, name);
  if (value === null) return null;
  const n = Number(value);
  if (!Number.isFinite(n) || n < min || n > max) throw new FeedQueryError(`${name} must be a number from ${min} to ${max}.`);
  return n;
}

function uuid(params: URLSearchParams, name: string): string | null {
  const value = given(params, name);
  if (value !== null && !UUID.test(value)) throw new FeedQueryError(`${name} must be an id (a UUID) from this feed.`);
  return value;
}

function time(params: URLSearchParams, name: string): string | null {
  const value = given(params, name);
  if (value === null) return null;
  const match = /^([01]?\d|2[0-3]):([0-5]\d)(:[0-5]\d)?$/.exec(value);
  if (!match) throw new FeedQueryError(`${name} must be a time such as 09:00.`);
  return `${match[1]!.padStart(2, "0")}:${match[2]}`;
}

export interface Paging {
  page: number;
  perPage: number;
}

export function paging(params: URLSearchParams): Paging {
  return { page: wholeNumber(params, "page", 1, 1_000_000) ?? 1, perPage: wholeNumber(params, "per_page", 1, MAX_PER_PAGE) ?? DEFAULT_PER_PAGE };
}

/** An ORUK page: the Page fields, and the items in `contents`. */
export function pageOf(contents: unknown[], total: number, { page, perPage }: Paging) {
  const totalPages = Math.ceil(total / perPage);
  return {
    total_items: total,
    total_pages: totalPages,
    page_number: page,
    size: contents.length,
    first_page: page === 1,
    last_page: page >= totalPages,
    empty: contents.length === 0,
    contents,
  };
}

/** The words of `search` (up to ten), each as a case-insensitive "contains" condition. */
function searchWords(params: URLSearchParams) {
  const search = given(params, "search");
  if (!search) return [];
  if (search.length > 200) throw new FeedQueryError("search must be at most 200 characters.");
  if (!isStorableText(search, { lineBreaks: false })) throw new FeedQueryError("search must be plain text (no control characters).");
  // % and _ are letters to the reader, not LIKE wildcards.
  return search
    .split(/\s+/)
    .slice(0, 10)
    .map((word) => ({ contains: word.replace(/[\\%_]/g, (c) => `\\${c}`), mode: "insensitive" as const }));
}

/** /organizations: only those the feed publishes a service of, narrowed by `search` (every word in the name or description). */
export function organizationWhere(params: URLSearchParams): Prisma.DirectoryOrganizationWhereInput {
  return { AND: [PUBLIC_ORGANIZATION, ...searchWords(params).map((contains) => ({ OR: [{ name: contains }, { description: contains }] }))] };
}

/** `full_service`: true or false (ORUK booleans), false when not given. */
export function fullService(params: URLSearchParams): boolean {
  const value = given(params, "full_service");
  if (value === null || value.toLowerCase() === "false") return false;
  if (value.toLowerCase() === "true") return true;
  throw new FeedQueryError("full_service must be true or false.");
}

/** The service filters shared by /services and /service_at_locations. */
export function serviceWhere(params: URLSearchParams): Prisma.DirectoryServiceWhereInput {
  const and: Prisma.DirectoryServiceWhereInput[] = [];
  // Every word must appear somewhere: in the name, the description, who it is for, or the
  // organisation's name.
  for (const contains of searchWords(params)) {
    and.push({ OR: [{ name: contains }, { description: contains }, { eligibilityDescription: contains }, { organization: { name: contains } }] });
  }
  const termId = uuid(params, "taxonomy_term_id");
  if (termId) and.push({ attributes: { some: { taxonomyTermId: termId } } });
  const taxonomyId = uuid(params, "taxonomy_id");
  if (taxonomyId) and.push({ attributes: { some: { taxonomyTerm: { taxonomyId } } } });
  const organizationId = uuid(params, "organization_id");
  if (organizationId) and.push({ organizationId });
  const minimumAge = number(params, "minimum_age", 0, 150);
  if (minimumAge !== null) and.push({ minimumAge: { gte: minimumAge } });
  const maximumAge = number(params, "maximum_age", 0, 150);
  if (maximumAge !== null) and.push({ maximumAge: { lte: maximumAge } });
  const modifiedAfter = given(params, "modified_after");
  if (modifiedAfter) {
    const at = parseMoment(modifiedAfter);
    if (!at) throw new FeedQueryError("modified_after must be an RFC 3339 date and time between 1900 and 2199, such as 2026-01-31T09:00:00Z.");
    and.push({ updatedAt: { gte: at } });
  }
  // Opening times: one schedule must match the day and the times together.
  const dayValue = given(params, "day");
  const day = dayValue ? DAYS[dayValue.toUpperCase()] : null;
  if (dayValue && !day) throw new FeedQueryError("day must be a day such as MO or Monday.");
  const startTime = time(params, "start_time");
  const endTime = time(params, "end_time");
  if (day || startTime || endTime) {
    const open: Prisma.DirectoryScheduleWhereInput = {
      ...(day ? { byDay: { contains: day } } : {}),
      ...(startTime ? { opensAt: { gte: startTime } } : {}),
      ...(endTime ? { closesAt: { lte: endTime } } : {}),
    };
    and.push({
      OR: [
        { schedules: { some: { ...open, OR: [{ serviceAtLocationId: null }, { serviceAtLocation: { location: PUBLIC_LOCATION } }] } } },
        { serviceAtLocations: { some: { location: PUBLIC_LOCATION, schedules: { some: open } } } },
      ],
    });
  }
  return { AND: and };
}

export interface Proximity {
  centre: Centroid;
  /** Null: nearest first, however far. */
  withinMetres: number | null;
}

/** postcode (the centroid of its sector or district) and proximity (metres from it). */
export function proximity(params: URLSearchParams): Proximity | null {
  const postcode = given(params, "postcode");
  const metres = number(params, "proximity", 1, MAX_PROXIMITY_METRES);
  if (!postcode) {
    if (metres !== null) throw new FeedQueryError("proximity needs a postcode to measure from.");
    return null;
  }
  let centre: Centroid | null;
  try {
    centre = centroidFor(postcode);
  } catch {
    throw new FeedQueryError("postcode must be a UK postcode such as LS1 4AP, or its first part such as LS1.");
  }
  if (!centre) throw new FeedQueryError("That postcode is not one we can place on a map.");
  return { centre, withinMetres: metres };
}
