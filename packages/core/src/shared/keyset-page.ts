// Keyset ("seek") pagination: pages stay fast and stable however deep the caller goes,
// unlike OFFSET. Cursors are opaque to callers but only ever hold a sort key and an id.
import { BadInputError } from "./errors.js";
import { isUuid } from "./ids.js";

export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 20;

export interface PageRequest {
  first?: number | null;
  after?: string | null;
}

export interface Page<T> {
  items: { node: T; cursor: string }[];
  hasNextPage: boolean;
}

export interface Cursor {
  at: Date;
  id: string;
}

export function pageSize(first: number | null | undefined): number {
  if (first == null) return DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) {
    throw new BadInputError(`Ask for between 1 and ${MAX_PAGE_SIZE} records at a time.`, "first");
  }
  return first;
}

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify([cursor.at.toISOString(), cursor.id])).toString("base64url");
}

export function decodeCursor(value: string): Cursor {
  try {
    const [at, id] = JSON.parse(Buffer.from(value, "base64url").toString("utf8")) as [string, string];
    const date = new Date(at);
    // Only a sort key and one of the hub's ids: anything else never reaches SQL.
    if (typeof id !== "string" || !isUuid(id) || typeof at !== "string" || Number.isNaN(date.getTime())) throw new Error("bad cursor");
    return { at: date, id };
  } catch {
    throw new BadInputError("That page cursor is not one the hub gave out. Start again from the first page.", "after");
  }
}

/** Turns `size + 1` fetched rows into a page: the extra row only says whether more exist. */
export function toPage<T>(rows: T[], size: number, keyOf: (row: T) => Cursor): Page<T> {
  const hasNextPage = rows.length > size;
  const items = rows.slice(0, size).map((node) => ({ node, cursor: encodeCursor(keyOf(node)) }));
  return { items, hasNextPage };
}
