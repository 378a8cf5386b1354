// The caseload reads a page's clocks and keep-in-touch tasks in a fixed number of SQL
// statements, whatever the page size (no statement per case). Real database, real HTTP.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestHub, type TestHub, WCU } from "./support/test-hub.js";

// The caseload's deadlines and tasks on every case. (A task's suggestedMessage is worded from
// the agreed-message inputs, still read per case: not yet counted here.)
const CASELOAD = `query ($first: Int, $after: String) { cases(first: $first, after: $after) { edges { cursor node { id policeUrn cpsReference offenceCategory stage openedAt area { id name } clocks { id duty status dueAt } keepInTouchTasks { id status dueAt } } } pageInfo { hasNextPage endCursor } } }`;

describe("caseload statements per page", () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startTestHub();
    const p = hub.db.prisma;
    const wcu = await p.organisation.findUniqueOrThrow({ where: { name: "Northshire Police Witness Care Unit" } });
    const area = await p.area.findUniqueOrThrow({ where: { code: "NSH" } });
    // Enough cases for a full page of 100, each with a clock and a task, so an N+1 would show.
    for (let i = 0; i < 110; i++) {
      const c = await p.case.create({
        data: {
          offenceCategory: "ASSAULT",
          area: { connect: { id: area.id } },
          policeUrn: `41NS9${String(i).padStart(6, "0")}`,
          victim: { create: { reference: `V-SP-${i}-${Date.now()}` } },
          involvements: { create: { organisationId: wcu.id, capacity: "WITNESS_CARE" } },
        },
      });
      await p.statutoryClock.create({
        data: { caseId: c.id, duty: "RIGHT_6_CASE_UPDATE", owedByKind: "POLICE_WCU", enhanced: false, startedAt: new Date(), dueAt: new Date(Date.now() + (i - 50) * 3600_000) },
      });
      await p.keepInTouchTask.create({
        data: { caseId: c.id, organisationId: wcu.id, dueAt: new Date(Date.now() + i * 3600_000), suggestedMessage: "Call her to see how she is." },
      });
    }
  }, 120_000);
  afterAll(async () => {
    await hub.close();
  });

  const statementsFor = async (first: number) => {
    const statements: string[] = [];
    const stop = hub.db.onQuery((sql) => statements.push(sql));
    const res = await hub.gql(WCU, CASELOAD, { first });
    stop();
    expect(res.errors).toBeUndefined();
    const edges = res.data!.cases.edges;
    expect(edges).toHaveLength(first);
    // Every case made here carries its clock and task: batching must not lose them.
    const made = edges.filter((e: any) => e.node.policeUrn?.startsWith("41NS9"));
    expect(made.length).toBeGreaterThan(0);
    for (const e of made) {
      expect(e.node.clocks.length).toBeGreaterThan(0);
      expect(e.node.keepInTouchTasks.length).toBeGreaterThan(0);
    }
    return statements.length;
  };

  it("reads a page of 25 and a page of 100 in the same number of statements, at most 10", async () => {
    const small = await statementsFor(25);
    const large = await statementsFor(100);
    expect(large).toBe(small);
    expect(small).toBeLessThanOrEqual(10);
  });
});
