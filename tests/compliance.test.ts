// The compliance report (issue #5) over HTTP: the inspectorate's measures per area,
// organisation and right, with hand-computed outcomes, small numbers suppressed, and
// nothing about any victim in the answer.
import { dueDateFor, type DutyName } from "@hub/core";
import type { OrganisationKind } from "@hub/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AUDITOR, ISVA, startTestHub, type TestHub, WCU } from "./support/test-hub.js";

const WCU_LEAD = "wcu.lead@northshire-police.example.org";
const REPORT = `query ($from: DateTime!, $to: DateTime!, $areaId: ID) {
  complianceReport(from: $from, to: $to, areaId: $areaId) {
    areaId areaName organisationId organisationName duty suppressed
    clocks onTime late breachedOpen stillOpen onTimePercent medianWorkingDays
  }
}`;
const PERIOD = { from: "2025-04-01T00:00:00.000Z", to: "2030-01-01T00:00:00.000Z" };
const DAY_MS = 86_400_000;

interface ClockFixture {
  urn: string;
  duty: DutyName;
  owedByKind: OrganisationKind;
  enhanced?: boolean;
  startedAt: string;
  dueAt: string;
  satisfiedAt?: string;
  breachedAt?: string;
  /** False for fixtures whose due date is deliberately not the Code's (period edges, still open). */
  realistic?: boolean;
}

// Cases of the demo partnership (Northshire) and who is on them.
const A = "41NS0102325"; // police, WCU, CPS, ISVA
const B = "41NS0117825"; // police, WCU, CPS
const C = "41NS0113425"; // police, CPS, ISVA
const D = "41NS0104125"; // police, IDVA: no CPS
const E = "41NS0119025"; // police, WCU, CPS, Victim Support

// Witness Care Unit, Right 8 hearing details, 1 working day. Outcomes and working days by hand:
const WCU_CLOCKS: ClockFixture[] = [
  // Thu 17 Apr 2025; Good Friday and Easter Monday follow, so due end of Tue 22 Apr (BST).
  // Done Tue 22 Apr: on time, 1 working day (5 calendar days).
  { urn: A, duty: "RIGHT_8_HEARING_DETAILS", owedByKind: "POLICE_WCU", startedAt: "2025-04-17T09:00:00.000Z", dueAt: "2025-04-22T22:59:59.999Z", satisfiedAt: "2025-04-22T13:00:00.000Z" },
  // Wed 21 May; due end of Thu 22 May. Done Wed 28 May, after the Spring bank holiday
  // (Mon 26 May): late, 4 working days (22, 23, 27, 28).
  { urn: B, duty: "RIGHT_8_HEARING_DETAILS", owedByKind: "POLICE_WCU", startedAt: "2025-05-21T09:00:00.000Z", dueAt: "2025-05-22T22:59:59.999Z", satisfiedAt: "2025-05-28T10:00:00.000Z" },
  // Fri 4 Jul; due end of Mon 7 Jul. Done Tue 8 Jul: late, 2 working days.
  { urn: A, duty: "RIGHT_8_HEARING_DETAILS", owedByKind: "POLICE_WCU", startedAt: "2025-07-04T14:00:00.000Z", dueAt: "2025-07-07T22:59:59.999Z", satisfiedAt: "2025-07-08T09:00:00.000Z" },
  // Mon 2 Jun; due end of Tue 3 Jun; never done, marked breached by the scan.
  { urn: B, duty: "RIGHT_8_HEARING_DETAILS", owedByKind: "POLICE_WCU", startedAt: "2025-06-02T09:00:00.000Z", dueAt: "2025-06-03T22:59:59.999Z", breachedAt: "2025-06-04T00:00:00.000Z" },
  // Not yet due: still open.
  { urn: A, duty: "RIGHT_8_HEARING_DETAILS", owedByKind: "POLICE_WCU", startedAt: new Date().toISOString(), dueAt: new Date(Date.now() + 3 * DAY_MS).toISOString(), realistic: false },
  // Outside the period: due the moment before it starts (Mon 31 Mar, BST), and due exactly at its end.
  { urn: A, duty: "RIGHT_8_HEARING_DETAILS", owedByKind: "POLICE_WCU", startedAt: "2025-03-28T10:00:00.000Z", dueAt: "2025-03-31T22:59:59.999Z", satisfiedAt: "2025-04-02T10:00:00.000Z" },
  { urn: B, duty: "RIGHT_8_HEARING_DETAILS", owedByKind: "POLICE_WCU", startedAt: "2029-12-28T10:00:00.000Z", dueAt: PERIOD.to, realistic: false },
];
// WCU: 5 clocks in the period; 1 on time, 2 late, 1 breached, 1 open: 1 / 4 = 25.0%.
// Median of 1, 4, 2 working days = 2 (counting only weekends it would be 3; calendar days, 5).

// CPS, Right 6 VCL letter, 5 working days (1 with Enhanced Rights):
const CPS_CLOCKS: ClockFixture[] = [
  // Enhanced, Thu 18 Dec 2025; due end of Fri 19 Dec (GMT). Done that day: on time, 1.
  { urn: A, duty: "RIGHT_6_VCL_LETTER", owedByKind: "CPS", enhanced: true, startedAt: "2025-12-18T11:00:00.000Z", dueAt: "2025-12-19T23:59:59.999Z", satisfiedAt: "2025-12-19T16:00:00.000Z" },
  // Mon 22 Dec; 23, 24, (Christmas, Boxing Day, weekend) 29, 30, 31: due end of Wed 31 Dec.
  // Done Wed 31 Dec: on time, 5.
  { urn: C, duty: "RIGHT_6_VCL_LETTER", owedByKind: "CPS", startedAt: "2025-12-22T10:00:00.000Z", dueAt: "2025-12-31T23:59:59.999Z", satisfiedAt: "2025-12-31T15:00:00.000Z" },
  // Tue 23 Dec; 24, 29, 30, 31, (New Year's Day) Fri 2 Jan: due end of 2 Jan 2026. Done Mon
  // 5 Jan: late, 6.
  { urn: A, duty: "RIGHT_6_VCL_LETTER", owedByKind: "CPS", startedAt: "2025-12-23T10:00:00.000Z", dueAt: "2026-01-02T23:59:59.999Z", satisfiedAt: "2026-01-05T09:00:00.000Z" },
  // Enhanced, on the Early May bank holiday (Mon 5 May 2025); due end of Tue 6 May. Done
  // Wed 7 May: late, 2.
  { urn: C, duty: "RIGHT_6_VCL_LETTER", owedByKind: "CPS", enhanced: true, startedAt: "2025-05-05T10:00:00.000Z", dueAt: "2025-05-06T22:59:59.999Z", satisfiedAt: "2025-05-07T11:00:00.000Z" },
  // Mon 1 Sep; due end of Mon 8 Sep; never done, marked breached.
  { urn: C, duty: "RIGHT_6_VCL_LETTER", owedByKind: "CPS", startedAt: "2025-09-01T09:00:00.000Z", dueAt: "2025-09-08T22:59:59.999Z", breachedAt: "2025-09-09T00:00:00.000Z" },
  // Mon 13 Oct; due end of Mon 20 Oct; never done, and the scan has not marked it yet: still breached.
  { urn: A, duty: "RIGHT_6_VCL_LETTER", owedByKind: "CPS", startedAt: "2025-10-13T09:00:00.000Z", dueAt: "2025-10-20T22:59:59.999Z" },
];
// CPS: 6 clocks; 2 on time, 2 late, 2 breached, 0 open: 2 / 6 = 33.3%.
// Median of 1, 5, 6, 2 = (2 + 5) / 2 = 3.5 (weekends only: 4.5; calendar days: 5.5).

// Police, Right 6 updates: two clocks only, so the numbers are withheld.
const POLICE_CLOCKS: ClockFixture[] = [
  { urn: D, duty: "RIGHT_6_POLICE_UPDATE", owedByKind: "POLICE", startedAt: "2025-06-09T09:00:00.000Z", dueAt: "2025-06-16T22:59:59.999Z", satisfiedAt: "2025-06-10T09:00:00.000Z" },
  { urn: D, duty: "RIGHT_6_POLICE_UPDATE", owedByKind: "POLICE", startedAt: "2025-06-23T09:00:00.000Z", dueAt: "2025-06-30T22:59:59.999Z", satisfiedAt: "2025-07-02T09:00:00.000Z" },
];

// A VCL letter on a case no CPS office is on: nobody owns it, and it is still counted.
const UNOWNED_CLOCKS: ClockFixture[] = [
  { urn: D, duty: "RIGHT_6_VCL_LETTER", owedByKind: "CPS", startedAt: "2025-08-04T09:00:00.000Z", dueAt: "2025-08-11T22:59:59.999Z" },
];

// The victim's own review window is no agency's duty: never in the report.
const VRR_CLOCKS: ClockFixture[] = [0, 1, 2].map((i) => ({
  urn: A,
  duty: "VRR_REQUEST_WINDOW" as const,
  owedByKind: "POLICE" as const,
  startedAt: `2025-06-0${2 + i}T09:00:00.000Z`,
  dueAt: `2025-06-${16 + i}T22:59:59.999Z`,
}));

const NORTHSHIRE_ROWS = (ids: { area: string; wcu: string; cps: string; police: string }) => [
  {
    areaId: ids.area, areaName: "Northshire", organisationId: ids.cps, organisationName: "CPS Northshire", duty: "RIGHT_6_VCL_LETTER",
    suppressed: false, clocks: 6, onTime: 2, late: 2, breachedOpen: 2, stillOpen: 0, onTimePercent: 33.3, medianWorkingDays: 3.5,
  },
  {
    areaId: ids.area, areaName: "Northshire", organisationId: ids.police, organisationName: "Northshire Police", duty: "RIGHT_6_POLICE_UPDATE",
    suppressed: true, clocks: null, onTime: null, late: null, breachedOpen: null, stillOpen: null, onTimePercent: null, medianWorkingDays: null,
  },
  {
    areaId: ids.area, areaName: "Northshire", organisationId: ids.wcu, organisationName: "Northshire Police Witness Care Unit", duty: "RIGHT_8_HEARING_DETAILS",
    suppressed: false, clocks: 5, onTime: 1, late: 2, breachedOpen: 1, stillOpen: 1, onTimePercent: 25, medianWorkingDays: 2,
  },
  {
    areaId: ids.area, areaName: "Northshire", organisationId: null, organisationName: null, duty: "RIGHT_6_VCL_LETTER",
    suppressed: true, clocks: null, onTime: null, late: null, breachedOpen: null, stillOpen: null, onTimePercent: null, medianWorkingDays: null,
  },
];

describe("compliance report", () => {
  let hub: TestHub;
  let ids: { area: string; southshire: string; wcu: string; cps: string; police: string };
  let expected: ReturnType<typeof NORTHSHIRE_ROWS>;

  const insertClocks = async (fixtures: ClockFixture[]) => {
    const prisma = hub.db.prisma;
    const cases = await prisma.case.findMany({ where: { policeUrn: { in: [...new Set(fixtures.map((f) => f.urn))] } }, select: { id: true, policeUrn: true } });
    const caseOf = new Map(cases.map((c) => [c.policeUrn, c.id]));
    await prisma.statutoryClock.createMany({
      data: fixtures.map((f) => ({
        caseId: caseOf.get(f.urn)!,
        duty: f.duty,
        owedByKind: f.owedByKind,
        enhanced: f.enhanced ?? false,
        startedAt: new Date(f.startedAt),
        dueAt: new Date(f.dueAt),
        satisfiedAt: f.satisfiedAt ? new Date(f.satisfiedAt) : null,
        breachedAt: f.breachedAt ? new Date(f.breachedAt) : null,
      })),
    });
  };

  beforeAll(async () => {
    hub = await startTestHub();
    const prisma = hub.db.prisma;
    // Whatever the demo seed starts, the exact rows below are about these clocks only.
    await prisma.statutoryClock.deleteMany({});
    await insertClocks([...WCU_CLOCKS, ...CPS_CLOCKS, ...POLICE_CLOCKS, ...UNOWNED_CLOCKS, ...VRR_CLOCKS]);
    const org = (name: string) => prisma.organisation.findUniqueOrThrow({ where: { name } }).then((o) => o.id);
    const area = (code: string) => prisma.area.findUniqueOrThrow({ where: { code } }).then((a) => a.id);
    ids = {
      area: await area("NSH"),
      southshire: await area("SSH"),
      wcu: await org("Northshire Police Witness Care Unit"),
      cps: await org("CPS Northshire"),
      police: await org("Northshire Police"),
    };
    expected = NORTHSHIRE_ROWS(ids);
  });
  afterAll(async () => {
    await hub?.close();
  });

  it("has fixtures whose due dates are the hub's own Victims' Code deadlines", () => {
    for (const f of [...WCU_CLOCKS, ...CPS_CLOCKS, ...POLICE_CLOCKS, ...UNOWNED_CLOCKS].filter((f) => f.realistic !== false)) {
      expect(dueDateFor(f.duty, new Date(f.startedAt), f.enhanced ?? false).toISOString(), `${f.duty} from ${f.startedAt}`).toBe(f.dueAt);
    }
  });

  it("gives a partnership auditor the measures per area, organisation and right", async () => {
    const res = await hub.gql(AUDITOR, REPORT, PERIOD, "COMPLIANCE_MONITORING");
    expect(res.errors).toBeUndefined();
    expect(res.data!.complianceReport).toEqual(expected);
  });

  it("gives an organisation admin the same report, and refuses a caseworker and an advocate", async () => {
    const admin = await hub.gql(WCU_LEAD, REPORT, PERIOD);
    expect(admin.errors).toBeUndefined();
    expect(admin.data!.complianceReport).toEqual(expected);
    for (const who of [WCU, ISVA]) {
      const refused = await hub.gql(who, REPORT, PERIOD);
      expect(refused.data).toBeNull();
      expect(refused.errors).toHaveLength(1);
      expect(refused.errors![0]).toMatchObject({
        message: "Compliance reports are for organisation admins and partnership auditors.",
        extensions: { code: "FORBIDDEN" },
      });
    }
  });

  it("contains no case, victim or clock data, writes no audit rows and logs nothing about a victim", async () => {
    const prisma = hub.db.prisma;
    const auditBefore = await prisma.auditEvent.count();
    const logsBefore = hub.logs.length;
    const res = await hub.gql(AUDITOR, REPORT, PERIOD, "COMPLIANCE_MONITORING");
    expect(res.data!.complianceReport.length).toBeGreaterThan(0);
    const body = JSON.stringify(res.data);
    const cases = await prisma.case.findMany({ include: { victim: { include: { identity: true, contactDetails: true } }, involvements: true } });
    const clocks = await prisma.statutoryClock.findMany({ select: { id: true } });
    const secrets = [
      ...cases.flatMap((c) => [c.id, c.policeUrn, c.cpsReference, c.victimId, c.victim.reference, ...c.involvements.map((i) => i.id)]),
      ...cases.flatMap((c) => [c.victim.identity?.fullName, c.victim.contactDetails?.phone, c.victim.contactDetails?.postcode, c.victim.contactDetails?.email]),
      ...clocks.map((c) => c.id),
    ].filter((s): s is string => !!s);
    expect(secrets.length).toBeGreaterThan(40);
    for (const secret of secrets) expect(body).not.toContain(secret);
    expect(await prisma.auditEvent.count()).toBe(auditBefore);
    const newLogs = hub.logs.slice(logsBefore).join("\n");
    for (const secret of secrets) expect(newLogs).not.toContain(secret);
  });

  it("filters by area: Northshire's rows for Northshire, nothing for Southshire", async () => {
    const north = await hub.gql(AUDITOR, REPORT, { ...PERIOD, areaId: ids.area }, "COMPLIANCE_MONITORING");
    expect(north.data!.complianceReport).toEqual(expected);
    const south = await hub.gql(AUDITOR, REPORT, { ...PERIOD, areaId: ids.southshire }, "COMPLIANCE_MONITORING");
    expect(south.errors).toBeUndefined();
    expect(south.data!.complianceReport).toEqual([]);
  });

  it("counts only clocks due in the period", async () => {
    // From the Easter clock's deadline (included) to the May hearing clock's (excluded): the
    // Witness Care Unit's Easter clock and the CPS letter due 6 May, one each, so both suppressed.
    const spring = await hub.gql(AUDITOR, REPORT, { from: "2025-04-22T22:59:59.999Z", to: "2025-05-22T22:59:59.999Z" }, "COMPLIANCE_MONITORING");
    expect(spring.data!.complianceReport).toEqual([
      expect.objectContaining({ organisationId: ids.cps, duty: "RIGHT_6_VCL_LETTER", suppressed: true, clocks: null }),
      expect.objectContaining({ organisationId: ids.wcu, duty: "RIGHT_8_HEARING_DETAILS", suppressed: true, clocks: null }),
    ]);
    const none = await hub.gql(AUDITOR, REPORT, { from: "2023-01-01T00:00:00.000Z", to: "2023-06-01T00:00:00.000Z" }, "COMPLIANCE_MONITORING");
    expect(none.data!.complianceReport).toEqual([]);
  });

  it("attributes a clock to every organisation of the owing kind on the case, once each, including one no longer involved", async () => {
    const prisma = hub.db.prisma;
    const caseE = await prisma.case.findFirstOrThrow({ where: { policeUrn: E } });
    const unit = await prisma.organisation.create({ data: { name: "CPS Northshire Complex Casework Unit", kind: "CPS", legalType: "COMPETENT_AUTHORITY" } });
    await prisma.caseInvolvement.createMany({
      data: [
        // The complex casework unit had the case before it came to CPS Northshire; and CPS
        // Northshire was on it once before as well (two involvements, one organisation).
        { caseId: caseE.id, organisationId: unit.id, capacity: "PROSECUTION", since: new Date("2023-01-01T00:00:00Z"), until: new Date("2024-01-15T00:00:00Z") },
        { caseId: caseE.id, organisationId: ids.cps, capacity: "PROSECUTION", since: new Date("2022-06-01T00:00:00Z"), until: new Date("2022-12-31T00:00:00Z") },
      ],
    });
    // Mon 5 Feb 2024 and the two Mondays after, 5 working days each; the second is late.
    const february: ClockFixture[] = [
      { urn: E, duty: "RIGHT_6_VCL_LETTER", owedByKind: "CPS", startedAt: "2024-02-05T10:00:00.000Z", dueAt: "2024-02-12T23:59:59.999Z", satisfiedAt: "2024-02-06T10:00:00.000Z" },
      { urn: E, duty: "RIGHT_6_VCL_LETTER", owedByKind: "CPS", startedAt: "2024-02-12T10:00:00.000Z", dueAt: "2024-02-19T23:59:59.999Z", satisfiedAt: "2024-02-21T10:00:00.000Z" },
      { urn: E, duty: "RIGHT_6_VCL_LETTER", owedByKind: "CPS", startedAt: "2024-02-19T10:00:00.000Z", dueAt: "2024-02-26T23:59:59.999Z", satisfiedAt: "2024-02-22T10:00:00.000Z" },
    ];
    for (const f of february) expect(dueDateFor(f.duty, new Date(f.startedAt), false).toISOString()).toBe(f.dueAt);
    await insertClocks(february);
    const res = await hub.gql(AUDITOR, REPORT, { from: "2024-01-01T00:00:00.000Z", to: "2024-07-01T00:00:00.000Z" }, "COMPLIANCE_MONITORING");
    // Working days 1, 7, 3: median 3.
    const measures = { duty: "RIGHT_6_VCL_LETTER", suppressed: false, clocks: 3, onTime: 2, late: 1, breachedOpen: 0, stillOpen: 0, onTimePercent: 66.7, medianWorkingDays: 3 };
    expect(res.data!.complianceReport).toEqual([
      { areaId: ids.area, areaName: "Northshire", organisationId: ids.cps, organisationName: "CPS Northshire", ...measures },
      { areaId: ids.area, areaName: "Northshire", organisationId: unit.id, organisationName: "CPS Northshire Complex Casework Unit", ...measures },
    ]);
  });

  it("refuses a period that ends before it starts, and an area id the hub never gave out", async () => {
    const backwards = await hub.gql(AUDITOR, REPORT, { from: PERIOD.to, to: PERIOD.from }, "COMPLIANCE_MONITORING");
    expect(backwards.errors?.[0]?.extensions).toEqual({ code: "BAD_INPUT", field: "to" });
    const badArea = await hub.gql(AUDITOR, REPORT, { ...PERIOD, areaId: "NSH' OR 1=1 --" }, "COMPLIANCE_MONITORING");
    expect(badArea.errors?.[0]?.extensions).toEqual({ code: "BAD_INPUT", field: "areaId" });
  });
});
