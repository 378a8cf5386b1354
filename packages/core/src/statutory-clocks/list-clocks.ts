import { accessibleWhere } from "@hub/policy";
import { dutySource, dutyWhat } from "../clocks/local-duties.js";
import type { CoreContext } from "../shared/context.js";
import { requirePurpose } from "../shared/purpose.js";

/**
 * An agency's duty is BREACHED, OPEN, MET_LATE or MET, or STOPPED when it was withdrawn before
 * it was met (a referral cancelled). The victim's own VRR window is owed by nobody, so it is
 * never breached or met: it is WINDOW_OPEN until its last day, then WINDOW_CLOSED (she may
 * still ask, exceptionally, up to 3 months later).
 */
export const CLOCK_STATUSES = ["BREACHED", "OPEN", "WINDOW_OPEN", "MET_LATE", "MET", "WINDOW_CLOSED", "STOPPED"] as const;
export type ClockStatus = (typeof CLOCK_STATUSES)[number];

export function clockStatus(c: { owedByKind: string | null; dueAt: Date; satisfiedAt: Date | null; breachedAt: Date | null; stoppedAt?: Date | null }, now: number = Date.now()): ClockStatus {
  const due = c.dueAt.getTime() < now;
  if (c.owedByKind === null) return due ? "WINDOW_CLOSED" : "WINDOW_OPEN";
  if (c.satisfiedAt) return c.satisfiedAt > c.dueAt ? "MET_LATE" : "MET";
  if (c.stoppedAt && !c.breachedAt) return "STOPPED";
  return c.breachedAt || due ? "BREACHED" : "OPEN";
}

/** What a listed clock reads with it: the local standard it times, for its name. */
export const LISTED_CLOCK_INCLUDE = { localStandard: { select: { name: true } } } as const;

/** Clocks as a case lists them: with their status, what they are and where they come from; breached and open first. */
export function asListedClocks<C extends Parameters<typeof clockStatus>[0] & { duty: string; localStandard: { name: string } | null }>(rows: C[], now: number = Date.now()) {
  return rows
    .map(({ localStandard, ...c }) => ({ ...c, status: clockStatus(c, now), what: dutyWhat(c.duty, localStandard?.name), source: dutySource(c.duty) }))
    .sort((a, b) => CLOCK_STATUSES.indexOf(a.status) - CLOCK_STATUSES.indexOf(b.status));
}

/** A case's Victims' Code clocks, breached and open first, so nobody misses them. */
export async function listClocks(ctx: CoreContext, caseId: string) {
  requirePurpose(ctx);
  const rows = await ctx.prisma.statutoryClock.findMany({
    where: { AND: [{ caseId }, accessibleWhere(ctx.ability, "StatutoryClock")] },
    include: LISTED_CLOCK_INCLUDE,
    orderBy: { dueAt: "asc" },
  });
  return asListedClocks(rows);
}

export async function listKeepInTouchTasks(ctx: CoreContext, caseId: string) {
  requirePurpose(ctx);
  return ctx.prisma.keepInTouchTask.findMany({ where: { AND: [{ caseId }, accessibleWhere(ctx.ability, "KeepInTouchTask")] }, orderBy: { dueAt: "asc" } });
}
