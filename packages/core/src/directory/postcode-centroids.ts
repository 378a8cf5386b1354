// Where a UK postcode is, roughly, without any network call: the mean position of every
// postcode in its sector (e.g. "LS1 4"), or failing that its district (e.g. "LS1"). The
// tables are the hub's own copy (packages/core/data/uk-postcode-centroids, Open Government
// Licence, attribution in its README): the hub never reads ../shared at run time.
import { readFileSync } from "node:fs";
import { BadInputError } from "../shared/errors.js";

export interface Centroid {
  latitude: number;
  longitude: number;
  /** "sector" when the postcode's sector is known, "district" when only its district is. */
  precision: "sector" | "district";
  /** The sector or district the point is for, e.g. "LS1 4" or "LS1". */
  area: string;
}

const DATA_DIR = new URL("../../data/uk-postcode-centroids/", import.meta.url);

let tables: { sectors: Map<string, [number, number]>; districts: Map<string, [number, number]> } | null = null;

function parse(file: string): Map<string, [number, number]> {
  const map = new Map<string, [number, number]>();
  const lines = readFileSync(new URL(file, DATA_DIR), "utf8").split("\n");
  for (const line of lines.slice(1)) {
    if (!line.trim()) continue;
    const [key, lat, lon] = line.split(",");
    map.set(key!.trim(), [Number(lat), Number(lon)]);
  }
  return map;
}

/** Parsed on first use, once per process (about 15,000 rows, a few milliseconds). */
function load() {
  tables ??= { sectors: parse("sectors.csv"), districts: parse("districts.csv") };
  return tables;
}

// Outward code (district): one or two letters, a digit, then optionally a digit or letter.
// Inward code: a digit (the sector) and two letters (the unit).
const FULL = /^([A-Z]{1,2}[0-9][A-Z0-9]?)([0-9])([A-Z]{2})$/;
const SECTOR = /^([A-Z]{1,2}[0-9][A-Z0-9]?) ([0-9])$/;
const DISTRICT = /^[A-Z]{1,2}[0-9][A-Z0-9]?$/;

export interface ParsedPostcode {
  district: string;
  /** Absent when only a district was given. */
  sector?: string;
  /** The postcode as people write it, e.g. "LS1 4AP" (or the district / sector given). */
  normalised: string;
}

/**
 * Reads a full postcode ("ls14ap", " LS1 4AP "), a sector ("LS1 4") or a district ("LS1").
 * Anything else is a plain BadInputError, so a typo is never silently "nowhere".
 */
export function parsePostcode(input: string, field = "postcode"): ParsedPostcode {
  const compact = String(input ?? "").toUpperCase().replace(/\s+/g, "");
  const full = FULL.exec(compact);
  if (full) return { district: full[1]!, sector: `${full[1]} ${full[2]}`, normalised: `${full[1]} ${full[2]}${full[3]}` };
  const spaced = String(input ?? "").toUpperCase().trim().replace(/\s+/g, " ");
  const sector = SECTOR.exec(spaced);
  if (sector) return { district: sector[1]!, sector: spaced, normalised: spaced };
  if (DISTRICT.test(compact)) return { district: compact, normalised: compact };
  // Never echo the input: it may be a victim's postcode, and error messages reach logs.
  throw new BadInputError("That is not a UK postcode. Give a postcode such as LS1 4AP, or just its first part, such as LS1.", field);
}

/** The centroid of the postcode's sector if known, else of its district, else null. */
export function centroidFor(postcode: string, field = "postcode"): Centroid | null {
  const parsed = parsePostcode(postcode, field);
  const { sectors, districts } = load();
  const bySector = parsed.sector ? sectors.get(parsed.sector) : undefined;
  if (bySector) return { latitude: bySector[0], longitude: bySector[1], precision: "sector", area: parsed.sector! };
  const byDistrict = districts.get(parsed.district);
  if (byDistrict) return { latitude: byDistrict[0], longitude: byDistrict[1], precision: "district", area: parsed.district };
  return null;
}

const EARTH_RADIUS_METRES = 6_371_008.8;
const radians = (degrees: number) => (degrees * Math.PI) / 180;

/** Great-circle (haversine) distance in metres: plenty for "services within 10 km". */
export function distanceInMetres(a: { latitude: number; longitude: number }, b: { latitude: number; longitude: number }): number {
  const dLat = radians(b.latitude - a.latitude);
  const dLon = radians(b.longitude - a.longitude);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(radians(a.latitude)) * Math.cos(radians(b.latitude)) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_METRES * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** A latitude/longitude box that contains every point within `metres` of the centre (for an indexed SQL pre-filter). */
export function boundingBox(centre: { latitude: number; longitude: number }, metres: number) {
  const dLat = (metres / EARTH_RADIUS_METRES) * (180 / Math.PI);
  const cos = Math.max(Math.cos(radians(centre.latitude)), 0.01);
  const dLon = dLat / cos;
  return { minLatitude: centre.latitude - dLat, maxLatitude: centre.latitude + dLat, minLongitude: centre.longitude - dLon, maxLongitude: centre.longitude + dLon };
}
