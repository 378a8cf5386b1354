// Keep in touch: "she has heard nothing for her agreed interval". Victims asked for regular
// updates even when nothing has changed (shared/domain/victims-code.md), so when a victim's
// contact contract says every 1, 2 or 4 weeks and nobody has reached her for that long, her
// named contact's organisation gets ONE open task with a suggested "no change" message. An
// open task nobody acts on within 2 working days goes to the organisation's admin.
//
// Both passes are set-based: a fixed number of statements per batch of cases or tasks,
// whatever the batch size, and a partial unique index (one OPEN task per case and
// organisation) makes a second run, or two workers at once, create nothing new.
import { addWorkingDays, agreedVictimMessage, type MessageSources } from "@hub/core";
import type { CaseStage, Database } from "@hub/db";

/** Working days the named contact has to get in touch before the task is escalated. */
export const KEEP_IN_TOUCH_WORKING_DAYS = 2;

const FIRST_ID = "00000000-0000-0000-0000-000000000000";

/** Contact outcomes that count as the victim having heard from someone. */
const COUNTS_AS_CONTACT = `('REACHED', 'SENT', 'MESSAGE_LEFT')`;

/** The victim's agreed interval, in days, from her contract's update frequency. */
const INTERVAL_DAYS = `CASE k."updateFrequency" WHEN 'EVERY_WEEK' THEN 7 WHEN 'EVERY_2_WEEKS' THEN 14 WHEN 'EVERY_4_WEEKS' THEN 28 END`;

// One keyset batch of open cases whose victim asked for regular updates, and which of them are
// due a task: nobody has reached her within her interval (or, never reached, the case is older
// than it). For those, who owns the task:
//   1. the contract's named contact, through their active membership (as loadActor picks it);
//   2. else the case's current ISVA, then IDVA, then Witness Care involvement, and its named
//      contact (if it has one);
//   3. else the organisation that agreed the contract with her, so no victim is left out
//      because nobody was named.
// A case that already has an OPEN or ESCALATED task for that organisation gets nothing more.
const DUE_IN_BATCH = `
WITH batch AS (
  SELECT c.id, c.stage, c."openedAt", k."namedContactUserId", k."agreedByOrganisationId", ${INTERVAL_DAYS} AS days
  FROM "Case" c
  JOIN "VictimContactContract" k ON k."victimId" = c."victimId"
  WHERE c.id > $2::uuid AND c."closedAt" IS NULL AND c.stage <> 'CLOSED'
    AND k."updateFrequency" IN ('EVERY_WEEK', 'EVERY_2_WEEKS', 'EVERY_4_WEEKS')
  ORDER BY c.id
  LIMIT $3
), due AS (
  SELECT b.*, $1::timestamptz - make_interval(days => b.days) AS since
  FROM batch b
  WHERE coalesce(
    (SELECT max(r.at) FROM "ContactRecord" r WHERE r."caseId" = b.id AND r.outcome IN ${COUNTS_AS_CONTACT}),
    b."openedAt"
  ) < $1::timestamptz - make_interval(days => b.days)
), owner AS (
  SELECT d.id AS "caseId", d.stage, d.since, o."organisationId", o."userId"
  FROM due d
  CROSS JOIN LATERAL (
    SELECT x."organisationId", x."userId" FROM (
      SELECT m."organisationId", m."userId", 1 AS rank, m."createdAt" AS since
      FROM "Membership" m
      JOIN "User" u ON u.id = m."userId" AND u.active
      JOIN "Organisation" og ON og.id = m."organisationId" AND og.active
      WHERE m."userId" = d."namedContactUserId" AND m.active
      UNION ALL
      SELECT i."organisationId", i."namedContactUserId", 1 + array_position(ARRAY['ISVA_SUPPORT', 'IDVA_SUPPORT', 'WITNESS_CARE']::"InvolvementCapacity"[], i.capacity), i.since
      FROM "CaseInvolvement" i
      WHERE i."caseId" = d.id AND i.capacity IN ('ISVA_SUPPORT', 'IDVA_SUPPORT', 'WITNESS_CARE') AND (i.until IS NULL OR i.until > $1::timestamptz)
      UNION ALL
      SELECT d."agreedByOrganisationId", NULL::uuid, 9, NULL::timestamptz
    ) x
    ORDER BY x.rank, x.since NULLS LAST
    LIMIT 1
  ) o
)
SELECT w."caseId"::text AS "caseId", w.stage::text AS stage, w.since, w."organisationId"::text AS "organisationId",
       w."userId"::text AS "userId", u.name AS "contactName", og.name AS "organisationName",
       (SELECT max(id::text) FROM batch) AS "lastCaseId", (SELECT count(*) FROM batch)::int AS "batchSize"
FROM owner w
JOIN "Organisation" og ON og.id = w."organisationId"
LEFT JOIN "User" u ON u.id = w."userId"
WHERE NOT EXISTS (
  SELECT 1 FROM "KeepInTouchTask" t
  WHERE t."caseId" = w."caseId" AND t."organisationId" = w."organisationId" AND t.status IN ('OPEN', 'ESCALATED')
)`;

const BATCH_END = `
SELECT max(id::text) AS "lastCaseId", count(*)::int AS "batchSize" FROM (
  SELECT c.id FROM "Case" c
  JOIN "VictimContactContract" k ON k."victimId" = c."victimId"
  WHERE c.id > $1::uuid AND c."closedAt" IS NULL AND c.stage <> 'CLOSED'
    AND k."updateFrequency" IN ('EVERY_WEEK', 'EVERY_2_WEEKS', 'EVERY_4_WEEKS')
  ORDER BY c.id
  LIMIT $2
) b`;

// What the message is built from: the latest update still in force.
const LATEST_UPDATES = `
SELECT DISTINCT ON (u."caseId") u."caseId"::text AS "caseId", u.id::text AS id, u."occurredAt", u."createdAt", u."victimExplanation"
FROM "CaseUpdate" u
WHERE u."caseId" = ANY($1::uuid[])
  AND NOT EXISTS (SELECT 1 FROM "CaseUpdate" s WHERE s."supersedesId" = u.id)
ORDER BY u."caseId", u."occurredAt" DESC, u."createdAt" DESC`;

// One INSERT for the whole batch. It checks again that she has still not been reached and that
// no task is open or escalated (a caseworker may have acted since the batch was read), and the
// partial unique index "KeepInTouchTask_one_open_per_case_org" settles a race with another
// worker: the loser's row is dropped, not duplicated. One outbox row per task created.
const CREATE_TASKS = `
WITH input AS (
  SELECT * FROM jsonb_to_recordset($1::jsonb)
    AS x("caseId" uuid, "organisationId" uuid, "assignedToUserId" uuid, since timestamptz, "suggestedMessage" text)
), created AS (
  INSERT INTO "KeepInTouchTask" ("caseId", "organisationId", "assignedToUserId", "dueAt", "suggestedMessage")
  SELECT i."caseId", i."organisationId", i."assignedToUserId", $2::timestamptz, i."suggestedMessage"
  FROM input i
  WHERE NOT EXISTS (
      SELECT 1 FROM "KeepInTouchTask" t
      WHERE t."caseId" = i."caseId" AND t."organisationId" = i."organisationId" AND t.status IN ('OPEN', 'ESCALATED'))
    AND NOT EXISTS (
      SELECT 1 FROM "ContactRecord" r
      WHERE r."caseId" = i."caseId" AND r.outcome IN ${COUNTS_AS_CONTACT} AND r.at >= i.since)
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
  batches: number;
}

/**
 * The suggested "no change" message: calm, plain, no legal terms, built from the agreed victim
 * message so it says what every agency says. The caseworker reads it before using it. The next
 * hearing is left out on purpose: court names ("Crown Court") and hearing types are legal terms
 * that need explaining, which is for the person who calls her, not for a template.
 */
export function noChangeMessage(agreed: { whereThingsStand: string; whatHappensNext: string }, contactName: string): string {
  const parts = ["Hello. There is no change in your case since we last spoke.", agreed.whereThingsStand];
  // With no update yet, where things stand is the stage's "what happens next": say it once.
  if (agreed.whatHappensNext !== agreed.whereThingsStand) parts.push(agreed.whatHappensNext);
  parts.push(`If you have any questions, ${contactName} is here to help.`);
  return parts.join(" ");
}

/**
 * Creates one OPEN keep-in-touch task per open case whose victim asked for updates every 1, 2
 * or 4 weeks and has not been reached (REACHED, SENT or MESSAGE_LEFT, by any agency) for that
 * long, due in 2 working days. Keyset batches by case id; running it again creates nothing new.
 */
export async function scheduleKeepInTouch(db: Database, now: Date, batchSize = 500): Promise<KeepInTouchScheduleResult> {
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new RangeError("batchSize must be a whole number, 1 or more.");
  const dueAt = addWorkingDays(now, KEEP_IN_TOUCH_WORKING_DAYS);
  let cursor = FIRST_ID;
  const result: KeepInTouchScheduleResult = { casesScanned: 0, created: 0, batches: 0 };
  for (;;) {
    const due = await db.sql.query<{
      caseId: string;
      stage: CaseStage;
      since: Date;
      organisationId: string;
      userId: string | null;
      contactName: string | null;
      organisationName: string;
      lastCaseId: string;
      batchSize: number;
    }>(DUE_IN_BATCH, [now.toISOString(), cursor, batchSize]);
    // With nothing due the query returns no rows, so ask where the batch ended.
    const end = due[0] ?? (await db.sql.query<{ lastCaseId: string | null; batchSize: number }>(BATCH_END, [cursor, batchSize]))[0];
    result.batches += 1;
    result.casesScanned += end?.batchSize ?? 0;
    if (due.length) result.created += await createTasks(db, now, dueAt, due);
    if (!end?.lastCaseId || end.batchSize < batchSize) break;
    cursor = end.lastCaseId;
  }
  return result;
}

async function createTasks(
  db: Database,
  now: Date,
  dueAt: Date,
  due: { caseId: string; stage: CaseStage; since: Date; organisationId: string; userId: string | null; contactName: string | null; organisationName: string }[],
): Promise<number> {
  const caseIds = due.map((d) => d.caseId);
  const updates = await db.sql.query<{ caseId: string; id: string; occurredAt: Date; createdAt: Date; victimExplanation: string }>(LATEST_UPDATES, [caseIds]);
  const updateOf = new Map(updates.map((u) => [u.caseId, u]));
  const rows = due.map((d) => {
    const update = updateOf.get(d.caseId);
    // The latest update still in force is all agreedVictimMessage takes "where things stand"
    // from; the named contact is the task's own, worked out above.
    const sources: MessageSources = {
      stage: d.stage,
      updates: update
        ? [{ id: update.id, occurredAt: new Date(update.occurredAt), createdAt: new Date(update.createdAt), victimExplanation: update.victimExplanation, supersededById: null }]
        : [],
      hearings: [],
      involvements: [],
    };
    return {
      caseId: d.caseId,
      organisationId: d.organisationId,
      assignedToUserId: d.userId,
      since: new Date(d.since).toISOString(),
      suggestedMessage: noChangeMessage(agreedVictimMessage(sources, now), d.contactName ?? d.organisationName),
    };
  });
  const [row] = await db.sql.query<{ created: number; queued: number }>(CREATE_TASKS, [JSON.stringify(rows), dueAt.toISOString()]);
  if (!row || row.created !== row.queued) throw new Error("Keep-in-touch tasks and their outbox rows did not match.");
  return row.created;
}

// Escalation: OPEN tasks past their due time, in keyset batches over the partial unique index
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
 * Escalates OPEN keep-in-touch tasks past their due time to an active organisation admin (if
 * the organisation has one), with one "keep-in-touch.escalated" outbox row each. Idempotent.
 */
export async function escalateOverdueKeepInTouch(db: Database, now: Date, batchSize = 1000): Promise<KeepInTouchEscalationResult> {
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new RangeError("batchSize must be a whole number, 1 or more.");
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
