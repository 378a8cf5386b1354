import { agreedVictimMessage, checkPlainLanguage, WHAT_HAPPENS_NEXT } from "@hub/core";
import { describe, expect, it } from "vitest";

const at = (iso: string) => new Date(iso);
const update = (id: string, iso: string, text: string, supersededById: string | null = null) => ({ id, occurredAt: at(iso), createdAt: at(iso), victimExplanation: text, supersededById });
const involvements = [
  { capacity: "INVESTIGATING_POLICE" as const, organisationName: "Northshire Police", namedContact: { name: "DC Mark Lewis" } },
  { capacity: "WITNESS_CARE" as const, organisationName: "Northshire WCU", namedContact: { name: "Priya Shah" } },
  { capacity: "ISVA_SUPPORT" as const, organisationName: "Northshire Rape Crisis", namedContact: { name: "Amira Khan" } },
];

describe("the agreed victim message", () => {
  const now = at("2026-02-20T12:00:00Z");

  it("says where things stand from the latest update still in force, what happens next, when, and who to contact", () => {
    const message = agreedVictimMessage(
      {
        stage: "AWAITING_TRIAL",
        updates: [update("u1", "2026-01-05T10:00:00Z", "He was charged."), update("u2", "2026-02-01T10:00:00Z", "The trial is listed for 3 March.", "u3"), update("u3", "2026-02-02T10:00:00Z", "The trial is now on 4 March.")],
        hearings: [
          { id: "h-old", court: "Northtown Magistrates' Court", startsAt: at("2026-01-10T10:00:00Z"), type: "First hearing", createdAt: at("2026-01-06T10:00:00Z"), outcome: "Sent to the Crown Court" },
          { id: "h1", court: "Northtown Crown Court", startsAt: at("2026-03-04T10:00:00Z"), type: "Trial", createdAt: at("2026-02-02T11:00:00Z"), outcome: null },
        ],
        involvements,
      },
      now,
    );
    expect(message).toEqual({
      whereThingsStand: "The trial is now on 4 March.",
      whatHappensNext: WHAT_HAPPENS_NEXT.AWAITING_TRIAL,
      roughlyWhen: "The next trial is on 4 March 2026 at 10:00am, at Northtown Crown Court.",
      namedContact: { name: "Amira Khan", organisation: "Northshire Rape Crisis" },
      sourceUpdateIds: ["u3"],
      sourceHearingId: "h1",
      lastChangedAt: at("2026-02-02T11:00:00Z"),
    });
  });

  it("falls back to the stage's own words, and to the witness care officer when there is no advocate", () => {
    const message = agreedVictimMessage({ stage: "UNDER_INVESTIGATION", updates: [], hearings: [], involvements: involvements.slice(0, 2) }, now);
    expect(message.whereThingsStand).toBe(WHAT_HAPPENS_NEXT.UNDER_INVESTIGATION);
    expect(message.namedContact).toEqual({ name: "Priya Shah", organisation: "Northshire WCU" });
    expect(message.roughlyWhen).toBeNull();
    expect(message.lastChangedAt).toBeNull();
  });

  it("uses wording for every stage that passes the plain-language check", () => {
    for (const [stage, words] of Object.entries(WHAT_HAPPENS_NEXT)) {
      const report = checkPlainLanguage(words);
      expect(report.findings, `${stage}: ${JSON.stringify(report.findings)}`).toEqual([]);
      expect(report.ok, stage).toBe(true);
    }
  });
});
