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

/**
 * Whose deadline this is: a clock is owed by a kind of organisation (the victim's own review
 * window by nobody), and a keep-in-touch task by one organisation. Another agency's overdue
 * duty must not read as mine: the caseload says whose it is and puts mine first.
 */
export type Viewer = { organisationId: string; kind: string };
export const clockIsMine = (k: { owedByKind?: string | null }, viewer: Viewer) => k.owedByKind === viewer.kind;
export const taskIsMine = (t: { organisationId?: string }, viewer: Viewer) => t.organisationId === viewer.organisationId;

/** My deadlines first, then others', each soonest first. */
export function mineFirst<T extends ClockLike & { owedByKind?: string | null }>(clocks: readonly T[], viewer: Viewer): T[] {
  return [...clocks].sort((a, b) => Number(clockIsMine(b, viewer)) - Number(clockIsMine(a, viewer)) || Date.parse(a.dueAt) - Date.parse(b.dueAt));
}

/** Something overdue that is the viewer's own to do (not only another agency's). */
export function overdueIsMine(c: { clocks: readonly (ClockLike & { owedByKind?: string | null })[]; keepInTouchTasks: readonly (TaskLike & { organisationId?: string })[] }, viewer: Viewer, now = Date.now()): boolean {
  return c.clocks.some((k) => k.status === "BREACHED" && clockIsMine(k, viewer)) || c.keepInTouchTasks.some((t) => taskToDo(t) && Date.parse(t.dueAt) < now && taskIsMine(t, viewer));
}
