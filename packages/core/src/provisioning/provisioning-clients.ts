// The identity providers allowed to provision people for a partnership body (SCIM 2.0 at
// /scim/v2). Made, listed and revoked by that body's partnership administrators only; a
// client gives nobody any access until an administrator maps one of its groups.
import type { Prisma } from "@hub/db";
import { accessibleWhere, subject } from "@hub/policy";
import { z } from "zod";
import { writeAuditEntries } from "../audit/write-audit-entries.js";
import { nowOf, type CoreContext } from "../shared/context.js";
import { BadInputError, NotFoundError } from "../shared/errors.js";
import { isUuid } from "../shared/ids.js";
import { validate } from "../shared/validate.js";
import { hashProvisioningToken, newProvisioningToken } from "./provisioning-token.js";

const CreateProvisioningClientInput = z.object({
  name: z
    .string({ error: "Name the identity provider, so other administrators know what the token is for." })
    .trim()
    .min(3, "Name the identity provider in at least 3 characters (for example \"Entra ID, Northshire\").")
    .max(100, "Keep the name to 100 characters."),
});
export type CreateProvisioningClientInput = z.input<typeof CreateProvisioningClientInput>;

const groupsInclude = { groups: { include: { _count: { select: { members: true } } }, orderBy: { displayName: "asc" } } } as const;

/** Makes a client and its token. The token is in the answer only: the hub keeps its hash. */
export async function createProvisioningClient(ctx: CoreContext, input: CreateProvisioningClientInput) {
  const data = validate(CreateProvisioningClientInput, input);
  if (!ctx.ability.can("create", subject("ProvisioningClient", { organisationId: ctx.actor.organisationId } as never))) {
    throw new BadInputError("Only a partnership administrator can connect an identity provider, for their own partnership body.", "name");
  }
  const token = newProvisioningToken();
  const client = await ctx.prisma.$transaction(async (tx) => {
    const created = await tx.provisioningClient.create({
      data: { name: data.name, organisationId: ctx.actor.organisationId, tokenHash: hashProvisioningToken(token), createdByUserId: ctx.actor.userId },
    });
    await writeAuditEntries(tx, [ctx.audit.entry({ action: "COLLECTION", entityType: "ProvisioningClient", entityId: created.id, fields: ["ProvisioningClient.name", "ProvisioningClient.tokenHash"] })]);
    return created;
  });
  return { client: await withGroups(ctx, client.id), token };
}

/** Stops the client's token at once. The people it provisioned keep what they have until an administrator changes it. */
export async function revokeProvisioningClient(ctx: CoreContext, id: string) {
  const client = isUuid(id) ? await ctx.prisma.provisioningClient.findUnique({ where: { id } }) : null;
  if (!client || !ctx.ability.can("update", subject("ProvisioningClient", client))) throw new NotFoundError("identity provider connection");
  if (client.revokedAt) throw new BadInputError("This identity provider's token has already been revoked.", "id");
  await ctx.prisma.$transaction(async (tx) => {
    await tx.provisioningClient.update({ where: { id: client.id }, data: { revokedAt: nowOf(ctx) } });
    await writeAuditEntries(tx, [ctx.audit.entry({ action: "ALTERATION", entityType: "ProvisioningClient", entityId: client.id, fields: ["ProvisioningClient.revokedAt"], outcome: "revoked" })]);
  });
  return withGroups(ctx, client.id);
}

/** The clients of the caller's partnership body, newest first, with their groups (empty for anyone else). */
export async function listProvisioningClients(ctx: CoreContext) {
  const clients = await ctx.prisma.provisioningClient.findMany({
    where: accessibleWhere(ctx.ability, "ProvisioningClient", "read"),
    include: groupsInclude,
    orderBy: [{ createdAt: "desc" }, { id: "asc" }],
  });
  return attachOrganisations(ctx, clients);
}

async function withGroups(ctx: CoreContext, id: string) {
  const client = await ctx.prisma.provisioningClient.findUniqueOrThrow({ where: { id }, include: groupsInclude });
  return (await attachOrganisations(ctx, [client]))[0]!;
}

type ClientRow = Prisma.ProvisioningClientGetPayload<{ include: typeof groupsInclude }>;

/** A group names its organisation by id only (no relation in the schema): fetch them in one query. */
async function attachOrganisations(ctx: CoreContext, clients: ClientRow[]) {
  const ids = [...new Set(clients.flatMap((c) => c.groups.map((g) => g.organisationId)).filter((id): id is string => id !== null))];
  const organisations = ids.length ? await ctx.prisma.organisation.findMany({ where: { id: { in: ids } } }) : [];
  const byId = new Map(organisations.map((o) => [o.id, o]));
  return clients.map((c) => ({
    ...c,
    groups: c.groups.map(({ _count, ...g }) => ({ ...g, memberCount: _count.members, organisation: g.organisationId ? (byId.get(g.organisationId) ?? null) : null })),
  }));
}

export type ProvisioningClientView = Awaited<ReturnType<typeof listProvisioningClients>>[number];
export type ProvisioningGroupView = ProvisioningClientView["groups"][number];
