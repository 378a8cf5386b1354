import { describe, expect, it } from "vitest";
import { purposeFor } from "../src/app/purpose";
import { attentionRank, byAttention, mineFirst, overdueIsMine } from "../src/features/caseload/attention";
import { clockTimeInWords, dateInWords, safeDaysInWords } from "../src/features/cases/caseWords";

describe("the portal's access purpose", () => {
  it("follows the organisation kind, and auditors audit", () => {
    expect(purposeFor("ISVA_SERVICE", ["ADVOCATE"])).toBe("SUPPORT_AND_ADVOCACY");
    expect(purposeFor("IDVA_SERVICE", ["ADVOCATE"])).toBe("SUPPORT_AND_ADVOCACY");
    expect(purposeFor("VICTIM_SUPPORT_CHARITY", ["CASEWORKER"])).toBe("SUPPORT_AND_ADVOCACY");
    expect(purposeFor("POLICE_WCU", ["CASEWORKER"])).toBe("KEEPING_VICTIM_INFORMED");
    expect(purposeFor("CPS", ["PROSECUTOR"])).toBe("KEEPING_VICTIM_INFORMED");
    expect(purposeFor("POLICE", ["CASEWORKER"])).toBe("LAW_ENFORCEMENT");
    expect(purposeFor("OTHER", ["PARTNERSHIP_AUDITOR"])).toBe("AUDIT");
    expect(purposeFor("OTHER", ["ORGANISATION_ADMIN"])).toBeNull();
  });
});

describe("words and order on the caseload", () => {
  it("writes dates as people say them, in London time", () => {
    expect(dateInWords("2026-03-03T10:15:00.000Z")).toBe("3 March 2026");
    expect(dateInWords("2026-06-30T23:30:00.000Z")).toBe("1 July 2026");
    expect(safeDaysInWords([5, 1, 3])).toBe("Monday, Wednesday and Friday");
    expect(safeDaysInWords([])).toBe("Any day");
    expect(clockTimeInWords("09:00")).toBe("9am");
    expect(clockTimeInWords("17:30")).toBe("5:30pm");
  });

  it("puts overdue first, then what is due soonest, then the rest", () => {
    const now = Date.parse("2026-03-10T12:00:00Z");
    const quiet = { id: "quiet", openedAt: "2026-03-01T00:00:00Z", clocks: [], keepInTouchTasks: [] };
    const dueLater = { id: "later", openedAt: "2026-01-01T00:00:00Z", clocks: [{ status: "OPEN", dueAt: "2026-03-20T00:00:00Z" }], keepInTouchTasks: [] };
    const dueSoon = { id: "soon", openedAt: "2026-01-01T00:00:00Z", clocks: [], keepInTouchTasks: [{ status: "OPEN", dueAt: "2026-03-12T00:00:00Z" }] };
    const breached = { id: "breached", openedAt: "2025-01-01T00:00:00Z", clocks: [{ status: "BREACHED", dueAt: "2026-03-01T00:00:00Z" }], keepInTouchTasks: [] };
    expect(attentionRank(breached, now)).toBe(0);
    expect(byAttention([quiet, dueLater, breached, dueSoon], now).map((c) => c.id)).toEqual(["breached", "soon", "later", "quiet"]);
  });

  it("tells another agency's overdue duty from mine, and lists mine first", () => {
    const now = Date.parse("2026-03-10T12:00:00Z");
    const wcu = { organisationId: "wcu-1", kind: "POLICE_WCU" };
    const cpsLate = { status: "BREACHED", dueAt: "2026-03-01T00:00:00Z", owedByKind: "CPS" };
    const mineDue = { status: "OPEN", dueAt: "2026-03-15T00:00:00Z", owedByKind: "POLICE_WCU" };
    const theirs = { openedAt: "2026-01-01T00:00:00Z", clocks: [cpsLate, mineDue], keepInTouchTasks: [{ status: "OPEN", dueAt: "2026-03-05T00:00:00Z", organisationId: "isva-1" }] };
    expect(overdueIsMine(theirs, wcu, now)).toBe(false);
    expect(mineFirst(theirs.clocks, wcu)).toEqual([mineDue, cpsLate]);
    const myTaskLate = { ...theirs, keepInTouchTasks: [{ status: "ESCALATED", dueAt: "2026-03-05T00:00:00Z", organisationId: "wcu-1" }] };
    expect(overdueIsMine(myTaskLate, wcu, now)).toBe(true);
    expect(overdueIsMine({ ...theirs, clocks: [{ ...cpsLate, owedByKind: "POLICE_WCU" }] }, wcu, now)).toBe(true);
    // Her own review window is owed by nobody: never mine.
    expect(overdueIsMine({ ...theirs, clocks: [{ ...cpsLate, owedByKind: null }] }, wcu, now)).toBe(false);
  });

  it("counts a done or cancelled keep-in-touch task as finished, an escalated one as still to do", () => {
    const now = Date.parse("2026-03-10T12:00:00Z");
    const task = (status: string) => ({ openedAt: "2026-01-01T00:00:00Z", clocks: [], keepInTouchTasks: [{ status, dueAt: "2026-03-01T00:00:00Z" }] });
    expect(["DONE", "CANCELLED", "ESCALATED", "OPEN"].map((s) => attentionRank(task(s), now))).toEqual([2, 2, 0, 0]);
  });
});
