// The hub's directory rows as HSDS 3.0 / Open Referral UK documents. Optional fields with no
// value are left out (no nulls, no empty strings, no empty lists), as the UK profile asks.
//
// Only rows already filtered to public locations reach this file (see public-where.ts): a
// confidential location, and anything kept on it, has been left out of the query itself.
import { createHash } from "node:crypto";
import { mayKnowWhereLocationIs, PUBLIC_VIEWER } from "@hub/core";
import type { Prisma } from "@hub/db";
import { PUBLIC_LOCATION } from "./public-where.js";

type Json = Record<string, unknown>;

/** Drops undefined, null, "" and [] so optional fields without a value are omitted. */
export function compact(object: Json): Json {
  return Object.fromEntries(Object.entries(object).filter(([, v]) => v !== undefined && v !== null && v !== "" && !(Array.isArray(v) && v.length === 0)));
}

/** A stable id for things the hub keeps as plain values (languages, a location's address). */
export function derivedId(...parts: string[]): string {
  const hex = createHash("sha1").update(parts.join("|")).digest("hex");
  const variant = ((Number.parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** ISO 639 codes for the languages the directory records (BSL has no ISO 639-1 code: bfi is 639-3). */
const LANGUAGE_CODES: Record<string, string> = {
  english: "en", welsh: "cy", polish: "pl", urdu: "ur", punjabi: "pa", bengali: "bn", gujarati: "gu", arabic: "ar", farsi: "fa", somali: "so",
  romanian: "ro", albanian: "sq", vietnamese: "vi", tigrinya: "ti", portuguese: "pt", lithuanian: "lt", kurdish: "ku", bsl: "bfi", "british sign language": "bfi",
};

// ---------------------------------------------------------------------------------------
// What each document needs from the database

const byId = { id: "asc" } as const;

export const serviceFullInclude = {
  organization: true,
  // A phone kept on a confidential location would give it away.
  phones: { where: { OR: [{ locationId: null }, { location: PUBLIC_LOCATION }] }, orderBy: byId },
  contacts: { orderBy: byId },
  schedules: { where: { OR: [{ serviceAtLocationId: null }, { serviceAtLocation: { location: PUBLIC_LOCATION } }] }, orderBy: byId },
  serviceAreas: { orderBy: byId },
  attributes: { include: { taxonomyTerm: { include: { taxonomy: true } } }, orderBy: byId },
  serviceAtLocations: {
    where: { location: PUBLIC_LOCATION },
    include: { location: { include: { phones: { where: { serviceId: null }, orderBy: byId } } }, schedules: { orderBy: byId } },
    orderBy: byId,
  },
} satisfies Prisma.DirectoryServiceInclude;

export const serviceListInclude = { organization: true } satisfies Prisma.DirectoryServiceInclude;

export const serviceAtLocationListInclude = { location: true, service: { include: serviceListInclude } } satisfies Prisma.ServiceAtLocationInclude;

export const serviceAtLocationFullInclude = {
  location: { include: { phones: { where: { serviceId: null }, orderBy: byId } } },
  schedules: { orderBy: byId },
  service: { include: serviceFullInclude },
} satisfies Prisma.ServiceAtLocationInclude;

type ServiceFull = Prisma.DirectoryServiceGetPayload<{ include: typeof serviceFullInclude }>;
type ServiceList = Prisma.DirectoryServiceGetPayload<{ include: typeof serviceListInclude }>;
type SalList = Prisma.ServiceAtLocationGetPayload<{ include: typeof serviceAtLocationListInclude }>;
type SalFull = Prisma.ServiceAtLocationGetPayload<{ include: typeof serviceAtLocationFullInclude }>;
type Organization = ServiceList["organization"];
type Location = SalList["location"];
type Phone = ServiceFull["phones"][number];
type Schedule = ServiceFull["schedules"][number];
type TaxonomyRow = NonNullable<ServiceFull["attributes"][number]["taxonomyTerm"]["taxonomy"]>;
type TermRow = ServiceFull["attributes"][number]["taxonomyTerm"] & { taxonomy: TaxonomyRow | null };

// ---------------------------------------------------------------------------------------
// Documents

export function organization(o: Organization): Json {
  return { id: o.id, name: o.name, description: o.description, ...compact({ email: o.email, website: o.website }) };
}

function applicationProcess(s: ServiceList): string {
  const parts: string[] = [];
  if (!s.acceptingReferrals) parts.push("Not taking new referrals at the moment.");
  if (s.selfReferral) parts.push("You can contact the service yourself.");
  if (s.professionalReferral) parts.push("Professionals can refer, with the person's agreement.");
  return parts.join(" ");
}

/** The one-to-one fields of a service, with its organization (compiled/service_list.json). */
export function serviceBasic(s: ServiceList): Json {
  return {
    id: s.id,
    name: s.name,
    status: s.status,
    ...compact({
      organization_id: s.organizationId,
      description: s.description,
      url: s.url,
      email: s.email,
      application_process: applicationProcess(s),
      wait_time: s.waitTime,
      eligibility_description: s.eligibilityDescription,
      minimum_age: s.minimumAge,
      maximum_age: s.maximumAge,
      assured_date: s.lastVerifiedAt?.toISOString().slice(0, 10),
      alert: s.alert,
      last_modified: s.updatedAt.toISOString(),
    }),
    organization: organization(s.organization),
  };
}

function phone(p: Phone): Json {
  return { id: p.id, number: p.number, ...compact({ service_id: p.serviceId, location_id: p.locationId, type: "voice", description: p.description }) };
}

function schedule(s: Schedule): Json {
  return {
    id: s.id,
    ...compact({
      service_id: s.serviceId,
      service_at_location_id: s.serviceAtLocationId,
      freq: "WEEKLY",
      byday: s.byDay,
      opens_at: s.opensAt,
      closes_at: s.closesAt,
      description: s.description,
    }),
  };
}

function language(serviceId: string, name: string): Json {
  return { id: derivedId("language", serviceId, name), ...compact({ service_id: serviceId, name, code: LANGUAGE_CODES[name.toLowerCase()] }) };
}

export function taxonomy(t: TaxonomyRow): Json {
  return { id: t.id, name: t.name, description: t.description, ...compact({ uri: t.uri, version: t.version }) };
}

export function taxonomyTerm(t: TermRow): Json {
  return {
    id: t.id,
    name: t.name,
    description: t.description,
    ...compact({
      code: t.code,
      parent_id: t.parentId,
      taxonomy: t.taxonomy?.name,
      taxonomy_id: t.taxonomyId,
      taxonomy_detail: t.taxonomy ? taxonomy(t.taxonomy) : undefined,
      language: "en",
    }),
  };
}

/** A location's one-to-one fields (compiled/service_at_location_list.json). */
export function locationBasic(l: Location): Json {
  // The queries already left such a location out; this is the rule's last word.
  if (!mayKnowWhereLocationIs(PUBLIC_VIEWER, l)) throw new Error(`the open feed was about to publish confidential location ${l.id}`);
  return {
    id: l.id,
    location_type: l.locationType,
    ...compact({ organization_id: l.organizationId, url: l.url, name: l.name, description: l.description, latitude: l.latitude, longitude: l.longitude }),
  };
}

function locationFull(l: SalFull["location"]): Json {
  const hasAddress = l.address1 && l.city && l.postalCode;
  return {
    ...locationBasic(l),
    ...compact({
      addresses: hasAddress
        ? [
            {
              id: derivedId("address", l.id),
              location_id: l.id,
              address_1: l.address1,
              city: l.city,
              ...compact({ region: l.region }),
              state_province: l.region ?? l.city,
              postal_code: l.postalCode,
              country: l.country,
              address_type: "physical",
            },
          ]
        : [],
      phones: l.phones.map(phone),
    }),
  };
}

type SalOfService = ServiceFull["serviceAtLocations"][number];

function serviceAtLocationNested(sal: SalOfService, s: ServiceFull): Json {
  return {
    id: sal.id,
    ...compact({
      service_id: sal.serviceId,
      location_id: sal.locationId,
      description: sal.description,
      phones: s.phones.filter((p) => p.locationId === sal.locationId).map(phone),
      schedules: sal.schedules.map(schedule),
    }),
    location: locationFull(sal.location),
  };
}

/** Everything about a service except where it is (shared by /services/{id} and /service_at_locations/{id}). */
function serviceDetails(s: ServiceFull): Json {
  return {
    ...serviceBasic(s),
    ...compact({
      phones: s.phones.filter((p) => p.locationId === null).map(phone),
      schedules: s.schedules.filter((x) => x.serviceAtLocationId === null).map(schedule),
      service_areas: s.serviceAreas.map((a) => ({ id: a.id, service_id: a.serviceId, name: a.name })),
      languages: s.languages.map((name) => language(s.id, name)),
      contacts: s.contacts.map((c) => ({ id: c.id, ...compact({ service_id: c.serviceId, name: c.name, title: c.title, email: c.email }) })),
      attributes: s.attributes.map((a) => ({
        id: a.id,
        ...compact({ link_id: s.id, link_entity: "service", taxonomy_term_id: a.taxonomyTermId, value: a.value }),
        taxonomy_term: taxonomyTerm(a.taxonomyTerm),
      })),
    }),
  };
}

/** A fully nested service (compiled/service.json). */
export function serviceFull(s: ServiceFull): Json {
  return { ...serviceDetails(s), ...compact({ service_at_locations: s.serviceAtLocations.map((sal) => serviceAtLocationNested(sal, s)) }) };
}

/**
 * An organisation with its services (compiled/organization.json): the services' one-to-one
 * fields, or with `full` each service fully nested as /services/{id} gives it. Each service
 * sits under its organisation, so it does not repeat it.
 */
export function organizationFull(o: Organization, services: ServiceList[] | ServiceFull[], full: boolean): Json {
  const nested = services.map((s) => {
    const { organization: _repeated, ...rest } = full ? serviceFull(s as ServiceFull) : serviceBasic(s);
    return rest;
  });
  return { ...organization(o), ...compact({ services: nested }) };
}

/** A service at a location, one-to-one fields (compiled/service_at_location_list.json). */
export function serviceAtLocationBasic(sal: SalList): Json {
  return {
    id: sal.id,
    ...compact({ service_id: sal.serviceId, location_id: sal.locationId, description: sal.description }),
    location: locationBasic(sal.location),
    service: serviceBasic(sal.service),
  };
}

/** A fully nested service at a location (compiled/service_at_location.json). */
export function serviceAtLocationFull(sal: SalFull): Json {
  return {
    id: sal.id,
    ...compact({
      service_id: sal.serviceId,
      location_id: sal.locationId,
      description: sal.description,
      phones: sal.service.phones.filter((p) => p.locationId === sal.locationId).map(phone),
      schedules: sal.schedules.map(schedule),
      contacts: sal.service.contacts.map((c) => ({ id: c.id, ...compact({ service_id: c.serviceId, name: c.name, title: c.title, email: c.email }) })),
    }),
    location: locationFull(sal.location),
    service: serviceDetails(sal.service),
  };
}
