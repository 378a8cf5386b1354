// The compliance page's other two measures (issue #7) over HTTP: referral acknowledgement
// times (acknowledgement clocks, owned by the organisation referred to) and median days between
// updates that reached victims, per area and organisation. Aggregates only, small numbers
// withheld, nothing about any victim in the answer.
import { dueDateFor } from "@hub/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AUDITOR, ISVA, startTestHub, type TestHub, WCU } from "./support/test-hub.js";

const ACKNOWLEDGEMENTS = `query ($from: DateTime!, $to: DateTime!, $areaId: ID) {
  complianceReport(from: $from, to: $to, areaId: $areaId) {
    areaName organisationId organisationName duty suppressed clocks onTime late breachedOpen stillOpen onTimePercent medianWorkingDays
  }
}`;
const INTERVALS = `query ($from: DateTime!, $to: DateTime!, $areaId: ID) {
  updateIntervalReport(from: $from, to: $to, areaId: $areaId) {
    areaId areaName organisationId organisationName suppressed cases intervals medianDays
  }
}`;
const PERIOD = { from: "2025-04-01T00:00:00.000Z", to: "2025-07-01T00:00:00.000Z" };

// Cases of the demo partnership and who is on them.
const A = "41NS0102325"; // police, WCU, CPS, Northshire Rape Crisis (ISVA)
const B = "41NS0117825"; // police, WCU, CPS
const C = "41NS0113425"; // police, CPS, ISVA
const E = "41NS0119025"; // police, WCU, CPS, Victim Support

// Northshire Police refer three victims to the Southshire ISVA service, which is on none of
// the cases; the partnership's standard gives it 2 working days to acknowledge. Working days by hand:
const REFERRALS = [
  // Mon 2 Jun 2025; due end of Wed 4 Jun (BST). Acknowledged the same day: on time, 0.
  { urn: A, startedAt: "2025-06-02T09:00:00.000Z", dueAt: "2025-06-04T22:59:59.999Z", satisfiedAt: "2025-06-02T15:00:00.000Z" },
  // Tue 3 Jun; due end of Thu 5 Jun. Acknowledged Wed 4 Jun: on time, 1.
  { urn: B, startedAt: "2025-06-03T09:00:00.000Z", dueAt: "2025-06-05T22:59:59.999Z", satisfiedAt: "2025-06-04T10:00:00.000Z" },
  // Wed 4 Jun; due end of Fri 6 Jun. Acknowledged Tue 10 Jun: late, 4 (5, 6, 9, 10 June).
  { urn: C, startedAt: "2025-06-04T09:00:00.000Z", dueAt: "2025-06-06T22:59:59.999Z", satisfiedAt: "2025-06-10T10:00:00.000Z" },
];
// 2 of 3 on time: 66.7%; median of 0, 1, 4 working days = 1.

type Contact = { urn: string; org: "wcu" | "cps"; at: string; outcome: "REACHED" | "SENT" | "MESSAGE_LEFT" | "NO_ANSWER" };
const CONTACTS: Contact[] = [
  // Case A: the gap from before the period counts (14 days); an unanswered call is no update,
  // so the next gap is 14 days again.
  { urn: A, org: "wcu", at: "2025-03-25T10:00:00.000Z", outcome: "REACHED" },
  { urn: A, org: "wcu", at: "2025-04-08T10:00:00.000Z", outcome: "SENT" },
  { urn: A, org: "wcu", at: "2025-04-15T10:00:00.000Z", outcome: "NO_ANSWER" },
  { urn: A, org: "wcu", at: "2025-04-22T10:00:00.000Z", outcome: "REACHED" },
  // Case B: the first update has nothing before it; then 7.5 days.
  { urn: B, org: "wcu", at: "2025-04-01T10:00:00.000Z", outcome: "REACHED" },
  { urn: B, org: "wcu", at: "2025-04-08T22:00:00.000Z", outcome: "MESSAGE_LEFT" },
  // Case E: 20 days; the next update is after the period.
  { urn: E, org: "wcu", at: "2025-05-01T10:00:00.000Z", outcome: "REACHED" },
  { urn: E, org: "wcu", at: "2025-05-21T10:00:00.000Z", outcome: "REACHED" },
  { urn: E, org: "wcu", at: "2025-07-05T10:00:00.000Z", outcome: "REACHED" },
  // The CPS's updates on case A are their own gaps, not the WCU's: one case, so withheld.
  { urn: A, org: "cps", at: "2025-04-10T10:00:00.000Z", outcome: "REACHED" },
  { urn: A, org: "cps", at: "2025-04-20T10:00:00.000Z", outcome: "SENT" },
];
// WCU gaps 14, 14, 7.5, 20 over 3 cases: median (14 + 14) / 2 = 14.

describe("compliance measures: referral acknowledgement and days between updates", () => {
  let hub: TestHub;
  let ids: { area: string; southshire: string; wcu: string; cps: string; ssIsva: string; nsIsva: string };

  beforeAll(async () => {
    hub = await startTestHub();
    const prisma = hub.db.prisma;
    await prisma.statutoryClock.deleteMany({});
    const org = (name: string) => prisma.organisation.findUniqueOrThrow({ where: { name } }).then((o) => o.id);
    const area = (code: string) => prisma.area.findUniqueOrThrow({ where: { code } }).then((a) => a.id);
    ids = {
      area: await area("NSH"),
      southshire: await area("SSH"),
      wcu: await org("Northshire Police Witness Care Unit"),
      cps: await org("CPS Northshire"),
      ssIsva: await org("Southshire ISVA Service"),
      nsIsva: await org("Northshire Rape Crisis"),
    };
    const police = await org("Northshire Police");
    const cases = new Map((await prisma.case.findMany({ select: { id: true, policeUrn: true } })).map((c) => [c.policeUrn, c.id]));
    const userOf = async (email: string) => (await prisma.user.findUniqueOrThrow({ where: { email } })).id;
    const officer = await userOf("officer@northshire-police.example.org");
    for (const r of REFERRALS) {
      const referral = await prisma.referral.create({
        data: { caseId: cases.get(r.urn)!, fromOrganisationId: police, toOrganisationId: ids.ssIsva, reason: "Needs ISVA support near her new home.", createdByUserId: officer },
      });
      await prisma.statutoryClock.create({
        data: {
          caseId: cases.get(r.urn)!,
          duty: "REFERRAL_ACKNOWLEDGEMENT",
          owedByKind: "ISVA_SERVICE",
          enhanced: false,
          startedAt: new Date(r.startedAt),
          dueAt: new Date(r.dueAt),
          satisfiedAt: new Date(r.satisfiedAt),
          startedByUpdateId: referral.id,
        },
      });
    }
    const by = { wcu: { organisationId: ids.wcu, byUserId: await userOf(WCU) }, cps: { organisationId: ids.cps, byUserId: await userOf("vlo@cps-northshire.example.org") } };
    await prisma.contactRecord.createMany({
      data: CONTACTS.map((c) => ({ caseId: cases.get(c.urn)!, at: new Date(c.at), ...by[c.org], channel: "PHONE" as const, outcome: c.outcome, summary: "Explained what happens next." })),
    });
  });
  afterAll(async () => {
    await hub?.close();
  });

  it("has referral fixtures whose due dates are the hub's own acknowledgement deadlines", () => {
    for (const r of REFERRALS) expect(dueDateFor("REFERRAL_ACKNOWLEDGEMENT", new Date(r.startedAt), false).toISOString()).toBe(r.dueAt);
  });

  it("gives referral acknowledgement times to the organisation referred to, not to others of its kind on the case", async () => {
    const res = await hub.gql(AUDITOR, ACKNOWLEDGEMENTS, PERIOD, "COMPLIANCE_MONITORING");
    expect(res.errors).toBeUndefined();
    expect(res.data!.complianceReport).toEqual([
      {
        areaName: "Northshire", organisationId: ids.ssIsva, organisationName: "Southshire ISVA Service", duty: "REFERRAL_ACKNOWLEDGEMENT",
        suppressed: false, clocks: 3, onTime: 2, late: 1, breachedOpen: 0, stillOpen: 0, onTimePercent: 66.7, medianWorkingDays: 1,
      },
    ]);
    expect(JSON.stringify(res.data)).not.toContain(ids.nsIsva);
  });

  it("gives the median days between updates that reached victims, per area and organisation", async () => {
    const res = await hub.gql(AUDITOR, INTERVALS, PERIOD, "COMPLIANCE_MONITORING");
    expect(res.errors).toBeUndefined();
    const place = { areaId: ids.area, areaName: "Northshire" };
    expect(res.data!.updateIntervalReport).toEqual([
      { ...place, organisationId: ids.cps, organisationName: "CPS Northshire", suppressed: true, cases: null, intervals: null, medianDays: null },
      { ...place, organisationId: ids.wcu, organisationName: "Northshire Police Witness Care Unit", suppressed: false, cases: 3, intervals: 4, medianDays: 14 },
    ]);
    const north = await hub.gql(AUDITOR, INTERVALS, { ...PERIOD, areaId: ids.area }, "COMPLIANCE_MONITORING");
    expect(north.data!.updateIntervalReport).toEqual(res.data!.updateIntervalReport);
    const south = await hub.gql(AUDITOR, INTERVALS, { ...PERIOD, areaId: ids.southshire }, "COMPLIANCE_MONITORING");
    expect(south.data!.updateIntervalReport).toEqual([]);
  });

  it("gives an organisation admin the same, refuses a caseworker and an advocate, and checks the period", async () => {
    const admin = await hub.gql("wcu.lead@northshire-police.example.org", INTERVALS, PERIOD);
    expect(admin.errors).toBeUndefined();
    expect(admin.data!.updateIntervalReport).toHaveLength(2);
    for (const who of [WCU, ISVA]) {
      const refused = await hub.gql(who, INTERVALS, PERIOD);
      expect(refused.errors?.[0]).toMatchObject({ message: "Compliance reports are for organisation admins and partnership auditors.", extensions: { code: "FORBIDDEN" } });
    }
    const backwards = await hub.gql(AUDITOR, INTERVALS, { from: PERIOD.to, to: PERIOD.from }, "COMPLIANCE_MONITORING");
    expect(backwards.errors?.[0]?.extensions).toEqual({ code: "BAD_INPUT", field: "to" });
  });

  it("contains no case, victim, referral or contact data, and writes no audit rows", async () => {
    const prisma = hub.db.prisma;
    const auditBefore = await prisma.auditEvent.count();
    const both = await Promise.all([
      hub.gql(AUDITOR, ACKNOWLEDGEMENTS, PERIOD, "COMPLIANCE_MONITORING"),
      hub.gql(AUDITOR, INTERVALS, PERIOD, "COMPLIANCE_MONITORING"),
    ]);
    const body = JSON.stringify(both.map((r) => r.data));
    const cases = await prisma.case.findMany({ include: { victim: true } });
    const secrets = [
      ...cases.flatMap((c) => [c.id, c.policeUrn, c.victimId, c.victim.reference]),
      ...(await prisma.referral.findMany({ select: { id: true } })).map((r) => r.id),
      ...(await prisma.contactRecord.findMany({ select: { id: true } })).map((c) => c.id),
    ].filter((s): s is string => !!s);
    expect(secrets.length).toBeGreaterThan(30);
    for (const secret of secrets) expect(body).not.toContain(secret);
    expect(body).not.toContain("Explained what happens next.");
    expect(await prisma.auditEvent.count()).toBe(auditBefore);
  });
});
