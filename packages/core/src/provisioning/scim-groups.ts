// /scim/v2/Groups for one provisioning client: its own groups, whose members are people it
// provisioned. A group gives nobody anything until a partnership administrator maps it to an
// organisation and a role; after every change of members the members' memberships follow.
import type { Prisma, ProvisioningGroup } from "@hub/db";
import { z } from "zod";
import { writeAuditEntries } from "../audit/write-audit-entries.js";
import { isUuid } from "../shared/ids.js";
import { recomputeMemberships } from "./recompute-memberships.js";
import { canonicalResource, checkVocabulary, GROUP_VOCABULARY } from "./scim-attributes.js";
import { scimStamp, type ScimContext } from "./scim-context.js";
import { invalidSyntax, invalidValue, notFound, ScimError, uniqueness } from "./scim-error.js";
import { groupFilter } from "./scim-filter.js";
import type { ScimListQuery } from "./scim-list-query.js";
import { applyPatch } from "./scim-patch.js";
import { listResponse, patchableGroup, projectAttributes, scimGroup, type ScimResource } from "./scim-resources.js";
import { refuseUnsafeKeys } from "./scim-safe-names.js";
import { scimValidate } from "./scim-validate.js";

const GroupAttributes = z.object({
  displayName: z
    .string({ error: "displayName must be the group's name." })
    .trim()
    .min(1, "displayName must not be empty.")
    .max(200, "displayName must be at most 200 characters."),
  externalId: z.preprocess(
    (v) => (v === "" ? null : v),
    z.string({ error: "externalId must be text." }).trim().max(255, "externalId must be at most 255 characters.").nullish(),
  ),
  members: z
    .array(z.object({ value: z.string({ error: "Each member's value must be the id the hub gave the user." }) }, { error: "Each member must be an object with a value." }), {
      error: "members must be a list.",
    })
    .nullish(),
});
type GroupAttributes = z.infer<typeof GroupAttributes>;

type GroupRow = ProvisioningGroup & { members: { userId: string }[] };

interface Kept {
  displayName: string;
  externalId: string | null;
  memberIds: string[];
}

function readResource(body: unknown): GroupAttributes {
  if (typeof body !== "object" || body === null || Array.isArray(body)) throw invalidSyntax("Send a JSON object: a SCIM Group.");
  refuseUnsafeKeys(body);
  const resource = canonicalResource(GROUP_VOCABULARY, body as Record<string, unknown>);
  checkVocabulary(GROUP_VOCABULARY, resource);
  return scimValidate(GroupAttributes, resource);
}

/** Members must be people this client provisioned (nested groups are not supported). */
async function checkMembers(ctx: ScimContext, ids: string[]): Promise<string[]> {
  const unique = [...new Set(ids)];
  const known = unique.every(isUuid) ? await ctx.prisma.user.count({ where: { id: { in: unique }, provisionedByClientId: ctx.client.id } }) : -1;
  if (known !== unique.length) throw invalidValue("A member is not a user this connection provisioned. Create the user first and use the id the hub gave it; groups cannot contain groups.");
  return unique;
}

async function checkDisplayName(ctx: ScimContext, displayName: string, selfId: string | null) {
  if (await ctx.prisma.provisioningGroup.count({ where: { clientId: ctx.client.id, displayName, ...(selfId ? { id: { not: selfId } } : {}) } })) {
    throw uniqueness("This connection already has a group with that displayName.");
  }
}

const uniqueViolation = (error: unknown) => ((error as { code?: string }).code === "P2002" ? uniqueness("This connection already has a group with that displayName.") : error);

const membersInclude = { members: { select: { userId: true }, orderBy: { userId: "asc" } } } as const;

async function loadOwn(ctx: ScimContext, id: string): Promise<GroupRow> {
  const group = isUuid(id) ? await ctx.prisma.provisioningGroup.findFirst({ where: { id, clientId: ctx.client.id }, include: membersInclude }) : null;
  if (!group) throw notFound("Group");
  return group;
}

const wantsMembers = (query: Pick<ScimListQuery, "attributes" | "excludedAttributes"> | undefined) =>
  !query || ((!query.attributes || query.attributes.some((a) => /^members/i.test(a))) && !query.excludedAttributes?.some((a) => /^members$/i.test(a)));

export async function listScimGroups(ctx: ScimContext, query: ScimListQuery) {
  const where: Prisma.ProvisioningGroupWhereInput = { AND: [{ clientId: ctx.client.id }, groupFilter(query.filter)] };
  // Entra ID asks with excludedAttributes=members: then the members are not even read.
  const include = wantsMembers(query) ? membersInclude : { members: { select: { userId: true }, take: 0 } };
  const [total, rows] = await Promise.all([
    ctx.prisma.provisioningGroup.count({ where }),
    query.count === 0 ? Promise.resolve([]) : ctx.prisma.provisioningGroup.findMany({ where, include, orderBy: [{ createdAt: "asc" }, { id: "asc" }], skip: query.startIndex - 1, take: query.count }),
  ]);
  return listResponse(
    rows.map((g) => projectAttributes(scimGroup(g, ctx.baseUrl), query.attributes, query.excludedAttributes)),
    total,
    query,
  );
}

export async function getScimGroup(ctx: ScimContext, id: string, query?: Pick<ScimListQuery, "attributes" | "excludedAttributes">) {
  const resource = scimGroup(await loadOwn(ctx, id), ctx.baseUrl);
  return query ? projectAttributes(resource, query.attributes, query.excludedAttributes) : resource;
}

export async function createScimGroup(ctx: ScimContext, body: unknown): Promise<ScimResource> {
  const attributes = readResource(body);
  const memberIds = await checkMembers(ctx, (attributes.members ?? []).map((m) => m.value));
  await checkDisplayName(ctx, attributes.displayName, null);
  const stamp = scimStamp(ctx.client);
  try {
    const group = await ctx.prisma.$transaction(async (tx) => {
      const created = await tx.provisioningGroup.create({ data: { clientId: ctx.client.id, displayName: attributes.displayName, externalId: attributes.externalId ?? null } });
      await tx.provisioningGroupMember.createMany({ data: memberIds.map((userId) => ({ groupId: created.id, userId })) });
      const fields = ["ProvisioningGroup.displayName", ...(attributes.externalId ? ["ProvisioningGroup.externalId"] : []), ...(memberIds.length ? ["ProvisioningGroup.members"] : [])];
      await writeAuditEntries(tx, [stamp({ action: "COLLECTION", entityType: "ProvisioningGroup", entityId: created.id, fields })]);
      await recomputeMemberships(tx, ctx.client.id, memberIds, stamp);
      return tx.provisioningGroup.findUniqueOrThrow({ where: { id: created.id }, include: membersInclude });
    });
    return scimGroup(group, ctx.baseUrl);
  } catch (error) {
    throw uniqueViolation(error);
  }
}

async function save(ctx: ScimContext, current: GroupRow, kept: Kept): Promise<ScimResource> {
  const memberIds = await checkMembers(ctx, kept.memberIds);
  const before = new Set(current.members.map((m) => m.userId));
  const added = memberIds.filter((id) => !before.has(id));
  const removed = [...before].filter((id) => !memberIds.includes(id));
  const fields = [
    ...(kept.displayName !== current.displayName ? ["ProvisioningGroup.displayName"] : []),
    ...(kept.externalId !== current.externalId ? ["ProvisioningGroup.externalId"] : []),
    ...(added.length || removed.length ? ["ProvisioningGroup.members"] : []),
  ];
  if (fields.length === 0) return scimGroup(current, ctx.baseUrl);
  if (kept.displayName !== current.displayName) await checkDisplayName(ctx, kept.displayName, current.id);
  const stamp = scimStamp(ctx.client);
  try {
    const group = await ctx.prisma.$transaction(async (tx) => {
      await tx.provisioningGroup.update({ where: { id: current.id }, data: { displayName: kept.displayName, externalId: kept.externalId } });
      if (removed.length) await tx.provisioningGroupMember.deleteMany({ where: { groupId: current.id, userId: { in: removed } } });
      if (added.length) await tx.provisioningGroupMember.createMany({ data: added.map((userId) => ({ groupId: current.id, userId })), skipDuplicates: true });
      await writeAuditEntries(tx, [stamp({ action: "ALTERATION", entityType: "ProvisioningGroup", entityId: current.id, fields })]);
      await recomputeMemberships(tx, ctx.client.id, [...added, ...removed], stamp);
      return tx.provisioningGroup.findUniqueOrThrow({ where: { id: current.id }, include: membersInclude });
    });
    return scimGroup(group, ctx.baseUrl);
  } catch (error) {
    throw uniqueViolation(error);
  }
}

/** PUT: an attribute left out keeps its value, members included (RFC 7644 §3.5.1 allows it). */
export async function replaceScimGroup(ctx: ScimContext, id: string, body: unknown): Promise<ScimResource> {
  const current = await loadOwn(ctx, id);
  const attributes = readResource(body);
  const sentId = (body as { id?: unknown }).id;
  if (sentId !== undefined && sentId !== id) throw new ScimError(400, "The id in the body is not the id in the address: a resource's id cannot change.", "mutability");
  return save(ctx, current, {
    displayName: attributes.displayName,
    externalId: attributes.externalId !== undefined ? attributes.externalId : current.externalId,
    memberIds: attributes.members ? attributes.members.map((m) => m.value) : current.members.map((m) => m.userId),
  });
}

/** PATCH: members added and removed (by value or by filter, Entra ID's and Okta's shapes alike), displayName and externalId replaced. */
export async function patchScimGroup(ctx: ScimContext, id: string, body: unknown): Promise<ScimResource> {
  const current = await loadOwn(ctx, id);
  const patched = applyPatch(GROUP_VOCABULARY, patchableGroup(current), body);
  if (patched.id !== current.id) throw new ScimError(400, "An operation changes the id: a resource's id cannot change.", "mutability");
  checkVocabulary(GROUP_VOCABULARY, patched);
  const attributes = scimValidate(GroupAttributes, patched);
  return save(ctx, current, { displayName: attributes.displayName, externalId: attributes.externalId ?? null, memberIds: (attributes.members ?? []).map((m) => m.value) });
}

/** DELETE removes the group; its members lose what it gave them. */
export async function deleteScimGroup(ctx: ScimContext, id: string): Promise<void> {
  const group = await loadOwn(ctx, id);
  const stamp = scimStamp(ctx.client);
  await ctx.prisma.$transaction(async (tx) => {
    await tx.provisioningGroup.delete({ where: { id: group.id } });
    await writeAuditEntries(tx, [stamp({ action: "ERASURE", entityType: "ProvisioningGroup", entityId: group.id, fields: ["ProvisioningGroup.displayName", "ProvisioningGroup.members"] })]);
    await recomputeMemberships(tx, ctx.client.id, group.members.map((m) => m.userId), stamp);
  });
}
