// Imports services from an HSDS 3.0 / Open Referral UK feed (an array of fully nested
// `service` objects, as /services/{id} returns them). Every record is checked against the
// HSDS 3.0 schema and the hub's own rules first; the valid ones are then written in ONE
// transaction, so a failure part-way leaves nothing behind. Rejected records do not stop
// the valid ones: the report names each with its reasons.
//
// Idempotent by id: a record identical to what the hub holds writes nothing ("unchanged"),
// and a changed one writes only the rows that differ. A service's own parts (phones,
// contacts, schedules, service areas, attributes, its service-at-locations) are made to
// match the record; shared things (its organisation, locations, taxonomies, terms) are
// added or updated, never deleted. A location's confidential flag is never changed by an
// import: a refuge stays confidential, and nothing imported becomes one.
import type { Prisma, PrismaClient } from "@hub/db";
import { BadInputError } from "../shared/errors.js";
import { isStorableText } from "../shared/storable-text.js";
import { describeSchemaErrors, hsdsValidator } from "./hsds-schemas.js";

type Json = Record<string, any>;
type Tx = Prisma.TransactionClient;

export interface DirectoryImportProgress {
  phase: "checking" | "writing";
  done: number;
  total: number;
}

export interface DirectoryImportOptions {
  onProgress?: (progress: DirectoryImportProgress) => void;
}

export interface RejectedRecord {
  /** 1-based position in the file. */
  position: number;
  id?: string;
  name?: string;
  reasons: string[];
}

export interface DirectoryImportReport {
  total: number;
  created: number;
  updated: number;
  unchanged: number;
  rejected: RejectedRecord[];
  /** Parts of HSDS present in the file that the hub does not keep (e.g. "service.funding"). */
  notKept: string[];
}

/** The write failed: nothing was imported. `report` still lists the records rejected before writing. */
export class DirectoryImportError extends Error {
  override name = "DirectoryImportError";
  constructor(
    message: string,
    readonly report: DirectoryImportReport,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

// ---------------------------------------------------------------------------------------
// Rows as the hub stores them

interface OrgRow { id: string; name: string; description: string; email: string | null; website: string | null }
interface ServiceRow {
  id: string; organizationId: string; name: string; description: string; url: string | null; email: string | null; status: string;
  eligibilityDescription: string | null; minimumAge: number | null; maximumAge: number | null; languages: string[]; waitTime: string | null; alert: string | null;
}
interface LocationRow {
  id: string; organizationId: string | null; name: string | null; description: string | null; locationType: string; url: string | null;
  address1: string | null; city: string | null; region: string | null; postalCode: string | null; country: string; latitude: number | null; longitude: number | null;
}
interface SalRow { id: string; serviceId: string; locationId: string; description: string | null }
interface PhoneRow { id: string; serviceId: string | null; locationId: string | null; number: string; description: string | null }
interface ContactRow { id: string; serviceId: string; name: string | null; title: string | null; email: string | null }
interface ScheduleRow { id: string; serviceId: string | null; serviceAtLocationId: string | null; byDay: string; opensAt: string; closesAt: string; description: string | null }
interface AreaRow { id: string; serviceId: string; name: string; areaId: string | null }
interface TaxonomyRow { id: string; name: string; description: string; uri: string | null; version: string | null }
interface TermRow { id: string; taxonomyId: string | null; code: string; name: string; description: string; parentId: string | null }
interface AttributeRow { id: string; serviceId: string; taxonomyTermId: string; value: string | null }

const FIELDS = {
  organization: ["name", "description", "email", "website"],
  service: ["organizationId", "name", "description", "url", "email", "status", "eligibilityDescription", "minimumAge", "maximumAge", "languages", "waitTime", "alert"],
  location: ["organizationId", "name", "description", "locationType", "url", "address1", "city", "region", "postalCode", "country", "latitude", "longitude"],
  sal: ["serviceId", "locationId", "description"],
  phone: ["serviceId", "locationId", "number", "description"],
  contact: ["serviceId", "name", "title", "email"],
  schedule: ["serviceId", "serviceAtLocationId", "byDay", "opensAt", "closesAt", "description"],
  area: ["serviceId", "name", "areaId"],
  taxonomy: ["name", "description", "uri", "version"],
  term: ["taxonomyId", "code", "name", "description", "parentId"],
  attribute: ["serviceId", "taxonomyTermId", "value"],
} as const;

/** One record, translated: everything the hub keeps of it. */
interface Graph {
  service: ServiceRow;
  assuredAt: Date | null;
  organization: OrgRow | null;
  organizationId: string;
  locations: LocationRow[];
  /** Locations named only by id: they must already be known. */
  locationRefs: string[];
  sals: SalRow[];
  phones: PhoneRow[];
  locationPhones: PhoneRow[];
  contacts: ContactRow[];
  schedules: ScheduleRow[];
  areas: AreaRow[];
  taxonomies: TaxonomyRow[];
  taxonomyRefs: string[];
  terms: TermRow[];
  termRefs: string[];
  attributes: AttributeRow[];
}

// ---------------------------------------------------------------------------------------
// Reading one HSDS record

const text = (value: unknown): string | null => (typeof value === "string" && value.trim() !== "" ? value.trim() : null);

/**
 * The longest text the hub keeps in each field, the same as the directory's own forms allow
 * (maintain-directory-service.ts): a feed cannot store (and the open feed then serve) more.
 */
export const IMPORT_LIMITS = {
  name: 200,
  description: 4000,
  eligibility_description: 2000,
  wait_time: 200,
  alert: 500,
  url: 2000,
  email: 254,
  address: 500,
  place: 100,
  postal_code: 16,
  phone: 30,
  short: 200,
  code: 100,
  value: 500,
} as const;

/** The path of the first string in `value` the hub cannot store (a control character, half a character), or null. */
function unstorablePath(value: unknown, path: string, depth = 0): string | null {
  if (typeof value === "string") return isStorableText(value) ? null : path;
  if (depth > 32 || value === null || typeof value !== "object") return null;
  for (const [key, inner] of Array.isArray(value) ? value.entries() : Object.entries(value)) {
    const found = unstorablePath(inner, path ? `${path}.${key}` : String(key), depth + 1);
    if (found) return found;
  }
  return null;
}

/** Each text field over its limit, as a reason (named by where it is, never quoted). */
function overLimits(record: Json): string[] {
  const reasons: string[] = [];
  const check = (value: unknown, max: number, where: string) => {
    if (typeof value === "string" && value.trim().length > max) reasons.push(`${where} is longer than the hub keeps (${max.toLocaleString("en-GB")} characters).`);
  };
  const L = IMPORT_LIMITS;
  check(record.name, L.name, "name");
  check(record.description, L.description, "description");
  check(record.eligibility_description, L.eligibility_description, "eligibility_description");
  check(record.wait_time, L.wait_time, "wait_time");
  check(record.alert, L.alert, "alert");
  check(record.url, L.url, "url");
  check(record.email, L.email, "email");
  const org = record.organization && typeof record.organization === "object" ? (record.organization as Json) : null;
  if (org) {
    check(org.name, L.name, "organization.name");
    check(org.description, L.description, "organization.description");
    check(org.email, L.email, "organization.email");
    check(org.website, L.url, "organization.website");
  }
  const phones = (items: unknown, where: string) => {
    for (const [i, p] of list(items).entries()) {
      check(p.number, L.phone, `${where}.${i}.number`);
      check(p.description, L.short, `${where}.${i}.description`);
    }
  };
  phones(record.phones, "phones");
  for (const [i, c] of list(record.contacts).entries()) {
    for (const k of ["name", "title"]) check(c[k], L.short, `contacts.${i}.${k}`);
    check(c.email, L.email, `contacts.${i}.email`);
    phones(c.phones, `contacts.${i}.phones`);
  }
  for (const [i, sc] of list(record.schedules).entries()) check(sc.description, L.value, `schedules.${i}.description`);
  for (const [i, sal] of list(record.service_at_locations).entries()) {
    check(sal.description, L.value, `service_at_locations.${i}.description`);
    phones(sal.phones, `service_at_locations.${i}.phones`);
    for (const [j, sc] of list(sal.schedules).entries()) check(sc.description, L.value, `service_at_locations.${i}.schedules.${j}.description`);
    const loc = sal.location && typeof sal.location === "object" ? (sal.location as Json) : null;
    if (!loc) continue;
    const where = `service_at_locations.${i}.location`;
    check(loc.name, L.name, `${where}.name`);
    check(loc.description, L.description, `${where}.description`);
    check(loc.url, L.url, `${where}.url`);
    phones(loc.phones, `${where}.phones`);
    for (const [j, a] of list(loc.addresses).entries()) {
      for (const k of ["address_1", "address_2"]) check(a[k], L.address, `${where}.addresses.${j}.${k}`);
      for (const k of ["city", "region", "state_province", "country"]) check(a[k], L.place, `${where}.addresses.${j}.${k}`);
      check(a.postal_code, L.postal_code, `${where}.addresses.${j}.postal_code`);
    }
  }
  for (const [i, a] of list(record.service_areas).entries()) for (const k of ["name", "description"]) check(a[k], L.short, `service_areas.${i}.${k}`);
  for (const [i, a] of list(record.attributes).entries()) {
    check(a.value, L.value, `attributes.${i}.value`);
    const term = a.taxonomy_term && typeof a.taxonomy_term === "object" ? (a.taxonomy_term as Json) : null;
    if (!term) continue;
    check(term.code, L.code, `attributes.${i}.taxonomy_term.code`);
    check(term.name, L.name, `attributes.${i}.taxonomy_term.name`);
    check(term.description, L.description, `attributes.${i}.taxonomy_term.description`);
    const detail = term.taxonomy_detail && typeof term.taxonomy_detail === "object" ? (term.taxonomy_detail as Json) : null;
    if (detail) {
      check(detail.name, L.name, `attributes.${i}.taxonomy_term.taxonomy_detail.name`);
      check(detail.description, L.description, `attributes.${i}.taxonomy_term.taxonomy_detail.description`);
    }
  }
  return reasons;
}
const list = (value: unknown): Json[] => (Array.isArray(value) ? (value.filter((v) => v && typeof v === "object") as Json[]) : []);

const DAY = /^([+-]?\d{1,2})?(MO|TU|WE|TH|FR|SA|SU)$/;
const TIME = /^([01]\d|2[0-3]):([0-5]\d)(:[0-5]\d(\.\d+)?)?(Z|[+-]\d\d:?\d\d)?$/;

const NOT_KEPT_SERVICE = ["alternate_name", "interpretation_services", "application_process", "fees_description", "fees", "accreditations", "licenses", "assurer_email", "funding", "cost_options", "program", "program_id", "required_documents", "metadata"];
const NOT_KEPT_ORGANIZATION = ["alternate_name", "tax_status", "tax_id", "year_incorporated", "legal_status", "logo", "uri", "parent_organization_id", "funding", "contacts", "phones", "locations", "programs", "organization_identifiers", "attributes", "metadata"];
const NOT_KEPT_LOCATION = ["alternate_name", "transportation", "external_identifier", "external_identifier_type", "languages", "contacts", "accessibility", "schedules", "attributes", "metadata"];

const present = (value: unknown) => value !== undefined && value !== null && value !== "" && !(Array.isArray(value) && value.length === 0);

function noteNotKept(record: Json, notKept: Set<string>) {
  for (const key of NOT_KEPT_SERVICE) if (present(record[key])) notKept.add(`service.${key}`);
  if (record.organization && typeof record.organization === "object") {
    for (const key of NOT_KEPT_ORGANIZATION) if (present(record.organization[key])) notKept.add(`organization.${key}`);
  }
  for (const sal of list(record.service_at_locations)) {
    if (present(sal.attributes)) notKept.add("service_at_location.attributes");
    const location = sal.location;
    if (!location || typeof location !== "object") continue;
    for (const key of NOT_KEPT_LOCATION) if (present(location[key])) notKept.add(`location.${key}`);
    if (list(location.addresses).length > 1) notKept.add("location.addresses (all but the first physical one)");
  }
  if (list(record.schedules).some((s) => s.valid_from || s.valid_to || s.freq === "MONTHLY")) notKept.add("schedule validity dates and monthly rules");
}

interface Areas {
  byKey: Map<string, string>;
}

/** Turns one schema-valid HSDS service into the rows the hub keeps, or says why it cannot. */
function translate(record: Json, areas: Areas): { graph: Graph } | { reasons: string[] } {
  const reasons: string[] = [];
  const serviceId = String(record.id);
  const org = record.organization && typeof record.organization === "object" ? (record.organization as Json) : null;
  const organizationId = org?.id ?? record.organization_id;
  if (!organizationId) reasons.push("It has no organization: give `organization` (with id, name and description) or the `organization_id` of one already in the hub.");
  if (org && record.organization_id && record.organization_id !== org.id) reasons.push("organization_id and organization.id differ.");
  const name = text(record.name);
  if (!name) reasons.push("name is empty.");
  const description = text(record.description);
  if (!description) reasons.push("description is missing: partners need to know what the service does.");
  const age = (key: "minimum_age" | "maximum_age") => {
    const value = record[key];
    if (value === undefined || value === null) return null;
    if (!Number.isInteger(value) || value < 0 || value > 130) {
      reasons.push(`${key} must be a whole number of years between 0 and 130.`);
      return null;
    }
    return value as number;
  };
  const minimumAge = age("minimum_age");
  const maximumAge = age("maximum_age");
  if (minimumAge !== null && maximumAge !== null && minimumAge > maximumAge) reasons.push("minimum_age is above maximum_age.");
  let assuredAt: Date | null = null;
  if (record.assured_date !== undefined) {
    assuredAt = new Date(String(record.assured_date));
    if (!/^\d{4}-\d{2}-\d{2}/.test(String(record.assured_date)) || Number.isNaN(assuredAt.getTime())) {
      reasons.push("assured_date must be a date such as 2026-03-01.");
      assuredAt = null;
    }
  }
  const languages = [...new Set(list(record.languages).map((l) => text(l.name) ?? text(l.code)).filter((l): l is string => l !== null))];
  if (org && !text(org.name)) reasons.push("organization.name is empty.");
  if (org && !text(org.description)) reasons.push("organization.description is missing.");

  const service: ServiceRow = {
    id: serviceId,
    organizationId: String(organizationId ?? ""),
    name: name ?? "",
    description: description ?? "",
    url: text(record.url),
    email: text(record.email),
    status: String(record.status),
    eligibilityDescription: text(record.eligibility_description),
    minimumAge,
    maximumAge,
    languages,
    waitTime: text(record.wait_time),
    alert: text(record.alert),
  };

  // The same phone, contact or schedule may be listed in several places (HSDS nests them
  // under the service, its locations and its contacts): one id is one row, merged.
  const phones = new Map<string, PhoneRow>();
  const addPhone = (p: Json, link: { serviceId: string | null; locationId: string | null }, where: string) => {
    const row: PhoneRow = { id: String(p.id), serviceId: link.serviceId, locationId: link.locationId, number: String(p.number).trim(), description: text(p.description) };
    if (!row.number) reasons.push(`${where}: phone ${row.id} has no number.`);
    const seen = phones.get(row.id);
    if (!seen) phones.set(row.id, row);
    else if (seen.number !== row.number) reasons.push(`Phone ${row.id} is given with two different numbers.`);
    else {
      seen.serviceId ??= row.serviceId;
      seen.locationId ??= row.locationId;
      seen.description ??= row.description;
    }
  };
  const contacts = new Map<string, ContactRow>();
  const addContact = (c: Json, where: string) => {
    const row: ContactRow = { id: String(c.id), serviceId, name: text(c.name), title: text(c.title), email: text(c.email) };
    if (!contacts.has(row.id)) contacts.set(row.id, row);
    for (const p of list(c.phones)) addPhone(p, { serviceId, locationId: null }, where);
  };
  const schedules = new Map<string, ScheduleRow>();
  const addSchedule = (s: Json, link: { serviceId: string | null; serviceAtLocationId: string | null }, where: string) => {
    const byDay = text(s.byday)?.toUpperCase().replace(/\s+/g, "") ?? null;
    const opens = text(s.opens_at);
    const closes = text(s.closes_at);
    if (!byDay || !opens || !closes) {
      reasons.push(`${where}: schedule ${s.id} needs byday, opens_at and closes_at (the hub keeps weekly opening times).`);
      return;
    }
    if (!byDay.split(",").every((d) => DAY.test(d))) reasons.push(`${where}: schedule ${s.id} byday "${byDay}" is not a list of days such as MO,TU,WE.`);
    if (!TIME.test(opens) || !TIME.test(closes)) reasons.push(`${where}: schedule ${s.id} times must look like 09:00 or 09:00:00.`);
    const row: ScheduleRow = { id: String(s.id), ...link, byDay, opensAt: opens.slice(0, 5), closesAt: closes.slice(0, 5), description: text(s.description) };
    const seen = schedules.get(row.id);
    if (!seen) schedules.set(row.id, row);
    else {
      seen.serviceId ??= row.serviceId;
      seen.serviceAtLocationId ??= row.serviceAtLocationId;
    }
  };

  for (const p of list(record.phones)) addPhone(p, { serviceId, locationId: null }, "phones");
  for (const c of list(record.contacts)) addContact(c, "contacts");
  for (const s of list(record.schedules)) addSchedule(s, { serviceId, serviceAtLocationId: null }, "schedules");

  const locations: LocationRow[] = [];
  const locationRefs: string[] = [];
  const sals: SalRow[] = [];
  const locationOnlyPhones: { phone: Json; locationId: string }[] = [];
  for (const [i, sal] of list(record.service_at_locations).entries()) {
    const where = `service_at_locations.${i}`;
    const loc = sal.location && typeof sal.location === "object" ? (sal.location as Json) : null;
    const locationId = loc?.id ?? sal.location_id;
    if (!locationId) {
      reasons.push(`${where} has no location.`);
      continue;
    }
    if (loc && sal.location_id && sal.location_id !== loc.id) reasons.push(`${where}: location_id and location.id differ.`);
    if (sals.some((s) => s.locationId === locationId)) reasons.push(`${where}: the service is at location ${locationId} twice.`);
    if (loc) {
      const addresses = list(loc.addresses);
      const address = addresses.find((a) => a.address_type === "physical") ?? addresses[0];
      const latitude = typeof loc.latitude === "number" ? loc.latitude : null;
      const longitude = typeof loc.longitude === "number" ? loc.longitude : null;
      if ((latitude === null) !== (longitude === null)) reasons.push(`${where}.location: give both latitude and longitude, or neither.`);
      if (latitude !== null && (latitude < -90 || latitude > 90)) reasons.push(`${where}.location: latitude ${latitude} is not on Earth (it must be between -90 and 90).`);
      if (longitude !== null && (longitude < -180 || longitude > 180)) reasons.push(`${where}.location: longitude ${longitude} is not on Earth (it must be between -180 and 180).`);
      const line = address ? [text(address.address_1), text(address.address_2)].filter(Boolean).join(", ") : "";
      locations.push({
        id: String(loc.id),
        organizationId: text(loc.organization_id) ?? service.organizationId,
        name: text(loc.name),
        description: text(loc.description),
        locationType: String(loc.location_type),
        url: text(loc.url),
        address1: line || null,
        city: address ? text(address.city) : null,
        region: address ? (text(address.region) ?? text(address.state_province)) : null,
        postalCode: address ? text(address.postal_code) : null,
        country: (address ? text(address.country) : null) ?? "GB",
        latitude,
        longitude,
      });
      for (const p of list(loc.phones)) locationOnlyPhones.push({ phone: p, locationId: String(loc.id) });
    } else {
      locationRefs.push(String(locationId));
    }
    const salId = String(sal.id);
    sals.push({ id: salId, serviceId, locationId: String(locationId), description: text(sal.description) });
    for (const p of list(sal.phones)) addPhone(p, { serviceId, locationId: String(locationId) }, where);
    for (const c of list(sal.contacts)) addContact(c, where);
    for (const s of list(sal.schedules)) addSchedule(s, { serviceId: null, serviceAtLocationId: salId }, where);
  }
  // A location's own phones belong to the location, unless the service lists them too.
  const locationPhones: PhoneRow[] = [];
  for (const { phone, locationId } of locationOnlyPhones) {
    const owned = phones.get(String(phone.id));
    if (owned) owned.locationId ??= locationId;
    else if (!locationPhones.some((p) => p.id === String(phone.id))) {
      locationPhones.push({ id: String(phone.id), serviceId: null, locationId, number: String(phone.number).trim(), description: text(phone.description) });
    }
  }

  const areas_: AreaRow[] = [];
  for (const [i, a] of list(record.service_areas).entries()) {
    const areaName = text(a.name) ?? text(a.description);
    if (!areaName) {
      reasons.push(`service_areas.${i} has neither a name nor a description.`);
      continue;
    }
    areas_.push({ id: String(a.id), serviceId, name: areaName, areaId: areas.byKey.get(areaName.toLowerCase()) ?? null });
  }

  const taxonomies = new Map<string, TaxonomyRow>();
  const taxonomyRefs = new Set<string>();
  const terms = new Map<string, TermRow>();
  const termRefs = new Set<string>();
  const attributes: AttributeRow[] = [];
  for (const [i, a] of list(record.attributes).entries()) {
    const where = `attributes.${i}`;
    const term = a.taxonomy_term && typeof a.taxonomy_term === "object" ? (a.taxonomy_term as Json) : null;
    const termId = term?.id ?? a.taxonomy_term_id;
    if (!termId) {
      reasons.push(`${where} names no taxonomy term.`);
      continue;
    }
    if (term && a.taxonomy_term_id && a.taxonomy_term_id !== term.id) reasons.push(`${where}: taxonomy_term_id and taxonomy_term.id differ.`);
    if (attributes.some((x) => x.taxonomyTermId === termId)) reasons.push(`${where}: the term ${termId} is given twice.`);
    if (term) {
      const detail = term.taxonomy_detail && typeof term.taxonomy_detail === "object" ? (term.taxonomy_detail as Json) : null;
      const taxonomyId = detail?.id ?? term.taxonomy_id ?? null;
      if (detail && term.taxonomy_id && term.taxonomy_id !== detail.id) reasons.push(`${where}: taxonomy_id and taxonomy_detail.id differ.`);
      if (detail) taxonomies.set(String(detail.id), { id: String(detail.id), name: String(detail.name).trim(), description: String(detail.description).trim(), uri: text(detail.uri), version: text(detail.version) });
      else if (taxonomyId) taxonomyRefs.add(String(taxonomyId));
      const code = text(term.code) ?? text(term.name);
      if (!code) reasons.push(`${where}: the taxonomy term has neither a code nor a name.`);
      terms.set(String(termId), { id: String(termId), taxonomyId: taxonomyId ? String(taxonomyId) : null, code: code ?? "", name: String(term.name).trim(), description: String(term.description).trim(), parentId: text(term.parent_id) });
    } else {
      termRefs.add(String(termId));
    }
    attributes.push({ id: String(a.id), serviceId, taxonomyTermId: String(termId), value: text(a.value) });
  }

  if (reasons.length) return { reasons: [...new Set(reasons)] };
  return {
    graph: {
      service,
      assuredAt,
      organization: org ? { id: String(org.id), name: text(org.name)!, description: text(org.description)!, email: text(org.email), website: text(org.website) } : null,
      organizationId: String(organizationId),
      locations,
      locationRefs,
      sals,
      phones: [...phones.values()],
      locationPhones,
      contacts: [...contacts.values()],
      schedules: [...schedules.values()],
      areas: areas_,
      taxonomies: [...taxonomies.values()],
      taxonomyRefs: [...taxonomyRefs],
      terms: [...terms.values()],
      termRefs: [...termRefs],
      attributes,
    },
  };
}

// ---------------------------------------------------------------------------------------
// What the hub already holds, and the plan to match the file

const normalise = (v: unknown) => (v === undefined ? null : v);
function same(a: object, b: object, fields: readonly string[]) {
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  return fields.every((f) => JSON.stringify(normalise(x[f])) === JSON.stringify(normalise(y[f])));
}

type Owned<T> = T & { owner: string | null };

/**
 * Rows by id, also found by a key of theirs (the service that owns them, a term's taxonomy and
 * code) without looking through every row: planning stays linear in the size of the file.
 */
class IndexedMap<T> extends Map<string, T> {
  private readonly byKey = new Map<string, Set<string>>();
  constructor(private readonly keyOf: (row: T) => string | null) {
    super();
  }
  override set(id: string, row: T): this {
    this.unindex(id);
    super.set(id, row);
    const key = this.keyOf(row);
    if (key !== null) {
      const ids = this.byKey.get(key) ?? new Set<string>();
      ids.add(id);
      this.byKey.set(key, ids);
    }
    return this;
  }
  override delete(id: string): boolean {
    this.unindex(id);
    return super.delete(id);
  }
  private unindex(id: string) {
    const old = super.get(id);
    const key = old === undefined ? null : this.keyOf(old);
    if (key !== null) this.byKey.get(key)?.delete(id);
  }
  /** The rows with this key. */
  with(key: string): T[] {
    return [...(this.byKey.get(key) ?? [])].map((id) => super.get(id)!);
  }
}

const ownerOf = (row: { serviceId?: string | null; owner?: string | null }) => row.owner ?? row.serviceId ?? null;
const owned = <T extends { serviceId?: string | null; owner?: string | null }>() => new IndexedMap<T>(ownerOf);
const termKey = (t: { taxonomyId: string | null; code: string }) => (t.taxonomyId === null ? null : `${t.taxonomyId}\u0000${t.code}`);

class Known {
  services = new Map<string, ServiceRow & { lastVerifiedAt: Date | null }>();
  organizations = new Map<string, OrgRow>();
  locations = new Map<string, LocationRow>();
  taxonomies = new Map<string, TaxonomyRow>();
  terms = new IndexedMap<TermRow>(termKey);
  sals = owned<SalRow>();
  phones = owned<PhoneRow>();
  contacts = owned<ContactRow>();
  schedules = owned<Owned<ScheduleRow>>();
  areas = owned<AreaRow>();
  attributes = owned<AttributeRow>();
  /** What the file gives for shared things, by the position that first gave it. */
  givenBy = new Map<string, number>();
  /** Refuges and safe houses: never in a feed, so an import never touches them or what links to them. */
  confidentialLocations = new Set<string>();

  /** A row an import must leave alone: it is kept on, or links to, a confidential location. */
  isProtected(row: { locationId?: string | null; serviceAtLocationId?: string | null }) {
    if (row.locationId && this.confidentialLocations.has(row.locationId)) return true;
    const sal = row.serviceAtLocationId ? this.sals.get(row.serviceAtLocationId) : undefined;
    return Boolean(sal && this.confidentialLocations.has(sal.locationId));
  }

  childrenOf<T extends { serviceId?: string | null; owner?: string | null }>(map: IndexedMap<T>, serviceId: string) {
    return map.with(serviceId);
  }
}

const CHUNK = 1000;
async function findIn<T>(ids: string[], find: (chunk: string[]) => Promise<T[]>): Promise<T[]> {
  const unique = [...new Set(ids)];
  const rows: T[] = [];
  for (let i = 0; i < unique.length; i += CHUNK) rows.push(...(await find(unique.slice(i, i + CHUNK))));
  return rows;
}

async function loadKnown(prisma: PrismaClient, graphs: Graph[]): Promise<Known> {
  const known = new Known();
  const ids = (pick: (g: Graph) => string[]) => graphs.flatMap(pick);
  const serviceIds = ids((g) => [g.service.id]);
  for (const s of await findIn(serviceIds, (chunk) => prisma.directoryService.findMany({ where: { id: { in: chunk } } }))) known.services.set(s.id, s);
  for (const o of await findIn(ids((g) => [g.organizationId]), (chunk) => prisma.directoryOrganization.findMany({ where: { id: { in: chunk } } }))) known.organizations.set(o.id, o);
  for (const l of await findIn(ids((g) => [...g.locations.map((x) => x.id), ...g.locationRefs]), (chunk) => prisma.directoryLocation.findMany({ where: { id: { in: chunk } } }))) known.locations.set(l.id, l);
  const taxonomyIds = ids((g) => [...g.taxonomies.map((t) => t.id), ...g.taxonomyRefs, ...g.terms.flatMap((t) => (t.taxonomyId ? [t.taxonomyId] : []))]);
  for (const t of await findIn(taxonomyIds, (chunk) => prisma.taxonomy.findMany({ where: { id: { in: chunk } } }))) known.taxonomies.set(t.id, t);
  // Terms by id, and every term of the taxonomies involved (a code is unique in its taxonomy).
  const termIds = ids((g) => [...g.terms.map((t) => t.id), ...g.termRefs]);
  for (const t of await findIn(termIds, (chunk) => prisma.taxonomyTerm.findMany({ where: { id: { in: chunk } } }))) known.terms.set(t.id, t);
  for (const t of await findIn(taxonomyIds, (chunk) => prisma.taxonomyTerm.findMany({ where: { taxonomyId: { in: chunk } } }))) known.terms.set(t.id, t);
  // Each service's own parts, and any row the file names that may belong to another service.
  const byService = async <T extends { id: string }>(childIds: string[], find: (where: object) => Promise<T[]>, into: Map<string, T>) => {
    for (const row of await findIn(serviceIds, (chunk) => find({ serviceId: { in: chunk } }))) into.set(row.id, row);
    for (const row of await findIn(childIds, (chunk) => find({ id: { in: chunk } }))) into.set(row.id, row);
  };
  await byService(ids((g) => g.sals.map((x) => x.id)), (where) => prisma.serviceAtLocation.findMany({ where }), known.sals);
  await byService(ids((g) => [...g.phones, ...g.locationPhones].map((x) => x.id)), (where) => prisma.directoryPhone.findMany({ where }), known.phones);
  await byService(ids((g) => g.contacts.map((x) => x.id)), (where) => prisma.directoryContact.findMany({ where }), known.contacts);
  await byService(ids((g) => g.areas.map((x) => x.id)), (where) => prisma.serviceArea.findMany({ where }), known.areas);
  await byService(ids((g) => g.attributes.map((x) => x.id)), (where) => prisma.serviceAttribute.findMany({ where }), known.attributes);
  const scheduleIds = ids((g) => g.schedules.map((x) => x.id));
  const withOwner = (rows: (ScheduleRow & { serviceAtLocation: { serviceId: string } | null })[]) =>
    rows.map(({ serviceAtLocation, ...row }) => ({ ...row, owner: row.serviceId ?? serviceAtLocation?.serviceId ?? null }));
  const scheduleSelect = { serviceAtLocation: { select: { serviceId: true } } } as const;
  for (const row of withOwner(await findIn(serviceIds, (chunk) => prisma.directorySchedule.findMany({ where: { OR: [{ serviceId: { in: chunk } }, { serviceAtLocation: { serviceId: { in: chunk } } }] }, include: scheduleSelect })))) known.schedules.set(row.id, row);
  for (const row of withOwner(await findIn(scheduleIds, (chunk) => prisma.directorySchedule.findMany({ where: { id: { in: chunk } }, include: scheduleSelect })))) known.schedules.set(row.id, row);
  const linked = [...known.locations.keys(), ...[...known.sals.values()].map((s) => s.locationId), ...[...known.phones.values()].flatMap((p) => (p.locationId ? [p.locationId] : []))];
  for (const l of await findIn(linked, (chunk) => prisma.directoryLocation.findMany({ where: { id: { in: chunk }, confidential: true }, select: { id: true } }))) known.confidentialLocations.add(l.id);
  return known;
}

type Op = (tx: Tx) => Promise<unknown>;

/** Checks one record against what is known (the database plus earlier records), and plans its writes. */
function plan(graph: Graph, position: number, known: Known): { ops: Op[]; created: boolean } | { reasons: string[] } {
  const reasons: string[] = [];
  const sid = graph.service.id;
  const existing = known.services.get(sid);
  if (known.givenBy.has(`service:${sid}`)) reasons.push(`The service ${sid} is also record ${known.givenBy.get(`service:${sid}`)}: each service once, please.`);

  // Shared things: the file must give each one the same way every time, or a second run
  // would change them back and forth.
  const shared = <T extends { id: string }>(kind: string, row: T, map: Map<string, T>, fields: readonly string[]) => {
    const key = `${kind}:${row.id}`;
    const first = known.givenBy.get(key);
    const current = map.get(row.id);
    if (first !== undefined && current && !same(row, current, fields)) reasons.push(`The ${kind} ${row.id} is given differently in record ${first}.`);
    return !current || !same(row, current, fields);
  };
  if (graph.organization) shared("organization", graph.organization, known.organizations, FIELDS.organization);
  else if (!known.organizations.has(graph.organizationId)) reasons.push(`The organization ${graph.organizationId} is not in the hub: include the organization itself.`);
  for (const t of graph.taxonomies) shared("taxonomy", t, known.taxonomies, FIELDS.taxonomy);
  for (const id of graph.taxonomyRefs) if (!known.taxonomies.has(id) && !graph.taxonomies.some((t) => t.id === id)) reasons.push(`The taxonomy ${id} is not in the hub: include taxonomy_detail.`);
  for (const term of graph.terms) {
    shared("taxonomy term", term, known.terms, FIELDS.term);
    const key = termKey(term);
    const clash = key === null ? undefined : known.terms.with(key).find((t) => t.id !== term.id);
    if (clash) reasons.push(`The taxonomy term ${term.id} has the code "${term.code}", which term ${clash.id} already has in the same taxonomy.`);
  }
  for (const id of graph.termRefs) if (!known.terms.has(id)) reasons.push(`The taxonomy term ${id} is not in the hub: include the taxonomy_term itself.`);
  for (const l of graph.locations) shared("location", l, known.locations, FIELDS.location);
  for (const id of [...graph.locations.map((l) => l.id), ...graph.locationRefs]) {
    if (known.confidentialLocations.has(id)) reasons.push(`The location ${id} is confidential in the hub (a refuge or safe house): an import cannot change it or link services to it. Leave it out of the file.`);
  }
  for (const id of graph.locationRefs) if (!known.locations.has(id)) reasons.push(`The location ${id} is not in the hub: include the location itself.`);

  // The service's own parts must not belong to another service.
  const mine = <T extends { id: string }>(kind: string, rows: T[], map: Map<string, T & { owner?: string | null; serviceId?: string | null }>) => {
    for (const row of rows) {
      const current = map.get(row.id);
      const owner = current ? (current.owner ?? current.serviceId ?? null) : null;
      if (owner && owner !== sid) reasons.push(`The ${kind} ${row.id} belongs to another service (${owner}).`);
    }
  };
  mine("service_at_location", graph.sals, known.sals);
  mine("phone", graph.phones, known.phones);
  mine("contact", graph.contacts, known.contacts);
  mine("schedule", graph.schedules, known.schedules);
  mine("service area", graph.areas, known.areas);
  mine("attribute", graph.attributes, known.attributes);
  for (const p of graph.locationPhones) {
    const current = known.phones.get(p.id);
    if (current?.serviceId) reasons.push(`The phone ${p.id} belongs to a service (${current.serviceId}), not to a location.`);
  }
  if (reasons.length) return { reasons: [...new Set(reasons)] };

  // Everything checks: plan the writes, and update what is known so later records see them.
  const ops: Op[] = [];
  const upsert = <T extends { id: string }>(row: T, map: Map<string, T>, fields: readonly string[], write: (tx: Tx, row: T) => Promise<unknown>) => {
    const current = map.get(row.id);
    if (current && same(row, current, fields)) return;
    ops.push((tx) => write(tx, row));
    map.set(row.id, { ...current, ...row });
  };
  const mark = (kind: string, id: string) => {
    if (!known.givenBy.has(`${kind}:${id}`)) known.givenBy.set(`${kind}:${id}`, position);
  };
  mark("service", sid);
  if (graph.organization) {
    mark("organization", graph.organization.id);
    upsert(graph.organization, known.organizations, FIELDS.organization, (tx, { id, ...data }) => tx.directoryOrganization.upsert({ where: { id }, create: { id, ...data }, update: data }));
  }
  for (const t of graph.taxonomies) {
    mark("taxonomy", t.id);
    upsert(t, known.taxonomies, FIELDS.taxonomy, (tx, { id, ...data }) => tx.taxonomy.upsert({ where: { id }, create: { id, ...data }, update: data }));
  }
  for (const t of graph.terms) {
    mark("taxonomy term", t.id);
    upsert(t, known.terms, FIELDS.term, (tx, { id, ...data }) => tx.taxonomyTerm.upsert({ where: { id }, create: { id, ...data }, update: data }));
  }
  for (const l of graph.locations) {
    mark("location", l.id);
    // The confidential flag is not in HSDS: an import never sets or clears it.
    upsert(l, known.locations, FIELDS.location, (tx, { id, ...data }) => tx.directoryLocation.upsert({ where: { id }, create: { id, ...data }, update: data }));
  }
  const current = existing ? { ...existing } : null;
  const lastVerifiedAt = graph.assuredAt && (!current?.lastVerifiedAt || graph.assuredAt > current.lastVerifiedAt) ? graph.assuredAt : null;
  if (!current || !same(graph.service, current, FIELDS.service) || lastVerifiedAt) {
    const { id, ...data } = graph.service;
    const stamp = lastVerifiedAt ? { lastVerifiedAt, lastVerifiedByUserId: null } : {};
    ops.push((tx) => tx.directoryService.upsert({ where: { id }, create: { id, ...data, ...stamp }, update: { ...data, ...stamp } }));
    known.services.set(id, { ...graph.service, lastVerifiedAt: lastVerifiedAt ?? current?.lastVerifiedAt ?? null });
  }

  // Parts the service no longer lists go first (so a re-used location or term is free).
  const drop = <T extends { id: string; serviceId?: string | null; owner?: string | null }>(map: IndexedMap<T>, keep: { id: string }[], remove: (tx: Tx, ids: string[]) => Promise<unknown>) => {
    const keepIds = new Set(keep.map((k) => k.id));
    // Links to refuges are never in a feed, so their absence from the file means nothing.
    const gone = known
      .childrenOf(map, sid)
      .filter((row) => !keepIds.has(row.id) && !known.isProtected(row as { locationId?: string | null; serviceAtLocationId?: string | null }))
      .map((row) => row.id);
    if (!gone.length) return;
    ops.push((tx) => remove(tx, gone));
    for (const id of gone) map.delete(id);
  };
  drop(known.sals, graph.sals, (tx, ids) => tx.serviceAtLocation.deleteMany({ where: { id: { in: ids } } }));
  // Schedules of a removed service-at-location go with it (the database cascades).
  for (const row of known.childrenOf(known.schedules, sid)) if (row.serviceAtLocationId && !known.sals.has(row.serviceAtLocationId)) known.schedules.delete(row.id);
  drop(known.phones, graph.phones, (tx, ids) => tx.directoryPhone.deleteMany({ where: { id: { in: ids } } }));
  drop(known.contacts, graph.contacts, (tx, ids) => tx.directoryContact.deleteMany({ where: { id: { in: ids } } }));
  drop(known.schedules, graph.schedules, (tx, ids) => tx.directorySchedule.deleteMany({ where: { id: { in: ids } } }));
  drop(known.areas, graph.areas, (tx, ids) => tx.serviceArea.deleteMany({ where: { id: { in: ids } } }));
  drop(known.attributes, graph.attributes, (tx, ids) => tx.serviceAttribute.deleteMany({ where: { id: { in: ids } } }));

  for (const s of graph.sals) upsert(s, known.sals, FIELDS.sal, (tx, { id, ...data }) => tx.serviceAtLocation.upsert({ where: { id }, create: { id, ...data }, update: data }));
  for (const p of [...graph.phones, ...graph.locationPhones]) upsert(p, known.phones, FIELDS.phone, (tx, { id, ...data }) => tx.directoryPhone.upsert({ where: { id }, create: { id, ...data }, update: data }));
  for (const c of graph.contacts) upsert(c, known.contacts, FIELDS.contact, (tx, { id, ...data }) => tx.directoryContact.upsert({ where: { id }, create: { id, ...data }, update: data }));
  for (const s of graph.schedules) {
    const owned = { ...s, owner: sid };
    upsert(owned, known.schedules, FIELDS.schedule, (tx, { id, owner: _owner, ...data }) => tx.directorySchedule.upsert({ where: { id }, create: { id, ...data }, update: data }));
  }
  for (const a of graph.areas) upsert(a, known.areas, FIELDS.area, (tx, { id, ...data }) => tx.serviceArea.upsert({ where: { id }, create: { id, ...data }, update: data }));
  for (const a of graph.attributes) upsert(a, known.attributes, FIELDS.attribute, (tx, { id, ...data }) => tx.serviceAttribute.upsert({ where: { id }, create: { id, ...data }, update: data }));
  return { ops, created: !existing };
}

// ---------------------------------------------------------------------------------------

/** The records in a file: an array of services, an ORUK page ({ contents: [...] }), or one service. */
export function directoryRecords(input: unknown): unknown[] {
  if (Array.isArray(input)) return input;
  if (input && typeof input === "object") {
    const contents = (input as Json).contents;
    if (Array.isArray(contents)) return contents;
    if ("id" in (input as Json) && "name" in (input as Json)) return [input];
  }
  throw new BadInputError("The file must hold a JSON array of HSDS 3.0 service objects (or an Open Referral UK page with them in `contents`).", "file");
}

export async function importDirectory(prisma: PrismaClient, input: unknown, options: DirectoryImportOptions = {}): Promise<DirectoryImportReport> {
  const records = directoryRecords(input);
  const total = records.length;
  const report: DirectoryImportReport = { total, created: 0, updated: 0, unchanged: 0, rejected: [], notKept: [] };
  const notKept = new Set<string>();
  const validate = hsdsValidator("service");
  const areaRows = await prisma.area.findMany();
  const areas: Areas = { byKey: new Map(areaRows.flatMap((a) => [[a.name.toLowerCase(), a.id] as const, [a.code.toLowerCase(), a.id] as const])) };

  const reject = (position: number, record: unknown, reasons: string[]) => {
    const r = record && typeof record === "object" ? (record as Json) : {};
    // Its id and name help find it in the file, unless they are what is wrong with it.
    const shown = (v: unknown, max: number) => typeof v === "string" && v.length <= max && isStorableText(v, { lineBreaks: false });
    report.rejected.push({ position, ...(shown(r.id, 100) ? { id: r.id } : {}), ...(shown(r.name, IMPORT_LIMITS.name) ? { name: r.name } : {}), reasons });
  };

  // 1. The schema and the hub's rules, record by record.
  const translated: { position: number; record: unknown; graph: Graph }[] = [];
  for (const [i, record] of records.entries()) {
    const position = i + 1;
    const unstorable = unstorablePath(record, "");
    const tooLong = record && typeof record === "object" ? overLimits(record as Json) : [];
    if (unstorable) reject(position, record, [`${unstorable} has a character the hub cannot store (a control character, or half of one). Correct it at the source.`]);
    else if (tooLong.length) reject(position, record, tooLong);
    else if (!validate(record)) reject(position, record, describeSchemaErrors(validate.errors).map((e) => `Not HSDS 3.0: ${e}.`));
    else {
      noteNotKept(record as Json, notKept);
      const result = translate(record as Json, areas);
      if ("reasons" in result) reject(position, record, result.reasons);
      else translated.push({ position, record, graph: result.graph });
    }
    if (position % 50 === 0 || position === total) options.onProgress?.({ phase: "checking", done: position, total });
  }

  // 2. Against what the hub holds (and earlier records), planning only the writes needed.
  const known = await loadKnown(prisma, translated.map((t) => t.graph));
  const planned: { ops: Op[]; created: boolean }[] = [];
  for (const { position, record, graph } of translated) {
    const result = plan(graph, position, known);
    if ("reasons" in result) reject(position, record, result.reasons);
    else planned.push(result);
  }
  report.rejected.sort((a, b) => a.position - b.position);
  report.notKept = [...notKept].sort();

  // 3. One transaction: all the valid records, or nothing.
  const counts = { created: 0, updated: 0, unchanged: 0 };
  try {
    await prisma.$transaction(
      async (tx) => {
        for (const [i, p] of planned.entries()) {
          for (const op of p.ops) await op(tx);
          if (!p.ops.length) counts.unchanged += 1;
          else if (p.created) counts.created += 1;
          else counts.updated += 1;
          if ((i + 1) % 20 === 0 || i + 1 === planned.length) options.onProgress?.({ phase: "writing", done: i + 1, total: planned.length });
        }
      },
      { timeout: 10 * 60_000, maxWait: 30_000 },
    );
  } catch (error) {
    // The database's own words can quote a record's values: name its error code only.
    const code = (error as { code?: unknown; meta?: { code?: unknown } }).meta?.code ?? (error as { code?: unknown }).code;
    const why = typeof code === "string" ? `error ${code}` : "an unexpected error";
    throw new DirectoryImportError(`Nothing was imported: the database refused the write (${why}). The import is safe to run again once that is put right.`, report, { cause: error });
  }
  Object.assign(report, counts);
  return report;
}

/** The report as lines for a terminal: totals first, then each rejected record and why. */
export function describeImportReport(report: DirectoryImportReport): string[] {
  const valid = report.total - report.rejected.length;
  const lines = [`Imported ${valid} of ${report.total} services in one transaction: ${report.created} created, ${report.updated} updated, ${report.unchanged} unchanged.`];
  if (report.rejected.length) {
    lines.push(`${report.rejected.length} record${report.rejected.length === 1 ? " was" : "s were"} rejected and not imported (the valid records were imported without them; fix these and run the import again):`);
    for (const r of report.rejected) {
      const label = [r.id, r.name ? `"${r.name}"` : null].filter(Boolean).join(" ");
      lines.push(`  Record ${r.position}${label ? ` (${label})` : ""}:`);
      for (const reason of r.reasons) lines.push(`    - ${reason}`);
    }
  }
  if (report.notKept.length) lines.push(`Not kept by the hub (left out of the import): ${report.notKept.join(", ")}.`);
  return lines;
}
