// A directory service as partners see it: with its organisation, its locations (a refuge's
// as only that it is confidential, unless the caller may know where it is: see
// confidential-location.ts), phones, contacts, opening times, areas and attributes.
import type { Area, Prisma, PrismaClient } from "@hub/db";
import { LOCATION_OWNER_INCLUDE, locationAsSeenBy, locationsKnownTo, type LocationViewer } from "./confidential-location.js";

/** Entries not verified for six months are flagged: partners should check before signposting. */
export const STALE_AFTER_DAYS = 183;
const DAY_MS = 24 * 60 * 60 * 1000;

export function isStale(lastVerifiedAt: Date | null, now = new Date()): boolean {
  return !lastVerifiedAt || now.getTime() - lastVerifiedAt.getTime() > STALE_AFTER_DAYS * DAY_MS;
}

export function directoryServiceInclude(viewer: LocationViewer) {
  return {
    organization: true,
    serviceAtLocations: { include: { location: { include: LOCATION_OWNER_INCLUDE } }, orderBy: { id: "asc" } },
    // A phone kept on a refuge's house would say where it is.
    phones: { where: { OR: [{ locationId: null }, { location: locationsKnownTo(viewer) }] }, orderBy: { id: "asc" } },
    contacts: { orderBy: { id: "asc" } },
    schedules: { orderBy: { id: "asc" } },
    serviceAreas: { orderBy: { name: "asc" } },
    attributes: { include: { taxonomyTerm: { include: { taxonomy: true } } }, orderBy: { id: "asc" } },
  } satisfies Prisma.DirectoryServiceInclude;
}

type Row = Prisma.DirectoryServiceGetPayload<{ include: ReturnType<typeof directoryServiceInclude> }>;

export type DirectoryServiceView = Omit<Row, "serviceAreas"> & {
  serviceAreas: (Row["serviceAreas"][number] & { area: Area | null })[];
  stale: boolean;
};

/** Adds each service area's hub Area (one query for the lot) and the stale flag, and hides where a refuge is from those who may not know. */
export async function toViews(prisma: PrismaClient, viewer: LocationViewer, rows: Row[], now = new Date()): Promise<DirectoryServiceView[]> {
  const areaIds = [...new Set(rows.flatMap((r) => r.serviceAreas.flatMap((a) => (a.areaId ? [a.areaId] : []))))];
  const areas = new Map((areaIds.length ? await prisma.area.findMany({ where: { id: { in: areaIds } } }) : []).map((a) => [a.id, a]));
  return rows.map((row) => ({
    ...row,
    serviceAtLocations: row.serviceAtLocations.map((sal) => ({ ...sal, location: locationAsSeenBy(viewer, sal.location) })),
    serviceAreas: row.serviceAreas.map((a) => ({ ...a, area: a.areaId ? (areas.get(a.areaId) ?? null) : null })),
    stale: isStale(row.lastVerifiedAt, now),
  }));
}
