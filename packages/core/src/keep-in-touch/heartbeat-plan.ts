// The keep-in-touch heartbeat, decided: for one open case whose victim asked to hear every 1,
// 2 or 4 weeks, what the scheduler should do now. No database here: the scheduler reads the
// facts, this says what follows from them, the scheduler writes it.
//
// - One task per agreed interval. The interval starts at the later of her last contact that
//   reached her and the previous task's due time (or the case's opening, before either); a task
//   is made once a whole interval has passed since then, and never beside an OPEN one for the
//   same organisation. An escalated task does not stop the next interval's task.
// - The task is for the organisation that keeps her informed now, assigned to its current named
//   contact. A task of an organisation that no longer does (she withdrew her consent, it left the
//   case) is cancelled, with a reason code; a task whose named contact was handed over moves to
//   the new one.
import type { UpdateFrequency } from "@hub/db";

/** Her agreed interval, in days; null when she asked to hear only when something happens. */
export function heartbeatIntervalDays(frequency: UpdateFrequency): number | null {
  switch (frequency) {
    case "EVERY_WEEK":
      return 7;
    case "EVERY_2_WEEKS":
      return 14;
    case "EVERY_4_WEEKS":
      return 28;
    default:
      return null;
  }
}

/** Why a task was cancelled (KeepInTouchTask.closedReason): codes, never anything about her. */
export const HEARTBEAT_CANCEL_REASONS = {
  /** The case closed: nobody owes her a regular update on it any more. */
  CASE_CLOSED: "CASE_CLOSED",
  /** The organisation may no longer contact her, or another now keeps her informed. */
  NO_LONGER_KEEPS_HER_INFORMED: "NO_LONGER_KEEPS_HER_INFORMED",
  /** She now asks to hear only when something happens (or has no contact contract). */
  NO_REGULAR_UPDATES_ASKED: "NO_REGULAR_UPDATES_ASKED",
} as const;

export interface HeartbeatTaskFacts {
  id: string;
  organisationId: string;
  assignedToUserId: string | null;
  status: "OPEN" | "ESCALATED";
  dueAt: Date;
}

export interface HeartbeatCaseFacts {
  caseId: string;
  intervalDays: number;
  openedAt: Date;
  /** Her latest contact that reached her (REACHED, SENT, MESSAGE_LEFT), by anyone. */
  lastReachedAt: Date | null;
  /** The latest due time of the case's finished (DONE) tasks; open ones carry their own, cancelled ones do not count. */
  lastTaskDueAt: Date | null;
  /** The organisation that keeps her informed now, and its current named contact; null if none may. */
  keeper: { organisationId: string; userId: string | null } | null;
  /** Its tasks still open (OPEN or ESCALATED). */
  openTasks: HeartbeatTaskFacts[];
}

export type HeartbeatAction =
  | { kind: "create"; caseId: string; organisationId: string; assignedToUserId: string | null; windowStartsAt: Date }
  | { kind: "reassign"; taskId: string; assignedToUserId: string | null }
  | { kind: "cancel"; taskId: string; reason: (typeof HEARTBEAT_CANCEL_REASONS)[keyof typeof HEARTBEAT_CANCEL_REASONS] };

const DAY_MS = 86_400_000;

/** Where the interval now running started: her last contact that reached her or the previous task's due time, whichever is later. */
export function heartbeatWindowStart(facts: Pick<HeartbeatCaseFacts, "openedAt" | "lastReachedAt" | "lastTaskDueAt">): Date {
  const from = [facts.lastReachedAt ?? facts.openedAt, facts.lastTaskDueAt].filter((d): d is Date => d !== null);
  return new Date(Math.max(...from.map((d) => d.getTime())));
}

export function planHeartbeat(facts: HeartbeatCaseFacts, now: Date): HeartbeatAction[] {
  const actions: HeartbeatAction[] = [];
  const keeper = facts.keeper;
  let keeperHasOpen = false;
  // A cancelled task's interval was not hers to count: the organisation keeping her informed
  // now picks up from the last task that stands.
  let lastTaskDueAt = facts.lastTaskDueAt;
  for (const task of facts.openTasks) {
    if (!keeper || task.organisationId !== keeper.organisationId) {
      actions.push({ kind: "cancel", taskId: task.id, reason: HEARTBEAT_CANCEL_REASONS.NO_LONGER_KEEPS_HER_INFORMED });
      continue;
    }
    if (task.status === "OPEN") keeperHasOpen = true;
    if (!lastTaskDueAt || task.dueAt.getTime() > lastTaskDueAt.getTime()) lastTaskDueAt = task.dueAt;
    if (task.assignedToUserId !== keeper.userId) actions.push({ kind: "reassign", taskId: task.id, assignedToUserId: keeper.userId });
  }
  const windowStartsAt = heartbeatWindowStart({ ...facts, lastTaskDueAt });
  const due = windowStartsAt.getTime() + facts.intervalDays * DAY_MS < now.getTime();
  if (keeper && due && !keeperHasOpen) {
    actions.push({ kind: "create", caseId: facts.caseId, organisationId: keeper.organisationId, assignedToUserId: keeper.userId, windowStartsAt });
  }
  return actions;
}

/** What has happened on the case since she was last reached, in the words she is given. */
export interface HeartbeatNews {
  /** The agreed victim message as it stands now. */
  agreed: { whereThingsStand: string; whatHappensNext: string };
  /** What each update since she was last reached says to her (corrections in place of what they correct), oldest first. */
  newUpdates: string[];
  /** Court results that came in since she was last reached. */
  courtResults: number;
  /** The case moved to another stage since she was last reached. */
  stageChanged: boolean;
}

export const NO_CHANGE_OPENING = "Hello. There is no change in your case since we last spoke.";
export const NEWS_OPENING = "Hello. Since we last spoke, there is news in your case.";

const sentence = (text: string) => (/[.!?]$/.test(text.trim()) ? text.trim() : `${text.trim()}.`);

/**
 * The suggested words, true when they are said: "no change" only when nothing happened on the
 * case since she was last reached; otherwise what happened, in the words every agency gives
 * her, then what happens next. Calm and plain; the caseworker reads it before using it.
 */
export function heartbeatMessage(news: HeartbeatNews, contactName: string): string {
  const nothingNew = news.newUpdates.length === 0 && news.courtResults === 0 && !news.stageChanged;
  const parts: string[] = [];
  if (nothingNew) {
    parts.push(NO_CHANGE_OPENING, sentence(news.agreed.whereThingsStand));
  } else {
    parts.push(NEWS_OPENING, ...news.newUpdates.map(sentence));
    if (news.courtResults > 0 && news.newUpdates.length === 0) parts.push(`The court has given a result, and ${contactName} can tell you what it means.`);
  }
  // Said once: with no update yet, where things stand is the stage's "what happens next".
  const next = sentence(news.agreed.whatHappensNext);
  if (!parts.includes(next)) parts.push(next);
  parts.push(`If you have any questions, ${contactName} is here to help.`);
  return parts.join(" ");
}
