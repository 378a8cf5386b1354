// The query of a list or search (RFC 7644 §3.4.2, §3.4.3): filter, 1-based paging and which
// attributes to return, from URL parameters or a POST /.search body alike.
import { invalidValue, ScimError } from "./scim-error.js";
import type { ListPage } from "./scim-resources.js";

export const DEFAULT_PAGE_SIZE = 100;
export const MAX_PAGE_SIZE = 200;

export interface ScimListQuery extends ListPage {
  filter: string | null;
  attributes: string[] | null;
  excludedAttributes: string[] | null;
}

function integer(value: unknown, name: string): number | null {
  if (value === undefined || value === null || value === "") return null;
  const n = typeof value === "number" ? value : typeof value === "string" && /^-?\d{1,9}$/.test(value.trim()) ? Number(value) : Number.NaN;
  if (!Number.isInteger(n)) throw invalidValue(`${name} must be a whole number.`);
  return n;
}

function names(value: unknown, name: string): string[] | null {
  if (value === undefined || value === null || value === "") return null;
  const list = Array.isArray(value) ? value : typeof value === "string" ? value.split(",") : null;
  if (!list || list.some((v) => typeof v !== "string")) throw invalidValue(`${name} must be a comma-separated list of attribute names.`);
  return list.map((v: string) => v.trim()).filter(Boolean);
}

/** Reads the query; a negative count is 0 and a startIndex below 1 is 1, as the RFC says. */
export function readListQuery(source: Record<string, unknown>): ScimListQuery {
  const filter = source.filter;
  if (filter !== undefined && filter !== null && typeof filter !== "string") throw new ScimError(400, "The filter must be text.", "invalidFilter");
  const count = integer(source.count, "count");
  const startIndex = integer(source.startIndex, "startIndex");
  return {
    filter: typeof filter === "string" && filter.trim() !== "" ? filter : null,
    startIndex: Math.max(1, startIndex ?? 1),
    count: Math.min(MAX_PAGE_SIZE, Math.max(0, count ?? DEFAULT_PAGE_SIZE)),
    attributes: names(source.attributes, "attributes"),
    excludedAttributes: names(source.excludedAttributes, "excludedAttributes"),
  };
}
