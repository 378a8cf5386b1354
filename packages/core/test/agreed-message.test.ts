import { agreedVictimMessage, checkPlainLanguage, WHAT_HAPPENS_NEXT } from "@hub/core";
import type { ReferralStatus } from "@hub/db";
import { describe, expect, it } from "vitest";
import { referralSentence } from "../src/agreed-message/referral-wording.js";
import { awaitingResultSentence, BAIL_FALLBACK, courtResultFallback, rightToReviewSentence, WHERE_THINGS_STAND } from "../src/agreed-message/stage-wording.js";

const at = (iso: string) => new Date(iso);
const update = (id: string, iso: string, text: string, supersededById: string | null = null) => ({ id, occurredAt: at(iso), createdAt: at(iso), victimExplanation: text, supersededById });
const involvements = [
  { capacity: "INVESTIGATING_POLICE" as const, organisationName: "Northshire Police", namedContact: { name: "DC Mark Lewis" } },
  { capacity: "WITNESS_CARE" as const, organisationName: "Northshire WCU", namedContact: { name: "Priya Shah" } },
  { capacity: "ISVA_SUPPORT" as const, organisationName: "Northshire Rape Crisis", namedContact: { name: "Amira Khan" } },
];

describe("the agreed victim message", () => {
  const now = at("2026-02-20T12:00:00Z");

  it("says where things stand from the case's standing facts, what happens next, when, and who to contact", () => {
    const message = agreedVictimMessage(
      {
        stage: "AWAITING_TRIAL",
        updates: [
          { ...update("u1", "2026-01-05T10:00:00Z", "He has been formally accused of the crime."), type: "SUSPECT_CHARGED" as const },
          update("u2", "2026-02-01T10:00:00Z", "The trial is listed for 3 March.", "u3"),
          update("u3", "2026-02-02T10:00:00Z", "The trial is now on 4 March."),
        ],
        hearings: [
          { id: "h-old", court: "Northtown Magistrates' Court", startsAt: at("2026-01-10T10:00:00Z"), type: "First hearing", createdAt: at("2026-01-06T10:00:00Z"), outcome: "Sent to the Crown Court" },
          { id: "h1", court: "Northtown Crown Court", startsAt: at("2026-03-04T10:00:00Z"), type: "Trial", createdAt: at("2026-02-02T11:00:00Z"), outcome: null },
        ],
        involvements,
      },
      now,
    );
    expect(message).toMatchObject({
      // The stage, the charge, the first hearing's result (its words name the "Crown Court"
      // unexplained, so they are held back) and the news since: no longer only the newest update.
      whereThingsStand:
        "The case is going to trial. He has been formally accused of the crime. The court has given its result from the first hearing on 10 January 2026. Your named contact can explain what it means for you. The trial is now on 4 March.",
      whatHappensNext: WHAT_HAPPENS_NEXT.AWAITING_TRIAL,
      roughlyWhen: "The next trial is on 4 March 2026 at 10:00am, at Northtown Crown Court.",
      namedContact: { name: "Amira Khan", organisation: "Northshire Rape Crisis" },
      sourceUpdateIds: ["u1", "u3"],
      sourceHearingId: "h1",
      support: [],
      sourceReferralIds: [],
      rightToReview: null,
      sourceReviewWindowId: null,
      lastChangedAt: at("2026-02-02T11:00:00Z"),
      heldBack: [{ sourceKind: "HEARING", sourceId: "h-old", findings: [expect.objectContaining({ kind: "LEGAL_TERM", term: "Crown Court" })], readingEase: expect.any(Number) }],
    });
  });

  it("falls back to the stage's own words, and to the witness care officer when there is no advocate", () => {
    const message = agreedVictimMessage({ stage: "UNDER_INVESTIGATION", updates: [], hearings: [], involvements: involvements.slice(0, 2) }, now);
    // Its own words for where things stand: never the same sentence as what happens next.
    expect(message.whereThingsStand).toBe(WHERE_THINGS_STAND.UNDER_INVESTIGATION);
    expect(message.whatHappensNext).toBe(WHAT_HAPPENS_NEXT.UNDER_INVESTIGATION);
    expect(message.namedContact).toEqual({ name: "Priya Shah", organisation: "Northshire WCU" });
    expect(message.roughlyWhen).toBeNull();
    expect(message.lastChangedAt).toBeNull();
  });

  it("uses wording for every stage that passes the plain-language check, and says where things stand apart from what happens next", () => {
    const own = [BAIL_FALLBACK, courtResultFallback("sentencing hearing", "4 March 2026"), awaitingResultSentence("trial", "4 March 2026")];
    for (const [stage, words] of [...Object.entries(WHAT_HAPPENS_NEXT), ...Object.entries(WHERE_THINGS_STAND), ...own.map((w) => ["own", w] as const)]) {
      const report = checkPlainLanguage(words);
      expect(report.findings, `${stage}: ${JSON.stringify(report.findings)}`).toEqual([]);
      expect(report.ok, stage).toBe(true);
    }
    for (const stage of Object.keys(WHAT_HAPPENS_NEXT) as (keyof typeof WHAT_HAPPENS_NEXT)[]) expect(WHERE_THINGS_STAND[stage], stage).not.toBe(WHAT_HAPPENS_NEXT[stage]);
    expect(WHAT_HAPPENS_NEXT.CHARGED).not.toMatch(/allegation/);
  });

  describe("referrals she agreed may be told in it", () => {
    const referral = (id: string, status: ReferralStatus, toName: string, iso: string) => ({ id, status, toName, changedAt: at(iso) });

    it("says where each stands, oldest first, leaves out a cancelled one, and counts their changes", () => {
      const message = agreedVictimMessage(
        {
          stage: "UNDER_INVESTIGATION",
          updates: [update("u1", "2026-01-05T10:00:00Z", "The police are looking into it.")],
          hearings: [],
          involvements,
          referrals: [
            referral("r1", "ACCEPTED", "Northshire ISVA Service", "2026-01-10T09:00:00Z"),
            referral("r2", "CANCELLED", "Victim Support Northshire", "2026-02-18T09:00:00Z"),
            referral("r3", "REJECTED", "Northshire Stalking Advocacy Service", "2026-02-01T09:00:00Z"),
          ],
        },
        now,
      );
      expect(message.support).toEqual([
        "Northshire ISVA Service has accepted the referral and will be in touch with you.",
        "Northshire Stalking Advocacy Service could not take the referral this time. Your named contact will talk to you about other support.",
      ]);
      expect(message.sourceReferralIds).toEqual(["r1", "r3"]);
      // The cancelled one says nothing, so its change does not date the message either.
      expect(message.lastChangedAt).toEqual(at("2026-02-01T09:00:00Z"));
    });

    it.each<[ReferralStatus, string | null]>([
      ["REQUESTED", "We have asked Safe Steps to contact you about support."],
      ["RECEIVED", "We have asked Safe Steps to contact you about support."],
      ["ACCEPTED", "Safe Steps has accepted the referral and will be in touch with you."],
      ["IN_PROGRESS", "Safe Steps has accepted the referral and will be in touch with you."],
      ["ON_HOLD", "Safe Steps cannot start your support just yet. Your named contact will keep you up to date."],
      ["COMPLETED", "Your support from Safe Steps has finished. If you need them again, your named contact can help."],
      ["REJECTED", "Safe Steps could not take the referral this time. Your named contact will talk to you about other support."],
      ["FAILED", "Safe Steps could not take the referral this time. Your named contact will talk to you about other support."],
      ["CANCELLED", null],
    ])("has plain words for a referral that is %s", (status, sentence) => {
      expect(referralSentence(status, "Safe Steps")).toBe(sentence);
    });

    it("uses wording for every referral state that passes the plain-language check, whatever the service is called", () => {
      const statuses: ReferralStatus[] = ["REQUESTED", "RECEIVED", "ACCEPTED", "REJECTED", "IN_PROGRESS", "ON_HOLD", "COMPLETED", "CANCELLED", "FAILED"];
      for (const name of ["Safe Steps", "Northshire Rape Crisis", "Victim Support Northshire"]) {
        for (const status of statuses) {
          const words = referralSentence(status, name);
          if (words === null) continue;
          const report = checkPlainLanguage(words);
          expect(report.findings, `${status}: ${JSON.stringify(report.findings)}`).toEqual([]);
          expect(report.ok, `${status}: reading ease ${report.readability.fleschReadingEase}`).toBe(true);
        }
      }
    });
  });

  describe("her window to ask for a review of a decision", () => {
    const window = (id: string, dueIso: string, createdIso: string) => ({ id, dueAt: at(dueIso), createdAt: at(createdIso) });
    const sources = { stage: "NO_FURTHER_ACTION" as const, updates: [], hearings: [], involvements };

    it("tells her the last day to ask while the window is open, the soonest first", () => {
      const message = agreedVictimMessage(
        { ...sources, reviewWindows: [window("w-later", "2026-05-20T22:59:00Z", "2026-02-19T09:00:00Z"), window("w1", "2026-05-14T22:59:00Z", "2026-02-10T09:00:00Z")] },
        now,
      );
      expect(message.rightToReview).toBe("If you disagree with this decision, you can ask for it to be reviewed. Please ask by 14 May 2026; your named contact can help you do this.");
      expect(message.sourceReviewWindowId).toBe("w1");
      expect(message.lastChangedAt).toEqual(at("2026-02-10T09:00:00Z"));
    });

    it("says nothing once the last day has passed, or when there is no window", () => {
      expect(agreedVictimMessage({ ...sources, reviewWindows: [window("w1", "2026-02-20T11:59:59Z", "2026-01-10T09:00:00Z")] }, now)).toMatchObject({ rightToReview: null, sourceReviewWindowId: null, lastChangedAt: null });
      expect(agreedVictimMessage(sources, now).rightToReview).toBeNull();
    });

    it("words it so that it passes the plain-language check", () => {
      const report = checkPlainLanguage(rightToReviewSentence("14 May 2026"));
      expect(report.findings).toEqual([]);
      expect(report.ok).toBe(true);
    });
  });
});
