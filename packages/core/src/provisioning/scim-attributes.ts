// The attributes the hub knows, in their canonical spelling. SCIM attribute names are not
// case-sensitive (RFC 7643 §2.1), so what a client sends is put in this spelling first. Core
// attributes the hub does not keep (a phone number, a job title, the enterprise extension) are
// accepted and dropped: the hub needs no more about a person than it uses (UK GDPR art. 5(1)(c)).
// Anything else is refused, so a mistyped mapping is noticed instead of silently lost.
import { ENTERPRISE_USER_SCHEMA, GROUP_SCHEMA, USER_SCHEMA } from "./scim-resources.js";
import { invalidSyntax, invalidValue } from "./scim-error.js";

const COMMON = ["schemas", "id", "externalId", "meta"];

/** What the hub reads from a user. */
export const USER_KEPT = ["userName", "name", "displayName", "emails", "active", "externalId"] as const;
const USER_DROPPED = [
  "nickName", "profileUrl", "title", "userType", "preferredLanguage", "locale", "timezone", "password",
  "phoneNumbers", "ims", "photos", "addresses", "entitlements", "roles", "x509Certificates", "groups",
];
const USER_SUB = {
  name: ["formatted", "givenName", "familyName", "middleName", "honorificPrefix", "honorificSuffix"],
  emails: ["value", "display", "type", "primary"],
  meta: ["resourceType", "created", "lastModified", "location", "version"],
};
const GROUP_ATTRIBUTES = ["displayName", "members"];
const GROUP_SUB = { members: ["value", "display", "type", "$ref"], meta: USER_SUB.meta };

export interface Vocabulary {
  schema: string;
  extensions: readonly string[];
  top: ReadonlyMap<string, string>;
  sub: Readonly<Record<string, ReadonlyMap<string, string>>>;
}

const byLower = (names: readonly string[]) => new Map(names.map((n) => [n.toLowerCase(), n]));
const subs = (table: Record<string, string[]>) => Object.fromEntries(Object.entries(table).map(([k, v]) => [k, byLower(v)]));

export const USER_VOCABULARY: Vocabulary = {
  schema: USER_SCHEMA,
  extensions: [ENTERPRISE_USER_SCHEMA],
  top: byLower([...COMMON, ...USER_KEPT, ...USER_DROPPED]),
  sub: subs(USER_SUB),
};

export const GROUP_VOCABULARY: Vocabulary = { schema: GROUP_SCHEMA, extensions: [], top: byLower([...COMMON, ...GROUP_ATTRIBUTES]), sub: subs(GROUP_SUB) };

const CORE_PREFIX = /^urn:ietf:params:scim:schemas:core:2\.0:(User|Group):/i;
const PATH = /^([A-Za-z$][\w$-]*)(\[[\s\S]*\])?(?:\.([A-Za-z$][\w$-]*))?$/;

const subAttributes = (vocabulary: Vocabulary, name: string) => (Object.hasOwn(vocabulary.sub, name) ? vocabulary.sub[name] : undefined);

const isExtension = (vocabulary: Vocabulary, name: string) => vocabulary.extensions.some((e) => name.toLowerCase() === e.toLowerCase() || name.toLowerCase().startsWith(`${e.toLowerCase()}:`));

/** An attribute path (userName, name.givenName, emails[type eq "work"].value) in canonical spelling; unknown names stay as sent. */
export function canonicalPath(vocabulary: Vocabulary, path: string): string {
  const bare = path.replace(CORE_PREFIX, "");
  if (isExtension(vocabulary, bare)) return bare;
  const match = PATH.exec(bare);
  if (!match) return bare;
  const [, name, filter = "", sub] = match;
  const top = vocabulary.top.get(name!.toLowerCase()) ?? name!;
  const subName = sub === undefined ? "" : `.${subAttributes(vocabulary, top)?.get(sub.toLowerCase()) ?? sub}`;
  return `${top}${filter}${subName}`;
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

/** A resource (or a PATCH value) with its attribute names in canonical spelling, sub-attributes too. */
export function canonicalResource(vocabulary: Vocabulary, resource: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(resource)) {
    const name = canonicalPath(vocabulary, key);
    const table = subAttributes(vocabulary, name);
    const inner = (v: unknown) => (isObject(v) && table ? Object.fromEntries(Object.entries(v).map(([k, x]) => [table.get(k.toLowerCase()) ?? k, x])) : v);
    out[name] = Array.isArray(value) ? value.map(inner) : inner(value);
  }
  return out;
}

/** Refuses a resource that names a schema or an attribute the hub does not know. Names, like values, are never repeated back. */
export function checkVocabulary(vocabulary: Vocabulary, resource: Record<string, unknown>): void {
  const schemas = resource.schemas;
  if (!Array.isArray(schemas) || !schemas.some((s) => typeof s === "string" && s.toLowerCase() === vocabulary.schema.toLowerCase())) {
    throw invalidSyntax(`The resource's schemas must include ${vocabulary.schema}.`);
  }
  if (schemas.some((s) => typeof s !== "string" || (s.toLowerCase() !== vocabulary.schema.toLowerCase() && !isExtension(vocabulary, s)))) {
    throw invalidValue(`The resource names a schema the hub does not support. It supports ${[vocabulary.schema, ...vocabulary.extensions].join(" and ")}.`);
  }
  for (const key of Object.keys(resource)) {
    if (vocabulary.top.has(key.toLowerCase()) || isExtension(vocabulary, key)) continue;
    const reads = vocabulary === USER_VOCABULARY ? `${USER_KEPT.join(", ")} (and accepts the rest of the SCIM core User schema and the enterprise extension without keeping it)` : "displayName, members and externalId";
    throw invalidValue(`The resource has an attribute that is not in the schemas the hub supports. The hub reads ${reads}: remove the attribute from your identity provider's mapping.`);
  }
}
