// A provisioned person's memberships follow their identity provider's groups: for each MAPPED
// group of the client they are in, a membership of that group's organisation with the union of
// those groups' roles. A membership the client managed and no longer wants is ended, never
// deleted (the audit log and case history refer to it); one the client now wants that an
// administrator made by hand is taken over. Run in the transaction of the change that caused it.
import type { Prisma, Role } from "@hub/db";
import type { AuditEntry } from "../audit/audit-entry.js";
import { writeAuditEntries } from "../audit/write-audit-entries.js";
import { scimStamp, type AuditStamp } from "./scim-context.js";

type Tx = Prisma.TransactionClient;

const sameRoles = (a: readonly Role[], b: readonly Role[]) => a.length === b.length && a.every((r) => b.includes(r));

/** Brings the memberships of these users (those the client provisioned; others are left alone) into line with the client's groups. */
export async function recomputeMemberships(tx: Tx, clientId: string, userIds: readonly string[], stamp?: AuditStamp): Promise<void> {
  const ids = [...new Set(userIds)].sort();
  if (ids.length === 0) return;
  // Lock the people first (in id order, so two recomputes never deadlock): a group change and an
  // administrator's mapping change at the same moment then see each other's committed work.
  await tx.$queryRawUnsafe(`SELECT id FROM "User" WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE`, ids);
  const by = stamp ?? scimStamp(await tx.provisioningClient.findUniqueOrThrow({ where: { id: clientId }, select: { id: true, organisationId: true } }));
  const users = await tx.user.findMany({ where: { id: { in: ids }, provisionedByClientId: clientId }, select: { id: true, memberships: true } });
  const groups = await tx.provisioningGroup.findMany({
    where: { clientId, organisationId: { not: null }, role: { not: null }, members: { some: { userId: { in: users.map((u) => u.id) } } } },
    select: { organisationId: true, role: true, members: { where: { userId: { in: users.map((u) => u.id) } }, select: { userId: true } } },
  });
  const entries: AuditEntry[] = [];
  for (const user of users) {
    const wanted = new Map<string, Role[]>();
    for (const group of groups) {
      if (!group.members.some((m) => m.userId === user.id)) continue;
      const roles = wanted.get(group.organisationId!) ?? [];
      if (!roles.includes(group.role!)) roles.push(group.role!);
      wanted.set(group.organisationId!, roles);
    }
    for (const [organisationId, roles] of wanted) {
      const existing = user.memberships.find((m) => m.organisationId === organisationId);
      if (!existing) {
        const created = await tx.membership.create({ data: { userId: user.id, organisationId, roles, provisionedByClientId: clientId } });
        entries.push(by({ action: "COLLECTION", entityType: "Membership", entityId: created.id, fields: ["Membership.organisationId", "Membership.roles", "Membership.provisionedByClientId"] }));
        continue;
      }
      // Another client's membership of a person this client provisioned cannot arise; leave it be if it ever does.
      if (existing.provisionedByClientId !== null && existing.provisionedByClientId !== clientId) continue;
      const fields = [
        ...(existing.provisionedByClientId === null ? ["Membership.provisionedByClientId"] : []),
        ...(sameRoles(existing.roles, roles) ? [] : ["Membership.roles"]),
        ...(existing.active ? [] : ["Membership.active"]),
      ];
      if (fields.length === 0) continue;
      await tx.membership.update({ where: { id: existing.id }, data: { roles, active: true, provisionedByClientId: clientId } });
      entries.push(by({ action: "ALTERATION", entityType: "Membership", entityId: existing.id, fields }));
    }
    for (const membership of user.memberships) {
      if (membership.provisionedByClientId !== clientId || !membership.active || wanted.has(membership.organisationId)) continue;
      await tx.membership.update({ where: { id: membership.id }, data: { active: false } });
      entries.push(by({ action: "ALTERATION", entityType: "Membership", entityId: membership.id, fields: ["Membership.active"] }));
    }
  }
  await writeAuditEntries(tx, entries);
}
