// The production outbox handler: each topic notifies exactly the people who must act, once
// each, however often the message is delivered; a message it cannot handle stays pending.
import type { OrganisationKind, Role } from "@hub/db";
import { createHubWorker, createInProcessQueue, drainOutbox, notifyOutboxHandler, scanBreachedClocks } from "@hub/jobs";
import { createTestDatabase, makeCase, makeOrganisation, makeUser, type TestDatabase } from "@hub/test-utils";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { captureLogger, type LogLine, waitFor } from "./support.js";

const NOW = new Date("2026-12-02T10:00:00.000Z");
const HOUR = 3_600_000;

let db: TestDatabase;
const ids: Record<string, string> = {};
/** Who each user is, by key, to make failures readable. */
const keyOf = new Map<string, string>();

async function user(key: string, org: string, roles: Role[], options: { leftOrganisation?: boolean; deactivated?: boolean } = {}) {
  const u = await makeUser(db.prisma, ids[org]!, roles);
  ids[key] = u.id;
  keyOf.set(u.id, key);
  if (options.leftOrganisation) await db.prisma.membership.updateMany({ where: { userId: u.id }, data: { active: false } });
  if (options.deactivated) await db.prisma.user.update({ where: { id: u.id }, data: { active: false } });
}

async function involve(caseId: string, org: string, capacity: "WITNESS_CARE" | "INVESTIGATING_POLICE" | "ISVA_SUPPORT" | "IDVA_SUPPORT", contact?: string, until?: Date) {
  await db.prisma.caseInvolvement.create({
    data: { caseId, organisationId: ids[org]!, capacity, since: new Date(NOW.getTime() - 30 * 24 * HOUR), until: until ?? null, namedContactUserId: contact ? ids[contact]! : null },
  });
}

async function dueClock(caseId: string, duty: string, owedByKind: OrganisationKind | null, startedByUpdateId?: string) {
  const clock = await db.prisma.statutoryClock.create({
    data: { caseId, duty, owedByKind, enhanced: false, startedAt: new Date(NOW.getTime() - 72 * HOUR), dueAt: new Date(NOW.getTime() - HOUR), startedByUpdateId: startedByUpdateId ?? null },
  });
  return clock.id;
}

async function addMessage(topic: string, payload: Record<string, unknown>) {
  await db.sql.query(`INSERT INTO "OutboxMessage" (topic, payload) VALUES ($1, $2::jsonb)`, [topic, JSON.stringify(payload)]);
}

/** Who was notified about a row (clockId, taskId or offerId), as user keys, with the kind and org. */
async function notified(column: "clockId" | "taskId" | "offerId", id: string) {
  const rows = await db.sql.query<{ userId: string; organisationId: string; kind: string; caseId: string | null; referralId: string | null; offerId: string | null; taskId: string | null }>(
    `SELECT "userId"::text AS "userId", "organisationId"::text AS "organisationId", kind::text AS kind, "caseId"::text AS "caseId",
            "referralId"::text AS "referralId", "offerId"::text AS "offerId", "taskId"::text AS "taskId"
     FROM "Notification" WHERE "${column}" = $1::uuid`,
    [id],
  );
  return rows.map((r) => ({ ...r, who: keyOf.get(r.userId) ?? r.userId })).sort((a, b) => a.who.localeCompare(b.who));
}
const whoGot = async (column: "clockId" | "taskId" | "offerId", id: string) => (await notified(column, id)).map((n) => n.who);

const count = async (sql: string) => (await db.sql.query<{ n: number }>(sql))[0]!.n;
const totalNotifications = () => count(`SELECT count(*)::int AS n FROM "Notification"`);
const pendingTopics = async () => (await db.sql.query<{ topic: string }>(`SELECT topic FROM "OutboxMessage" WHERE "processedAt" IS NULL ORDER BY id`)).map((r) => r.topic);

const cases: Record<string, { id: string; victimId: string }> = {};
const tasks: Record<string, string> = {};
const offers: Record<string, string> = {};
const clocks: Record<string, string> = {};
let referralId: string;
const failures: { id: string; topic: string; error: unknown }[] = [];
let firstDrain: Awaited<ReturnType<typeof drainOutbox>>;

beforeAll(async () => {
  db = await createTestDatabase();
  const p = db.prisma;
  ids.area = (await p.area.create({ data: { code: "NTFY", name: "Notification test area" } })).id;
  const org = async (key: string, kind: "POLICE_WCU" | "POLICE" | "ISVA_SERVICE" | "IDVA_SERVICE") =>
    (ids[key] = (await makeOrganisation(p, { kind, legalType: kind.startsWith("POLICE") ? "COMPETENT_AUTHORITY" : "VOLUNTARY_SECTOR", areaIds: [ids.area!] })).id);
  await org("wcu", "POLICE_WCU");
  await org("oldWcu", "POLICE_WCU");
  await org("police", "POLICE");
  await org("isva", "ISVA_SERVICE");
  await org("idva", "IDVA_SERVICE");

  await user("wcuAdmin", "wcu", ["ORGANISATION_ADMIN"]);
  await user("wcuLead", "wcu", ["ORGANISATION_ADMIN", "CASEWORKER"]);
  await user("wcuOfficer", "wcu", ["CASEWORKER"]);
  await user("wcuFormerAdmin", "wcu", ["ORGANISATION_ADMIN"], { leftOrganisation: true });
  await user("wcuDisabledAdmin", "wcu", ["ORGANISATION_ADMIN"], { deactivated: true });
  await user("oldWcuAdmin", "oldWcu", ["ORGANISATION_ADMIN"]);
  await user("policeAdmin", "police", ["ORGANISATION_ADMIN"]);
  await user("officer", "police", ["CASEWORKER"]);
  await user("isvaAdmin", "isva", ["ORGANISATION_ADMIN", "ADVOCATE"]);
  await user("isvaWorker", "isva", ["ADVOCATE"]);
  await user("isvaLeaver", "isva", ["ADVOCATE"], { leftOrganisation: true });
  await user("idvaAdmin", "idva", ["ORGANISATION_ADMIN"]);
  await user("idvaWorker", "idva", ["ADVOCATE"]);

  for (const key of ["X", "Y", "Z"]) cases[key] = await makeCase(p, { areaId: ids.area! });
  // X: the WCU's lead is also its named contact (one notification, not two); the police are
  // on it but owe nothing here; a WCU that left the case last week is not told.
  await involve(cases.X!.id, "wcu", "WITNESS_CARE", "wcuLead");
  await involve(cases.X!.id, "police", "INVESTIGATING_POLICE", "officer");
  await involve(cases.X!.id, "oldWcu", "WITNESS_CARE", undefined, new Date(NOW.getTime() - 7 * 24 * HOUR));
  // Y: the WCU officer is the named contact; an IDVA supports her.
  await involve(cases.Y!.id, "wcu", "WITNESS_CARE", "wcuOfficer");
  await involve(cases.Y!.id, "idva", "IDVA_SUPPORT", "idvaWorker");
  await involve(cases.Y!.id, "police", "INVESTIGATING_POLICE", "officer");
  // Z: an IDVA supports her but nobody is named.
  await involve(cases.Z!.id, "idva", "IDVA_SUPPORT");

  clocks.hearingX = await dueClock(cases.X!.id, "RIGHT_8_HEARING_DETAILS", "POLICE_WCU");
  clocks.hearingY = await dueClock(cases.Y!.id, "RIGHT_8_HEARING_DETAILS", "POLICE_WCU");
  // Owed by an IDVA service, and none is on case X: nobody to tell.
  clocks.nobodyOwes = await dueClock(cases.X!.id, "RIGHT_6_POLICE_UPDATE", "IDVA_SERVICE");
  // The police refer X's victim to the ISVA service, which never acknowledges.
  referralId = (
    await p.referral.create({
      data: { caseId: cases.X!.id, fromOrganisationId: ids.police!, toOrganisationId: ids.isva!, reason: "She would like support before the trial.", createdByUserId: ids.officer! },
    })
  ).id;
  clocks.referral = await dueClock(cases.X!.id, "REFERRAL_ACKNOWLEDGEMENT", "ISVA_SERVICE", referralId);
  // The victim's own review window: the scan never marks it; if a message named it anyway, nobody is told.
  clocks.vrr = await dueClock(cases.X!.id, "VRR_REQUEST_WINDOW", null);

  const task = async (key: string, data: { caseKey: string; org: string; assigned?: string; escalatedTo?: string }) => {
    const t = await p.keepInTouchTask.create({
      data: {
        caseId: cases[data.caseKey]!.id,
        organisationId: ids[data.org]!,
        assignedToUserId: data.assigned ? ids[data.assigned]! : null,
        dueAt: NOW,
        suggestedMessage: "Hello. There is no change in your case since we last spoke.",
        ...(data.escalatedTo ? { status: "ESCALATED", escalatedAt: NOW, escalatedToUserId: ids[data.escalatedTo]! } : {}),
      },
    });
    tasks[key] = t.id;
  };
  await task("assigned", { caseKey: "Y", org: "isva", assigned: "isvaWorker" });
  await task("unassigned", { caseKey: "Y", org: "idva" });
  await task("assignedToLeaver", { caseKey: "X", org: "isva", assigned: "isvaLeaver" });
  await task("escalated", { caseKey: "Z", org: "idva", escalatedTo: "idvaAdmin" });

  // Y's victim named the ISVA worker in her contact agreement (not on the case, still told).
  await p.victimContactContract.create({
    data: { victimId: cases.Y!.victimId, channels: ["PHONE"], refusedChannels: [], safeDays: [], namedContactUserId: ids.isvaWorker!, agreedByUserId: ids.isvaWorker!, agreedByOrganisationId: ids.isva! },
  });
  offers.Y = (await p.reassessmentOffer.create({ data: { victimId: cases.Y!.victimId, reason: "NEEDS_CHANGED" } })).id;
  offers.Z = (await p.reassessmentOffer.create({ data: { victimId: cases.Z!.victimId, caseId: cases.Z!.id, reason: "CASE_FACTS_CHANGED" } })).id;

  expect(await scanBreachedClocks(db, NOW)).toMatchObject({ breached: 4 });
  await addMessage("clock.breached", { clockId: clocks.vrr });
  for (const key of ["assigned", "unassigned", "assignedToLeaver"]) await addMessage("keep-in-touch.created", { taskId: tasks[key] });
  await addMessage("keep-in-touch.escalated", { taskId: tasks.escalated });
  for (const key of ["Y", "Z"]) await addMessage("enhanced-rights.reassessment-offered", { offerId: offers[key] });
  await addMessage("victim.abducted-by-aliens", { caseId: cases.X!.id });
  await addMessage("keep-in-touch.created", { taskId: "not-a-task-id" });

  firstDrain = await drainOutbox(db, notifyOutboxHandler, 5, (m, error) => failures.push({ ...m, error }));
});
afterAll(async () => {
  await db?.close();
});

describe("notifyOutboxHandler", () => {
  it("tells the owing organisation's admins and its named contact on the case, once each, about a missed deadline", async () => {
    const x = await notified("clockId", clocks.hearingX!);
    expect(x.map((n) => n.who)).toEqual(["wcuAdmin", "wcuLead"]);
    expect(x.every((n) => n.kind === "CLOCK_BREACHED" && n.caseId === cases.X!.id && n.organisationId === ids.wcu && n.referralId === null)).toBe(true);
    expect(await whoGot("clockId", clocks.hearingY!)).toEqual(["wcuAdmin", "wcuLead", "wcuOfficer"]);
    expect(await whoGot("clockId", clocks.nobodyOwes!)).toEqual([]);
    expect(await whoGot("clockId", clocks.vrr!)).toEqual([]);
  });

  it("escalates an unacknowledged referral to the receiving organisation's admins and the referrer", async () => {
    const got = await notified("clockId", clocks.referral!);
    expect(got.map((n) => ({ who: n.who, kind: n.kind, org: n.organisationId, referralId: n.referralId, caseId: n.caseId }))).toEqual([
      { who: "isvaAdmin", kind: "REFERRAL_NOT_ACKNOWLEDGED", org: ids.isva, referralId, caseId: cases.X!.id },
      { who: "officer", kind: "REFERRAL_NOT_ACKNOWLEDGED", org: ids.police, referralId, caseId: cases.X!.id },
    ]);
  });

  it("tells the assigned caseworker a victim is due contact, or the organisation's admins if nobody (still there) is assigned", async () => {
    expect(await whoGot("taskId", tasks.assigned!)).toEqual(["isvaWorker"]);
    expect(await whoGot("taskId", tasks.unassigned!)).toEqual(["idvaAdmin"]);
    expect(await whoGot("taskId", tasks.assignedToLeaver!)).toEqual(["isvaAdmin"]);
    expect((await notified("taskId", tasks.assigned!))[0]).toMatchObject({ kind: "KEEP_IN_TOUCH_DUE", caseId: cases.Y!.id, organisationId: ids.isva });
  });

  it("tells the admin an overdue task was escalated to", async () => {
    expect(await notified("taskId", tasks.escalated!)).toMatchObject([{ who: "idvaAdmin", kind: "KEEP_IN_TOUCH_ESCALATED", caseId: cases.Z!.id }]);
  });

  it("tells her named contact and the ISVA, IDVA and Witness Care contacts on her open cases that a reassessment is due", async () => {
    const y = await notified("offerId", offers.Y!);
    expect(y.map((n) => n.who)).toEqual(["idvaWorker", "isvaWorker", "wcuOfficer"]);
    // The offer named no case: her first open case.
    expect(y.every((n) => n.kind === "REASSESSMENT_OFFERED" && n.caseId === cases.Y!.id)).toBe(true);
    expect(y.find((n) => n.who === "isvaWorker")!.organisationId).toBe(ids.isva);
    // Nobody named on Z: the supporting organisation's admins.
    expect(await notified("offerId", offers.Z!)).toMatchObject([{ who: "idvaAdmin", caseId: cases.Z!.id }]);
  });

  it("leaves an unknown topic or a message without its identifier pending, and says only its id and topic", async () => {
    expect(firstDrain).toMatchObject({ failed: 2 });
    expect(await pendingTopics()).toEqual(["victim.abducted-by-aliens", "keep-in-touch.created"]);
    expect(failures.map((f) => f.topic)).toEqual(["victim.abducted-by-aliens", "keep-in-touch.created"]);
    for (const f of failures) {
      const said = `${(f.error as Error).message}`;
      expect(said).not.toContain(cases.X!.id);
      expect(said).not.toContain("not-a-task-id");
    }
  });

  it("notifies nobody twice when messages are delivered again", async () => {
    const before = await totalNotifications();
    expect(before).toBe(2 + 3 + 2 + 1 + 1 + 1 + 1 + 3 + 1);
    // A second drain finds nothing new; putting every message back to pending (a redelivery)
    // runs the handler again on each, and ON CONFLICT keeps it to one row per person.
    expect((await drainOutbox(db, notifyOutboxHandler)).processed).toBe(0);
    await db.sql.query(`UPDATE "OutboxMessage" SET "processedAt" = NULL WHERE topic <> 'victim.abducted-by-aliens' AND payload->>'taskId' IS DISTINCT FROM 'not-a-task-id'`);
    const again = await drainOutbox(db, notifyOutboxHandler);
    expect(again).toMatchObject({ processed: 11, failed: 2 });
    expect(await totalNotifications()).toBe(before);
    expect(await count(`SELECT count(*)::int AS n FROM (SELECT 1 FROM "Notification" GROUP BY "outboxMessageId", "userId" HAVING count(*) > 1) d`)).toBe(0);
  });

  it("is what the worker runs: a breached clock becomes notifications, and a failing message is logged by id and topic only", async () => {
    const clockId = await dueClock(cases.Y!.id, "RIGHT_8_BAIL_OUTCOME", "POLICE_WCU");
    const lines: LogLine[] = [];
    const worker = createHubWorker({ db, queue: createInProcessQueue(), logger: captureLogger(lines), now: () => NOW, intervalMs: 3_600_000 });
    await worker.start({ schedule: false });
    try {
      await worker.tick();
      await waitFor(async () => (await whoGot("clockId", clockId)).length === 3, 10_000, "the notifications");
    } finally {
      await worker.stop();
    }
    expect(await whoGot("clockId", clockId)).toEqual(["wcuAdmin", "wcuLead", "wcuOfficer"]);
    const warned = lines.filter((l) => l.msg === "outbox message failed; it stays pending");
    expect(new Set(warned.map((l) => l.topic))).toEqual(new Set(["victim.abducted-by-aliens", "keep-in-touch.created"]));
    expect(warned.every((l) => typeof l.outboxId === "string")).toBe(true);
    const logged = JSON.stringify(lines);
    for (const value of ["not-a-task-id", cases.X!.id, cases.Y!.id]) expect(logged).not.toContain(value);
  });
});
