// Keep in touch: one task per case where the victim's agreed interval has passed without
// anyone reaching her, for her named contact, with a plain "no change" message; escalation of
// the tasks nobody acted on. Both passes are idempotent. (The heartbeat over many weeks:
// tests/keep-in-touch-heartbeat.test.ts.)
import { addWorkingDays, agreedVictimMessage, checkPlainLanguage } from "@hub/core";
import type { ContactOutcome, InvolvementCapacity, UpdateFrequency } from "@hub/db";
import { escalateOverdueKeepInTouch, scheduleKeepInTouch } from "@hub/jobs";
import { createTestDatabase, makeCase, makeConsent, makeOrganisation, makeUser, type TestDatabase } from "@hub/test-utils";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// A Wednesday: 2 working days later is the end of Friday 4 December (London time = UTC in winter).
const T = new Date("2026-12-02T10:00:00.000Z");
const DAY = 86_400_000;
const daysAgo = (n: number) => new Date(T.getTime() - n * DAY);

let db: TestDatabase;
const ids: Record<string, string> = {};
const names: Record<string, string> = {};
const cases: Record<string, string> = {};
const orgOf: Record<string, string> = {};

const CORRECTED = "The police have spoken to the person you named. They are still looking into what happened and will call you when they know more.";

async function caseFor(
  key: string,
  input: {
    frequency: UpdateFrequency;
    namedContact?: string;
    openedDaysAgo: number;
    involve?: { org: string; capacity: InvolvementCapacity; contact?: string }[];
    contacts?: { daysAgo: number; outcome: ContactOutcome }[];
    closed?: boolean;
  },
) {
  const made = await makeCase(db.prisma, {
    areaId: ids.area!,
    openedAt: daysAgo(input.openedDaysAgo),
    stage: input.closed ? "CLOSED" : "UNDER_INVESTIGATION",
  });
  if (input.closed) await db.prisma.case.update({ where: { id: made.id }, data: { closedAt: daysAgo(1) } });
  // Her named contact's organisation is on the case (an ISVA unless said otherwise): a task
  // goes only to an organisation on the case that she lets have her contact details.
  const involve = [...(input.involve ?? [])];
  const namedOrg = input.namedContact ? orgOf[input.namedContact]! : null;
  if (namedOrg && !involve.some((i) => i.org === namedOrg)) involve.push({ org: namedOrg, capacity: "ISVA_SUPPORT", contact: input.namedContact });
  for (const inv of involve)
    await db.prisma.caseInvolvement.create({
      data: { caseId: made.id, organisationId: ids[inv.org]!, capacity: inv.capacity, since: daysAgo(input.openedDaysAgo), namedContactUserId: inv.contact ? ids[inv.contact]! : null },
    });
  await makeConsent(db.prisma, {
    victimId: made.victimId,
    capturedByUserId: ids.officer!,
    capturedByOrganisationId: ids.police!,
    at: daysAgo(input.openedDaysAgo),
    statements: [...new Set([...involve.map((i) => i.org), "police"])].map((org) => ({ category: "CONTACT_DETAILS" as const, to: { organisationId: ids[org]! } })),
  });
  await db.prisma.victimContactContract.create({
    data: {
      victimId: made.victimId,
      channels: ["PHONE"],
      refusedChannels: [],
      safeDays: [],
      updateFrequency: input.frequency,
      namedContactUserId: input.namedContact ? ids[input.namedContact]! : null,
      agreedByUserId: ids.officer!,
      agreedByOrganisationId: ids.police!,
    },
  });
  for (const c of input.contacts ?? [])
    await db.prisma.contactRecord.create({
      data: { caseId: made.id, at: daysAgo(c.daysAgo), byUserId: ids.officer!, organisationId: ids.police!, channel: "PHONE", summary: "Called her.", outcome: c.outcome },
    });
  cases[key] = made.id;
  return made;
}

beforeAll(async () => {
  db = await createTestDatabase();
  const p = db.prisma;
  ids.area = (await p.area.create({ data: { code: "KIT", name: "Keep in touch test area" } })).id;
  ids.isva = (await makeOrganisation(p, { kind: "ISVA_SERVICE", areaIds: [ids.area] })).id;
  ids.idva = (await makeOrganisation(p, { kind: "IDVA_SERVICE", areaIds: [ids.area] })).id;
  ids.wcu = (await makeOrganisation(p, { kind: "POLICE_WCU", legalType: "COMPETENT_AUTHORITY", areaIds: [ids.area] })).id;
  ids.police = (await makeOrganisation(p, { name: "Keep in touch test police", kind: "POLICE", legalType: "COMPETENT_AUTHORITY", areaIds: [ids.area] })).id;
  const user = async (key: string, org: string, roles: Parameters<typeof makeUser>[2]) => {
    const u = await makeUser(p, ids[org]!, roles);
    ids[key] = u.id;
    orgOf[key] = org;
    names[key] = u.name;
  };
  // The first admin is no longer active there: the escalation must pass them over.
  await user("formerAdmin", "isva", ["ORGANISATION_ADMIN"]);
  await p.membership.updateMany({ where: { userId: ids.formerAdmin }, data: { active: false } });
  await user("isvaWorker", "isva", ["ADVOCATE"]);
  await user("isvaAdmin", "isva", ["ORGANISATION_ADMIN", "ADVOCATE"]);
  await user("idvaWorker", "idva", ["ADVOCATE"]);
  await user("wcuOfficer", "wcu", ["CASEWORKER"]);
  await user("officer", "police", ["CASEWORKER"]);
  await user("leaver", "idva", ["ADVOCATE"]);
  await p.membership.updateMany({ where: { userId: ids.leaver }, data: { active: false } });

  // A: weekly, reached 8 days ago: due. Her named contact is the ISVA.
  const a = await caseFor("A", {
    frequency: "EVERY_WEEK",
    namedContact: "isvaWorker",
    openedDaysAgo: 60,
    involve: [
      { org: "wcu", capacity: "WITNESS_CARE", contact: "wcuOfficer" },
      { org: "isva", capacity: "ISVA_SUPPORT", contact: "isvaWorker" },
    ],
    contacts: [{ daysAgo: 8, outcome: "REACHED" }],
  });
  const update = (explanation: string, occurred: number, supersedesId?: string) =>
    p.caseUpdate.create({
      data: {
        caseId: a.id,
        type: "PROGRESS_NOTE",
        occurredAt: daysAgo(occurred),
        createdAt: daysAgo(occurred),
        recordedByUserId: ids.officer!,
        recordedByOrganisationId: ids.police!,
        victimExplanation: explanation,
        supersedesId: supersedesId ?? null,
      },
    });
  await update("The police have written down what you told them.", 40);
  const wrong = await update("The police have spoken to the wrong person.", 20);
  await update(CORRECTED, 20, wrong.id);
  // B: fortnightly, reached 10 days ago: not due.
  await caseFor("B", { frequency: "EVERY_2_WEEKS", namedContact: "isvaWorker", openedDaysAgo: 60, contacts: [{ daysAgo: 10, outcome: "REACHED" }] });
  // C: four-weekly, never reached, open 30 days, no named contact: the IDVA (before Witness Care).
  await caseFor("C", {
    frequency: "EVERY_4_WEEKS",
    openedDaysAgo: 30,
    involve: [
      { org: "wcu", capacity: "WITNESS_CARE", contact: "wcuOfficer" },
      { org: "idva", capacity: "IDVA_SUPPORT", contact: "idvaWorker" },
    ],
  });
  // D: weekly, never reached, but open only 3 days: not due.
  await caseFor("D", { frequency: "EVERY_WEEK", namedContact: "isvaWorker", openedDaysAgo: 3 });
  // E: "only when something happens": never a task.
  await caseFor("E", { frequency: "ONLY_WHEN_SOMETHING_HAPPENS", namedContact: "isvaWorker", openedDaysAgo: 90 });
  // F: weekly, reached 20 days ago; an unanswered call 2 days ago does not count.
  await caseFor("F", {
    frequency: "EVERY_WEEK",
    namedContact: "isvaWorker",
    openedDaysAgo: 60,
    contacts: [
      { daysAgo: 20, outcome: "REACHED" },
      { daysAgo: 2, outcome: "NO_ANSWER" },
    ],
  });
  // G: weekly, a message left 2 days ago counts: not due.
  await caseFor("G", { frequency: "EVERY_WEEK", namedContact: "isvaWorker", openedDaysAgo: 60, contacts: [{ daysAgo: 2, outcome: "MESSAGE_LEFT" }] });
  // H: weekly but closed: never a task.
  await caseFor("H", { frequency: "EVERY_WEEK", namedContact: "isvaWorker", openedDaysAgo: 90, closed: true });
  // I: fortnightly, nobody named and no supporting agency: the organisation that agreed the contract.
  await caseFor("I", { frequency: "EVERY_2_WEEKS", openedDaysAgo: 60, involve: [{ org: "police", capacity: "INVESTIGATING_POLICE", contact: "officer" }] });
  // J: weekly, the named contact has left (membership inactive): the ISVA on the case instead.
  await caseFor("J", { frequency: "EVERY_WEEK", namedContact: "leaver", openedDaysAgo: 60, involve: [{ org: "isva", capacity: "ISVA_SUPPORT", contact: "isvaWorker" }] });
});
afterAll(async () => {
  await db?.close();
});

const tasks = () =>
  db.prisma.keepInTouchTask.findMany({ orderBy: [{ caseId: "asc" }] }).then((rows) =>
    rows
      .map((t) => ({ ...t, key: Object.entries(cases).find(([, id]) => id === t.caseId)![0] }))
      .sort((x, y) => x.key.localeCompare(y.key)),
  );
const outboxCount = async (topic: string) =>
  (await db.sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM "OutboxMessage" WHERE topic = $1`, [topic]))[0]!.n;

describe("scheduleKeepInTouch", () => {
  it("creates one task per case whose interval has passed, for the named contact, even with two runs at once", async () => {
    const [one, two] = await Promise.all([scheduleKeepInTouch(db, T, 3), scheduleKeepInTouch(db, T, 3)]);
    expect(one.created + two.created).toBe(5);
    // Open cases with a 1-, 2- or 4-weekly contract: A B C D F G I J, in batches of 3.
    expect(one.casesScanned).toBe(8);
    expect(one.batches).toBe(3);

    const created = await tasks();
    expect(created.map((t) => [t.key, t.organisationId, t.assignedToUserId, t.status])).toEqual([
      ["A", ids.isva, ids.isvaWorker, "OPEN"],
      ["C", ids.idva, ids.idvaWorker, "OPEN"],
      ["F", ids.isva, ids.isvaWorker, "OPEN"],
      ["I", ids.police, null, "OPEN"],
      ["J", ids.isva, ids.isvaWorker, "OPEN"],
    ]);
    const due = addWorkingDays(T, 2);
    expect(due.toISOString()).toBe("2026-12-04T23:59:59.999Z");
    for (const t of created) expect(t.dueAt).toEqual(due);
    expect(await outboxCount("keep-in-touch.created")).toBe(5);
    const payloads = await db.sql.query<{ taskId: string }>(`SELECT payload->>'taskId' AS "taskId" FROM "OutboxMessage" WHERE topic = 'keep-in-touch.created' ORDER BY 1`);
    expect(payloads.map((r) => r.taskId)).toEqual(created.map((t) => t.id).sort());
  });

  it("suggests a plain message built from the agreed victim message, naming her contact", async () => {
    const byKey = Object.fromEntries((await tasks()).map((t) => [t.key, t]));
    for (const key of ["A", "C"]) {
      const found = await db.prisma.case.findUniqueOrThrow({
        where: { id: cases[key]! },
        include: { updates: { include: { supersededBy: { select: { id: true } } }, orderBy: [{ occurredAt: "asc" }, { createdAt: "asc" }] } },
      });
      const agreed = agreedVictimMessage(
        { stage: found.stage, updates: found.updates.map((u) => ({ ...u, supersededById: u.supersededBy?.id ?? null })), hearings: [], involvements: [] },
        T,
      );
      const message = byKey[key]!.suggestedMessage;
      expect(message).toContain(agreed.whereThingsStand);
      expect(message.startsWith("Hello. There is no change in your case since we last spoke.")).toBe(true);
      const report = checkPlainLanguage(message);
      expect(report.findings).toEqual([]);
      expect(report.ok).toBe(true);
    }
    expect(byKey.A!.suggestedMessage).toContain(CORRECTED);
    expect(byKey.A!.suggestedMessage).not.toContain("wrong person");
    expect(byKey.A!.suggestedMessage).toContain(`If you have any questions, ${names.isvaWorker} is here to help.`);
    expect(byKey.C!.suggestedMessage).toContain(`${names.idvaWorker} is here to help.`);
    expect(byKey.I!.suggestedMessage).toContain("Keep in touch test police is here to help.");
    // With no update yet, the stage's wording is said once, not twice.
    const stageWording = "The police are still looking into what happened.";
    expect(byKey.C!.suggestedMessage.split(stageWording)).toHaveLength(2);
  });

  it("creates nothing on a second run, nor after the victim is reached", async () => {
    const again = await scheduleKeepInTouch(db, T);
    expect(again.created).toBe(0);
    // Written straight to the ledger (not through recordContact): the scheduler closes C's task.
    const reached = await db.prisma.contactRecord.create({
      data: { caseId: cases.C!, at: T, byUserId: ids.idvaWorker!, organisationId: ids.idva!, channel: "PHONE", summary: "Called her.", outcome: "REACHED" },
    });
    const later = await scheduleKeepInTouch(db, new Date(T.getTime() + 3_600_000));
    expect([later.created, later.closedByContact]).toEqual([0, 1]);
    expect(await tasks()).toHaveLength(5);
    const c = (await tasks()).find((t) => t.key === "C")!;
    expect([c.status, c.closedByContactId, c.completedAt]).toEqual(["DONE", reached.id, T]);
    expect(await outboxCount("keep-in-touch.created")).toBe(5);
  });
});

describe("escalateOverdueKeepInTouch", () => {
  it("leaves tasks alone until they are overdue", async () => {
    expect(await escalateOverdueKeepInTouch(db, new Date("2026-12-04T23:59:59.999Z"))).toEqual({ escalated: 0, batches: 1 });
    expect((await tasks()).filter((t) => t.key !== "C").every((t) => t.status === "OPEN")).toBe(true);
  });

  it("escalates overdue tasks to an active organisation admin, once", async () => {
    const saturday = new Date("2026-12-05T10:00:00.000Z");
    const result = await escalateOverdueKeepInTouch(db, saturday, 2);
    // Until the heartbeat, C's task escalated too although the IDVA had reached her: not now.
    expect(result.escalated).toBe(4);
    expect((await tasks()).map((t) => [t.key, t.status, t.escalatedToUserId, t.escalatedAt?.toISOString()])).toEqual([
      ["A", "ESCALATED", ids.isvaAdmin, saturday.toISOString()],
      ["C", "DONE", null, undefined],
      ["F", "ESCALATED", ids.isvaAdmin, saturday.toISOString()],
      ["I", "ESCALATED", null, saturday.toISOString()],
      ["J", "ESCALATED", ids.isvaAdmin, saturday.toISOString()],
    ]);
    expect(await outboxCount("keep-in-touch.escalated")).toBe(4);

    expect((await escalateOverdueKeepInTouch(db, new Date(saturday.getTime() + DAY))).escalated).toBe(0);
    expect(await outboxCount("keep-in-touch.escalated")).toBe(4);
    // The next interval starts at the escalated task's due time, so none yet beside it (the
    // next one comes a week later: tests/keep-in-touch-heartbeat.test.ts).
    expect((await scheduleKeepInTouch(db, saturday)).created).toBe(0);
    expect(await tasks()).toHaveLength(5);
  });

  it("prefers an admin who is not the person the task was assigned to", async () => {
    const lateCase = await caseFor("K", { frequency: "EVERY_WEEK", namedContact: "isvaAdmin", openedDaysAgo: 60 });
    const monday = new Date("2026-12-07T10:00:00.000Z");
    // B and D have passed their intervals by now too.
    expect((await scheduleKeepInTouch(db, monday)).created).toBe(3);
    await makeUser(db.prisma, ids.isva!, ["ORGANISATION_ADMIN"]).then((u) => (ids.secondAdmin = u.id));
    expect((await escalateOverdueKeepInTouch(db, new Date(monday.getTime() + 7 * DAY))).escalated).toBe(3);
    const task = await db.prisma.keepInTouchTask.findFirstOrThrow({ where: { caseId: lateCase.id } });
    expect([task.assignedToUserId, task.escalatedToUserId]).toEqual([ids.isvaAdmin, ids.secondAdmin]);
  });

  it("cancels the open task once she asks to hear only when something happens, and makes no more", async () => {
    const victimId = (await db.prisma.case.findUniqueOrThrow({ where: { id: cases.K! } })).victimId;
    await db.prisma.victimContactContract.update({ where: { victimId }, data: { updateFrequency: "ONLY_WHEN_SOMETHING_HAPPENS" } });
    const later = new Date("2026-12-21T10:00:00.000Z");
    expect((await scheduleKeepInTouch(db, later)).cancelled).toBeGreaterThanOrEqual(1);
    const kTasks = await db.prisma.keepInTouchTask.findMany({ where: { caseId: cases.K! } });
    expect(kTasks.map((t) => [t.status, t.closedReason])).toEqual([["CANCELLED", "NO_REGULAR_UPDATES_ASKED"]]);
  });
});
