// A partnership administrator decides what an identity provider's group gives its members: a
// membership of one organisation with one role. Only an organisation serving only their areas,
// only a role they may give there; the members' memberships follow in the same transaction.
import { Role } from "@hub/db";
import { subject } from "@hub/policy";
import { z } from "zod";
import { checkRolesToGive } from "../administration/role-rules.js";
import { writeAuditEntries } from "../audit/write-audit-entries.js";
import { nowOf, type CoreContext } from "../shared/context.js";
import { BadInputError, NotFoundError } from "../shared/errors.js";
import { validate } from "../shared/validate.js";
import { recomputeMemberships } from "./recompute-memberships.js";
import { scimOutcome, type AuditStamp } from "./scim-context.js";

const groupId = z.uuid({ message: "That is not a group the hub gave out." });

const MapProvisioningGroupInput = z.object({
  groupId,
  organisationId: z.uuid({ message: "Choose the organisation from the list." }),
  role: z.enum(Role, { error: "Choose the role from the list." }),
});
export type MapProvisioningGroupInput = z.input<typeof MapProvisioningGroupInput>;

/** The group, if the caller administers its client; anyone else is told it does not exist. */
async function loadGroup(ctx: CoreContext, id: string) {
  const group = await ctx.prisma.provisioningGroup.findUnique({ where: { id }, include: { client: true, members: { select: { userId: true } } } });
  if (!group || !ctx.ability.can("update", subject("ProvisioningClient", group.client))) throw new NotFoundError("identity provider group");
  return group;
}

/** Changes by an administrator, tied to the client that manages the memberships. */
const adminStamp =
  (ctx: CoreContext, clientId: string): AuditStamp =>
  (details) =>
    ctx.audit.entry({ outcome: scimOutcome(clientId), ...details });

export async function mapProvisioningGroup(ctx: CoreContext, input: MapProvisioningGroupInput) {
  const data = validate(MapProvisioningGroupInput, input);
  const group = await loadGroup(ctx, data.groupId);
  if (group.client.revokedAt) throw new BadInputError("This identity provider's token has been revoked, so its groups can no longer give access. Connect it again to map groups.", "groupId");
  const organisation = await ctx.prisma.organisation.findUnique({ where: { id: data.organisationId }, include: { areas: { select: { areaId: true } } } });
  if (!organisation) throw new NotFoundError("organisation");
  if (!ctx.ability.can("update", subject("Organisation", organisation))) {
    throw new BadInputError("You can map a group only to an organisation that serves your partnership's areas and no others.", "organisationId");
  }
  if (!organisation.active) throw new BadInputError(`${organisation.name} is not active: reactivate it before giving people access to it.`, "organisationId");
  checkRolesToGive(ctx, organisation, [data.role], "role");
  if (group.organisationId === organisation.id && group.role === data.role) throw new BadInputError(`This group already gives ${organisation.name} with that role.`, "role");
  await ctx.prisma.$transaction(async (tx) => {
    await tx.provisioningGroup.update({ where: { id: group.id }, data: { organisationId: organisation.id, role: data.role, mappedByUserId: ctx.actor.userId, mappedAt: nowOf(ctx) } });
    await writeAuditEntries(tx, [
      ctx.audit.entry({ action: "ALTERATION", entityType: "ProvisioningGroup", entityId: group.id, fields: ["ProvisioningGroup.organisationId", "ProvisioningGroup.role"], outcome: data.role }),
    ]);
    await recomputeMemberships(tx, group.clientId, group.members.map((m) => m.userId), adminStamp(ctx, group.clientId));
  });
  return loadGroupView(ctx, group.id);
}

/** The group gives nothing any more: memberships it alone gave end on its members' next request. */
export async function unmapProvisioningGroup(ctx: CoreContext, id: string) {
  const group = await loadGroup(ctx, validate(groupId, id));
  if (!group.organisationId) throw new BadInputError("This group is not mapped to an organisation.", "groupId");
  await ctx.prisma.$transaction(async (tx) => {
    await tx.provisioningGroup.update({ where: { id: group.id }, data: { organisationId: null, role: null, mappedByUserId: ctx.actor.userId, mappedAt: nowOf(ctx) } });
    await writeAuditEntries(tx, [ctx.audit.entry({ action: "ALTERATION", entityType: "ProvisioningGroup", entityId: group.id, fields: ["ProvisioningGroup.organisationId", "ProvisioningGroup.role"], outcome: "unmapped" })]);
    await recomputeMemberships(tx, group.clientId, group.members.map((m) => m.userId), adminStamp(ctx, group.clientId));
  });
  return loadGroupView(ctx, group.id);
}

async function loadGroupView(ctx: CoreContext, id: string) {
  const { _count, ...group } = await ctx.prisma.provisioningGroup.findUniqueOrThrow({ where: { id }, include: { _count: { select: { members: true } } } });
  const organisation = group.organisationId ? await ctx.prisma.organisation.findUnique({ where: { id: group.organisationId } }) : null;
  return { ...group, memberCount: _count.members, organisation };
}
