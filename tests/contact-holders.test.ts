// The one set-based rule for "may this organisation hold her contact details" (packages/policy
// contact-holders.ts), which both the contact-outside-agreement notification and the keep-in-touch
// heartbeat use: an organisation on the case with her consent grant qualifies; without the grant
// (as after a withdrawal) or once its involvement has ended, it no longer does.
import { mayHoldContactSql } from "@hub/policy";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestHub, type TestHub } from "./support/test-hub.js";

describe("who may hold her contact details", () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startTestHub();
  });
  afterAll(async () => {
    await hub?.close();
  });

  const holders = async () =>
    (await hub.db.prisma.$queryRawUnsafe(`
      SELECT c.id::text AS "caseId", i."organisationId"::text AS "organisationId"
      FROM "Case" c JOIN "CaseInvolvement" i ON i."caseId" = c.id AND (i.until IS NULL OR i.until > now())
      WHERE ${mayHoldContactSql({ victimId: 'c."victimId"', caseId: "c.id", organisationId: 'i."organisationId"', now: "now()" })}`)) as { caseId: string; organisationId: string }[];

  it("drops an organisation whose consent grant is gone, and one whose involvement ended", async () => {
    const p = hub.db.prisma;
    const before = await holders();
    expect(before.length).toBeGreaterThan(1);
    const [first, second] = before.filter((h, i, all) => all.findIndex((x) => x.caseId === h.caseId && x.organisationId === h.organisationId) === i);
    if (!first || !second) throw new Error("The seed should give at least two holders.");
    const victimOf = async (caseId: string) => (await p.case.findUniqueOrThrow({ where: { id: caseId } })).victimId;

    await p.sharingDecision.deleteMany({ where: { caseId: first.caseId, receivingOrganisationId: first.organisationId } });
    await p.consentGrant.deleteMany({ where: { victimId: await victimOf(first.caseId), organisationId: first.organisationId, category: "CONTACT_DETAILS" } });
    await p.caseInvolvement.updateMany({ where: { caseId: second.caseId, organisationId: second.organisationId, until: null }, data: { until: new Date(Date.now() - 60_000) } });

    const after = await holders();
    const has = (h: { caseId: string; organisationId: string }) => after.some((x) => x.caseId === h.caseId && x.organisationId === h.organisationId);
    expect(has(first)).toBe(false);
    expect(has(second)).toBe(false);
  });
});
