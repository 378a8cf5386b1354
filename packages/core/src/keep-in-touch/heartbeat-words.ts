// The keep-in-touch task's suggested words, as things stand at a moment: made when the task is
// made, made again each time it is read while it is still open, so "there is no change" is
// never said the day after a decision. Built from the agreed victim message (the words every
// agency gives her) and what happened on the case since she was last reached.
import type { Prisma, PrismaClient } from "@hub/db";
import { agreedVictimMessage } from "../agreed-message/agreed-victim-message.js";
import { REACHES_VICTIM } from "../statutory-clocks/start-clocks.js";
import { type HeartbeatNews, heartbeatMessage } from "./heartbeat-plan.js";

type Db = PrismaClient | Prisma.TransactionClient;

const after = (d: Date | null | undefined, since: Date, now: Date) => !!d && d.getTime() > since.getTime() && d.getTime() <= now.getTime();

/** For each case: the agreed message now, and what happened since she was last reached (before that, since the case opened). Five queries, whatever the number of cases. */
export async function heartbeatNewsFor(db: Db, caseIds: readonly string[], now: Date): Promise<Map<string, HeartbeatNews>> {
  const ids = [...new Set(caseIds)];
  if (ids.length === 0) return new Map();
  const [cases, updates, hearings, reached, stageChanges] = await Promise.all([
    db.case.findMany({ where: { id: { in: ids } }, select: { id: true, stage: true, openedAt: true } }),
    db.caseUpdate.findMany({
      where: { caseId: { in: ids } },
      select: { id: true, caseId: true, occurredAt: true, createdAt: true, victimExplanation: true, supersededBy: { select: { id: true } } },
      orderBy: [{ occurredAt: "asc" }, { createdAt: "asc" }],
    }),
    db.hearing.findMany({ where: { caseId: { in: ids } }, select: { id: true, caseId: true, court: true, startsAt: true, type: true, createdAt: true, outcome: true, resultReceivedAt: true } }),
    db.contactRecord.groupBy({ by: ["caseId"], where: { caseId: { in: ids }, outcome: { in: [...REACHES_VICTIM] }, at: { lte: now }, NOT: { channel: "THROUGH_ADVOCATE", outcome: { not: "REACHED" } } }, _max: { at: true } }),
    db.caseStageChange.groupBy({ by: ["caseId"], where: { caseId: { in: ids }, at: { lte: now } }, _max: { at: true } }),
  ]);
  const lastReached = new Map(reached.map((r) => [r.caseId, r._max.at]));
  const lastStageChange = new Map(stageChanges.map((s) => [s.caseId, s._max.at]));
  const news = new Map<string, HeartbeatNews>();
  for (const c of cases) {
    const since = lastReached.get(c.id) ?? c.openedAt;
    const own = updates.filter((u) => u.caseId === c.id).map((u) => ({ ...u, supersededById: u.supersededBy?.id ?? null }));
    const courts = hearings.filter((h) => h.caseId === c.id);
    const agreed = agreedVictimMessage({ stage: c.stage, updates: own, hearings: courts, involvements: [] }, now);
    news.set(c.id, {
      agreed,
      // An update is news if it happened, or reached the hub, after she was last reached; a
      // correction stands in place of what it corrects.
      newUpdates: own.filter((u) => u.supersededById === null && (after(u.occurredAt, since, now) || after(u.createdAt, since, now))).map((u) => u.victimExplanation),
      courtResults: courts.filter((h) => after(h.resultReceivedAt, since, now)).length,
      stageChanged: after(lastStageChange.get(c.id), since, now),
    });
  }
  return news;
}

/**
 * The words to suggest for a task now: for a task still open, made again from the case as it
 * stands; for a finished one, the words it had. The contact named is the person it is
 * assigned to, else their organisation.
 */
export async function heartbeatWordsNow(
  db: Db,
  task: { caseId: string; organisationId: string; assignedToUserId: string | null; status: string; suggestedMessage: string },
  now: Date,
): Promise<string> {
  if (task.status !== "OPEN" && task.status !== "ESCALATED") return task.suggestedMessage;
  const [news, user, organisation] = await Promise.all([
    heartbeatNewsFor(db, [task.caseId], now),
    task.assignedToUserId ? db.user.findUnique({ where: { id: task.assignedToUserId }, select: { name: true } }) : null,
    db.organisation.findUnique({ where: { id: task.organisationId }, select: { name: true } }),
  ]);
  const found = news.get(task.caseId);
  if (!found) return task.suggestedMessage;
  return heartbeatMessage(found, user?.name ?? organisation?.name ?? "your named contact");
}
