// The open feed is anonymous: the public viewer of the one confidential-location rule
// (@hub/core's confidential-location.ts). Refuges and safe houses never appear in it, nor
// anything kept on them (their phones, their service-at-location rows, their schedules).
// Every feed query goes through these conditions; tests fetch every endpoint and page and
// search the raw text.
import { locationsKnownTo, PUBLIC_VIEWER } from "@hub/core";
import type { Prisma } from "@hub/db";

export const PUBLIC_LOCATION: Prisma.DirectoryLocationWhereInput = locationsKnownTo(PUBLIC_VIEWER);

/** Service-at-location rows the public may see: only those at a public location. */
export const PUBLIC_SERVICE_AT_LOCATION = { location: PUBLIC_LOCATION } as const satisfies Prisma.ServiceAtLocationWhereInput;

/**
 * Organisations the public may see: those with a service in the feed. /services publishes
 * every directory service (only where they are is filtered), so any one will do; an
 * organisation with none (a partnership member with no listing yet) stays out.
 */
export const PUBLIC_ORGANIZATION = { services: { some: {} } } as const satisfies Prisma.DirectoryOrganizationWhereInput;
