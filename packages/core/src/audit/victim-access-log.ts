// "Who has seen my data, when and why": the subject access view of the s.62 log.
// Auditors only; reading the log is itself logged.
import { accessibleWhere } from "@hub/policy";
import type { CoreContext } from "../shared/context.js";
import { BadInputError, NotFoundError } from "../shared/errors.js";
import { pageSize } from "../shared/keyset-page.js";
import { requirePurpose } from "../shared/purpose.js";

export async function victimAccessLog(ctx: CoreContext, victimReference: string, request: { first?: number | null; after?: string | null }) {
  requirePurpose(ctx);
  const size = pageSize(request.first);
  let before: bigint | null = null;
  if (request.after) {
    if (!/^\d{1,19}$/.test(request.after)) throw new BadInputError("That page cursor is not one the hub gave out.", "after");
    before = BigInt(request.after);
  }
  const victim = await ctx.prisma.victim.findUnique({ where: { reference: victimReference }, select: { id: true } });
  if (!victim || !ctx.ability.can("read", "AuditEvent")) throw new NotFoundError("victim");
  const rows = await ctx.prisma.auditEvent.findMany({
    // In the order written (seq): the newest entries may not be sealed into the chain yet.
    where: { AND: [{ victimId: victim.id }, accessibleWhere(ctx.ability, "AuditEvent"), before ? { seq: { lt: before } } : {}] },
    orderBy: { seq: "desc" },
    take: size + 1,
  });
  const ids = [...new Set(rows.flatMap((r) => [r.actorUserId, r.organisationId]).filter((x): x is string => !!x))];
  const [users, orgs] = await Promise.all([
    ctx.prisma.user.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } }),
    ctx.prisma.organisation.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } }),
  ]);
  const nameOf = new Map([...users, ...orgs].map((x) => [x.id, x.name]));
  // An access that relied on a consent its own organisation recorded is marked as such.
  const consentIds = [...new Set(rows.map((r) => r.consentId).filter((x): x is string => !!x))];
  const selfRecorded = new Set(
    consentIds.length ? (await ctx.prisma.consent.findMany({ where: { id: { in: consentIds }, selfRecorded: true }, select: { id: true } })).map((c) => c.id) : [],
  );
  ctx.audit.record({ action: "CONSULTATION", entityType: "AuditEvent", victimId: victim.id, fields: ["AuditEvent.*"] });
  const items = rows.slice(0, size).map((row) => ({
    ...row,
    actorName: row.actorUserId ? (nameOf.get(row.actorUserId) ?? null) : null,
    organisationName: row.organisationId ? (nameOf.get(row.organisationId) ?? null) : null,
    consentSelfRecorded: row.consentId !== null && selfRecorded.has(row.consentId),
  }));
  return { items: items.map((node) => ({ node, cursor: node.seq.toString() })), hasNextPage: rows.length > size };
}
