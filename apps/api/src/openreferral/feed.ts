// The directory's open feed, Open Referral UK 3.0 (HSDS-UK-3.0), at /openreferral: public and
// anonymous, read-only, cacheable, and open to any web page (CORS *), so councils, 211-style
// finders and other partnerships can reuse the directory. A refuge's location never appears
// in it (see public-where.ts). Being anonymous, it is rate limited per client address.
import type { Logger } from "@hub/config";
import { describeError } from "@hub/config";
import { distanceInMetres, boundingBox } from "@hub/core";
import type { Database, Prisma } from "@hub/db";
import { createRateLimiter, DEFAULT_OPEN_FEED_RATE_LIMIT, type RateLimit } from "../http/rate-limit.js";
import {
  organization,
  organizationFull,
  serviceAtLocationBasic,
  serviceAtLocationFull,
  serviceAtLocationFullInclude,
  serviceAtLocationListInclude,
  serviceBasic,
  serviceFull,
  serviceFullInclude,
  serviceListInclude,
  taxonomy,
  taxonomyTerm,
} from "./hsds.js";
import { PUBLIC_ORGANIZATION, PUBLIC_SERVICE_AT_LOCATION } from "./public-where.js";
import { FeedQueryError, fullService, organizationWhere, pageOf, paging, proximity, serviceWhere } from "./query.js";

export const OPEN_REFERRAL_PREFIX = "/openreferral";

const API_INFO = {
  version: "HSDS-UK-3.0",
  profile: "https://github.com/OpenReferralUK/uk-profile",
  openapi_url: "https://raw.githubusercontent.com/OpenReferralUK/uk-profile/main/docs/_static/openapi30.json",
};

const COMMON_HEADERS = {
  "Access-Control-Allow-Origin": "*",
  "Access-Control-Allow-Methods": "GET, HEAD, OPTIONS",
  "Access-Control-Allow-Headers": "Accept, Content-Type, If-None-Match",
  "Access-Control-Max-Age": "86400",
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type Handler = (params: URLSearchParams, id: string | null) => Promise<unknown | null>;

export interface OpenReferralFeedOptions {
  logger?: Logger;
  /** Requests per client address. Default 120 a minute. */
  rateLimit?: RateLimit;
}

/**
 * A fetch handler for the feed: a Response for paths under /openreferral, null for any
 * other path (so the caller can route on). `client` is the caller's address (null when not
 * known: those callers share one allowance).
 */
export function createOpenReferralFeed(db: Database, options: OpenReferralFeedOptions = {}): (request: Request, client?: string | null) => Promise<Response | null> {
  const prisma = db.prisma;
  const limited = createRateLimiter("open-feed", options.rateLimit ?? DEFAULT_OPEN_FEED_RATE_LIMIT);

  const services: Handler = async (params) => {
    const page = paging(params);
    const where = serviceWhere(params);
    const [total, rows] = await Promise.all([
      prisma.directoryService.count({ where }),
      prisma.directoryService.findMany({ where, include: serviceListInclude, orderBy: [{ name: "asc" }, { id: "asc" }], skip: (page.page - 1) * page.perPage, take: page.perPage }),
    ]);
    return pageOf(rows.map(serviceBasic), total, page);
  };

  const service: Handler = async (_params, id) => {
    const row = await prisma.directoryService.findUnique({ where: { id: id! }, include: serviceFullInclude });
    return row ? serviceFull(row) : null;
  };

  const serviceAtLocations: Handler = async (params) => {
    const page = paging(params);
    const near = proximity(params);
    const where: Prisma.ServiceAtLocationWhereInput = { AND: [PUBLIC_SERVICE_AT_LOCATION, { service: serviceWhere(params) }] };
    const order: Prisma.ServiceAtLocationOrderByWithRelationInput[] = [{ service: { name: "asc" } }, { id: "asc" }];
    if (!near) {
      const [total, rows] = await Promise.all([
        prisma.serviceAtLocation.count({ where }),
        prisma.serviceAtLocation.findMany({ where, include: serviceAtLocationListInclude, orderBy: order, skip: (page.page - 1) * page.perPage, take: page.perPage }),
      ]);
      return pageOf(rows.map(serviceAtLocationBasic), total, page);
    }
    // Nearest first. Within a distance: an indexed box first, then the exact distance.
    const box = near.withinMetres === null ? null : boundingBox(near.centre, near.withinMetres);
    const candidates = await prisma.serviceAtLocation.findMany({
      where: box
        ? { AND: [where, { location: { latitude: { gte: box.minLatitude, lte: box.maxLatitude }, longitude: { gte: box.minLongitude, lte: box.maxLongitude } } }] }
        : where,
      select: { id: true, location: { select: { latitude: true, longitude: true } } },
      orderBy: order,
    });
    const measured = candidates
      .map((c, i) => ({
        id: c.id,
        order: i,
        distance: c.location.latitude === null || c.location.longitude === null ? null : distanceInMetres(near.centre, { latitude: c.location.latitude, longitude: c.location.longitude }),
      }))
      .filter((c) => near.withinMetres === null || (c.distance !== null && c.distance <= near.withinMetres))
      .sort((a, b) => (a.distance ?? Number.POSITIVE_INFINITY) - (b.distance ?? Number.POSITIVE_INFINITY) || a.order - b.order);
    const pageIds = measured.slice((page.page - 1) * page.perPage, page.page * page.perPage).map((c) => c.id);
    const rows = await prisma.serviceAtLocation.findMany({ where: { AND: [PUBLIC_SERVICE_AT_LOCATION, { id: { in: pageIds } }] }, include: serviceAtLocationListInclude });
    const byId = new Map(rows.map((r) => [r.id, r]));
    return pageOf(pageIds.flatMap((id) => (byId.has(id) ? [serviceAtLocationBasic(byId.get(id)!)] : [])), measured.length, page);
  };

  const serviceAtLocation: Handler = async (_params, id) => {
    const row = await prisma.serviceAtLocation.findFirst({ where: { AND: [PUBLIC_SERVICE_AT_LOCATION, { id: id! }] }, include: serviceAtLocationFullInclude });
    return row ? serviceAtLocationFull(row) : null;
  };

  // Organisations: only those with a service in the feed, and nothing /services would not show.
  const organizations: Handler = async (params) => {
    const page = paging(params);
    const where = organizationWhere(params);
    const [total, rows] = await Promise.all([
      prisma.directoryOrganization.count({ where }),
      prisma.directoryOrganization.findMany({ where, orderBy: [{ name: "asc" }, { id: "asc" }], skip: (page.page - 1) * page.perPage, take: page.perPage }),
    ]);
    return pageOf(rows.map(organization), total, page);
  };

  const oneOrganization: Handler = async (params, id) => {
    const full = fullService(params);
    const where = { AND: [PUBLIC_ORGANIZATION, { id: id! }] };
    const order = [{ name: "asc" as const }, { id: "asc" as const }];
    if (full) {
      const row = await prisma.directoryOrganization.findFirst({ where, include: { services: { include: serviceFullInclude, orderBy: order } } });
      return row ? organizationFull(row, row.services, true) : null;
    }
    const row = await prisma.directoryOrganization.findFirst({ where, include: { services: { include: serviceListInclude, orderBy: order } } });
    return row ? organizationFull(row, row.services, false) : null;
  };

  const taxonomies: Handler = async (params) => {
    const page = paging(params);
    const [total, rows] = await Promise.all([
      prisma.taxonomy.count(),
      prisma.taxonomy.findMany({ orderBy: [{ name: "asc" }, { id: "asc" }], skip: (page.page - 1) * page.perPage, take: page.perPage }),
    ]);
    return pageOf(rows.map(taxonomy), total, page);
  };

  const oneTaxonomy: Handler = async (_params, id) => {
    const row = await prisma.taxonomy.findUnique({ where: { id: id! } });
    return row ? taxonomy(row) : null;
  };

  const taxonomyTerms: Handler = async (params) => {
    const page = paging(params);
    const taxonomyId = params.get("taxonomy_id")?.trim() || null;
    if (taxonomyId && !UUID.test(taxonomyId)) throw new FeedQueryError("taxonomy_id must be an id (a UUID) from this feed.");
    const where: Prisma.TaxonomyTermWhereInput = taxonomyId ? { taxonomyId } : {};
    const [total, rows] = await Promise.all([
      prisma.taxonomyTerm.count({ where }),
      prisma.taxonomyTerm.findMany({ where, include: { taxonomy: true }, orderBy: [{ code: "asc" }, { id: "asc" }], skip: (page.page - 1) * page.perPage, take: page.perPage }),
    ]);
    return pageOf(rows.map(taxonomyTerm), total, page);
  };

  const oneTaxonomyTerm: Handler = async (_params, id) => {
    const row = await prisma.taxonomyTerm.findUnique({ where: { id: id! }, include: { taxonomy: true } });
    return row ? taxonomyTerm(row) : null;
  };

  const routes: Record<string, { list?: Handler; one?: Handler }> = {
    services: { list: services, one: service },
    organizations: { list: organizations, one: oneOrganization },
    service_at_locations: { list: serviceAtLocations, one: serviceAtLocation },
    taxonomies: { list: taxonomies, one: oneTaxonomy },
    taxonomy_terms: { list: taxonomyTerms, one: oneTaxonomyTerm },
  };

  /** Belt and braces: refuse to publish anything that names a confidential location. */
  async function assertNothingConfidential(body: string) {
    const hidden = await prisma.directoryLocation.findMany({ where: { confidential: true }, select: { id: true, address1: true } });
    for (const l of hidden) {
      if (body.includes(l.id) || (l.address1 && body.includes(JSON.stringify(l.address1)))) throw new Error(`the open feed was about to publish confidential location ${l.id}`);
    }
  }

  return async function openReferralFeed(request, client = null) {
    const url = new URL(request.url);
    const { pathname } = url;
    if (pathname !== OPEN_REFERRAL_PREFIX && !pathname.startsWith(`${OPEN_REFERRAL_PREFIX}/`)) return null;
    const head = request.method === "HEAD";
    const reply = (status: number, body: unknown, extra: Record<string, string> = {}) =>
      new Response(head || status === 204 ? null : JSON.stringify(body), {
        status,
        headers: { ...COMMON_HEADERS, ...(status === 204 ? {} : { "Content-Type": "application/json; charset=utf-8" }), ...extra },
      });

    const wait = await limited(client ?? "unknown");
    if (wait !== null) {
      return reply(429, { error: `Too many requests to the open feed from your address. Wait ${wait} second${wait === 1 ? "" : "s"}, then try again.` }, { "Retry-After": String(wait) });
    }
    if (request.method === "OPTIONS") return reply(204, null);
    if (request.method !== "GET" && !head) return reply(405, { error: "The open feed is read-only: use GET." }, { Allow: "GET, HEAD, OPTIONS" });

    const parts = pathname.slice(OPEN_REFERRAL_PREFIX.length).split("/").filter(Boolean);
    try {
      let body: unknown | null = null;
      if (parts.length === 0) body = API_INFO;
      else {
        const route = Object.hasOwn(routes, parts[0]!) ? routes[parts[0]!] : undefined;
        if (route && parts.length === 1) body = await route.list!(url.searchParams, null);
        else if (route && parts.length === 2 && UUID.test(parts[1]!)) body = await route.one!(url.searchParams, parts[1]!);
      }
      if (body === null) return reply(404, { error: "Not found." });
      const text = JSON.stringify(body);
      await assertNothingConfidential(text);
      return new Response(head ? null : text, {
        status: 200,
        headers: { ...COMMON_HEADERS, "Content-Type": "application/json; charset=utf-8", "Cache-Control": "public, max-age=300" },
      });
    } catch (error) {
      if (error instanceof FeedQueryError) return reply(400, { error: error.message });
      options.logger?.error({ error: describeError(error), path: pathname }, "open referral feed failed");
      return reply(500, { error: "Something went wrong on our side. Please try again." });
    }
  };
}
