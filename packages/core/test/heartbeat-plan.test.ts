// The keep-in-touch heartbeat's decisions and words, without a database.
import { checkPlainLanguage, heartbeatMessage, type HeartbeatCaseFacts, NEWS_OPENING, NO_CHANGE_OPENING, planHeartbeat } from "@hub/core";
import { describe, expect, it } from "vitest";

const DAY = 86_400_000;
const T = new Date("2026-12-02T10:00:00.000Z");
const ago = (days: number) => new Date(T.getTime() - days * DAY);
const base: HeartbeatCaseFacts = {
  caseId: "case",
  intervalDays: 7,
  openedAt: ago(60),
  lastReachedAt: ago(8),
  lastTaskDueAt: null,
  keeper: { organisationId: "isva", userId: "amira" },
  openTasks: [],
};

describe("planHeartbeat", () => {
  it("makes a task once a whole interval has passed since the later of her last contact and the last task's deadline", () => {
    expect(planHeartbeat(base, T)).toEqual([{ kind: "create", caseId: "case", organisationId: "isva", assignedToUserId: "amira", windowStartsAt: ago(8) }]);
    expect(planHeartbeat({ ...base, lastReachedAt: ago(6) }, T)).toEqual([]);
    expect(planHeartbeat({ ...base, lastTaskDueAt: ago(5) }, T)).toEqual([]);
    expect(planHeartbeat({ ...base, lastReachedAt: null, openedAt: ago(3) }, T)).toEqual([]);
  });

  it("never beside an open task, but an escalated one does not stop the next interval's", () => {
    const open = { id: "t1", organisationId: "isva", assignedToUserId: "amira", status: "OPEN" as const, dueAt: ago(9) };
    expect(planHeartbeat({ ...base, openTasks: [open] }, T)).toEqual([]);
    const escalated = { ...open, status: "ESCALATED" as const };
    expect(planHeartbeat({ ...base, lastReachedAt: ago(20), openTasks: [escalated] }, T)).toEqual([
      { kind: "create", caseId: "case", organisationId: "isva", assignedToUserId: "amira", windowStartsAt: ago(9) },
    ]);
  });

  it("moves open tasks to the current named contact, and cancels those of an organisation that no longer keeps her informed", () => {
    const open = { id: "t1", organisationId: "isva", assignedToUserId: "amira", status: "OPEN" as const, dueAt: T };
    expect(planHeartbeat({ ...base, keeper: { organisationId: "isva", userId: "helen" }, openTasks: [open] }, T)).toEqual([{ kind: "reassign", taskId: "t1", assignedToUserId: "helen" }]);
    // Witness Care keeps her informed now: the ISVA's task goes, and the cancelled task's
    // deadline does not hold back Witness Care's.
    expect(planHeartbeat({ ...base, keeper: { organisationId: "wcu", userId: "priya" }, openTasks: [{ ...open, dueAt: new Date(T.getTime() + 2 * DAY) }] }, T)).toEqual([
      { kind: "cancel", taskId: "t1", reason: "NO_LONGER_KEEPS_HER_INFORMED" },
      { kind: "create", caseId: "case", organisationId: "wcu", assignedToUserId: "priya", windowStartsAt: ago(8) },
    ]);
    expect(planHeartbeat({ ...base, keeper: null, openTasks: [open] }, T)).toEqual([{ kind: "cancel", taskId: "t1", reason: "NO_LONGER_KEEPS_HER_INFORMED" }]);
  });
});

describe("heartbeatMessage", () => {
  const agreed = { whereThingsStand: "The case is waiting for the trial to start.", whatHappensNext: "The case is waiting for the trial to start." };
  it("says there is no change only when nothing happened since she was last reached", () => {
    const quiet = heartbeatMessage({ agreed, newUpdates: [], courtResults: 0, stageChanged: false }, "Amira Khan");
    expect(quiet).toBe(`${NO_CHANGE_OPENING} The case is waiting for the trial to start. If you have any questions, Amira Khan is here to help.`);
    const decided = heartbeatMessage({ agreed, newUpdates: ["A decision has been made about what happens next in your case."], courtResults: 0, stageChanged: false }, "Amira Khan");
    expect(decided.startsWith(NEWS_OPENING)).toBe(true);
    expect(decided).toContain("A decision has been made about what happens next in your case.");
    expect(decided).not.toContain("no change");
    const court = heartbeatMessage({ agreed, newUpdates: [], courtResults: 1, stageChanged: false }, "Amira Khan");
    expect(court).toContain("The court has given a result, and Amira Khan can tell you what it means.");
    for (const words of [quiet, decided, court]) expect(checkPlainLanguage(words).findings).toEqual([]);
  });
});
