// The one rule for confidential locations (refuges and safe houses), applied by every output
// that can show a location: the GraphQL directory, signposting search and the open feed.
//
// Where a confidential location is (its name, address, postcode, coordinates, and any phone
// kept on the place itself) is known only to the organisation that runs it and to the
// partnership's directory admins, who maintain the directory. Everyone else, other partners
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
  /** A partnership directory admin: maintains every entry in the directory. */
  directoryAdmin: boolean;
}

export const PUBLIC_VIEWER: LocationViewer = Object.freeze({ organisationId: null, directoryAdmin: false });

/** Who is asking, as the rule needs it. Directory admins are those the policy lets maintain an entry no member runs. */
export function locationViewer(ctx: Pick<CoreContext, "actor" | "ability">): LocationViewer {
  const nobodys = subject("DirectoryLocation", { confidential: true, organizationId: null, organization: null } as never);
  return { organisationId: ctx.actor.organisationId, directoryAdmin: ctx.ability.can("update", nobodys) };
}

type LocationOwner = { confidential: boolean; organization?: { hubOrganisationId: string | null } | null };

/** THE rule: may this viewer know where this location is? */
export function mayKnowWhereLocationIs(viewer: LocationViewer, location: LocationOwner): boolean {
  if (!location.confidential || viewer.directoryAdmin) return true;
  const runBy = location.organization?.hubOrganisationId ?? null;
  return viewer.organisationId !== null && runBy === viewer.organisationId;
}

/** The same rule as a query condition, for queries that must not load what the viewer may not know (phones kept on the place, the feed). */
export function locationsKnownTo(viewer: LocationViewer): Prisma.DirectoryLocationWhereInput {
  if (viewer.directoryAdmin) return {};
  if (viewer.organisationId === null) return { confidential: false };
  return { OR: [{ confidential: false }, { organization: { is: { hubOrganisationId: viewer.organisationId } } }] };
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
