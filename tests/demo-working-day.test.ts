// The embedded demo's working day (apps/api/src/demo/working-day.ts), played on the base demo
// partnership as `npm start` and `npm run hub -- seed-demo` play it: every demo person who
// works on cases finds cases, deadlines, tasks, questions, referrals and notifications waiting,
// read through the hub's own domain functions as that person; the audit log stays a verified
// chain of identifiers; playing it again adds nothing; and what victims are told is plain.
import {
  checkPlainLanguage,
  type CoreContext,
  countUnreadNotifications,
  listCases,
  listClocks,
  listContacts,
  listHearings,
  listKeepInTouchTasks,
  listQuestions,
  loadActor,
  referralsInbox,
  RequestAudit,
  verifyAuditChain,
  victimAccessLog,
} from "@hub/core";
import type { AccessPurpose } from "@hub/db";
import { DEMO_CASES, DEMO_GLOSSARY_TERMS, DEMO_USERS, seedDemoPartnership } from "@hub/db/seed";
import { defineAbilityFor } from "@hub/policy";
import { createTestDatabase, type TestDatabase, testEngine } from "@hub/test-utils";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { playDemoWorkingDay, WORKING_DAY_URNS, type WorkingDayResult } from "../apps/api/src/demo/working-day.js";
import { everydayPurpose } from "../apps/api/src/demo/acting.js";
import { uncataloguedAuditFields } from "./support/test-hub.js";

const AMIRA = "isva@northshire-rapecrisis.example.org";
const HELEN = "lead@northshire-rapecrisis.example.org";
const JO = "idva@safesteps-northshire.example.org";
const SAM = "caseworker@victimsupport-northshire.example.org";
const PRIYA = "wcu.officer@northshire-police.example.org";
const GRACE = "vlo@cps-northshire.example.org";
const MARK = "officer@northshire-police.example.org";
const RUTH = "auditor@northshire-partnership.example.org";
const CHLOE = "isva@southshire-isva.example.org";
/** The people whose work is not casework: the auditor and the two partnership administrators. */
const NOT_CASEWORK = [RUTH, "directory@northshire-partnership.example.org", "admin@southshire-partnership.example.org"];
const CASEWORKERS = DEMO_USERS.map((u) => u.email).filter((e) => !NOT_CASEWORK.includes(e));

const DAY = 86_400_000;

describe("the demo partnership's working day", () => {
  let db: TestDatabase;
  let played: WorkingDayResult;

  /** The context one request from this demo person would get, as yoga.ts builds it. */
  async function as(email: string, purpose?: AccessPurpose): Promise<CoreContext> {
    const actor = await loadActor(db.prisma, DEMO_USERS.find((u) => u.email === email)!.oidcSubject);
    if (!actor) throw new Error(`No demo user ${email}`);
    const stated = purpose ?? everydayPurpose(actor);
    return { prisma: db.prisma, actor, purpose: stated, ability: defineAbilityFor(actor, { purpose: stated }), audit: new RequestAudit(actor, stated) };
  }

  /** Every case on someone's caseload, all pages. */
  async function caseload(ctx: CoreContext) {
    const cases = [];
    let after: string | null = null;
    for (;;) {
      const page = await listCases(ctx, { first: 100, after });
      cases.push(...page.items.map((i) => i.node));
      if (!page.hasNextPage) return cases;
      after = page.items.at(-1)!.cursor;
    }
  }

  /** What someone sees of each case on their caseload: its clocks, tasks, questions, hearings and ledger. */
  async function workOf(email: string) {
    const ctx = await as(email);
    const cases = await caseload(ctx);
    const seen = await Promise.all(
      cases.map(async (c) => ({
        c,
        clocks: await listClocks(ctx, c.id),
        tasks: await listKeepInTouchTasks(ctx, c.id),
        questions: await listQuestions(ctx, c.id, c.victimId),
        hearings: await listHearings(ctx, c.id, c.victimId),
        contacts: await listContacts(ctx, c.id, c.victimId),
      })),
    );
    await ctx.audit.flush(db.prisma);
    return { ctx, cases, seen };
  }

  beforeAll(async () => {
    db = await createTestDatabase();
    await seedDemoPartnership(db.prisma);
    played = await playDemoWorkingDay(db);
    console.info(`The working day played in ${played.milliseconds} ms (${testEngine()}).`);
  }, 120_000);

  afterAll(async () => {
    await db?.close();
  });

  it("opens its cases through the hub and leaves the seeded ones where they were", async () => {
    expect(played).toMatchObject({ played: true, cases: WORKING_DAY_URNS.length });
    const cases = await db.prisma.case.findMany({ select: { policeUrn: true, openedByUserId: true, stage: true } });
    expect(cases).toHaveLength(DEMO_CASES.length + WORKING_DAY_URNS.length);
    // Opened by the police officer, as openCase records it: nothing written around the hub.
    for (const urn of WORKING_DAY_URNS) expect(cases.find((c) => c.policeUrn === urn)?.openedByUserId).toBeTruthy();
    // The seeded cases move only by their own events (Imran's trial has been listed).
    for (const seeded of DEMO_CASES) {
      const now = cases.find((c) => c.policeUrn === seeded.policeUrn)!;
      expect(now.stage).toBe(seeded.policeUrn === "41NS0107725" ? "AWAITING_TRIAL" : seeded.stage);
    }
  });

  it("gives everyone who works on cases a caseload; Southshire's ISVA sees only Southshire", async () => {
    for (const email of CASEWORKERS) {
      const ctx = await as(email);
      const cases = await caseload(ctx);
      expect(cases.length, email).toBeGreaterThan(0);
      if (email === CHLOE) expect(cases.every((c) => c.area.code === "SSH")).toBe(true);
      else expect(cases.every((c) => c.area.code === "NSH"), email).toBe(true);
    }
    // The auditor reads the access log, never the cases.
    await expect(listCases(await as(RUTH), { first: 10 })).resolves.toMatchObject({ items: [] });
  });

  it("has Victims' Code deadlines met, still open and missed, and the victims' own review windows", async () => {
    const statuses = new Set<string>();
    for (const email of [MARK, PRIYA, GRACE, SAM, JO, AMIRA]) {
      const { seen } = await workOf(email);
      for (const { clocks } of seen) for (const clock of clocks) statuses.add(clock.status);
    }
    expect([...statuses]).toEqual(expect.arrayContaining(["MET", "MET_LATE", "OPEN", "BREACHED", "WINDOW_OPEN", "WINDOW_CLOSED"]));
  });

  it("times Northshire's own promise (the CPS contacts her when the file reaches it) on the files sent since, labelled as local", async () => {
    const grace = await workOf(GRACE);
    const local = grace.seen.flatMap((s) => s.clocks).filter((k) => k.source === "LOCAL_STANDARD");
    expect(local.length).toBeGreaterThanOrEqual(2);
    expect(new Set(local.map((k) => k.what))).toEqual(new Set(["The CPS contacts the victim when the police file reaches it (local service standard)"]));
    expect(local.every((k) => k.owedByKind === "CPS")).toBe(true);
  });

  it("gives each person something to do: deadlines, tasks, questions and referrals", async () => {
    const priya = await workOf(PRIYA);
    const priyaClocks = priya.seen.flatMap((s) => s.clocks);
    expect(priyaClocks.filter((k) => k.duty === "RIGHT_8_HEARING_DETAILS" && k.status === "OPEN").length).toBeGreaterThanOrEqual(2);
    expect(priyaClocks.some((k) => k.status === "BREACHED")).toBe(true);
    // A court result the Witness Care Unit received today.
    expect(priya.seen.flatMap((s) => s.hearings).some((h) => h.resultReceivedAt && Date.now() - h.resultReceivedAt.getTime() < DAY)).toBe(true);
    expect(priya.seen.flatMap((s) => s.questions).some((q) => q.forKind === "POLICE_WCU" && !q.answeredAt)).toBe(true);

    const mark = await workOf(MARK);
    expect(mark.seen.flatMap((s) => s.clocks).filter((k) => k.duty === "RIGHT_6_POLICE_UPDATE").map((k) => k.status)).toEqual(expect.arrayContaining(["BREACHED", "OPEN", "MET", "MET_LATE"]));
    expect(mark.seen.flatMap((s) => s.questions).some((q) => q.forKind === "POLICE" && !q.answeredAt && q.dueBy.getTime() < Date.now())).toBe(true);

    const grace = await workOf(GRACE);
    const cpsQuestions = grace.seen.flatMap((s) => s.questions).filter((q) => q.forKind === "CPS");
    expect(cpsQuestions.some((q) => !q.answeredAt)).toBe(true);
    expect(cpsQuestions.some((q) => q.answeredAt)).toBe(true);
    expect(grace.seen.flatMap((s) => s.clocks).filter((k) => k.duty === "RIGHT_6_VCL_LETTER").map((k) => k.status)).toEqual(expect.arrayContaining(["OPEN", "BREACHED", "MET"]));

    const amira = await workOf(AMIRA);
    const amiraUser = amira.ctx.actor.userId;
    expect(amira.seen.flatMap((s) => s.questions).some((q) => q.relayedByUserId === amiraUser && q.answeredAt && q.answer)).toBe(true);
    expect(amira.seen.flatMap((s) => s.tasks).some((t) => t.assignedToUserId === amiraUser)).toBe(true);

    for (const email of [JO, SAM, CHLOE]) {
      const { ctx, seen } = await workOf(email);
      expect(seen.flatMap((s) => s.tasks).some((t) => t.assignedToUserId === ctx.actor.userId && t.status === "OPEN"), email).toBe(true);
    }
    // The task nobody did has gone to the ISVA service's lead.
    const helenId = (await as(HELEN)).actor.userId;
    expect((await db.prisma.keepInTouchTask.findMany({ where: { status: "ESCALATED" } })).map((t) => t.escalatedToUserId)).toContain(helenId);

    // Sam told a victim about a service: a signposting in the ledger.
    const sam = await workOf(SAM);
    expect(sam.seen.flatMap((s) => s.contacts).some((c) => c.signpostedServiceId && c.organisationId === sam.ctx.actor.organisationId)).toBe(true);
  });

  it("has referrals in every state, in the inboxes of the organisations they were sent to", async () => {
    const states = new Set<string>();
    for (const email of [HELEN, JO, SAM]) for (const r of await referralsInbox(await as(email), null)) states.add(r.status);
    expect([...states].sort()).toEqual(["ACCEPTED", "CANCELLED", "COMPLETED", "FAILED", "IN_PROGRESS", "ON_HOLD", "RECEIVED", "REJECTED", "REQUESTED"]);
    expect((await referralsInbox(await as(HELEN), ["REQUESTED"])).length).toBeGreaterThan(0);
    expect((await referralsInbox(await as(JO), ["ACCEPTED"])).length).toBeGreaterThan(0);
  });

  it("has contact agreements, named contacts handed over, and consents with things withheld", async () => {
    expect(await db.prisma.victimContactContract.count()).toBeGreaterThanOrEqual(7);
    // Named by a lead when the organisation joined, and handed over from one person to another.
    const handovers = await db.prisma.contactHandover.findMany();
    expect(handovers.some((h) => h.fromUserId === null && h.byUserId !== h.toUserId)).toBe(true);
    expect(handovers.some((h) => h.fromUserId !== null)).toBe(true);
    expect(await db.prisma.consentStatement.count({ where: { decision: "WITHHELD" } })).toBeGreaterThan(1);
    expect(await db.prisma.enhancedRightsAssessment.count()).toBeGreaterThan(5);
  });

  it("leaves every caseworker unread notifications, and an access log for the auditor", async () => {
    for (const email of CASEWORKERS) expect(await countUnreadNotifications(await as(email)), email).toBeGreaterThan(0);
    const log = await victimAccessLog(await as(RUTH, "SUBJECT_ACCESS"), "V-NS-0002", { first: 50 });
    expect(log.items.length).toBeGreaterThan(0);
    expect(await db.prisma.outboxMessage.count({ where: { processedAt: null } })).toBe(0);
  });

  it("keeps the audit log a verified chain of identifiers only, naming fields as the data catalogue does", async () => {
    await expect(verifyAuditChain(db.sql)).resolves.toMatchObject({ ok: true });
    expect(await uncataloguedAuditFields(db)).toEqual([]);
    const identities = await db.prisma.victimIdentity.findMany();
    const contacts = await db.prisma.victimContactDetails.findMany();
    const revisions = await db.prisma.victimDetailsRevision.findMany();
    const secrets = [
      ...identities.flatMap((i) => [i.fullName, i.preferredName]),
      ...contacts.flatMap((c) => [c.phone, c.email, c.address, c.postcode]),
      ...revisions.flatMap((r) => Object.values(r.previous as Record<string, unknown>).filter((v): v is string => typeof v === "string" && v.length > 4 && !/^\d{4}-\d{2}-\d{2}$/.test(v))),
    ].filter((v): v is string => !!v && v.length > 2);
    expect(secrets.length).toBeGreaterThan(20);
    const audit = JSON.stringify(await db.prisma.auditEvent.findMany(), (_k, v) => (typeof v === "bigint" ? v.toString() : v));
    for (const secret of secrets) expect(audit.includes(secret), `the audit log holds "${secret}"`).toBe(false);
  });

  it("tells victims everything in plain words", async () => {
    const extraGlossary = DEMO_GLOSSARY_TERMS.map(({ term, variants, explanation }) => ({ term, variants, explanation }));
    const texts = [
      ...(await db.prisma.caseUpdate.findMany({ select: { victimExplanation: true } })).map((u) => u.victimExplanation),
      ...(await db.prisma.victimQuestion.findMany({ where: { answer: { not: null } }, select: { answer: true } })).map((q) => q.answer!),
      ...(await db.prisma.keepInTouchTask.findMany({ select: { suggestedMessage: true } })).map((t) => t.suggestedMessage),
    ];
    expect(texts.length).toBeGreaterThan(40);
    const problems = texts.flatMap((text) => {
      const report = checkPlainLanguage(text, { extraGlossary });
      return report.ok && report.findings.length === 0 ? [] : [{ text, findings: report.findings.map((f) => `${f.kind}: ${f.text}`), readingEase: report.readability.fleschReadingEase }];
    });
    expect(problems).toEqual([]);
  });

  it("is played once: a second time adds nothing", async () => {
    const counts = async () => ({
      cases: await db.prisma.case.count(),
      updates: await db.prisma.caseUpdate.count(),
      contacts: await db.prisma.contactRecord.count(),
      clocks: await db.prisma.statutoryClock.count(),
      referrals: await db.prisma.referral.count(),
      questions: await db.prisma.victimQuestion.count(),
      consents: await db.prisma.consent.count(),
      tasks: await db.prisma.keepInTouchTask.count(),
      notifications: await db.prisma.notification.count(),
      hearings: await db.prisma.hearing.count(),
      audit: await db.prisma.auditEvent.count(),
    });
    const before = await counts();
    await expect(playDemoWorkingDay(db)).resolves.toMatchObject({ played: false });
    expect(await counts()).toEqual(before);
    // Nor on a database that is not the demo partnership.
    const empty = await createTestDatabase();
    try {
      await expect(playDemoWorkingDay(empty)).resolves.toMatchObject({ played: false });
      expect(await empty.prisma.case.count()).toBe(0);
    } finally {
      await empty.close();
    }
  });
});
