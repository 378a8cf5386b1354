// What a WCU case system does: find cases by its own references, then send a day's
// updates in one request. All are validated first; all are written, or none.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ISVA, startTestHub, type TestHub, WCU } from "./support/test-hub.js";

const BATCH = `mutation ($updates: [BatchCaseUpdateInput!]!) { recordCaseUpdates(updates: $updates) { written updateIds errors { index message field } } }`;
const BY_REF = `query ($urn: String) { casesByReference(policeUrn: $urn) { id policeUrn victimReference } }`;

describe("integration: matching and batch ingestion", () => {
  let hub: TestHub;
  const urns = ["41NS0102325", "41NS0107725", "41NS0115625", "41NS0117825", "41NS0119025", "41NS0121325"];
  beforeAll(async () => {
    hub = await startTestHub();
  });
  afterAll(async () => {
    await hub.close();
  });

  const item = (i: number, over: Record<string, unknown> = {}) => ({
    policeUrn: urns[i % urns.length],
    type: i % 2 ? "HEARING_LISTED" : "SPECIAL_MEASURES_OUTCOME",
    occurredAt: new Date(Date.now() - 3600_000 - i * 1000).toISOString(),
    internalNote: `Import line ${i}`,
    victimExplanation: `Court update number ${i}: your witness care officer will explain what it means for you.`,
    ...over,
  });

  it("finds cases by police URN, only among those the caller may see", async () => {
    expect((await hub.gql(WCU, BY_REF, { urn: "41NS0102325" })).data!.casesByReference).toHaveLength(1);
    expect((await hub.gql(WCU, BY_REF, { urn: "47SS0200125" })).data!.casesByReference).toEqual([]);
  });

  it("writes 1,000 updates from one request, each with its audit entry", async () => {
    const auditBefore = await hub.db.prisma.auditEvent.count({ where: { action: "COLLECTION", entityType: "CaseUpdate" } });
    const res = await hub.gql(WCU, BATCH, { updates: Array.from({ length: 1000 }, (_, i) => item(i)) });
    expect(res.errors).toBeUndefined();
    expect(res.data!.recordCaseUpdates).toMatchObject({ written: 1000, errors: [] });
    expect(new Set(res.data!.recordCaseUpdates.updateIds).size).toBe(1000);
    expect(await hub.db.prisma.caseUpdate.count()).toBe(1000);
    expect(await hub.db.prisma.auditEvent.count({ where: { action: "COLLECTION", entityType: "CaseUpdate" } })).toBe(auditBefore + 1000);
  });

  it("writes nothing when any item is wrong, and lists every problem by position", async () => {
    const before = await hub.db.prisma.caseUpdate.count();
    const updates = Array.from({ length: 1000 }, (_, i) => item(i));
    updates[5] = item(5, { policeUrn: "NO-SUCH-URN" });
    updates[500] = item(500, { victimExplanation: "short" });
    updates[998] = item(998, { type: "SUSPECT_ARRESTED" });
    updates[999] = item(999, { occurredAt: new Date(Date.now() + 86_400_000).toISOString() });
    const res = (await hub.gql(WCU, BATCH, { updates })).data!.recordCaseUpdates;
    expect(res.written).toBe(0);
    expect(res.errors).toEqual([
      { index: 5, message: "No case was found with that reference.", field: "caseId" },
      { index: 500, message: "Write what the victim should be told, in a sentence or two.", field: "victimExplanation" },
      { index: 998, message: 'Your organisation does not record "suspect arrested" updates: the agency that is the source for it does.', field: "type" },
      { index: 999, message: "An update records something that has happened: the date cannot be in the future.", field: "occurredAt" },
    ]);
    expect(await hub.db.prisma.caseUpdate.count()).toBe(before);
  });

  it("asks for the case id when a URN covers several victims", async () => {
    const original = await hub.db.prisma.case.findFirstOrThrow({ where: { policeUrn: "41NS0102325" }, include: { involvements: true } });
    await hub.db.prisma.case.create({
      data: {
        policeUrn: "41NS0102325",
        offenceCategory: original.offenceCategory,
        area: { connect: { id: original.areaId } },
        victim: { create: { reference: "V-NS-0001-B" } },
        involvements: { create: original.involvements.map((i) => ({ organisationId: i.organisationId, capacity: i.capacity })) },
      },
    });
    const res = (await hub.gql(WCU, BATCH, { updates: [item(0)] })).data!.recordCaseUpdates;
    expect(res.errors).toEqual([{ index: 0, message: "More than one case has this reference (it covers several victims): send the caseId instead.", field: "policeUrn" }]);
    const byId = (await hub.gql(WCU, BATCH, { updates: [item(0, { policeUrn: null, caseId: original.id })] })).data!.recordCaseUpdates;
    expect(byId.written).toBe(1);
  });

  it("treats a case the caller may not see as not found", async () => {
    const res = (await hub.gql(ISVA, BATCH, { updates: [item(0, { policeUrn: "41NS0117825", type: "PROGRESS_NOTE" })] })).data!.recordCaseUpdates;
    expect(res.errors).toEqual([{ index: 0, message: "No case was found with that reference.", field: "caseId" }]);
  });

  it("takes as many typical updates as fit in the 1 MiB body limit, and says plainly how to send more", async () => {
    const { TYPICAL_UPDATE_BYTES, typicalUpdatesIn } = await import("../apps/api/src/http/body-limit.js");
    // As a WCU system sends them: the case, two times, a note and what she is told.
    const caseId = (await hub.db.prisma.case.findFirstOrThrow({ where: { policeUrn: "41NS0102325" } })).id;
    const typical = (i: number) => ({
      caseId,
      type: "HEARING_LISTED",
      occurredAt: new Date(Date.now() - 7_200_000).toISOString(),
      receivedAt: new Date(Date.now() - 3_600_000).toISOString(),
      internalNote: `Listed by the Crown Court listing office for a two-day trial, courtroom 4, ref L${String(i).padStart(6, "0")}.`,
      victimExplanation: "The trial will start at Northtown Crown Court. Your witness care officer will call you to talk about the day and any help you need to give evidence.",
    });
    const body = (n: number) => JSON.stringify({ query: BATCH, variables: { updates: Array.from({ length: n }, (_, i) => typical(i)) } });
    const size = Buffer.byteLength(body(1000)) / 1000;
    expect(size).toBeGreaterThan(TYPICAL_UPDATE_BYTES * 0.8);
    expect(size).toBeLessThan(TYPICAL_UPDATE_BYTES * 1.2);
    const fits = typicalUpdatesIn(1024 * 1024);
    const send = async (n: number) => {
      const token = await hub.tokenFor(WCU);
      return fetch(`${hub.url}/graphql`, { method: "POST", headers: { "Content-Type": "application/json", Authorization: `Bearer ${token}`, "X-Access-Purpose": "KEEPING_VICTIM_INFORMED" }, body: body(n) });
    };
    const ok = await send(fits);
    expect(ok.status).toBe(200);
    const answer = (await ok.json()).data.recordCaseUpdates;
    expect(answer.errors.slice(0, 1)).toEqual([]);
    expect(answer.written).toBe(fits);
    const tooMany = await send(3000);
    expect(tooMany.status).toBe(413);
    expect((await tooMany.json()).errors[0].message).toMatch(/split a batch of updates into several requests \(about 2,100 typical updates fit in one\)/);
  });
});

