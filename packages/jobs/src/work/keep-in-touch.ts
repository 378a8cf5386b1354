// Keep in touch: the heartbeat. Victims asked for regular updates even when nothing has
// changed (shared/domain/victims-code.md), so for as long as a case is open and her contact
// contract says every 1, 2 or 4 weeks, the organisation that keeps her informed gets one task
// per agreed interval, for its current named contact, with suggested words true when made.
// What to do for each case is decided in @hub/core (keep-in-touch/heartbeat-plan.ts); this
// file reads the facts and writes the outcome:
//   - a contact that reached her (by any organisation) closes the open tasks (DONE, with the
//     contact), here for contacts recorded any other way, in recordContact for the hub's own;
//   - a closed case's open tasks are cancelled (CASE_CLOSED), as are those of a victim who now
//     asks to hear only when something happens (NO_REGULAR_UPDATES_ASKED); a task of an organisation that
//     may no longer contact her is cancelled (NO_LONGER_KEEPS_HER_INFORMED); after a hand-over
//     the open task moves to the new named contact;
//   - an OPEN task still open at its deadline (2 working days) goes to the organisation's admin.
//
// The passes are set-based: a fixed number of statements per batch of cases or tasks,
// whatever the batch size, and a partial unique index (one OPEN task per case and
// organisation) makes a second run, or two workers at once, create nothing new.
import { addWorkingDays, type HeartbeatAction, type HeartbeatCaseFacts, heartbeatIntervalDays, heartbeatMessage, heartbeatNewsFor, HEARTBEAT_CANCEL_REASONS, planHeartbeat } from "@hub/core";
import type { Database, UpdateFrequency } from "@hub/db";
import { mayHoldContactSql } from "@hub/policy";

/** Working days the named contact has to get in touch before the task is escalated. */
export const KEEP_IN_TOUCH_WORKING_DAYS = 2;

const FIRST_ID = "00000000-0000-0000-0000-000000000000";

/**
 * A contact row `r` that counts as the victim having heard from someone: REACHES_VICTIM in
 * @hub/core, and not a hand-off through her advocate that did not reach her (handsOff).
 */
const COUNTS_AS_CONTACT = `r.outcome IN ('REACHED', 'SENT', 'MESSAGE_LEFT') AND NOT (r.channel = 'THROUGH_ADVOCATE' AND r.outcome <> 'REACHED')`;

const OPEN_CASE_WITH_INTERVAL = `c."closedAt" IS NULL AND c.stage <> 'CLOSED'
    AND k."updateFrequency" IN ('EVERY_WEEK', 'EVERY_2_WEEKS', 'EVERY_4_WEEKS')`;

// One keyset batch of open cases whose victim asked for regular updates, with what the plan
// needs: when she was last reached, the last task's due time, the tasks still open, and who
// keeps her informed now. An organisation may, while it is on the case (an involvement not
// ended) and she lets it have her contact details (a consent grant for them, or an approved
// sharing decision still in force): the same test as for reading how to reach her. Of those:
//   1. the contract's named contact, through their active membership (as loadActor picks it);
//   2. else the case's current ISVA, then IDVA, then Witness Care involvement, and its named
//      contact (if it has one);
//   3. else the organisation that agreed the contract with her, so no victim is left out
//      because nobody was named.
const FACTS_IN_BATCH = `
WITH batch AS (
  SELECT c.id, c."victimId", c."openedAt", k."namedContactUserId", k."agreedByOrganisationId", k."updateFrequency"::text AS frequency
  FROM "Case" c
  JOIN "VictimContactContract" k ON k."victimId" = c."victimId"
  WHERE c.id > $2::uuid AND ${OPEN_CASE_WITH_INTERVAL}
  ORDER BY c.id
  LIMIT $3
), may AS (
  SELECT b.id AS "caseId", i."organisationId", i.capacity, i."namedContactUserId", i.since
  FROM batch b
  JOIN "CaseInvolvement" i ON i."caseId" = b.id AND (i.until IS NULL OR i.until > $1::timestamptz)
  JOIN "Organisation" og ON og.id = i."organisationId" AND og.active
  WHERE ${mayHoldContactSql({ victimId: 'b."victimId"', caseId: "b.id", organisationId: 'i."organisationId"', now: "$1::timestamptz" })}
)
SELECT b.id::text AS "caseId", b."openedAt", b.frequency,
       (SELECT max(r.at) FROM "ContactRecord" r WHERE r."caseId" = b.id AND ${COUNTS_AS_CONTACT} AND r.at <= $1::timestamptz) AS "lastReachedAt",
       (SELECT max(t."dueAt") FROM "KeepInTouchTask" t WHERE t."caseId" = b.id AND t.status = 'DONE') AS "lastTaskDueAt",
       (SELECT coalesce(jsonb_agg(jsonb_build_object('id', t.id, 'organisationId', t."organisationId", 'assignedToUserId', t."assignedToUserId", 'status', t.status, 'dueAt', t."dueAt")), '[]'::jsonb)
          FROM "KeepInTouchTask" t WHERE t."caseId" = b.id AND t.status IN ('OPEN', 'ESCALATED')) AS "openTasks",
       o."organisationId"::text AS "keeperOrganisationId", o."userId"::text AS "keeperUserId", u.name AS "keeperUserName", og.name AS "keeperOrganisationName",
       (SELECT max(id::text) FROM batch) AS "lastCaseId", (SELECT count(*) FROM batch)::int AS "batchSize"
FROM batch b
LEFT JOIN LATERAL (
  SELECT x."organisationId", x."userId" FROM (
    SELECT m."organisationId", m."userId", 1 AS rank, m."createdAt" AS since
    FROM "Membership" m
    JOIN "User" u ON u.id = m."userId" AND u.active
    WHERE m."userId" = b."namedContactUserId" AND m.active
      AND EXISTS (SELECT 1 FROM may WHERE may."caseId" = b.id AND may."organisationId" = m."organisationId")
    UNION ALL
    SELECT may."organisationId", may."namedContactUserId", 1 + array_position(ARRAY['ISVA_SUPPORT', 'IDVA_SUPPORT', 'WITNESS_CARE']::"InvolvementCapacity"[], may.capacity), may.since
    FROM may
    WHERE may."caseId" = b.id AND may.capacity IN ('ISVA_SUPPORT', 'IDVA_SUPPORT', 'WITNESS_CARE')
    UNION ALL
    SELECT b."agreedByOrganisationId", NULL::uuid, 9, NULL::timestamptz
    WHERE EXISTS (SELECT 1 FROM may WHERE may."caseId" = b.id AND may."organisationId" = b."agreedByOrganisationId")
  ) x
  ORDER BY x.rank, x.since NULLS LAST
  LIMIT 1
) o ON true
LEFT JOIN "Organisation" og ON og.id = o."organisationId"
LEFT JOIN "User" u ON u.id = o."userId"
ORDER BY b.id`;

const BATCH_END = `
SELECT max(id::text) AS "lastCaseId", count(*)::int AS "batchSize" FROM (
  SELECT c.id FROM "Case" c
  JOIN "VictimContactContract" k ON k."victimId" = c."victimId"
  WHERE c.id > $1::uuid AND ${OPEN_CASE_WITH_INTERVAL}
  ORDER BY c.id
  LIMIT $2
) b`;

// Contacts recorded any other way than recordContact (an import, a correction of the ledger)
// close tasks too: every OPEN or ESCALATED task with a contact that reached her after its
// interval started is DONE, closed by the first such contact.
const CLOSE_REACHED = `
WITH reached AS (
  SELECT DISTINCT ON (t.id) t.id AS "taskId", r.id AS "contactId", r.at
  FROM "KeepInTouchTask" t
  JOIN "ContactRecord" r ON r."caseId" = t."caseId" AND ${COUNTS_AS_CONTACT} AND r.at > t."windowStartsAt" AND r.at <= $1::timestamptz
  WHERE t.status IN ('OPEN', 'ESCALATED')
  ORDER BY t.id, r.at, r.id
), closed AS (
  UPDATE "KeepInTouchTask" t SET status = 'DONE', "completedAt" = x.at, "closedByContactId" = x."contactId"
  FROM reached x
  WHERE t.id = x."taskId" AND t.status IN ('OPEN', 'ESCALATED')
  RETURNING t.id
)
SELECT count(*)::int AS n FROM closed`;

// A closed case owes her no more regular updates, nor does one whose victim now asks to hear
// only when something happens: their open tasks are cancelled, with the reason.
const CANCEL_ON_CLOSED_CASES = `
WITH cancelled AS (
  UPDATE "KeepInTouchTask" t SET status = 'CANCELLED', "completedAt" = $1::timestamptz,
    "closedReason" = CASE WHEN c."closedAt" IS NOT NULL OR c.stage = 'CLOSED' THEN '${HEARTBEAT_CANCEL_REASONS.CASE_CLOSED}' ELSE '${HEARTBEAT_CANCEL_REASONS.NO_REGULAR_UPDATES_ASKED}' END
  FROM "Case" c
  LEFT JOIN "VictimContactContract" k ON k."victimId" = c."victimId"
  WHERE c.id = t."caseId" AND t.status IN ('OPEN', 'ESCALATED')
    AND (c."closedAt" IS NOT NULL OR c.stage = 'CLOSED' OR k."updateFrequency" IS NULL OR k."updateFrequency" NOT IN ('EVERY_WEEK', 'EVERY_2_WEEKS', 'EVERY_4_WEEKS'))
  RETURNING t.id
)
SELECT count(*)::int AS n FROM cancelled`;

// The plan's changes to tasks still open, one statement per batch: cancelled (with the
// reason), moved to the current named contact, and the suggested words made again.
const UPDATE_OPEN_TASKS = `
WITH input AS (
  SELECT * FROM jsonb_to_recordset($1::jsonb)
    AS x(id uuid, "closedReason" text, "reassign" boolean, "assignedToUserId" uuid, "suggestedMessage" text)
), changed AS (
  UPDATE "KeepInTouchTask" t
  SET status = CASE WHEN i."closedReason" IS NULL THEN t.status ELSE 'CANCELLED'::"KeepInTouchStatus" END,
      "closedReason" = coalesce(i."closedReason", t."closedReason"),
      "completedAt" = CASE WHEN i."closedReason" IS NULL THEN t."completedAt" ELSE $2::timestamptz END,
      "assignedToUserId" = CASE WHEN i.reassign THEN i."assignedToUserId" ELSE t."assignedToUserId" END,
      "suggestedMessage" = coalesce(i."suggestedMessage", t."suggestedMessage")
  FROM input i
  WHERE t.id = i.id AND t.status IN ('OPEN', 'ESCALATED')
    -- Only rows that change: the scheduler runs every minute.
    AND (i."closedReason" IS NOT NULL
      OR (i.reassign AND t."assignedToUserId" IS DISTINCT FROM i."assignedToUserId")
      OR (i."suggestedMessage" IS NOT NULL AND i."suggestedMessage" <> t."suggestedMessage"))
  RETURNING t.id
)
SELECT count(*)::int AS n FROM changed`;

// One INSERT for the whole batch. It checks again that she has still not been reached since
// the interval started and that no task is open (a caseworker may have acted since the batch
// was read), and the partial unique index "KeepInTouchTask_one_open_per_case_org" settles a
// race with another worker: the loser's row is dropped, not duplicated. One outbox row per
// task created.
const CREATE_TASKS = `
WITH input AS (
  SELECT * FROM jsonb_to_recordset($1::jsonb)
    AS x("caseId" uuid, "organisationId" uuid, "assignedToUserId" uuid, "windowStartsAt" timestamptz, "suggestedMessage" text)
), created AS (
  INSERT INTO "KeepInTouchTask" ("caseId", "organisationId", "assignedToUserId", "dueAt", "suggestedMessage", "windowStartsAt", "createdAt")
  SELECT i."caseId", i."organisationId", i."assignedToUserId", $2::timestamptz, i."suggestedMessage", i."windowStartsAt", $3::timestamptz
  FROM input i
  WHERE NOT EXISTS (
      SELECT 1 FROM "KeepInTouchTask" t
      WHERE t."caseId" = i."caseId" AND t."organisationId" = i."organisationId" AND t.status = 'OPEN')
    AND NOT EXISTS (
      SELECT 1 FROM "ContactRecord" r
      WHERE r."caseId" = i."caseId" AND ${COUNTS_AS_CONTACT} AND r.at > i."windowStartsAt" AND r.at <= $3::timestamptz)
  ON CONFLICT ("caseId", "organisationId") WHERE status = 'OPEN' DO NOTHING
  RETURNING id
), queued AS (
  INSERT INTO "OutboxMessage" (topic, payload)
  SELECT 'keep-in-touch.created', jsonb_build_object('taskId', id) FROM created
  RETURNING id
)
SELECT (SELECT count(*) FROM created)::int AS created, (SELECT count(*) FROM queued)::int AS queued`;

export interface KeepInTouchScheduleResult {
  /** Open cases looked at (victims with a weekly, fortnightly or four-weekly contract). */
  casesScanned: number;
  /** Tasks created (each with one "keep-in-touch.created" outbox row). */
  created: number;
  /** Open tasks closed by a contact that reached her (recorded other than through the hub's ledger). */
  closedByContact: number;
  /** Open tasks cancelled: the case closed, or the organisation no longer keeps her informed. */
  cancelled: number;
  /** Open tasks moved to the organisation's current named contact. */
  reassigned: number;
  batches: number;
}

/** Contacts recorded other ways close tasks; closed cases' tasks are cancelled. Both passes start with it. */
async function settleOpenTasks(db: Database, now: Date): Promise<{ closedByContact: number; cancelled: number }> {
  const [closed] = await db.sql.query<{ n: number }>(CLOSE_REACHED, [now.toISOString()]);
  const [cancelled] = await db.sql.query<{ n: number }>(CANCEL_ON_CLOSED_CASES, [now.toISOString()]);
  return { closedByContact: closed?.n ?? 0, cancelled: cancelled?.n ?? 0 };
}

interface FactsRow {
  caseId: string;
  openedAt: Date;
  frequency: UpdateFrequency;
  lastReachedAt: Date | null;
  lastTaskDueAt: Date | null;
  openTasks: (Omit<HeartbeatCaseFacts["openTasks"][number], "dueAt"> & { dueAt: string })[] | string;
  keeperOrganisationId: string | null;
  keeperUserId: string | null;
  keeperUserName: string | null;
  keeperOrganisationName: string | null;
  lastCaseId: string;
  batchSize: number;
}

const dateOrNull = (d: Date | string | null) => (d === null ? null : new Date(d));

/**
 * The heartbeat: for every open case whose victim asked for updates every 1, 2 or 4 weeks, one
 * task per agreed interval for the organisation that keeps her informed (see the top of this
 * file), due in 2 working days; open tasks closed, cancelled or moved as the case now stands.
 * Keyset batches by case id; running it again changes nothing.
 */
export async function scheduleKeepInTouch(db: Database, now: Date, batchSize = 500): Promise<KeepInTouchScheduleResult> {
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new RangeError("batchSize must be a whole number, 1 or more.");
  const dueAt = addWorkingDays(now, KEEP_IN_TOUCH_WORKING_DAYS);
  const settled = await settleOpenTasks(db, now);
  let cursor = FIRST_ID;
  const result: KeepInTouchScheduleResult = { casesScanned: 0, created: 0, ...settled, reassigned: 0, batches: 0 };
  for (;;) {
    const rows = await db.sql.query<FactsRow>(FACTS_IN_BATCH, [now.toISOString(), cursor, batchSize]);
    // With no open case left the query returns no rows, so ask where the batch ended.
    const end = rows[0] ?? (await db.sql.query<{ lastCaseId: string | null; batchSize: number }>(BATCH_END, [cursor, batchSize]))[0];
    result.batches += 1;
    result.casesScanned += end?.batchSize ?? 0;
    if (rows.length) {
      const applied = await applyPlan(db, now, dueAt, rows);
      result.created += applied.created;
      result.cancelled += applied.cancelled;
      result.reassigned += applied.reassigned;
    }
    if (!end?.lastCaseId || end.batchSize < batchSize) break;
    cursor = end.lastCaseId;
  }
  return result;
}

async function applyPlan(db: Database, now: Date, dueAt: Date, rows: FactsRow[]): Promise<{ created: number; cancelled: number; reassigned: number }> {
  const plans = rows.flatMap((r) => {
    const intervalDays = heartbeatIntervalDays(r.frequency);
    if (intervalDays === null) return [];
    const facts: HeartbeatCaseFacts = {
      caseId: r.caseId,
      intervalDays,
      openedAt: new Date(r.openedAt),
      lastReachedAt: dateOrNull(r.lastReachedAt),
      lastTaskDueAt: dateOrNull(r.lastTaskDueAt),
      keeper: r.keeperOrganisationId ? { organisationId: r.keeperOrganisationId, userId: r.keeperUserId } : null,
      openTasks: (typeof r.openTasks === "string" ? (JSON.parse(r.openTasks) as Exclude<FactsRow["openTasks"], string>) : r.openTasks).map((t) => ({ ...t, dueAt: new Date(t.dueAt) })),
    };
    return [{ row: r, facts, actions: planHeartbeat(facts, now) }];
  });
  // Words for every task that will be open after this: the new ones and the keeper's open ones.
  const needWords = plans.filter((p) => p.facts.keeper && (p.actions.some((a) => a.kind === "create") || p.facts.openTasks.some((t) => t.organisationId === p.facts.keeper?.organisationId)));
  const news = await heartbeatNewsFor(
    db.prisma,
    needWords.map((p) => p.row.caseId),
    now,
  );
  const wordsFor = (r: FactsRow) => {
    const n = news.get(r.caseId);
    return n ? heartbeatMessage(n, r.keeperUserName ?? r.keeperOrganisationName ?? "your named contact") : null;
  };
  const creates: object[] = [];
  const updates: { id: string; closedReason: string | null; reassign: boolean; assignedToUserId: string | null; suggestedMessage: string | null }[] = [];
  let cancelled = 0;
  let reassigned = 0;
  for (const { row, facts, actions } of plans) {
    const byTask = new Map<string, HeartbeatAction>(actions.flatMap((a) => (a.kind === "create" ? [] : [[a.taskId, a] as const])));
    for (const task of facts.openTasks) {
      const action = byTask.get(task.id);
      if (action?.kind === "cancel") {
        cancelled += 1;
        updates.push({ id: task.id, closedReason: action.reason, reassign: false, assignedToUserId: null, suggestedMessage: null });
        continue;
      }
      if (action?.kind === "reassign") reassigned += 1;
      updates.push({
        id: task.id,
        closedReason: null,
        reassign: action?.kind === "reassign",
        assignedToUserId: action?.kind === "reassign" ? action.assignedToUserId : task.assignedToUserId,
        suggestedMessage: wordsFor(row),
      });
    }
    for (const a of actions) {
      if (a.kind !== "create") continue;
      const message = wordsFor(row);
      if (message === null) continue;
      creates.push({ caseId: a.caseId, organisationId: a.organisationId, assignedToUserId: a.assignedToUserId, windowStartsAt: a.windowStartsAt.toISOString(), suggestedMessage: message });
    }
  }
  if (updates.length) await db.sql.query(UPDATE_OPEN_TASKS, [JSON.stringify(updates), now.toISOString()]);
  let created = 0;
  if (creates.length) {
    const [row] = await db.sql.query<{ created: number; queued: number }>(CREATE_TASKS, [JSON.stringify(creates), dueAt.toISOString(), now.toISOString()]);
    if (!row || row.created !== row.queued) throw new Error("Keep-in-touch tasks and their outbox rows did not match.");
    created = row.created;
  }
  return { created, cancelled, reassigned };
}

// Escalation: OPEN tasks still open at their due time (nobody reached her since the interval
// started), in keyset batches over the partial unique index
// (only OPEN tasks are in it, so finished ones cost nothing). The admin chosen is an active
// ORGANISATION_ADMIN of the task's organisation, preferably not the person it was assigned to.
const ESCALATE_BATCH = `
WITH escalated AS (
  UPDATE "KeepInTouchTask" t
  SET status = 'ESCALATED', "escalatedAt" = $1::timestamptz,
      "escalatedToUserId" = (
        SELECT m."userId" FROM "Membership" m
        JOIN "User" u ON u.id = m."userId" AND u.active
        WHERE m."organisationId" = t."organisationId" AND m.active AND 'ORGANISATION_ADMIN'::"Role" = ANY(m.roles)
        ORDER BY (m."userId" = t."assignedToUserId") IS TRUE, m."createdAt", m."userId"
        LIMIT 1)
  WHERE t.id IN (
    SELECT id FROM "KeepInTouchTask"
    WHERE status = 'OPEN' AND "dueAt" < $1::timestamptz AND ("caseId", "organisationId") > ($2::uuid, $3::uuid)
      AND NOT EXISTS (
        SELECT 1 FROM "ContactRecord" r
        WHERE r."caseId" = "KeepInTouchTask"."caseId" AND ${COUNTS_AS_CONTACT} AND r.at > "KeepInTouchTask"."windowStartsAt" AND r.at <= $1::timestamptz)
    ORDER BY "caseId", "organisationId"
    LIMIT $4
    FOR UPDATE SKIP LOCKED)
  RETURNING t.id, t."caseId", t."organisationId"
), queued AS (
  INSERT INTO "OutboxMessage" (topic, payload)
  SELECT 'keep-in-touch.escalated', jsonb_build_object('taskId', id) FROM escalated
  RETURNING id
)
SELECT (SELECT count(*) FROM escalated)::int AS escalated, (SELECT count(*) FROM queued)::int AS queued,
       last."caseId"::text AS "lastCaseId", last."organisationId"::text AS "lastOrganisationId"
FROM (SELECT 1) AS one
LEFT JOIN LATERAL (SELECT "caseId", "organisationId" FROM escalated ORDER BY "caseId" DESC, "organisationId" DESC LIMIT 1) AS last ON true`;

export interface KeepInTouchEscalationResult {
  escalated: number;
  batches: number;
}

/**
 * Escalates OPEN keep-in-touch tasks still open past their due time to an active organisation
 * admin (if the organisation has one), with one "keep-in-touch.escalated" outbox row each. A
 * task whose victim was reached is closed instead, never escalated. Idempotent.
 */
export async function escalateOverdueKeepInTouch(db: Database, now: Date, batchSize = 1000): Promise<KeepInTouchEscalationResult> {
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new RangeError("batchSize must be a whole number, 1 or more.");
  // A task she was reached for is closed, and a closed case's cancelled, before any is escalated.
  await settleOpenTasks(db, now);
  let cursor = { caseId: FIRST_ID, organisationId: FIRST_ID };
  const result: KeepInTouchEscalationResult = { escalated: 0, batches: 0 };
  for (;;) {
    const [row] = await db.sql.query<{ escalated: number; queued: number; lastCaseId: string | null; lastOrganisationId: string | null }>(ESCALATE_BATCH, [
      now.toISOString(),
      cursor.caseId,
      cursor.organisationId,
      batchSize,
    ]);
    if (!row || row.escalated !== row.queued) throw new Error("Escalated tasks and their outbox rows did not match.");
    result.batches += 1;
    result.escalated += row.escalated;
    if (row.escalated < batchSize || !row.lastCaseId || !row.lastOrganisationId) break;
    cursor = { caseId: row.lastCaseId, organisationId: row.lastOrganisationId };
  }
  return result;
}

/**
 * The scans' batch-selecting statements and their parameters, for the plan test that checks
 * each walks its partial index (packages/jobs/test/scan-plans.test.ts).
 */
export const KEEP_IN_TOUCH_SCAN_SQL = {
  /** ($1 after case id, $2 batch size) */
  openCases: BATCH_END,
  /** ($1 now, $2 after case id, $3 after organisation id, $4 batch size) */
  escalate: ESCALATE_BATCH,
} as const;
