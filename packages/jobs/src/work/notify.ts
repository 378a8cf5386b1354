// The production outbox handler: each message becomes notification rows for the people who
// must act on it, written through the drain's transaction so they commit exactly once with the
// message's processedAt. One INSERT ... SELECT per message, whatever the number of recipients,
// and ON CONFLICT ("outboxMessageId", "userId") DO NOTHING, so a message delivered again (a
// worker killed after the insert but before the commit is retried, or a row put back to
// pending by hand) notifies nobody twice.
//
// Rows carry identifiers only (case, clock, task, referral, offer, consent, contact). The words are composed
// when the reader asks (packages/core/src/notifications), so a reader who has since lost
// access to the case is not shown its reference, and no victim data is ever stored here.
import type { SqlRunner } from "@hub/db";
import { mayHoldContactSql } from "@hub/policy";
import type { OutboxHandler, OutboxMessage } from "./outbox.js";

/** An outbox message this handler cannot act on. Its message never quotes the payload. */
export class OutboxMessageError extends Error {
  override name = "OutboxMessageError";
}

// Who may receive a notification: an active user with an active membership of an active
// organisation the notification is for (as loadActor picks who someone acts for), so nothing
// goes to someone who has left. Recipients come in tiers: only the first tier that has anyone
// deliverable is notified (e.g. the assigned caseworker, else the organisation's admins), so a
// task is never lost because the person it named has gone. One row per user: a user who is
// both an admin and a named contact is notified once. $1 is the outbox message id.
const deliver = (recipients: string) => `
WITH ${recipients},
deliverable AS (
  SELECT r.* FROM recipient r
  JOIN "User" u ON u.id = r."userId" AND u.active
  JOIN "Membership" m ON m."userId" = r."userId" AND m."organisationId" = r."organisationId" AND m.active
  JOIN "Organisation" o ON o.id = r."organisationId" AND o.active
)
INSERT INTO "Notification" ("userId", "organisationId", kind, "caseId", "clockId", "taskId", "referralId", "offerId", "handoverId", "involvementId", "consentId", "contactId", "outboxMessageId")
SELECT DISTINCT ON (d."userId") d."userId", d."organisationId", d.kind::"NotificationKind", d."caseId", d."clockId", d."taskId", d."referralId", d."offerId",
  (to_jsonb(d) ->> 'handoverId')::uuid, (to_jsonb(d) ->> 'involvementId')::uuid, (to_jsonb(d) ->> 'consentId')::uuid,
  (to_jsonb(d) ->> 'contactId')::uuid, $1::bigint
FROM deliverable d
WHERE d.tier = (SELECT min(tier) FROM deliverable)
ORDER BY d."userId", d."organisationId"
ON CONFLICT ("outboxMessageId", "userId") DO NOTHING`;

/** The active ORGANISATION_ADMIN memberships of an organisation (checked again in `deliver`). */
const ADMIN = `'ORGANISATION_ADMIN'::"Role" = ANY(m.roles) AND m.active`;
/** Its admins and casework leads: who names a contact when the organisation joins a case. */
const LEADS = `m.roles && ARRAY['ORGANISATION_ADMIN', 'CASEWORK_LEAD']::"Role"[] AND m.active`;

// "clock.breached" {clockId}, $2 the clock. Two shapes:
//  - an acknowledgement clock started by a referral (make-referral.ts stores the referral's id as
//    startedByUpdateId): the receiving organisation owes the acknowledgement but is not on the
//    case yet, so its admins are told, and so is the person who made the referral, who may need
//    to chase it or refer elsewhere (issue #6, "unacknowledged referral escalates");
//  - any other clock: the admins of every organisation of the kind that owes the duty and is on
//    the case now, and those organisations' named contacts on the case.
// A clock owed by nobody (owedByKind NULL: the victim's own review window) matches no
// organisation and notifies nobody; the scan never marks one anyway.
const CLOCK_BREACHED = deliver(`
clock AS (
  SELECT c.id, c."caseId", c."owedByKind", r.id AS "referralId", r."toOrganisationId", r."fromOrganisationId", r."createdByUserId"
  FROM "StatutoryClock" c
  LEFT JOIN "Referral" r ON c.duty = 'REFERRAL_ACKNOWLEDGEMENT' AND r.id = c."startedByUpdateId"
  WHERE c.id = $2::uuid
), owing AS (
  SELECT c.id AS "clockId", c."caseId", i."organisationId", i."namedContactUserId"
  FROM clock c
  JOIN "CaseInvolvement" i ON i."caseId" = c."caseId" AND (i.until IS NULL OR i.until > now())
  JOIN "Organisation" o ON o.id = i."organisationId" AND o.kind = c."owedByKind"
  WHERE c."referralId" IS NULL
), recipient AS (
  SELECT m."userId", w."organisationId", 1 AS tier, 'CLOCK_BREACHED' AS kind, w."caseId", w."clockId", NULL::uuid AS "taskId", NULL::uuid AS "referralId", NULL::uuid AS "offerId"
  FROM owing w JOIN "Membership" m ON m."organisationId" = w."organisationId" AND ${ADMIN}
  UNION ALL
  SELECT w."namedContactUserId", w."organisationId", 1, 'CLOCK_BREACHED', w."caseId", w."clockId", NULL, NULL, NULL
  FROM owing w WHERE w."namedContactUserId" IS NOT NULL
  UNION ALL
  SELECT m."userId", c."toOrganisationId", 1, 'REFERRAL_NOT_ACKNOWLEDGED', c."caseId", c.id, NULL, c."referralId", NULL
  FROM clock c JOIN "Membership" m ON m."organisationId" = c."toOrganisationId" AND ${ADMIN}
  UNION ALL
  SELECT c."createdByUserId", c."fromOrganisationId", 1, 'REFERRAL_NOT_ACKNOWLEDGED', c."caseId", c.id, NULL, c."referralId", NULL
  FROM clock c WHERE c."referralId" IS NOT NULL
)`);

// "keep-in-touch.created" {taskId}, $2 the task: the caseworker it was assigned to; if none (or
// they have left), the admins of the task's organisation, so the victim is not forgotten.
const KEEP_IN_TOUCH_CREATED = deliver(`
task AS (SELECT t.id, t."caseId", t."organisationId", t."assignedToUserId" FROM "KeepInTouchTask" t WHERE t.id = $2::uuid),
recipient AS (
  SELECT t."assignedToUserId" AS "userId", t."organisationId", 1 AS tier, 'KEEP_IN_TOUCH_DUE' AS kind, t."caseId", NULL::uuid AS "clockId", t.id AS "taskId", NULL::uuid AS "referralId", NULL::uuid AS "offerId"
  FROM task t WHERE t."assignedToUserId" IS NOT NULL
  UNION ALL
  SELECT m."userId", t."organisationId", 2, 'KEEP_IN_TOUCH_DUE', t."caseId", NULL, t.id, NULL, NULL
  FROM task t JOIN "Membership" m ON m."organisationId" = t."organisationId" AND ${ADMIN}
)`);

// "keep-in-touch.escalated" {taskId}, $2 the task: the admin the escalation chose. With no
// admin to choose (escalatedToUserId NULL) there is nobody further up to tell.
const KEEP_IN_TOUCH_ESCALATED = deliver(`
recipient AS (
  SELECT t."escalatedToUserId" AS "userId", t."organisationId", 1 AS tier, 'KEEP_IN_TOUCH_ESCALATED' AS kind, t."caseId", NULL::uuid AS "clockId", t.id AS "taskId", NULL::uuid AS "referralId", NULL::uuid AS "offerId"
  FROM "KeepInTouchTask" t WHERE t.id = $2::uuid AND t."escalatedToUserId" IS NOT NULL
)`);

// "enhanced-rights.reassessment-offered" {offerId}, $2 the offer: the victim's named contact in
// her contact agreement (for the organisation they act for, as loadActor picks it), and the
// named contacts of the ISVA, IDVA and Witness Care organisations on her open cases: the people
// who would offer her the reassessment. If none of them is named, those organisations' admins.
// The notification points at the offer's case, or at her first open case.
const REASSESSMENT_OFFERED = deliver(`
offer AS (
  SELECT o.id, o."victimId", coalesce(o."caseId", (
    SELECT c.id FROM "Case" c WHERE c."victimId" = o."victimId" AND c."closedAt" IS NULL AND c.stage <> 'CLOSED' ORDER BY c."openedAt", c.id LIMIT 1
  )) AS "caseId"
  FROM "ReassessmentOffer" o WHERE o.id = $2::uuid
), supporting AS (
  SELECT i."organisationId", i."namedContactUserId"
  FROM offer f
  JOIN "Case" c ON c."victimId" = f."victimId" AND c."closedAt" IS NULL AND c.stage <> 'CLOSED'
  JOIN "CaseInvolvement" i ON i."caseId" = c.id AND i.capacity IN ('ISVA_SUPPORT', 'IDVA_SUPPORT', 'WITNESS_CARE') AND (i.until IS NULL OR i.until > now())
), recipient AS (
  SELECT k."namedContactUserId" AS "userId", (
      SELECT m."organisationId" FROM "Membership" m JOIN "Organisation" og ON og.id = m."organisationId" AND og.active
      WHERE m."userId" = k."namedContactUserId" AND m.active ORDER BY m."createdAt" LIMIT 1
    ) AS "organisationId", 1 AS tier, 'REASSESSMENT_OFFERED' AS kind, f."caseId", NULL::uuid AS "clockId", NULL::uuid AS "taskId", NULL::uuid AS "referralId", f.id AS "offerId"
  FROM offer f JOIN "VictimContactContract" k ON k."victimId" = f."victimId" AND k."namedContactUserId" IS NOT NULL
  UNION ALL
  SELECT s."namedContactUserId", s."organisationId", 1, 'REASSESSMENT_OFFERED', f."caseId", NULL, NULL, NULL, f.id
  FROM offer f CROSS JOIN supporting s WHERE s."namedContactUserId" IS NOT NULL
  UNION ALL
  SELECT m."userId", s."organisationId", 2, 'REASSESSMENT_OFFERED', f."caseId", NULL, NULL, NULL, f.id
  FROM offer f CROSS JOIN supporting s JOIN "Membership" m ON m."organisationId" = s."organisationId" AND ${ADMIN}
)`);

// "case.organisation-joined" {involvementId}, $2 the involvement: the organisation's admins and
// casework leads (who name a contact for the victim), and its named contact if one was named;
// an organisation with none of those tells all its people, so the case is never nobody's.
// Columns beyond the common ones (handoverId, involvementId) are read by name in `deliver`.
const ORGANISATION_JOINED = deliver(`
inv AS (SELECT i.id, i."caseId", i."organisationId", i."namedContactUserId" FROM "CaseInvolvement" i WHERE i.id = $2::uuid AND i.until IS NULL),
recipient AS (
  SELECT m."userId", v."organisationId", 1 AS tier, 'ORGANISATION_JOINED_CASE' AS kind, v."caseId", NULL::uuid AS "clockId", NULL::uuid AS "taskId", NULL::uuid AS "referralId", NULL::uuid AS "offerId", NULL::uuid AS "handoverId", v.id AS "involvementId"
  FROM inv v JOIN "Membership" m ON m."organisationId" = v."organisationId" AND ${LEADS}
  UNION ALL
  SELECT v."namedContactUserId", v."organisationId", 1, 'ORGANISATION_JOINED_CASE', v."caseId", NULL, NULL, NULL, NULL, NULL, v.id
  FROM inv v WHERE v."namedContactUserId" IS NOT NULL
  UNION ALL
  SELECT m."userId", v."organisationId", 2, 'ORGANISATION_JOINED_CASE', v."caseId", NULL, NULL, NULL, NULL, NULL, v.id
  FROM inv v JOIN "Membership" m ON m."organisationId" = v."organisationId" AND m.active
)`);

// "case.named-contact-handed-over" {handoverId}, $2 the hand-over: the person it went to, as a
// member of the involvement's organisation, while the involvement is current.
const NAMED_CONTACT = deliver(`
recipient AS (
  SELECT h."toUserId" AS "userId", i."organisationId", 1 AS tier, 'NAMED_CONTACT_HANDED_OVER' AS kind, i."caseId", NULL::uuid AS "clockId", NULL::uuid AS "taskId", NULL::uuid AS "referralId", NULL::uuid AS "offerId", h.id AS "handoverId", i.id AS "involvementId"
  FROM "ContactHandover" h JOIN "CaseInvolvement" i ON i.id = h."involvementId" AND i.until IS NULL
  WHERE h.id = $2::uuid
)`);

// "consent.self-recorded" {consentId}, $2 the consent: an organisation recorded that she agreed
// to share with itself. Told: the leads of the agency that holds her data (the organisation that
// opened her case there, else its investigating police force) and her named contact, never the
// person who recorded it. The case is her newest case the recording organisation works on.
const CONSENT_SELF_RECORDED = deliver(`
consent AS (
  SELECT c.id, c."victimId", c."capturedByUserId", (
      SELECT k.id FROM "Case" k JOIN "CaseInvolvement" i ON i."caseId" = k.id AND i."organisationId" = c."capturedByOrganisationId" AND i.until IS NULL
      WHERE k."victimId" = c."victimId" ORDER BY k."openedAt" DESC, k.id LIMIT 1
    ) AS "caseId"
  FROM "Consent" c WHERE c.id = $2::uuid AND c."selfRecorded"
), holder AS (
  SELECT f.*, coalesce(k."openedByOrganisationId", (
      SELECT i."organisationId" FROM "CaseInvolvement" i WHERE i."caseId" = k.id AND i.capacity = 'INVESTIGATING_POLICE' ORDER BY i.since LIMIT 1
    )) AS "organisationId"
  FROM consent f JOIN "Case" k ON k.id = f."caseId"
), recipient AS (
  SELECT m."userId", h."organisationId", 1 AS tier, 'CONSENT_SELF_RECORDED' AS kind, h."caseId", NULL::uuid AS "clockId", NULL::uuid AS "taskId", NULL::uuid AS "referralId", NULL::uuid AS "offerId", NULL::uuid AS "handoverId", NULL::uuid AS "involvementId", h.id AS "consentId"
  FROM holder h JOIN "Membership" m ON m."organisationId" = h."organisationId" AND ${LEADS} AND m."userId" <> h."capturedByUserId"
  UNION ALL
  SELECT k."namedContactUserId", (
      SELECT m."organisationId" FROM "Membership" m JOIN "Organisation" og ON og.id = m."organisationId" AND og.active
      WHERE m."userId" = k."namedContactUserId" AND m.active ORDER BY m."createdAt" LIMIT 1
    ), 1, 'CONSENT_SELF_RECORDED', f."caseId", NULL, NULL, NULL, NULL, NULL, NULL, f.id
  FROM consent f JOIN "VictimContactContract" k ON k."victimId" = f."victimId" AND k."namedContactUserId" IS NOT NULL AND k."namedContactUserId" <> f."capturedByUserId"
)`);

// "contact.outside-agreement" {contactId}, $2 the contact: a contact that did not fit her
// contact agreement was recorded (she got in touch, an emergency, ...). Told: her contact circle
// on the case, the organisations on it she agreed may know how to reach her (a consent grant
// for her contact details or safe-contact rules, or an approved sharing decision for them):
// their named contacts and the named contact in her agreement; if none is named, those
// organisations' leads. Never the person who recorded it.
const CONTACT_OUTSIDE_AGREEMENT = deliver(`
contact AS (
  SELECT r.id, r."caseId", r."byUserId", c."victimId" FROM "ContactRecord" r JOIN "Case" c ON c.id = r."caseId"
  WHERE r.id = $2::uuid AND r."outsideAgreement"
), circle AS (
  SELECT f.id AS "contactId", f."caseId", f."byUserId", i."organisationId", i."namedContactUserId"
  FROM contact f
  JOIN "CaseInvolvement" i ON i."caseId" = f."caseId" AND (i.until IS NULL OR i.until > now())
  WHERE ${mayHoldContactSql({ victimId: 'f."victimId"', caseId: 'f."caseId"', organisationId: 'i."organisationId"', now: "now()" }, ["CONTACT_DETAILS", "SAFE_CONTACT_RULES"])}
), recipient AS (
  SELECT w."namedContactUserId" AS "userId", w."organisationId", 1 AS tier, 'CONTACT_OUTSIDE_AGREEMENT' AS kind, w."caseId", NULL::uuid AS "clockId", NULL::uuid AS "taskId", NULL::uuid AS "referralId", NULL::uuid AS "offerId", w."contactId"
  FROM circle w WHERE w."namedContactUserId" IS NOT NULL AND w."namedContactUserId" <> w."byUserId"
  UNION ALL
  SELECT k."namedContactUserId", (
      SELECT m."organisationId" FROM "Membership" m JOIN "Organisation" og ON og.id = m."organisationId" AND og.active
      WHERE m."userId" = k."namedContactUserId" AND m.active ORDER BY m."createdAt" LIMIT 1
    ), 1, 'CONTACT_OUTSIDE_AGREEMENT', f."caseId", NULL, NULL, NULL, NULL, f.id
  FROM contact f JOIN "VictimContactContract" k ON k."victimId" = f."victimId" AND k."namedContactUserId" IS NOT NULL AND k."namedContactUserId" <> f."byUserId"
  UNION ALL
  SELECT m."userId", w."organisationId", 2, 'CONTACT_OUTSIDE_AGREEMENT', w."caseId", NULL, NULL, NULL, NULL, w."contactId"
  FROM circle w JOIN "Membership" m ON m."organisationId" = w."organisationId" AND ${LEADS} AND m."userId" <> w."byUserId"
)`);

/** Each topic the hub writes, the payload key naming its row, and the statement that notifies. */
const TOPICS: Readonly<Record<string, { key: string; sql: string }>> = {
  "clock.breached": { key: "clockId", sql: CLOCK_BREACHED },
  "keep-in-touch.created": { key: "taskId", sql: KEEP_IN_TOUCH_CREATED },
  "keep-in-touch.escalated": { key: "taskId", sql: KEEP_IN_TOUCH_ESCALATED },
  "enhanced-rights.reassessment-offered": { key: "offerId", sql: REASSESSMENT_OFFERED },
  "case.organisation-joined": { key: "involvementId", sql: ORGANISATION_JOINED },
  "case.named-contact-handed-over": { key: "handoverId", sql: NAMED_CONTACT },
  "consent.self-recorded": { key: "consentId", sql: CONSENT_SELF_RECORDED },
  "contact.outside-agreement": { key: "contactId", sql: CONTACT_OUTSIDE_AGREEMENT },
};

export const NOTIFYING_TOPICS = Object.keys(TOPICS);

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Writes the notifications one outbox message calls for, through the drain's transaction.
 * A row the message names that no longer exists (its case was deleted) notifies nobody and the
 * message is done. An unknown topic or a payload without its identifier THROWS, so the message
 * stays pending and the drain logs its id and topic (never the payload) on every drain until it
 * is dealt with: acknowledging it would lose, silently, something a newer hub wrote for someone
 * to act on (during a rolling deploy an older worker meets topics it does not know yet; a newer
 * worker then processes them). Returns the number of notifications written.
 */
export async function notifyForMessage(message: Pick<OutboxMessage, "id" | "topic" | "payload">, tx: SqlRunner): Promise<number> {
  const topic = Object.hasOwn(TOPICS, message.topic) ? TOPICS[message.topic] : undefined;
  if (!topic) throw new OutboxMessageError("No handler for this outbox topic; the message stays pending.");
  const id = message.payload?.[topic.key];
  if (typeof id !== "string" || !UUID.test(id)) throw new OutboxMessageError(`The outbox message has no valid ${topic.key}; it stays pending.`);
  const written = await tx.query<Record<string, never>>(`${topic.sql} RETURNING 1 AS one`, [message.id, id]);
  return written.length;
}

/** The hub's outbox handler: notifications for the people who must act (see notifyForMessage). */
export const notifyOutboxHandler: OutboxHandler = async (message, tx) => {
  await notifyForMessage(message, tx);
};
