// Which cases need attention first: a missed Victims' Code deadline, then a deadline or
// keep-in-touch task still to do (soonest first), then the rest, newest first.

export type ClockLike = { status: string; dueAt: string };
export type TaskLike = { status: string; dueAt: string };
export type CaseLike = { openedAt: string; clocks: readonly ClockLike[]; keepInTouchTasks: readonly TaskLike[] };

/** A keep-in-touch task still to do: open, or escalated. Done and cancelled ones are history. */
export const taskToDo = (t: { status: string }) => t.status === "OPEN" || t.status === "ESCALATED";

/** 0: something is overdue; 1: something is still to do; 2: nothing to do. */
export function attentionRank(c: CaseLike, now = Date.now()): 0 | 1 | 2 {
  const overdueTask = c.keepInTouchTasks.some((t) => taskToDo(t) && Date.parse(t.dueAt) < now);
  if (c.clocks.some((k) => k.status === "BREACHED") || overdueTask) return 0;
  if (c.clocks.some((k) => k.status === "OPEN") || c.keepInTouchTasks.some(taskToDo)) return 1;
  return 2;
}

/** The earliest due date among what is still to do, or Infinity. */
export function nextDue(c: CaseLike): number {
  const due = [
    ...c.clocks.filter((k) => k.status === "BREACHED" || k.status === "OPEN").map((k) => Date.parse(k.dueAt)),
    ...c.keepInTouchTasks.filter(taskToDo).map((t) => Date.parse(t.dueAt)),
  ].filter((n) => !Number.isNaN(n));
  return due.length ? Math.min(...due) : Number.POSITIVE_INFINITY;
}

export function byAttention<T extends CaseLike>(cases: readonly T[], now = Date.now()): T[] {
  return [...cases].sort((a, b) => {
    const rank = attentionRank(a, now) - attentionRank(b, now);
    if (rank !== 0) return rank;
    const due = nextDue(a) - nextDue(b);
    if (due !== 0 && !Number.isNaN(due)) return due;
    return Date.parse(b.openedAt) - Date.parse(a.openedAt);
  });
}

/** Clocks still to act on (overdue or due), for the caseload: done ones are history. */
export function clocksToActOn<T extends ClockLike>(clocks: readonly T[]): T[] {
  return clocks.filter((k) => k.status === "BREACHED" || k.status === "OPEN").sort((a, b) => Date.parse(a.dueAt) - Date.parse(b.dueAt));
}
