// SCIM filters (RFC 7644 §3.4.2.2) as SQL conditions. scim2-parse-filter reads the filter; this
// file says which attributes the hub can filter on and how each maps to a column, so a filter
// is answered by the database (with its indexes), never by loading every person first.
import type { Prisma } from "@hub/db";
import { parse, type Compare, type Filter } from "scim2-parse-filter";
import { isUuid } from "../shared/ids.js";
import { invalidFilter } from "./scim-error.js";

export const MAX_FILTER_LENGTH = 1000;

type Op = Compare["op"] | "pr";
type Where<T> = T & { AND?: T[]; OR?: T[]; NOT?: T[] };

const NOTHING = { id: { in: [] as string[] } };

const unsupported = (resource: string, attributes: string) =>
  invalidFilter(`The hub cannot filter ${resource} on that attribute. It filters on ${attributes}.`);
const badOperator = () => invalidFilter("That comparison cannot be used on that attribute: use eq, ne, co, sw, ew or pr on text, eq or ne on true/false, gt, ge, lt or le on dates.");
const badValue = () => invalidFilter("A value in the filter is not of the attribute's type: text in double quotes, true or false, or a date in double quotes.");

/** The comparison on a text column; caseExact columns compare as sent, the others ignoring case. */
function text(op: Op, value: Compare["compValue"] | undefined, caseExact: boolean, required: boolean): Prisma.StringFilter | Prisma.StringNullableFilter | "any" {
  if (op === "pr") return required ? "any" : { not: null };
  if (typeof value !== "string") throw badValue();
  const mode = caseExact ? {} : { mode: "insensitive" as const };
  switch (op) {
    case "eq":
    case "ne":
      return { equals: value, ...mode };
    case "co":
      return { contains: value, ...mode };
    case "sw":
      return { startsWith: value, ...mode };
    case "ew":
      return { endsWith: value, ...mode };
    default:
      throw badOperator();
  }
}

function date(op: Op, value: Compare["compValue"] | undefined): Prisma.DateTimeFilter | "any" {
  if (op === "pr") return "any";
  const at = typeof value === "string" ? new Date(value) : null;
  if (!at || Number.isNaN(at.getTime())) throw badValue();
  const comparisons: Partial<Record<Op, keyof Prisma.DateTimeFilter>> = { eq: "equals", gt: "gt", ge: "gte", lt: "lt", le: "lte" };
  const key = comparisons[op];
  if (!key) throw badOperator();
  return { [key]: at };
}

type Attribute<W> = (op: Op, value: Compare["compValue"] | undefined) => W | "any";

/** Turns an attribute comparison into a condition, "ne" as NOT of "eq", "pr" on a required attribute as no condition. */
function compare<W extends object>(attributes: Record<string, Attribute<W>>, names: string, resource: string, node: { op: Op; attrPath: string; compValue?: Compare["compValue"] }): Where<W> {
  const name = node.attrPath.replace(/^urn:ietf:params:scim:schemas:core:2\.0:(User|Group):/i, "").toLowerCase();
  const attribute = Object.hasOwn(attributes, name) ? attributes[name] : undefined;
  if (!attribute) throw unsupported(resource, names);
  const condition = attribute(node.op, node.compValue);
  if (condition === "any") return {} as Where<W>;
  return (node.op === "ne" ? { NOT: [condition] } : condition) as Where<W>;
}

function translate<W extends object>(node: Filter, leaf: (node: { op: Op; attrPath: string; compValue?: Compare["compValue"] }) => Where<W>, prefix = ""): Where<W> {
  switch (node.op) {
    case "and":
      return { AND: node.filters.map((f) => translate(f, leaf, prefix)) } as Where<W>;
    case "or":
      return { OR: node.filters.map((f) => translate(f, leaf, prefix)) } as Where<W>;
    case "not":
      return { NOT: [translate(node.filter, leaf, prefix)] } as Where<W>;
    case "[]":
      // emails[value eq "x"] is emails.value eq "x": the hub keeps one value per person.
      return translate(node.valFilter, leaf, `${prefix}${node.attrPath}.`);
    default:
      return leaf({ ...node, attrPath: prefix + node.attrPath });
  }
}

function parseFilter(filter: string): Filter {
  if (filter.length > MAX_FILTER_LENGTH) throw invalidFilter(`The filter is too long: send at most ${MAX_FILTER_LENGTH} characters.`);
  try {
    return parse(filter);
  } catch {
    throw invalidFilter("The filter is not a SCIM filter (RFC 7644 section 3.4.2.2), for example userName eq \"someone@example.org\".");
  }
}

const idEquals = (op: Op, value: Compare["compValue"] | undefined) => {
  if (op !== "eq" && op !== "ne") throw badOperator();
  if (typeof value !== "string") throw badValue();
  return isUuid(value) ? { id: value } : NOTHING;
};

const userAttributes: Record<string, Attribute<Prisma.UserWhereInput>> = {
  id: idEquals,
  // The hub keeps addresses lower-cased (userName is not case-sensitive), so an exact match on the lower-cased value uses the unique index.
  username: (op, value) => userNameCondition(op, value),
  emails: (op, value) => userNameCondition(op, value),
  "emails.value": (op, value) => userNameCondition(op, value),
  "emails.type": (op, value) => (op === "pr" || (op === "eq" && typeof value === "string" && value.toLowerCase() === "work") ? "any" : NOTHING),
  "emails.primary": (op, value) => (op === "pr" || (op === "eq" && value === true) ? "any" : NOTHING),
  externalid: (op, value) => wrap(text(op, value, true, false), (c) => ({ scimExternalId: c as Prisma.StringNullableFilter })),
  displayname: (op, value) => wrap(text(op, value, false, true), (c) => ({ name: c as Prisma.StringFilter })),
  "name.formatted": (op, value) => wrap(text(op, value, false, true), (c) => ({ name: c as Prisma.StringFilter })),
  active: (op, value) => {
    if (op === "pr") return "any";
    if (op !== "eq" && op !== "ne") throw badOperator();
    if (typeof value !== "boolean") throw badValue();
    return { active: value };
  },
  "meta.created": (op, value) => wrap(date(op, value), (c) => ({ createdAt: c })),
  "meta.lastmodified": (op, value) => wrap(date(op, value), (c) => ({ updatedAt: c })),
};

function userNameCondition(op: Op, value: Compare["compValue"] | undefined): Prisma.UserWhereInput | "any" {
  return wrap(text(op, typeof value === "string" ? value.toLowerCase() : value, true, true), (c) => ({ email: c as Prisma.StringFilter }));
}

function wrap<C, W>(condition: C | "any", as: (c: C) => W): W | "any" {
  if (condition === "any") return "any";
  return as(condition);
}

const groupAttributes: Record<string, Attribute<Prisma.ProvisioningGroupWhereInput>> = {
  id: idEquals,
  displayname: (op, value) => wrap(text(op, value, false, true), (c) => ({ displayName: c as Prisma.StringFilter })),
  externalid: (op, value) => wrap(text(op, value, true, false), (c) => ({ externalId: c as Prisma.StringNullableFilter })),
  members: (op, value) => memberCondition(op, value),
  "members.value": (op, value) => memberCondition(op, value),
  "meta.created": (op, value) => wrap(date(op, value), (c) => ({ createdAt: c })),
  "meta.lastmodified": (op, value) => wrap(date(op, value), (c) => ({ updatedAt: c })),
};

function memberCondition(op: Op, value: Compare["compValue"] | undefined): Prisma.ProvisioningGroupWhereInput | "any" {
  if (op === "pr") return { members: { some: {} } };
  if (op !== "eq" && op !== "ne") throw badOperator();
  if (typeof value !== "string") throw badValue();
  return isUuid(value) ? { members: { some: { userId: value } } } : NOTHING;
}

const USER_ATTRIBUTES = "id, userName, emails.value, externalId, displayName, name.formatted, active, meta.created and meta.lastModified";
const GROUP_ATTRIBUTES = "id, displayName, externalId, members.value, meta.created and meta.lastModified";

/** A SCIM filter on Users as a Prisma condition (null filter: no condition). */
export function userFilter(filter: string | null): Prisma.UserWhereInput {
  if (filter === null) return {};
  return translate(parseFilter(filter), (node) => compare(userAttributes, USER_ATTRIBUTES, "users", node));
}

/** A SCIM filter on Groups as a Prisma condition (null filter: no condition). */
export function groupFilter(filter: string | null): Prisma.ProvisioningGroupWhereInput {
  if (filter === null) return {};
  return translate(parseFilter(filter), (node) => compare(groupAttributes, GROUP_ATTRIBUTES, "groups", node));
}
