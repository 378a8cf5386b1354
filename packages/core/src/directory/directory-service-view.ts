// A directory service as partners see it: with its organisation, the locations the caller may
// see (a refuge's only for the roles that refer victims there: otherwise left out entirely,
// never blanked), phones, contacts, opening times, areas and attributes.
import type { Area, Prisma, PrismaClient } from "@hub/db";
import { accessibleWhere, type HubAbility } from "@hub/policy";

/** Entries not verified for six months are flagged: partners should check before signposting. */
export const STALE_AFTER_DAYS = 183;
const DAY_MS = 24 * 60 * 60 * 1000;

export function isStale(lastVerifiedAt: Date | null, now = new Date()): boolean {
  return !lastVerifiedAt || now.getTime() - lastVerifiedAt.getTime() > STALE_AFTER_DAYS * DAY_MS;
}

export function directoryServiceInclude(ability: HubAbility) {
  const visibleLocation = accessibleWhere(ability, "DirectoryLocation");
  return {
    organization: true,
    serviceAtLocations: { where: { location: visibleLocation }, include: { location: true }, orderBy: { id: "asc" } },
    // A phone kept on a location the caller may not see would tell them about it.
    phones: { where: { OR: [{ locationId: null }, { location: visibleLocation }] }, orderBy: { id: "asc" } },
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

/** Adds each service area's hub Area (one query for the lot) and the stale flag. */
export async function toViews(prisma: PrismaClient, rows: Row[], now = new Date()): Promise<DirectoryServiceView[]> {
  const areaIds = [...new Set(rows.flatMap((r) => r.serviceAreas.flatMap((a) => (a.areaId ? [a.areaId] : []))))];
  const areas = new Map((areaIds.length ? await prisma.area.findMany({ where: { id: { in: areaIds } } }) : []).map((a) => [a.id, a]));
  return rows.map((row) => ({
    ...row,
    serviceAreas: row.serviceAreas.map((a) => ({ ...a, area: a.areaId ? (areas.get(a.areaId) ?? null) : null })),
    stale: isStale(row.lastVerifiedAt, now),
  }));
}
