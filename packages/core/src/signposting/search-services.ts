// Finding the right local service to tell a victim about (issue #6): free text, distance from
// her postcode, who the service is for, and whether it can help now. One SQL query ranks and
// pages the matches (every input a bound parameter); Prisma then loads the page's services,
// with only the locations the caller may see.
//
// Refuges and safe houses: a confidential location never gives a service a position or a
// distance, for anyone (not even those who may know where it is: a search answer is easily
// passed on), and never decides whether a service is "near". Even a coarse band ("within 10
// miles") would give it away: searching from different postcodes with different radii
// narrows the bands down to the house. So the ranking and the distance shown use only
// non-confidential premises, and a service whose only premises are confidential is searched
// like a phone or online service: by text, and by the areas it serves. What the results say
// about the location itself follows the one rule in directory/confidential-location.ts.
import { createHash } from "node:crypto";
import { Prisma } from "@hub/db";
import { accessibleWhere } from "@hub/policy";
import { z } from "zod";
import { LOCATION_OWNER_INCLUDE, locationAsSeenBy, locationViewer, mayKnowWhereLocationIs } from "../directory/confidential-location.js";
import { centroidFor } from "../directory/postcode-centroids.js";
import type { CoreContext } from "../shared/context.js";
import { BadInputError } from "../shared/errors.js";
import { isUuid } from "../shared/ids.js";
import { validate } from "../shared/validate.js";
import { londonMoment, nextOpening, openNow, type Schedule } from "./opening-times.js";

export const MAX_SEARCH_PAGE = 50;
export const DEFAULT_SEARCH_PAGE = 20;
/** The radius around a postcode when none is given. */
export const DEFAULT_WITHIN_KM = 25;
const MAX_WITHIN_KM = 500;
/** Mean Earth radius (km): the haversine distances are on this sphere. */
const EARTH_RADIUS_KM = 6371.0088;
const KM_PER_DEGREE = (Math.PI * EARTH_RADIUS_KM) / 180;

export const BAD_POSTCODE = "We could not recognise that postcode. Check it and try again.";
const BAD_CURSOR = "That page cursor is not one the hub gave out for this search. Start again from the first page.";

const termCode = z.string().trim().min(1, "Give a term code, for example the code of a crime type.").max(100, "That is not a term code the directory uses.");

const SearchServicesInput = z.object({
  text: z.string().trim().max(200, "Search for up to 200 characters of text.").nullish(),
  postcode: z.string().trim().max(10, BAD_POSTCODE).nullish(),
  areaId: z.string().refine(isUuid, "That is not an area id the hub gave out.").nullish(),
  withinKm: z.number().positive("Give a distance of more than 0 km.").max(MAX_WITHIN_KM, `Search within at most ${MAX_WITHIN_KM} km.`).nullish(),
  crimeType: termCode.nullish(),
  need: termCode.nullish(),
  whoFor: termCode.nullish(),
  language: z.string().trim().min(1).max(50, "That is not a language the directory records.").nullish(),
  age: z.number().int("Give an age in whole years.").min(0, "Give an age of 0 or more.").max(130, "Give an age of 130 or less.").nullish(),
  openNow: z.boolean().nullish(),
  acceptingReferrals: z.boolean().nullish(),
  first: z.number().int().min(1, `Ask for between 1 and ${MAX_SEARCH_PAGE} services at a time.`).max(MAX_SEARCH_PAGE, `Ask for between 1 and ${MAX_SEARCH_PAGE} services at a time.`).nullish(),
  after: z.string().max(1000, BAD_CURSOR).nullish(),
});
export type SearchServicesInput = z.input<typeof SearchServicesInput>;

export interface ServiceSearchTerm {
  code: string;
  name: string;
  taxonomy: string | null;
}

export interface ServiceSearchLocation {
  id: string;
  name: string | null;
  locationType: string;
  address1: string | null;
  city: string | null;
  region: string | null;
  postalCode: string | null;
  /** A refuge or safe house: where it is only for its own organisation and the directory admins. */
  confidential: boolean;
  /** Null for a confidential location, unless the caller may know where it is. */
  latitude: number | null;
  longitude: number | null;
  phones: { number: string; description: string | null }[];
}

export interface ServiceSearchResult {
  id: string;
  name: string;
  description: string;
  organisationName: string;
  url: string | null;
  email: string | null;
  eligibilityDescription: string | null;
  minimumAge: number | null;
  maximumAge: number | null;
  waitTime: string | null;
  selfReferral: boolean;
  professionalReferral: boolean;
  acceptingReferrals: boolean;
  alert: string | null;
  capacityNote: string | null;
  lastVerifiedAt: Date | null;
  languages: string[];
  /** From the postcode to the nearest non-confidential premises, 1 decimal place; null without a postcode or premises. */
  distanceKm: number | null;
  /** Null when the service has recorded no opening times. */
  openNow: boolean | null;
  /** When a closed service next opens (within a week). */
  nextOpening: Date | null;
  openingTimes: Schedule[];
  phones: { number: string; description: string | null }[];
  terms: ServiceSearchTerm[];
  locations: ServiceSearchLocation[];
}

export interface ServiceSearchPage {
  results: ServiceSearchResult[];
  hasNextPage: boolean;
  endCursor: string | null;
}

/** Where the ranking stands after a result: relevance, distance (null sorts last), id. */
interface SearchCursor {
  rank: string;
  distance: string | null;
  id: string;
}

interface RankedRow {
  id: string;
  rank: string;
  distance: string | null;
  distanceKm: string | null;
}

const NUMERIC = /^\d{1,12}(\.\d{1,12})?$/;

/**
 * Services matching every filter given, best first: relevance to the text, then distance
 * from the postcode, then id (so the order is total and pages are stable). `now` is the
 * moment `openNow` and the opening times are answered for.
 */
export async function searchServices(ctx: CoreContext, input: SearchServicesInput, now: Date = new Date()): Promise<ServiceSearchPage> {
  const data = validate(SearchServicesInput, input);
  const size = data.first ?? DEFAULT_SEARCH_PAGE;
  const text = data.text || null;
  const postcode = data.postcode || null;
  if (data.withinKm != null && !postcode) throw new BadInputError("Give a postcode to search within a distance of it.", "withinKm");
  const origin = postcode ? locate(postcode) : null;
  const withinKm = data.withinKm ?? DEFAULT_WITHIN_KM;
  const fingerprint = searchFingerprint({ ...data, text, postcode: postcode?.toUpperCase().replace(/\s+/g, " ") ?? null, withinKm: origin ? withinKm : null, first: null, after: null });
  const cursor = data.after ? decodeSearchCursor(data.after, fingerprint) : null;

  // Every filter but place, on the service `s`.
  const filters: Prisma.Sql[] = [Prisma.sql`s.status = 'active'`];
  // This expression is the one DirectoryService_search_idx is built on: keep them identical,
  // or PostgreSQL stops using the index.
  const document = Prisma.sql`to_tsvector('simple', s.name || ' ' || s.description || ' ' || coalesce(s."eligibilityDescription", ''))`;
  let rank = Prisma.sql`0::numeric`;
  if (text) {
    filters.push(Prisma.sql`${document} @@ websearch_to_tsquery('simple', ${text})`);
    rank = Prisma.sql`round(ts_rank(${document}, websearch_to_tsquery('simple', ${text}))::numeric, 6)`;
  }
  for (const code of [data.crimeType, data.need, data.whoFor]) {
    // The term, or any narrower term under it (a service for "rape" is found under "sexual
    // violence"). The term ids are worked out once (ARRAY(...) is an InitPlan), so each
    // candidate is checked through the (serviceId, taxonomyTermId) index.
    if (code) {
      filters.push(Prisma.sql`EXISTS (
          SELECT 1 FROM "ServiceAttribute" attr
           WHERE attr."serviceId" = s.id
             AND attr."taxonomyTermId" = ANY (ARRAY(
               WITH RECURSIVE term(id) AS (
                 SELECT t.id FROM "TaxonomyTerm" t WHERE t.code = ${code}
                 UNION SELECT c.id FROM "TaxonomyTerm" c JOIN term ON c."parentId" = term.id)
               SELECT id FROM term)))`);
    }
  }
  if (data.language) filters.push(Prisma.sql`EXISTS (SELECT 1 FROM unnest(s.languages) lang WHERE lower(lang) = lower(${data.language}))`);
  if (data.age != null) {
    filters.push(Prisma.sql`(s."minimumAge" IS NULL OR s."minimumAge" <= ${data.age}::int) AND (s."maximumAge" IS NULL OR s."maximumAge" >= ${data.age}::int)`);
  }
  if (data.acceptingReferrals != null) filters.push(Prisma.sql`s."acceptingReferrals" = ${data.acceptingReferrals}::boolean`);
  if (data.openNow != null) {
    // London wall-clock time, normalised as opening-times.ts does.
    const at = londonMoment(now);
    const days = Prisma.sql`string_to_array(upper(replace(ds."byDay", ' ', '')), ',')`;
    // Compared byte by byte ("C"), as JavaScript compares strings, whatever the database's collation.
    const opens = Prisma.sql`lpad(ds."opensAt", 5, '0') COLLATE "C"`;
    const closes = Prisma.sql`lpad(ds."closesAt", 5, '0') COLLATE "C"`;
    const open = Prisma.sql`s.id IN (
        SELECT coalesce(ds."serviceId", sal3."serviceId")
          FROM "DirectorySchedule" ds
          LEFT JOIN "ServiceAtLocation" sal3 ON sal3.id = ds."serviceAtLocationId"
         WHERE coalesce(ds."serviceId", sal3."serviceId") IS NOT NULL
           AND CASE WHEN ${opens} < ${closes}
                    THEN ${at.day} = ANY(${days}) AND ${opens} <= ${at.time} AND ${at.time} < ${closes}
                    ELSE (${at.day} = ANY(${days}) AND ${at.time} >= ${opens}) OR (${at.previousDay} = ANY(${days}) AND ${at.time} < ${closes})
               END)`;
    filters.push(data.openNow ? open : Prisma.sql`NOT (${open})`);
  }
  const servesArea = data.areaId ? Prisma.sql`s.id IN (SELECT area."serviceId" FROM "ServiceArea" area WHERE area."areaId" = ${data.areaId}::uuid)` : null;

  // The candidates with their rank and distance (to 3 decimal places for the ranking, 1 for
  // showing). With a postcode: services whose nearest non-confidential premises are within
  // reach, and (given an area) services that have no such premises anywhere and serve the
  // area. The two sets cannot overlap.
  let candidates: Prisma.Sql;
  if (origin) {
    const { latitude: lat, longitude: lon } = origin;
    // A box a little larger than the circle lets the coordinates index find the premises;
    // the haversine distance then decides.
    const dLat = (withinKm / KM_PER_DEGREE) * 1.01;
    const widest = Math.min(89, Math.abs(lat) + dLat);
    const dLon = Math.min(180, (withinKm / (KM_PER_DEGREE * Math.cos((widest * Math.PI) / 180))) * 1.01);
    const km = Prisma.sql`(2 * ${EARTH_RADIUS_KM}::float8 * asin(least(1, sqrt(
        power(sin(radians(l.latitude - ${lat}::float8) / 2), 2)
      + cos(radians(${lat}::float8)) * cos(radians(l.latitude)) * power(sin(radians(l.longitude - ${lon}::float8) / 2), 2)))))`;
    // Only non-confidential premises with coordinates: the predicate of
    // DirectoryLocation_coordinates_idx.
    candidates = Prisma.sql`
        SELECT s.id, ${rank} AS rank, round(near.km::numeric, 3) AS distance, round(near.km::numeric, 1) AS shown
          FROM (SELECT sal."serviceId", min(${km}) AS km
                  FROM "DirectoryLocation" l
                  JOIN "ServiceAtLocation" sal ON sal."locationId" = l.id
                 WHERE l.latitude IS NOT NULL AND NOT l.confidential AND l.longitude IS NOT NULL
                   AND l.latitude BETWEEN ${lat - dLat}::float8 AND ${lat + dLat}::float8
                   AND l.longitude BETWEEN ${lon - dLon}::float8 AND ${lon + dLon}::float8
                 GROUP BY sal."serviceId") near
          JOIN "DirectoryService" s ON s.id = near."serviceId"
         WHERE near.km <= ${withinKm}::float8 AND ${Prisma.join(filters, " AND ")}`;
    if (servesArea) {
      // Phone and online services, and those whose only premises are confidential, have no
      // position: they are near when they serve the area.
      candidates = Prisma.sql`${candidates}
        UNION ALL
        SELECT s.id, ${rank}, NULL::numeric, NULL::numeric
          FROM "DirectoryService" s
         WHERE ${servesArea}
           AND NOT EXISTS (SELECT 1 FROM "ServiceAtLocation" sal2 JOIN "DirectoryLocation" l2 ON l2.id = sal2."locationId"
                            WHERE sal2."serviceId" = s.id AND l2.latitude IS NOT NULL AND l2.longitude IS NOT NULL AND NOT l2.confidential)
           AND ${Prisma.join(filters, " AND ")}`;
    }
  } else {
    candidates = Prisma.sql`
        SELECT s.id, ${rank} AS rank, NULL::numeric AS distance, NULL::numeric AS shown
          FROM "DirectoryService" s
         WHERE ${Prisma.join(servesArea ? [servesArea, ...filters] : filters, " AND ")}`;
  }

  let seek = Prisma.sql`TRUE`;
  if (cursor) {
    const r = Prisma.sql`${cursor.rank}::numeric`;
    seek =
      cursor.distance === null
        ? Prisma.sql`(m.rank < ${r} OR (m.rank = ${r} AND m.distance IS NULL AND m.id > ${cursor.id}::uuid))`
        : Prisma.sql`(m.rank < ${r}
            OR (m.rank = ${r} AND (m.distance > ${cursor.distance}::numeric OR m.distance IS NULL))
            OR (m.rank = ${r} AND m.distance = ${cursor.distance}::numeric AND m.id > ${cursor.id}::uuid))`;
  }

  const rows = await ctx.prisma.$queryRaw<RankedRow[]>`
    SELECT m.id::text AS id, m.rank::text AS rank, m.distance::text AS distance, m.shown::text AS "distanceKm"
      FROM (${candidates}) m
     WHERE ${seek}
     ORDER BY m.rank DESC, m.distance ASC NULLS LAST, m.id ASC
     LIMIT ${size + 1}::int`;

  const hasNextPage = rows.length > size;
  const page = rows.slice(0, size);
  const results = await loadResults(ctx, page, now);
  const last = page.at(-1);
  return {
    results,
    hasNextPage,
    endCursor: last ? encodeSearchCursor({ rank: last.rank, distance: last.distance, id: last.id }, fingerprint) : null,
  };
}

async function loadResults(ctx: CoreContext, page: RankedRow[], now: Date): Promise<ServiceSearchResult[]> {
  if (page.length === 0) return [];
  const ids = page.map((r) => r.id);
  const services = await ctx.prisma.directoryService.findMany({
    where: { AND: [{ id: { in: ids } }, accessibleWhere(ctx.ability, "DirectoryService")] },
    include: {
      organization: { select: { name: true } },
      attributes: { include: { taxonomyTerm: { include: { taxonomy: { select: { name: true } } } } } },
      serviceAtLocations: { select: { id: true, locationId: true }, orderBy: { id: "asc" } },
    },
  });
  const sals = services.flatMap((s) => s.serviceAtLocations.map((sal) => ({ ...sal, serviceId: s.id })));
  const locationIds = sals.map((sal) => sal.locationId);
  const viewer = locationViewer(ctx);
  // Phones and schedules are fetched for the whole page at once (one statement each), not per
  // service: their foreign keys have no index, so each statement reads the whole table.
  const [locations, allPhones, schedules] = await Promise.all([
    ctx.prisma.directoryLocation.findMany({ where: { id: { in: locationIds } }, include: LOCATION_OWNER_INCLUDE }),
    ctx.prisma.directoryPhone.findMany({ where: { OR: [{ serviceId: { in: ids }, locationId: null }, { locationId: { in: locationIds } }] }, orderBy: { id: "asc" } }),
    // Every schedule counts for "open now", as in the search itself; none says where a location is.
    ctx.prisma.directorySchedule.findMany({
      where: { OR: [{ serviceId: { in: ids } }, { serviceAtLocationId: { in: sals.map((sal) => sal.id) } }] },
      orderBy: { id: "asc" },
    }),
  ]);
  const locationById = new Map(locations.map((l) => [l.id, l]));
  // A phone kept on a refuge's house would say where it is.
  const phones = allPhones.filter((p) => {
    const at = p.locationId ? locationById.get(p.locationId) : undefined;
    return !p.locationId || (at !== undefined && mayKnowWhereLocationIs(viewer, at));
  });
  const serviceOfSal = new Map(sals.map((sal) => [sal.id, sal.serviceId]));
  const schedulesOf = new Map<string, Schedule[]>();
  for (const s of schedules) {
    const serviceId = s.serviceId ?? (s.serviceAtLocationId ? serviceOfSal.get(s.serviceAtLocationId) : undefined);
    if (!serviceId) continue;
    const list = schedulesOf.get(serviceId) ?? [];
    list.push({ byDay: s.byDay, opensAt: s.opensAt, closesAt: s.closesAt, description: s.description });
    schedulesOf.set(serviceId, list);
  }
  const phone = (p: { number: string; description: string | null }) => ({ number: p.number, description: p.description });
  const byId = new Map(services.map((s) => [s.id, s]));
  const results: ServiceSearchResult[] = [];
  for (const row of page) {
    const s = byId.get(row.id);
    if (!s) continue;
    const times = schedulesOf.get(s.id) ?? [];
    results.push({
      id: s.id,
      name: s.name,
      description: s.description,
      organisationName: s.organization.name,
      url: s.url,
      email: s.email,
      eligibilityDescription: s.eligibilityDescription,
      minimumAge: s.minimumAge,
      maximumAge: s.maximumAge,
      waitTime: s.waitTime,
      selfReferral: s.selfReferral,
      professionalReferral: s.professionalReferral,
      acceptingReferrals: s.acceptingReferrals,
      alert: s.alert,
      capacityNote: s.capacityNote,
      lastVerifiedAt: s.lastVerifiedAt,
      languages: s.languages,
      distanceKm: row.distanceKm === null ? null : Number(row.distanceKm),
      openNow: openNow(times, now),
      nextOpening: nextOpening(times, now),
      openingTimes: times,
      phones: phones.filter((p) => p.serviceId === s.id && p.locationId === null).map(phone),
      terms: s.attributes
        .map((a) => ({ code: a.taxonomyTerm.code, name: a.taxonomyTerm.name, taxonomy: a.taxonomyTerm.taxonomy?.name ?? null }))
        .sort((a, b) => (a.taxonomy ?? "").localeCompare(b.taxonomy ?? "") || a.name.localeCompare(b.name)),
      locations: s.serviceAtLocations.flatMap(({ locationId }) => {
        const found = locationById.get(locationId);
        if (!found) return [];
        const l = locationAsSeenBy(viewer, found);
        return [
          {
            id: l.id,
            name: l.name,
            locationType: l.locationType,
            address1: l.address1,
            city: l.city,
            region: l.region,
            postalCode: l.postalCode,
            confidential: l.confidential,
            latitude: l.latitude,
            longitude: l.longitude,
            phones: phones.filter((p) => p.locationId === found.id).map(phone),
          },
        ];
      }),
    });
  }
  return results;
}

/** The postcode's sector or district centroid. One plain message for anything unrecognised, never echoing it. */
function locate(postcode: string): { latitude: number; longitude: number } {
  let found: { latitude: number; longitude: number } | null = null;
  try {
    found = centroidFor(postcode);
  } catch (error) {
    if (!(error instanceof BadInputError)) throw error;
  }
  if (!found) throw new BadInputError(BAD_POSTCODE, "postcode");
  return found;
}

/** Ties a cursor to the search it came from, so it cannot be replayed against another one. */
function searchFingerprint(search: Record<string, unknown>): string {
  const keys = Object.keys(search).sort();
  return createHash("sha256")
    .update(JSON.stringify(keys.map((k) => [k, search[k] ?? null])))
    .digest("base64url")
    .slice(0, 12);
}

function encodeSearchCursor(cursor: SearchCursor, fingerprint: string): string {
  return Buffer.from(JSON.stringify([fingerprint, cursor.rank, cursor.distance, cursor.id])).toString("base64url");
}

function decodeSearchCursor(value: string, fingerprint: string): SearchCursor {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(value, "base64url").toString("utf8"));
  } catch {
    throw new BadInputError(BAD_CURSOR, "after");
  }
  if (!Array.isArray(parsed) || parsed.length !== 4) throw new BadInputError(BAD_CURSOR, "after");
  const [print, rank, distance, id] = parsed as unknown[];
  const ok =
    print === fingerprint &&
    typeof rank === "string" &&
    NUMERIC.test(rank) &&
    (distance === null || (typeof distance === "string" && NUMERIC.test(distance))) &&
    typeof id === "string" &&
    isUuid(id);
  if (!ok) throw new BadInputError(BAD_CURSOR, "after");
  return { rank: rank as string, distance: distance as string | null, id: id as string };
}
