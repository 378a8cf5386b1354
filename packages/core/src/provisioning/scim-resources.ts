// How the hub's people and groups look in SCIM (RFC 7643): what GET answers and what PATCH
// operations are applied to. The hub keeps one email address (the userName) and one name.
import type { ProvisioningGroup, User } from "@hub/db";

export const USER_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:User";
export const GROUP_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:Group";
export const ENTERPRISE_USER_SCHEMA = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
export const LIST_RESPONSE = "urn:ietf:params:scim:api:messages:2.0:ListResponse";
export const PATCH_OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
export const SEARCH_REQUEST = "urn:ietf:params:scim:api:messages:2.0:SearchRequest";

export type ScimResource = Record<string, unknown> & { id: string; schemas: string[] };

const location = (baseUrl: string, kind: "Users" | "Groups", id: string) => `${baseUrl}/${kind}/${id}`;

/** Given and family names for PATCH to work on, split from the one name the hub keeps. */
export function splitName(name: string): { givenName: string; familyName?: string } {
  const at = name.trim().lastIndexOf(" ");
  return at > 0 ? { givenName: name.slice(0, at).trim(), familyName: name.slice(at + 1) } : { givenName: name };
}

type UserWithGroups = User & { groups?: { group: Pick<ProvisioningGroup, "id" | "displayName"> }[] };

export function scimUser(user: UserWithGroups, baseUrl: string): ScimResource {
  return {
    schemas: [USER_SCHEMA],
    id: user.id,
    ...(user.scimExternalId !== null ? { externalId: user.scimExternalId } : {}),
    userName: user.email,
    name: { formatted: user.name },
    displayName: user.name,
    emails: [{ value: user.email, type: "work", primary: true }],
    active: user.active,
    ...(user.groups
      ? { groups: user.groups.map(({ group }) => ({ value: group.id, display: group.displayName, $ref: location(baseUrl, "Groups", group.id), type: "direct" })) }
      : {}),
    meta: { resourceType: "User", created: user.createdAt.toISOString(), lastModified: user.updatedAt.toISOString(), location: location(baseUrl, "Users", user.id) },
  };
}

/** The user as PATCH sees it: the name split so "replace name.familyName" keeps the given name. */
export function patchableUser(user: User): ScimResource {
  return {
    schemas: [USER_SCHEMA],
    id: user.id,
    ...(user.scimExternalId !== null ? { externalId: user.scimExternalId } : {}),
    userName: user.email,
    name: { formatted: user.name, ...splitName(user.name) },
    displayName: user.name,
    emails: [{ value: user.email, type: "work", primary: true }],
    active: user.active,
    meta: {},
  };
}

type GroupWithMembers = ProvisioningGroup & { members: { userId: string }[] };

export function scimGroup(group: GroupWithMembers, baseUrl: string): ScimResource {
  return {
    schemas: [GROUP_SCHEMA],
    id: group.id,
    ...(group.externalId !== null ? { externalId: group.externalId } : {}),
    displayName: group.displayName,
    members: group.members.map((m) => ({ value: m.userId, $ref: location(baseUrl, "Users", m.userId), type: "User" })),
    meta: { resourceType: "Group", created: group.createdAt.toISOString(), lastModified: group.updatedAt.toISOString(), location: location(baseUrl, "Groups", group.id) },
  };
}

/** Members as PATCH sees them: bare values, so Entra ID's remove-by-value matches them exactly. */
export function patchableGroup(group: GroupWithMembers): ScimResource {
  return {
    schemas: [GROUP_SCHEMA],
    id: group.id,
    ...(group.externalId !== null ? { externalId: group.externalId } : {}),
    displayName: group.displayName,
    members: group.members.map((m) => ({ value: m.userId })),
    meta: {},
  };
}

export interface ListPage {
  startIndex: number;
  count: number;
}

export function listResponse(resources: ScimResource[], totalResults: number, page: ListPage) {
  return { schemas: [LIST_RESPONSE], totalResults, startIndex: page.startIndex, itemsPerPage: resources.length, Resources: resources };
}

/** attributes / excludedAttributes (RFC 7644 §3.4.2.5), on top-level attributes; id and schemas always stay. */
export function projectAttributes(resource: ScimResource, attributes: readonly string[] | null, excluded: readonly string[] | null): ScimResource {
  const top = (path: string) => path.replace(/^urn:ietf:params:scim:schemas:core:2\.0:(User|Group):/i, "").split(".")[0]!.toLowerCase();
  const keep = attributes?.map(top);
  const drop = excluded?.map(top) ?? [];
  return Object.fromEntries(
    Object.entries(resource).filter(([key]) => key === "id" || key === "schemas" || ((!keep || keep.includes(key.toLowerCase())) && !drop.includes(key.toLowerCase()))),
  ) as ScimResource;
}
