// The one rule for confidential locations (refuges and safe houses), applied by every output
// that can show a location: the GraphQL directory, signposting search and the open feed.
//
// Where a confidential location is (its name, address, postcode, coordinates, and any phone
// kept on the place itself) is known only to the organisation that runs it and to the
// partnership administrators of the areas its services cover, who maintain the directory
// there (a Southshire administrator never learns where a Northshire refuge is). Everyone else, other partners
// included, is told that the service has a confidential location and reaches it through the
// service's own phones and contacts; the open feed, being public, leaves the location out.
// Partners refer to a refuge through its referral line, and the refuge decides who is told
// where it is: a leaked address can cost a life, and every extra reader is a way for it to leak.
import { createHash } from "node:crypto";
import type { DirectoryLocation, Prisma } from "@hub/db";
import { subject } from "@hub/policy";
import type { CoreContext } from "../shared/context.js";

export interface LocationViewer {
  /** The partnership member the viewer works for; null for the public (the open feed). */
  organisationId: string | null;
  /** The areas where the viewer keeps the directory (a partnership administrator's); empty for everyone else. */
  directoryAdminAreaIds: readonly string[];
}

export const PUBLIC_VIEWER: LocationViewer = Object.freeze({ organisationId: null, directoryAdminAreaIds: Object.freeze([]) });

/** Who is asking, as the rule needs it: the areas where the policy lets them maintain locations. */
export function locationViewer(ctx: Pick<CoreContext, "actor" | "ability">): LocationViewer {
  const keepsIn = ctx.actor.areaIds.filter((areaId) =>
    ctx.ability.can("update", subject("DirectoryLocation", { confidential: true, organization: null, serviceAtLocations: [{ service: { serviceAreas: [{ areaId }] } }] } as never)),
  );
  return { organisationId: ctx.actor.organisationId, directoryAdminAreaIds: keepsIn };
}

/** What a location must be loaded with for the rule: who runs it and the areas its services cover. */
export const LOCATION_OWNER_INCLUDE = {
  organization: { select: { hubOrganisationId: true } },
  serviceAtLocations: { select: { service: { select: { serviceAreas: { select: { areaId: true } } } } } },
} as const;

type LocationOwner = {
  confidential: boolean;
  organization?: { hubOrganisationId: string | null } | null;
  serviceAtLocations?: { service: { serviceAreas: { areaId: string | null }[] } }[];
};

/** THE rule: may this viewer know where this location is? */
export function mayKnowWhereLocationIs(viewer: LocationViewer, location: LocationOwner): boolean {
  if (!location.confidential) return true;
  const runBy = location.organization?.hubOrganisationId ?? null;
  if (viewer.organisationId !== null && runBy === viewer.organisationId) return true;
  // A location loaded without its services' areas is known to nobody but its own organisation.
  const areas = (location.serviceAtLocations ?? []).flatMap((sal) => sal.service.serviceAreas.map((a) => a.areaId));
  return areas.some((areaId) => areaId !== null && viewer.directoryAdminAreaIds.includes(areaId));
}

/** The same rule as a query condition, for queries that must not load what the viewer may not know (phones kept on the place, the feed). */
export function locationsKnownTo(viewer: LocationViewer): Prisma.DirectoryLocationWhereInput {
  if (viewer.organisationId === null) return { confidential: false };
  return {
    OR: [
      { confidential: false },
      { organization: { is: { hubOrganisationId: viewer.organisationId } } },
      ...(viewer.directoryAdminAreaIds.length
        ? [{ serviceAtLocations: { some: { service: { is: { serviceAreas: { some: { areaId: { in: [...viewer.directoryAdminAreaIds] } } } } } } } }]
        : []),
    ],
  };
}

/** A stable stand-in id, so a hidden location cannot be matched to the real row. */
const hiddenId = (id: string) => {
  const hex = createHash("sha256").update(`confidential-location:${id}`).digest("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
};

/**
 * The location as this viewer may see it: whole, or (a confidential location they may not
 * know) only that it exists and is confidential, with nothing that says where.
 */
export function locationAsSeenBy<L extends DirectoryLocation & LocationOwner>(viewer: LocationViewer, location: L): L {
  if (mayKnowWhereLocationIs(viewer, location)) return location;
  return {
    ...location,
    id: hiddenId(location.id),
    name: null,
    description: null,
    url: null,
    address1: null,
    city: null,
    region: null,
    postalCode: null,
    latitude: null,
    longitude: null,
    confidential: true,
    ...("phones" in location ? { phones: [] } : {}),
  };
}
