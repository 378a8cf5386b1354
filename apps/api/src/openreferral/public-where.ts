// The open feed is anonymous, so no ability applies: this is its one rule. Refuges and safe
// houses (confidential locations) never appear in it, nor anything kept on them (their
// phones, their service-at-location rows, their schedules). Every feed query goes through
// these conditions; tests fetch every endpoint and page and search the raw text.
import type { Prisma } from "@hub/db";

export const PUBLIC_LOCATION = { confidential: false } as const satisfies Prisma.DirectoryLocationWhereInput;

/** Service-at-location rows the public may see: only those at a public location. */
export const PUBLIC_SERVICE_AT_LOCATION = { location: PUBLIC_LOCATION } as const satisfies Prisma.ServiceAtLocationWhereInput;
