// The keep-in-touch heartbeat over many weeks, with the clock moved forward: Alex asked to hear
// every week, even when nothing has changed, from Amira, her ISVA. The real hub over HTTP does
// what people do (contacts, a decision, a hand-over, a withdrawal of consent, closing the case);
// the hub's own jobs are run at each simulated moment. Each step would have failed before the
// heartbeat: tasks never closed, escalated although she was reached, stopped after the first,
// stayed with a contact whose organisation she had withdrawn from, said "no change" after a
// decision, and outlived the case.
import { heartbeatWordsNow, NEWS_OPENING, NO_CHANGE_OPENING } from "@hub/core";
import { escalateOverdueKeepInTouch, scheduleKeepInTouch } from "@hub/jobs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CPS_VLO, ISVA, startTestHub, type TestHub, WCU } from "./support/test-hub.js";

const ISVA_LEAD = "lead@northshire-rapecrisis.example.org";
const POLICE = "officer@northshire-police.example.org";
const DAY = 86_400_000;
const HOUR = 3_600_000;

const SET = `mutation ($input: ContactContractInput!) { setContactContract(input: $input) { __typename ... on Error { message } } }`;
const CONTACT = `mutation ($input: RecordContactInput!) { recordContact(input: $input) { __typename ... on ContactRecord { id } ... on Error { message } } }`;
const UPDATE = `mutation ($input: RecordCaseUpdateInput!) { recordCaseUpdate(input: $input) { __typename ... on CaseUpdate { id } ... on Error { message } } }`;
const HAND = `mutation ($i: ID!, $to: ID!, $r: String!) { handOverNamedContact(involvementId: $i, toUserId: $to, reason: $r) { __typename ... on Error { message } } }`;
const WITHDRAW = `mutation ($input: WithdrawConsentInput!) { withdrawConsent(input: $input) { __typename ... on Error { message } } }`;
const CLOSE = `mutation ($caseId: ID!, $reason: String!, $v: Int!) { closeCase(caseId: $caseId, reason: $reason, expectedVersion: $v) { __typename ... on Error { message } } }`;
const TASKS = `query ($id: ID!) { case(id: $id) { ... on Case { keepInTouchTasks { id status assignedToUserId suggestedMessage closedByContactId closedReason } } } }`;

const DECISION = "The prosecution service has decided to change one of the charges. Amira will talk you through what this means.";

describe("the keep-in-touch heartbeat, week by week", () => {
  let hub: TestHub;
  let caseId: string;
  const user: Record<string, string> = {};
  const org: Record<string, string> = {};
  // A Monday, 10:00 UTC, some twelve weeks ago: every simulated moment is in the past, so
  // contacts can be recorded at it.
  const start = (() => {
    const d = new Date(Date.now() - 84 * DAY);
    d.setUTCHours(10, 0, 0, 0);
    return new Date(d.getTime() - ((d.getUTCDay() + 6) % 7) * DAY);
  })();
  const at = (days: number, hours = 0) => new Date(start.getTime() + days * DAY + hours * HOUR);

  const gql = async (as: string, query: string, variables: Record<string, unknown>) => {
    const res = await hub.gql(as, query, variables);
    expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
    return res.data!;
  };
  const contact = async (as: string, when: Date, outcome = "REACHED") => {
    const data = await gql(as, CONTACT, { input: { caseId, at: when.toISOString(), channel: "PHONE", summary: "Called her to see how she is.", outcome } });
    expect(data.recordContact.__typename, JSON.stringify(data.recordContact)).toBe("ContactRecord");
    return data.recordContact.id as string;
  };
  const tasks = () => hub.db.prisma.keepInTouchTask.findMany({ where: { caseId }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
  const open = async () => (await tasks()).filter((t) => t.status === "OPEN");
  /** The hub's two keep-in-touch passes, as the worker runs them, at a simulated moment. */
  const runJobs = async (now: Date) => {
    await scheduleKeepInTouch(hub.db, now);
    await escalateOverdueKeepInTouch(hub.db, now);
  };

  beforeAll(async () => {
    hub = await startTestHub();
    caseId = (await hub.db.prisma.case.findFirstOrThrow({ where: { policeUrn: "41NS0102325" } })).id;
    for (const [key, email] of Object.entries({ amira: ISVA, helen: ISVA_LEAD, priya: WCU })) user[key] = (await hub.db.prisma.user.findUniqueOrThrow({ where: { email } })).id;
    for (const [key, kind] of Object.entries({ isva: "ISVA_SUPPORT", wcu: "WITNESS_CARE" } as const))
      org[key] = (await hub.db.prisma.caseInvolvement.findFirstOrThrow({ where: { caseId, capacity: kind, until: null } })).organisationId;
    const set = await gql(ISVA, SET, { input: { caseId, channels: ["PHONE"], updateFrequency: "EVERY_WEEK", namedContactUserId: user.amira } });
    expect(set.setContactContract.__typename).toBe("VictimContactContract");
    // The last time anyone reached her before the story starts: eight days before it.
    await contact(WCU, at(-8));
  });
  afterAll(async () => {
    await hub?.close();
  });

  let first: string;
  it("week 1: a week without news is one task for Amira, saying there is no change", async () => {
    await runJobs(at(0));
    await runJobs(at(0, 1));
    const [task, ...more] = await tasks();
    expect(more).toEqual([]);
    expect(task).toMatchObject({ status: "OPEN", organisationId: org.isva, assignedToUserId: user.amira });
    expect(task!.suggestedMessage.startsWith(NO_CHANGE_OPENING)).toBe(true);
    first = task!.id;
  });

  it("a contact from another agency that reached her closes it, and it is never escalated", async () => {
    // A hand-off through her advocate has not reached her yet: the task stays open, in the ledger's transaction and the scheduler's pass alike.
    const handOff = await gql(WCU, CONTACT, { input: { caseId, at: at(0, 2).toISOString(), channel: "THROUGH_ADVOCATE", summary: "Asked her ISVA to pass on the news.", outcome: "SENT" } });
    expect(handOff.recordContact.__typename, JSON.stringify(handOff.recordContact)).toBe("ContactRecord");
    await runJobs(at(0, 3));
    expect((await hub.db.prisma.keepInTouchTask.findUniqueOrThrow({ where: { id: first } })).status).toBe("OPEN");
    const byWcu = await contact(WCU, at(1));
    expect(await hub.db.prisma.keepInTouchTask.findUniqueOrThrow({ where: { id: first } })).toMatchObject({ status: "DONE", closedByContactId: byWcu, completedAt: at(1) });
    // Past its deadline (Wednesday night): nothing to escalate, and no new task yet.
    await runJobs(at(3));
    expect((await tasks()).map((t) => t.status)).toEqual(["DONE"]);
    expect(await hub.db.prisma.keepInTouchTask.findUniqueOrThrow({ where: { id: first } })).toMatchObject({ escalatedAt: null });
  });

  let second: string;
  it("week 2: the next task comes one interval after the first one's deadline, and escalates only if still open at its own", async () => {
    const firstDue = (await hub.db.prisma.keepInTouchTask.findUniqueOrThrow({ where: { id: first } })).dueAt;
    // Her contact on Tuesday was before the first task's deadline (Wednesday night): the interval runs from the deadline.
    await runJobs(new Date(firstDue.getTime() + 7 * DAY - HOUR));
    expect(await tasks()).toHaveLength(1);
    await runJobs(new Date(firstDue.getTime() + 7 * DAY + HOUR));
    const made = await open();
    expect(made).toHaveLength(1);
    expect(made[0]).toMatchObject({ organisationId: org.isva, assignedToUserId: user.amira, windowStartsAt: firstDue });
    second = made[0]!.id;
    // Nobody reaches her: at its deadline, and not before, it goes to the ISVA service's admin.
    const due = made[0]!.dueAt;
    await runJobs(new Date(due.getTime() - HOUR));
    expect((await hub.db.prisma.keepInTouchTask.findUniqueOrThrow({ where: { id: second } })).status).toBe("OPEN");
    await runJobs(new Date(due.getTime() + HOUR));
    expect(await hub.db.prisma.keepInTouchTask.findUniqueOrThrow({ where: { id: second } })).toMatchObject({ status: "ESCALATED" });
  });

  let third: string;
  it("week 3: an escalated task does not stop the heartbeat: one new task for the next interval, never two open", async () => {
    const due = (await hub.db.prisma.keepInTouchTask.findUniqueOrThrow({ where: { id: second } })).dueAt;
    await runJobs(new Date(due.getTime() + 7 * DAY + HOUR));
    await runJobs(new Date(due.getTime() + 7 * DAY + 2 * HOUR));
    const made = await open();
    expect(made).toHaveLength(1);
    expect(made[0]!.id).not.toBe(second);
    third = made[0]!.id;
    expect((await tasks()).map((t) => t.status)).toEqual(["DONE", "ESCALATED", "OPEN"]);
  });

  it("the day after a decision, the suggested words say what happened, not that nothing changed", async () => {
    const task = await hub.db.prisma.keepInTouchTask.findUniqueOrThrow({ where: { id: third } });
    expect(task.suggestedMessage.startsWith(NO_CHANGE_OPENING)).toBe(true);
    const decidedAt = new Date(task.createdAt.getTime() + DAY);
    const decided = await gql(CPS_VLO, UPDATE, { input: { caseId, type: "CPS_CHARGE_ALTERED", occurredAt: decidedAt.toISOString(), victimExplanation: DECISION } });
    expect(decided.recordCaseUpdate.__typename).toBe("CaseUpdate");
    const dayAfter = new Date(decidedAt.getTime() + DAY);
    const words = await heartbeatWordsNow(hub.db.prisma, task, dayAfter);
    expect(words.startsWith(NEWS_OPENING)).toBe(true);
    expect(words).toContain(DECISION);
    expect(words).not.toContain("no change");
    // Read through the API (now), the open tasks say it too; the next run stores the new words.
    const listed = (await gql(ISVA, TASKS, { id: caseId })).case.keepInTouchTasks as { id: string; suggestedMessage: string }[];
    for (const id of [second, third]) expect(listed.find((t) => t.id === id)!.suggestedMessage).toContain(DECISION);
    expect(listed.find((t) => t.id === first)!.suggestedMessage.startsWith(NO_CHANGE_OPENING)).toBe(true);
    await runJobs(dayAfter);
    expect((await hub.db.prisma.keepInTouchTask.findUniqueOrThrow({ where: { id: third } })).suggestedMessage).toContain(DECISION);
  });

  let reachedAfterHandOver: Date;
  it("after a hand-over the open tasks go to her new named contact, and a contact closes them all", async () => {
    const involvement = await hub.db.prisma.caseInvolvement.findFirstOrThrow({ where: { caseId, organisationId: org.isva, until: null } });
    const handed = await gql(ISVA_LEAD, HAND, { i: involvement.id, to: user.helen, r: "Amira is on leave for a month." });
    expect(handed.handOverNamedContact.__typename).toBe("HandOverDone");
    const third_ = await hub.db.prisma.keepInTouchTask.findUniqueOrThrow({ where: { id: third } });
    await runJobs(new Date(third_.createdAt.getTime() + 2 * DAY + HOUR));
    const stillOpen = (await tasks()).filter((t) => t.status === "OPEN" || t.status === "ESCALATED");
    expect(stillOpen.map((t) => [t.id, t.assignedToUserId])).toEqual([
      [second, user.helen],
      [third, user.helen],
    ]);
    reachedAfterHandOver = new Date(third_.createdAt.getTime() + 2 * DAY + 2 * HOUR);
    const byHelen = await contact(ISVA_LEAD, reachedAfterHandOver);
    expect((await tasks()).map((t) => [t.status, t.closedByContactId])).toEqual([
      ["DONE", expect.any(String)],
      ["DONE", byHelen],
      ["DONE", byHelen],
    ]);
  });

  let wcuTask: string;
  it("when she withdraws her consent from the ISVA service, its open task is cancelled and Witness Care keeps her informed", async () => {
    const next = new Date(reachedAfterHandOver.getTime() + 8 * DAY);
    await runJobs(next);
    const isvaTask = (await open())[0]!;
    expect(isvaTask).toMatchObject({ organisationId: org.isva, assignedToUserId: user.helen });
    // She was told of the decision when Helen reached her: no change since, and the words say so.
    expect(isvaTask.suggestedMessage.startsWith(NO_CHANGE_OPENING)).toBe(true);
    const withdrawn = await gql(ISVA_LEAD, WITHDRAW, {
      input: { caseId, givenBy: "VICTIM", evidence: "Call log 7731", saidHow: "PHONE", saidAt: new Date(Date.now() - HOUR).toISOString(), recipientOrganisationId: org.isva, reason: "She wants a break from the service." },
    });
    expect(withdrawn.withdrawConsent.__typename, JSON.stringify(withdrawn)).toBe("Consent");
    await runJobs(new Date(next.getTime() + HOUR));
    expect(await hub.db.prisma.keepInTouchTask.findUniqueOrThrow({ where: { id: isvaTask.id } })).toMatchObject({ status: "CANCELLED", closedReason: "NO_LONGER_KEEPS_HER_INFORMED" });
    const [now] = await open();
    expect(now).toMatchObject({ organisationId: org.wcu, assignedToUserId: user.priya });
    wcuTask = now!.id;
    // Weeks on, never a task for the ISVA service again.
    await contact(WCU, new Date(next.getTime() + 2 * HOUR));
    for (let week = 1; week <= 3; week += 1) await runJobs(new Date(next.getTime() + week * 7 * DAY + 3 * DAY));
    const after = (await tasks()).filter((t) => t.createdAt.getTime() > next.getTime());
    expect(after.length).toBeGreaterThanOrEqual(2);
    expect(after.every((t) => t.organisationId === org.wcu)).toBe(true);
    expect(await hub.db.prisma.keepInTouchTask.findUniqueOrThrow({ where: { id: wcuTask } })).toMatchObject({ status: "DONE" });
  });

  it("when the case closes, its open tasks are cancelled and no new one is made", async () => {
    const before = await tasks();
    const last = before.at(-1)!;
    const { version } = await hub.db.prisma.case.findUniqueOrThrow({ where: { id: caseId }, select: { version: true } });
    const closed = await gql(POLICE, CLOSE, { caseId, reason: "The trial has ended and the victim has been told.", v: version });
    expect(closed.closeCase.__typename, JSON.stringify(closed)).toBe("ClosedOrReopenedCase");
    const later = new Date(last.createdAt.getTime() + HOUR);
    await runJobs(later);
    const states = await tasks();
    expect(states.filter((t) => t.status === "OPEN" || t.status === "ESCALATED")).toEqual([]);
    expect(states.filter((t) => t.closedReason === "CASE_CLOSED").length).toBeGreaterThanOrEqual(1);
    for (let week = 1; week <= 4; week += 1) await runJobs(new Date(later.getTime() + week * 7 * DAY));
    expect(await tasks()).toHaveLength(states.length);
  });
});
