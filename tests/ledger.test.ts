// The ledger records what really happened, over HTTP with a real database: a contact outside
// her contact agreement that has happened is recorded, flagged with why, and her contact circle
// is told; without a reason every rule it does not fit is listed at once and nothing is
// written; a planned contact must fit. One contact answers several updates and satisfies each
// of their clocks, and says which; a hand-off through her advocate satisfies nothing until she
// is reached.
import { drainOutbox, notifyOutboxHandler } from "@hub/jobs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ISVA, startTestHub, type TestHub, uncataloguedAuditFields, WCU } from "./support/test-hub.js";

const POLICE = "officer@northshire-police.example.org";
const SET = `mutation ($input: ContactContractInput!) { setContactContract(input: $input) { __typename ... on Error { message } } }`;
const CONTACT = `mutation ($input: RecordContactInput!) { recordContact(input: $input) {
  __typename
  ... on ContactRecord { id outsideAgreement outsideAgreementReason outsideAgreementNote breachedRules answersUpdateId answersUpdateIds statutoryDuties satisfied { clockId duty } }
  ... on ContactAgreementBreachError { message field breaches { rule message } }
  ... on Error { message }
} }`;
const UPDATE = `mutation ($input: RecordCaseUpdateInput!) { recordCaseUpdate(input: $input) { __typename ... on CaseUpdate { id } ... on Error { message } } }`;
const CASE_Q = `query ($id: ID!) { case(id: $id) { ... on Case {
  contacts { id outsideAgreement outsideAgreementReason breachedRules satisfied { clockId duty } }
  clocks { id duty status startedByUpdateId satisfiedByContactId satisfiedBy { id } }
} } }`;
const NOTIFICATIONS = `{ viewer { notifications(first: 50) { edges { node { kind message caseId } } } } }`;

// A Saturday at 20:00 in London (GMT in January): outside her safe days and her safe hours.
const SATURDAY_EVENING = "2026-01-17T20:00:00Z";

describe("the ledger records what really happened", () => {
  let hub: TestHub;
  let caseId: string;
  const contact = (over: Record<string, unknown>) => ({ caseId, at: new Date().toISOString(), channel: "EMAIL", summary: "Told her what happens next.", outcome: "SENT", ...over });
  const record = async (as: string, over: Record<string, unknown>) => (await hub.gql(as, CONTACT, { input: contact(over) })).data!.recordContact;
  const update = async (as: string, type: string) =>
    (await hub.gql(as, UPDATE, { input: { caseId, type, occurredAt: new Date(Date.now() - 3600_000).toISOString(), victimExplanation: "Something happened on your case; we will explain." } })).data!.recordCaseUpdate
      .id as string;
  const clocksOf = async (as: string) => (await hub.gql(as, CASE_Q, { id: caseId })).data!.case.clocks as any[];

  beforeAll(async () => {
    hub = await startTestHub();
    caseId = (await hub.db.prisma.case.findFirstOrThrow({ where: { policeUrn: "41NS0102325" } })).id;
    const amira = (await hub.db.prisma.user.findUniqueOrThrow({ where: { email: ISVA } })).id;
    const agreed = await hub.gql(ISVA, SET, {
      input: { caseId, channels: ["PHONE", "EMAIL"], refusedChannels: ["LETTER"], safeDays: [1, 2, 3, 4, 5], safeFrom: "09:00", safeUntil: "17:00", noVoicemail: true, noLettersToHome: true, updateFrequency: "EVERY_2_WEEKS", namedContactUserId: amira },
    });
    expect(agreed.data!.setContactContract.__typename).toBe("VictimContactContract");
  });
  afterAll(async () => {
    await hub.close();
  });

  it("refuses a contact outside her agreement with no reason, listing every rule it does not fit at once, and writes nothing", async () => {
    const before = { contacts: await hub.db.prisma.contactRecord.count(), outbox: await hub.db.prisma.outboxMessage.count() };
    const refused = await record(WCU, { at: SATURDAY_EVENING, channel: "PHONE", outcome: "MESSAGE_LEFT" });
    expect(refused).toMatchObject({ __typename: "ContactAgreementBreachError", field: "outsideAgreementReason" });
    expect(refused.breaches.map((b: any) => b.rule)).toEqual(["NO_VOICEMAIL", "SAFE_DAYS", "SAFE_HOURS"]);
    expect(refused.message).toMatch(/no voicemail.*only safe to contact her on Monday.*between 09:00 and 17:00.*record it with the reason/);
    const letter = await record(WCU, { channel: "LETTER" });
    expect(letter.breaches.map((b: any) => b.rule)).toEqual(["REFUSED_CHANNEL", "NO_LETTERS_TO_HOME"]);
    // Outside her contact circle the rules are not named.
    const police = await record(POLICE, { channel: "LETTER" });
    expect(police).toMatchObject({ __typename: "ContactAgreementBreachError", breaches: [{ rule: "CONTACT_AGREEMENT" }] });
    expect(police.message).toMatch(/speak to her named contact/);
    expect(police.message).not.toMatch(/letter|09:00/);
    expect({ contacts: await hub.db.prisma.contactRecord.count(), outbox: await hub.db.prisma.outboxMessage.count() }).toEqual(before);
  });

  it("records a contact outside her agreement that happened, flagged with the reason, audited, and tells her contact circle", async () => {
    const recorded = await record(WCU, {
      at: SATURDAY_EVENING,
      channel: "PHONE",
      outcome: "REACHED",
      summary: "She rang us on Saturday evening to ask about the trial date.",
      outsideAgreementReason: "SHE_CONTACTED_US",
      outsideAgreementNote: "She rang the witness care line herself.",
    });
    expect(recorded).toMatchObject({ __typename: "ContactRecord", outsideAgreement: true, outsideAgreementReason: "SHE_CONTACTED_US", breachedRules: ["SAFE_DAYS", "SAFE_HOURS"] });
    // The police, outside her circle, see that it was outside her agreement, not which rules.
    const seenByPolice = (await hub.gql(POLICE, CASE_Q, { id: caseId })).data!.case.contacts.find((c: any) => c.id === recorded.id);
    expect(seenByPolice).toMatchObject({ outsideAgreement: true, outsideAgreementReason: "SHE_CONTACTED_US", breachedRules: null });

    const message = await hub.db.prisma.outboxMessage.findFirstOrThrow({ where: { topic: "contact.outside-agreement" } });
    expect(message.payload).toEqual({ contactId: recorded.id });
    const audit = await hub.db.prisma.auditEvent.findFirstOrThrow({ where: { entityId: recorded.id, action: "COLLECTION" } });
    expect(audit.outcome).toBe("outside-contact-agreement");
    expect(JSON.stringify(audit, (_k, v) => (typeof v === "bigint" ? String(v) : v))).not.toMatch(/rang|Saturday/);
    expect(await uncataloguedAuditFields(hub.db)).toEqual([]);

    await drainOutbox(hub.db, notifyOutboxHandler);
    const told = (await hub.gql(ISVA, NOTIFICATIONS)).data!.viewer.notifications.edges.map((e: any) => e.node);
    const wcuName = (await hub.db.prisma.organisation.findFirstOrThrow({ where: { memberships: { some: { user: { email: WCU } } } } })).name;
    expect(told).toContainEqual({
      kind: "CONTACT_OUTSIDE_AGREEMENT",
      caseId,
      message: `${wcuName} was in contact with the victim on case 41NS0102325 in a way her contact agreement does not cover (she got in touch with them). It is in the ledger. Check with her that her agreement still works for her, and that she is safe.`,
    });
    // Never the person who recorded it; and the rows hold identifiers only.
    const recorder = (await hub.gql(WCU, NOTIFICATIONS)).data!.viewer.notifications.edges.map((e: any) => e.node.kind);
    expect(recorder).not.toContain("CONTACT_OUTSIDE_AGREEMENT");
    const rows = await hub.db.prisma.notification.findMany({ where: { kind: "CONTACT_OUTSIDE_AGREEMENT" } });
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.contactId === recorded.id)).toBe(true);
  });

  it("refuses a planned contact that does not fit her agreement, whatever the reason", async () => {
    const before = await hub.db.prisma.contactRecord.count();
    const planned = await record(WCU, { at: new Date(Date.now() + 2 * 86_400_000).toISOString(), channel: "LETTER", outsideAgreementReason: "EMERGENCY" });
    expect(planned).toMatchObject({ __typename: "ContactAgreementBreachError", breaches: [{ rule: "REFUSED_CHANNEL" }, { rule: "NO_LETTERS_TO_HOME" }] });
    expect(planned.message).toMatch(/a contact still to come must fit her agreement, whatever the reason/);
    expect(await hub.db.prisma.contactRecord.count()).toBe(before);
  });

  it("satisfies the bail and the interview clocks with one call that answers both, and shows which it satisfied", async () => {
    const interviewed = await update(POLICE, "SUSPECT_INTERVIEWED");
    const bailed = await update(POLICE, "SUSPECT_BAILED");
    const call = await record(POLICE, { summary: "Told her about the interview and his bail conditions.", answersUpdateIds: [interviewed, bailed] });
    expect(call).toMatchObject({ __typename: "ContactRecord", answersUpdateId: interviewed, outsideAgreement: false, breachedRules: [] });
    expect([...call.answersUpdateIds].sort()).toEqual([interviewed, bailed].sort());
    const clocks = (await clocksOf(POLICE)).filter((c) => c.startedByUpdateId === interviewed || c.startedByUpdateId === bailed);
    expect(clocks).toHaveLength(2);
    for (const clock of clocks) expect(clock).toMatchObject({ duty: "RIGHT_6_POLICE_UPDATE", status: "MET", satisfiedByContactId: call.id, satisfiedBy: { id: call.id } });
    expect(call.satisfied.map((s: any) => s.clockId).sort()).toEqual(clocks.map((c) => c.id).sort());
    expect(call.satisfied.every((s: any) => s.duty === "RIGHT_6_POLICE_UPDATE")).toBe(true);
  });

  it("satisfies nothing with a hand-off through her advocate, and meets the duty when her advocate reaches her", async () => {
    const listed = await update(WCU, "HEARING_LISTED");
    const handedOff = await record(WCU, { channel: "THROUGH_ADVOCATE", outcome: "SENT", summary: "Sent the trial date to Amira to pass on.", answersUpdateIds: [listed], statutoryDuties: ["RIGHT_8_HEARING_DETAILS"] });
    expect(handedOff).toMatchObject({ __typename: "ContactRecord", satisfied: [], statutoryDuties: ["RIGHT_8_HEARING_DETAILS"] });
    const open = (await clocksOf(WCU)).find((c) => c.startedByUpdateId === listed);
    expect(open).toMatchObject({ duty: "RIGHT_8_HEARING_DETAILS", status: "OPEN", satisfiedBy: null });
    // Amira tells her: that contact reached her, so the WCU's duty it carried is met now.
    const reached = await record(ISVA, { channel: "EMAIL", outcome: "REACHED", summary: "Gave her the trial date from witness care.", answersUpdateIds: [listed] });
    expect(reached.satisfied).toEqual([{ clockId: open.id, duty: "RIGHT_8_HEARING_DETAILS" }]);
    expect((await clocksOf(WCU)).find((c) => c.id === open.id)).toMatchObject({ status: "MET", satisfiedByContactId: reached.id });
  });
});
