// /scim/v2/Users for one provisioning client: the people it provisioned, and only those. A
// person the hub's administrators added, or another client provisioned, does not exist for it.
// The hub keeps a person's email address (userName, lower-cased), one name, the identity
// provider's id (externalId) and whether they are active. Their sign-in identifier
// (User.oidcSubject, matched against the token's subject claim) is the externalId when there is
// one, else the userName; it follows them when either changes.
import type { Prisma, User } from "@hub/db";
import { z } from "zod";
import type { AuditEntry } from "../audit/audit-entry.js";
import { writeAuditEntries } from "../audit/write-audit-entries.js";
import { isUuid } from "../shared/ids.js";
import { recomputeMemberships } from "./recompute-memberships.js";
import { canonicalResource, checkVocabulary, USER_VOCABULARY } from "./scim-attributes.js";
import { scimStamp, type ScimContext } from "./scim-context.js";
import { invalidSyntax, invalidValue, notFound, ScimError, uniqueness } from "./scim-error.js";
import { userFilter } from "./scim-filter.js";
import type { ScimListQuery } from "./scim-list-query.js";
import { applyPatch } from "./scim-patch.js";
import { listResponse, patchableUser, projectAttributes, scimUser, type ScimResource } from "./scim-resources.js";
import { refuseUnsafeKeys } from "./scim-safe-names.js";
import { scimValidate } from "./scim-validate.js";

const blankAsNull = (v: unknown) => (v === "" ? null : v);
const text = (what: string, max: number) =>
  z.preprocess(blankAsNull, z.string({ error: `${what} must be text.` }).trim().min(1, `${what} must not be empty.`).max(max, `${what} must be at most ${max} characters.`).nullish());
const flag = (what: string) =>
  z.preprocess(
    (v) => (typeof v === "string" && /^(true|false)$/i.test(v) ? v.toLowerCase() === "true" : v),
    z.boolean({ error: `${what} must be true or false.` }).nullish(),
  );
const emailAddress = (what: string) =>
  z
    .string({ error: `${what} must be the person's email address.` })
    .trim()
    .toLowerCase()
    .max(254, `${what} must be at most 254 characters.`)
    .pipe(z.email({ error: `${what} must be the person's email address.` }));

const UserAttributes = z.object({
  userName: emailAddress("userName"),
  externalId: text("externalId", 255),
  name: z
    .object({ formatted: text("name.formatted", 200), givenName: text("name.givenName", 100), familyName: text("name.familyName", 100) }, { error: "name must be an object with formatted, givenName and familyName." })
    .nullish(),
  displayName: text("displayName", 200),
  emails: z
    .array(z.object({ value: z.unknown(), type: z.unknown(), primary: flag("emails.primary") }, { error: "Each of emails must be an object with a value." }), { error: "emails must be a list." })
    .max(20, "Send at most 20 emails.")
    .nullish(),
  active: flag("active"),
});
type UserAttributes = z.infer<typeof UserAttributes>;

/** What the hub keeps of a person. */
interface Kept {
  email: string;
  name: string;
  externalId: string | null;
  active: boolean;
}

const NAME_NEEDED = "Send the person's name: name.formatted, or name.givenName and name.familyName, or displayName.";

function readResource(body: unknown): UserAttributes {
  if (typeof body !== "object" || body === null || Array.isArray(body)) throw invalidSyntax("Send a JSON object: a SCIM User.");
  refuseUnsafeKeys(body);
  const resource = canonicalResource(USER_VOCABULARY, body as Record<string, unknown>);
  checkVocabulary(USER_VOCABULARY, resource);
  return scimValidate(UserAttributes, resource);
}

const joined = (name: UserAttributes["name"]) => [name?.givenName, name?.familyName].filter(Boolean).join(" ") || null;

function checkName(name: string): string {
  if (name.length < 2) throw invalidValue("The person's name must be at least 2 characters.");
  if (name.length > 200) throw invalidValue("The person's name must be at most 200 characters.");
  return name;
}

/** POST and PUT: the whole resource. On PUT an attribute left out keeps its value (RFC 7644 §3.5.1 allows it): no sign-in identifier changes by omission. */
function keptFromResource(attributes: UserAttributes, current: User | null): Kept {
  const name = attributes.name?.formatted ?? joined(attributes.name) ?? attributes.displayName ?? current?.name;
  if (!name) throw invalidValue(NAME_NEEDED);
  return {
    email: attributes.userName,
    name: checkName(name),
    externalId: attributes.externalId !== undefined ? attributes.externalId : (current?.scimExternalId ?? null),
    active: attributes.active ?? current?.active ?? true,
  };
}

/** PATCH: what the operations changed, read against the resource they were applied to. */
function keptFromPatched(attributes: UserAttributes, before: ScimResource, current: User): Kept {
  const was = before.name as { formatted: string; givenName: string; familyName?: string };
  const after = attributes.name;
  let name = current.name;
  if (after?.formatted && after.formatted !== was.formatted) name = after.formatted;
  else if (attributes.displayName && attributes.displayName !== before.displayName) name = attributes.displayName;
  else if ((after?.givenName ?? null) !== was.givenName || (after?.familyName ?? null) !== (was.familyName ?? null)) name = joined(after) ?? current.name;
  let email = attributes.userName;
  // The hub keeps one address. A PATCH that changes only emails (Entra ID maps mail there) changes it; userName wins when both change.
  if (email === current.email && attributes.emails?.length) {
    const chosen = attributes.emails.find((e) => e.primary === true) ?? attributes.emails[0]!;
    const value = scimValidate(emailAddress("emails.value"), chosen.value);
    if (value !== current.email) email = value;
  }
  return { email, name: checkName(name), externalId: attributes.externalId ?? null, active: attributes.active ?? current.active };
}

/** The sign-in identifier: the identity provider's own id when it sends one, else the email address. */
const signInIdentifier = (kept: Kept) => kept.externalId ?? kept.email;

async function checkUnique(ctx: ScimContext, kept: Kept, selfId: string | null): Promise<void> {
  const others = { ...(selfId ? { id: { not: selfId } } : {}) };
  if (await ctx.prisma.user.count({ where: { ...others, email: kept.email } })) {
    throw uniqueness("Someone in the hub already has that userName (email address). If they were added by hand or by another connection, an administrator must remove that first.");
  }
  if (await ctx.prisma.user.count({ where: { ...others, oidcSubject: signInIdentifier(kept) } })) {
    throw uniqueness("Someone in the hub already signs in with that identifier (the externalId, or the userName when there is no externalId).");
  }
}

const uniqueViolation = (error: unknown) =>
  (error as { code?: string }).code === "P2002" ? uniqueness("Someone in the hub already has that userName, externalId or sign-in identifier.") : error;

/** The groups of this client each person is in, for the readOnly groups attribute. */
async function withGroups(ctx: ScimContext, users: User[]) {
  if (users.length === 0) return [];
  const groups = await ctx.prisma.provisioningGroup.findMany({
    where: { clientId: ctx.client.id, members: { some: { userId: { in: users.map((u) => u.id) } } } },
    select: { id: true, displayName: true, members: { where: { userId: { in: users.map((u) => u.id) } }, select: { userId: true } } },
    orderBy: { displayName: "asc" },
  });
  return users.map((user) => ({ ...user, groups: groups.filter((g) => g.members.some((m) => m.userId === user.id)).map((group) => ({ group })) }));
}

async function present(ctx: ScimContext, user: User): Promise<ScimResource> {
  return scimUser((await withGroups(ctx, [user]))[0]!, ctx.baseUrl);
}

const ownUser = (ctx: ScimContext, id: string) => (isUuid(id) ? ctx.prisma.user.findFirst({ where: { id, provisionedByClientId: ctx.client.id } }) : Promise.resolve(null));

async function loadOwn(ctx: ScimContext, id: string): Promise<User> {
  const user = await ownUser(ctx, id);
  if (!user) throw notFound("User");
  return user;
}

export async function listScimUsers(ctx: ScimContext, query: ScimListQuery) {
  const where: Prisma.UserWhereInput = { AND: [{ provisionedByClientId: ctx.client.id }, userFilter(query.filter)] };
  const [total, rows] = await Promise.all([
    ctx.prisma.user.count({ where }),
    query.count === 0 ? Promise.resolve([]) : ctx.prisma.user.findMany({ where, orderBy: [{ createdAt: "asc" }, { id: "asc" }], skip: query.startIndex - 1, take: query.count }),
  ]);
  const resources = (await withGroups(ctx, rows)).map((u) => projectAttributes(scimUser(u, ctx.baseUrl), query.attributes, query.excludedAttributes));
  return listResponse(resources, total, query);
}

export async function getScimUser(ctx: ScimContext, id: string, query?: Pick<ScimListQuery, "attributes" | "excludedAttributes">) {
  const resource = await present(ctx, await loadOwn(ctx, id));
  return query ? projectAttributes(resource, query.attributes, query.excludedAttributes) : resource;
}

export async function createScimUser(ctx: ScimContext, body: unknown): Promise<ScimResource> {
  const kept = keptFromResource(readResource(body), null);
  await checkUnique(ctx, kept, null);
  const stamp = scimStamp(ctx.client);
  try {
    const user = await ctx.prisma.$transaction(async (tx) => {
      const created = await tx.user.create({
        data: { email: kept.email, name: kept.name, oidcSubject: signInIdentifier(kept), scimExternalId: kept.externalId, active: kept.active, provisionedByClientId: ctx.client.id },
      });
      const fields = ["User.email", "User.name", "User.oidcSubject", "User.active", "User.provisionedByClientId", ...(kept.externalId ? ["User.scimExternalId"] : [])];
      await writeAuditEntries(tx, [stamp({ action: "COLLECTION", entityType: "User", entityId: created.id, fields })]);
      return created;
    });
    return present(ctx, user);
  } catch (error) {
    throw uniqueViolation(error);
  }
}

async function save(ctx: ScimContext, current: User, kept: Kept): Promise<ScimResource> {
  const next = { email: kept.email, name: kept.name, scimExternalId: kept.externalId, oidcSubject: signInIdentifier(kept), active: kept.active };
  const changed = (Object.keys(next) as (keyof typeof next)[]).filter((k) => next[k] !== current[k]);
  if (changed.length === 0) return present(ctx, current);
  await checkUnique(ctx, kept, current.id);
  try {
    const user = await ctx.prisma.$transaction(async (tx) => {
      const saved = await tx.user.update({ where: { id: current.id }, data: next });
      await writeAuditEntries(tx, [scimStamp(ctx.client)({ action: "ALTERATION", entityType: "User", entityId: current.id, fields: changed.map((k) => `User.${k}`) })]);
      return saved;
    });
    return present(ctx, user);
  } catch (error) {
    throw uniqueViolation(error);
  }
}

function checkId(body: unknown, id: string) {
  const sent = (body as { id?: unknown }).id;
  if (sent !== undefined && sent !== id) throw new ScimError(400, "The id in the body is not the id in the address: a resource's id cannot change.", "mutability");
}

/** PUT: replaces what the hub keeps of the person. */
export async function replaceScimUser(ctx: ScimContext, id: string, body: unknown): Promise<ScimResource> {
  const current = await loadOwn(ctx, id);
  const attributes = readResource(body);
  checkId(body, id);
  return save(ctx, current, keptFromResource(attributes, current));
}

/** PATCH: the operations are applied to the person as GET shows them, then saved like a PUT. */
export async function patchScimUser(ctx: ScimContext, id: string, body: unknown): Promise<ScimResource> {
  const current = await loadOwn(ctx, id);
  const before = patchableUser(current);
  const patched = applyPatch(USER_VOCABULARY, before, body);
  if (patched.id !== current.id) throw new ScimError(400, "An operation changes the id: a resource's id cannot change.", "mutability");
  checkVocabulary(USER_VOCABULARY, patched);
  return save(ctx, current, keptFromPatched(scimValidate(UserAttributes, patched), before, current));
}

/**
 * DELETE keeps the person's row, because the audit log and case histories refer to them by id:
 * they are deactivated, leave this client's groups, their memberships it managed end, and they
 * stop being this client's (a second DELETE or a GET is then 404, as the RFC says). Bringing
 * them back is an administrator's decision in the hub.
 */
export async function deleteScimUser(ctx: ScimContext, id: string): Promise<void> {
  const user = await loadOwn(ctx, id);
  const stamp = scimStamp(ctx.client);
  await ctx.prisma.$transaction(async (tx) => {
    await tx.provisioningGroupMember.deleteMany({ where: { userId: user.id, group: { clientId: ctx.client.id } } });
    await recomputeMemberships(tx, ctx.client.id, [user.id], stamp);
    const managed = await tx.membership.findMany({ where: { userId: user.id, provisionedByClientId: ctx.client.id }, select: { id: true } });
    await tx.membership.updateMany({ where: { id: { in: managed.map((m) => m.id) } }, data: { provisionedByClientId: null, active: false } });
    await tx.user.update({ where: { id: user.id }, data: { active: false, provisionedByClientId: null, scimExternalId: null } });
    const entries: AuditEntry[] = [
      ...managed.map((m) => stamp({ action: "ALTERATION" as const, entityType: "Membership", entityId: m.id, fields: ["Membership.provisionedByClientId"] })),
      stamp({ action: "ALTERATION", entityType: "User", entityId: user.id, fields: ["User.active", "User.provisionedByClientId", ...(user.scimExternalId ? ["User.scimExternalId"] : [])] }),
    ];
    await writeAuditEntries(tx, entries);
  });
}
