// Notifications end to end: a referral nobody acknowledges and a missed hearing-details
// deadline, through the clock scan and the outbox drain, to the people who must act, read over
// GraphQL in plain English, with case references only for readers who may still see the case
// and never a victim's name.
import { addWorkingDays } from "@hub/core";
import { drainOutbox, notifyOutboxHandler, scanBreachedClocks } from "@hub/jobs";
import { DEMO_USERS } from "@hub/db/seed";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestHub, type TestHub, WCU } from "./support/test-hub.js";

const ISVA_LEAD = "lead@northshire-rapecrisis.example.org";
const WCU_LEAD = "wcu.lead@northshire-police.example.org";

const MAKE = `mutation ($caseId: ID!, $to: ID) { makeReferral(caseId: $caseId, toOrganisationId: $to, reason: "She would like specialist support with the court process.") { __typename ... on Referral { id } ... on Error { message } } }`;
const LIST = `query ($first: Int, $after: String, $unreadOnly: Boolean) {
  viewer { notifications(first: $first, after: $after, unreadOnly: $unreadOnly) {
    unreadCount
    pageInfo { hasNextPage endCursor }
    edges { cursor node { id kind message createdAt readAt caseId caseReference referralId } }
  } }
}`;
const MARK = `mutation ($id: ID!) { markNotificationRead(id: $id) { __typename ... on Notification { id readAt } ... on NotFoundError { entity message } } }`;

interface Node {
  id: string;
  kind: string;
  message: string;
  readAt: string | null;
  caseId: string | null;
  caseReference: string | null;
  referralId: string | null;
}

describe("notifications", () => {
  let hub: TestHub;
  let referralCaseId: string;
  let referralId: string;

  const list = async (as: string, variables: Record<string, unknown> = {}, purpose?: string | null) => {
    const res = await hub.gql(as, LIST, variables, purpose);
    expect(res.errors).toBeUndefined();
    const connection = res.data!.viewer.notifications as { unreadCount: number; pageInfo: { hasNextPage: boolean; endCursor: string | null }; edges: { node: Node }[] };
    return { ...connection, nodes: connection.edges.map((e) => e.node) };
  };
  const referralNotice = async (as: string, purpose?: string | null) => (await list(as, {}, purpose)).nodes.filter((n) => n.kind === "REFERRAL_NOT_ACKNOWLEDGED");

  beforeAll(async () => {
    hub = await startTestHub();
    const p = hub.db.prisma;
    referralCaseId = (await p.case.findFirstOrThrow({ where: { policeUrn: "41NS0117825" } })).id;
    const isvaOrg = (await p.organisation.findUniqueOrThrow({ where: { name: "Northshire Rape Crisis" } })).id;
    const made = await hub.gql(WCU, MAKE, { caseId: referralCaseId, to: isvaOrg }, "REFERRAL");
    expect(made.data!.makeReferral.__typename).toBe("Referral");
    referralId = made.data!.makeReferral.id;
    // A hearing-details deadline the Witness Care Unit missed on another case.
    const hearingCase = await p.case.findFirstOrThrow({ where: { policeUrn: "41NS0102325" } });
    const startedAt = new Date();
    await p.statutoryClock.create({
      data: { caseId: hearingCase.id, duty: "RIGHT_8_HEARING_DETAILS", owedByKind: "POLICE_WCU", enhanced: false, startedAt, dueAt: addWorkingDays(startedAt, 1) },
    });

    // Nobody acknowledges: three working days later the scan marks both clocks and the drain notifies.
    const later = addWorkingDays(new Date(), 3);
    expect((await scanBreachedClocks(hub.db, later)).breached).toBe(2);
    expect(await drainOutbox(hub.db, notifyOutboxHandler)).toMatchObject({ processed: 2, failed: 0 });
  });
  afterAll(async () => {
    await hub.close();
  });

  it("tells the receiving organisation's admin about the unacknowledged referral, without naming a case it cannot see", async () => {
    const [notice, ...more] = await referralNotice(ISVA_LEAD);
    expect(more).toEqual([]);
    expect(notice).toMatchObject({ referralId, caseId: null, caseReference: null, readAt: null });
    expect(notice!.message).toMatch(
      /^A referral sent to your organisation on \d{1,2} [A-Z][a-z]+ \d{4} has not been acknowledged within 2 working days, as the partnership agreed\. Open your referrals inbox and say whether you can take it\.$/,
    );
  });

  it("tells the referrer, naming the case she can see, and nobody else in her organisation", async () => {
    const [notice, ...more] = await referralNotice(WCU);
    expect(more).toEqual([]);
    expect(notice).toMatchObject({ caseId: referralCaseId, caseReference: "41NS0117825" });
    expect(notice!.message).toBe(
      "Northshire Rape Crisis has not acknowledged the referral you made on case 41NS0117825 within 2 working days, as the partnership agreed. You may want to chase it, or refer the victim elsewhere.",
    );
    expect(await referralNotice(WCU_LEAD)).toEqual([]);
    expect(await referralNotice("isva@northshire-rapecrisis.example.org")).toEqual([]);
  });

  it("tells the Witness Care Unit's lead and the named contact about the missed deadline, in plain words", async () => {
    for (const who of [WCU_LEAD, WCU]) {
      const breached = (await list(who)).nodes.filter((n) => n.kind === "CLOCK_BREACHED");
      expect(breached.map((n) => n.message)).toEqual([
        "A Victims' Code deadline was missed on case 41NS0102325: tell the victim the hearing date, time and place (Right 8).",
      ]);
    }
    expect((await list("vlo@cps-northshire.example.org")).nodes).toEqual([]);
  });

  it("needs no stated purpose to list them, but then names no case", async () => {
    const notices = await referralNotice(WCU, null);
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatchObject({ caseId: null, caseReference: null });
    expect(notices[0]!.message).not.toContain("41NS0117825");
    expect(notices[0]!.message).toContain("a case (say why you are working on it, and the hub will show which)");
  });

  it("logs that a shown case reference was consulted", async () => {
    const logged = await hub.db.prisma.auditEvent.findMany({ where: { action: "CONSULTATION", entityType: "Case", caseId: referralCaseId, fields: { has: "Case.policeUrn" } } });
    expect(logged.some((e) => e.fields.length === 2 && e.purpose === "KEEPING_VICTIM_INFORMED")).toBe(true);
  });

  it("pages newest first and counts the unread", async () => {
    const all = await list(WCU);
    expect(all.unreadCount).toBe(2);
    const first = await list(WCU, { first: 1 });
    expect(first.pageInfo.hasNextPage).toBe(true);
    const second = await list(WCU, { first: 1, after: first.pageInfo.endCursor });
    expect(second.pageInfo.hasNextPage).toBe(false);
    expect([...first.nodes, ...second.nodes].map((n) => n.id)).toEqual(all.nodes.map((n) => n.id));
  });

  it("marks only the reader's own notifications read; anyone else's is not found, like an id never given out", async () => {
    const [mine] = await referralNotice(WCU);
    const someoneElses = await hub.gql(ISVA_LEAD, MARK, { id: mine!.id });
    expect(someoneElses.data!.markNotificationRead).toEqual({ __typename: "NotFoundError", entity: "notification", message: "No notification was found with that reference." });
    const never = await hub.gql(ISVA_LEAD, MARK, { id: "6f1c0c1e-8a55-4c56-9d55-3f2b0b7f0a11" });
    expect(never.data!.markNotificationRead).toEqual(someoneElses.data!.markNotificationRead);
    expect((await hub.gql(ISVA_LEAD, MARK, { id: "not-an-id" })).data!.markNotificationRead.__typename).toBe("NotFoundError");
    expect((await referralNotice(WCU))[0]!.readAt).toBeNull();

    const marked = await hub.gql(WCU, MARK, { id: mine!.id }, null);
    expect(marked.data!.markNotificationRead).toMatchObject({ __typename: "Notification", id: mine!.id });
    expect(marked.data!.markNotificationRead.readAt).not.toBeNull();
    const after = await list(WCU, { unreadOnly: true });
    expect(after.unreadCount).toBe(1);
    expect(after.nodes.map((n) => n.kind)).toEqual(["CLOCK_BREACHED"]);

    const all = await hub.gql(WCU_LEAD, `mutation { markAllNotificationsRead }`);
    expect(all.data!.markAllNotificationsRead).toBe(1);
    expect((await list(WCU_LEAD)).unreadCount).toBe(0);
  });

  it("stops naming the case once the reader can no longer see it", async () => {
    const wcuOrg = (await hub.db.prisma.organisation.findUniqueOrThrow({ where: { name: "Northshire Police Witness Care Unit" } })).id;
    await hub.db.prisma.caseInvolvement.updateMany({ where: { caseId: referralCaseId, organisationId: wcuOrg }, data: { until: new Date(Date.now() - 60_000) } });
    const [notice] = await referralNotice(WCU);
    expect(notice).toMatchObject({ caseId: null, caseReference: null });
    expect(notice!.message).toBe(
      "Northshire Rape Crisis has not acknowledged the referral you made on a case you no longer have access to within 2 working days, as the partnership agreed. You may want to chase it, or refer the victim elsewhere.",
    );
  });

  it("never carries a victim's name or details, to anyone", async () => {
    const identities = await hub.db.prisma.victimIdentity.findMany({ select: { fullName: true, preferredName: true } });
    const details = await hub.db.prisma.victimContactDetails.findMany({ select: { address: true, phone: true, email: true, postcode: true } });
    const secrets = [...identities.flatMap((i) => [i.fullName, i.preferredName]), ...details.flatMap((d) => [d.address, d.phone, d.email, d.postcode])].filter(
      (s): s is string => typeof s === "string" && s.length > 3,
    );
    expect(secrets.length).toBeGreaterThan(10);
    let seen = 0;
    for (const user of DEMO_USERS) {
      const res = await hub.gql(user.email, LIST, { first: 100 });
      const text = JSON.stringify(res.data ?? res.errors);
      seen += res.data?.viewer?.notifications.edges.length ?? 0;
      for (const secret of secrets) expect(text, `${user.email} was shown victim data`).not.toContain(secret);
    }
    expect(seen).toBe(4);
  });
});
