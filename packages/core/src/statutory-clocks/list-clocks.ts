import { accessibleWhere } from "@hub/policy";
import type { CoreContext } from "../shared/context.js";
import { requirePurpose } from "../shared/purpose.js";

/** A case's Victims' Code clocks, breached and open first, so nobody misses them. */
export async function listClocks(ctx: CoreContext, caseId: string) {
  requirePurpose(ctx);
  const rows = await ctx.prisma.statutoryClock.findMany({ where: { AND: [{ caseId }, accessibleWhere(ctx.ability, "StatutoryClock")] }, orderBy: { dueAt: "asc" } });
  const now = Date.now();
  type ClockStatus = "BREACHED" | "OPEN" | "MET_LATE" | "MET";
  const status = (c: (typeof rows)[number]): ClockStatus => (c.satisfiedAt ? (c.satisfiedAt > c.dueAt ? "MET_LATE" : "MET") : c.breachedAt || c.dueAt.getTime() < now ? "BREACHED" : "OPEN");
  const order: Record<ClockStatus, number> = { BREACHED: 0, OPEN: 1, MET_LATE: 2, MET: 3 };
  return rows.map((c) => ({ ...c, status: status(c) })).sort((a, b) => order[a.status] - order[b.status]);
}

export async function listKeepInTouchTasks(ctx: CoreContext, caseId: string) {
  requirePurpose(ctx);
  return ctx.prisma.keepInTouchTask.findMany({ where: { AND: [{ caseId }, accessibleWhere(ctx.ability, "KeepInTouchTask")] }, orderBy: { dueAt: "asc" } });
}
