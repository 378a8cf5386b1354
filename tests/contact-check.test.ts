// Before a contact is recorded, the form asks the hub whether it fits her contact agreement
// (contactCheck). The answer must be the one recordContact will give: the same rules, listed
// at once; her circle sees them, others are told only that her rules are not theirs to see;
// nothing is recorded or audited while the form is being filled.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ISVA, startTestHub, type TestHub, WCU } from "./support/test-hub.js";

const POLICE = "officer@northshire-police.example.org";
const URN = "41NS0102325";
const SET = `mutation ($input: ContactContractInput!) { setContactContract(input: $input) { __typename ... on Error { message } } }`;
const CHECK = `query ($caseId: ID!, $at: DateTime!, $channel: ContactChannel!, $outcome: ContactOutcome!) {
  contactCheck(caseId: $caseId, at: $at, channel: $channel, outcome: $outcome) { agreement planned breaches { rule message } }
}`;
const STATE = `query ($id: ID!) { case(id: $id) { ... on Case { contactAgreement } } }`;
const CONTACT = `mutation ($input: RecordContactInput!) { recordContact(input: $input) {
  __typename ... on ContactAgreementBreachError { breaches { rule message } } ... on Error { message }
} }`;

// London, January (GMT): a Saturday evening, and a Tuesday at 10:00.
const SATURDAY_EVENING = "2026-01-17T20:00:00Z";
const TUESDAY_MORNING = "2026-01-13T10:00:00Z";

describe("checking a contact against her agreement before recording it", () => {
  let hub: TestHub;
  let caseId: string;
  const check = async (as: string, vars: { at: string; channel: string; outcome: string }) => hub.gql(as, CHECK, { caseId, ...vars });

  beforeAll(async () => {
    hub = await startTestHub();
    caseId = (await hub.db.prisma.case.findFirstOrThrow({ where: { policeUrn: URN } })).id;
    await hub.db.prisma.victimContactContract.deleteMany({ where: { victim: { cases: { some: { id: caseId } } } } });
  });
  afterAll(async () => {
    await hub?.close();
  });

  it("says there is no agreement yet, to everyone on her case, before one is made", async () => {
    for (const as of [ISVA, WCU, POLICE]) {
      expect((await hub.gql(as, STATE, { id: caseId })).data!.case.contactAgreement, as).toBe("NONE");
      const res = await check(as, { at: SATURDAY_EVENING, channel: "LETTER", outcome: "SENT" });
      expect(res.data!.contactCheck, as).toEqual({ agreement: "NONE", planned: false, breaches: [] });
    }
  });

  it("lists every rule a contact would not fit, exactly as recording it would, and writes nothing", async () => {
    const amira = (await hub.db.prisma.user.findUniqueOrThrow({ where: { email: ISVA } })).id;
    const agreed = await hub.gql(ISVA, SET, {
      input: { caseId, channels: ["PHONE", "EMAIL"], refusedChannels: ["LETTER"], safeDays: [1, 2, 3, 4, 5], safeFrom: "09:00", safeUntil: "17:00", noVoicemail: true, noLettersToHome: true, updateFrequency: "EVERY_2_WEEKS", namedContactUserId: amira },
    });
    expect(agreed.data!.setContactContract.__typename).toBe("VictimContactContract");
    const before = { contacts: await hub.db.prisma.contactRecord.count(), audit: await hub.db.prisma.auditEvent.count() };
    const cases = [
      { at: SATURDAY_EVENING, channel: "PHONE", outcome: "MESSAGE_LEFT", rules: ["NO_VOICEMAIL", "SAFE_DAYS", "SAFE_HOURS"] },
      { at: TUESDAY_MORNING, channel: "LETTER", outcome: "SENT", rules: ["REFUSED_CHANNEL", "NO_LETTERS_TO_HOME"] },
      { at: SATURDAY_EVENING, channel: "EMAIL", outcome: "SENT", rules: [] },
      { at: TUESDAY_MORNING, channel: "PHONE", outcome: "REACHED", rules: [] },
      { at: SATURDAY_EVENING, channel: "PHONE", outcome: "NOT_ATTEMPTED_UNSAFE", rules: [] },
    ];
    for (const c of cases) {
      const { at, channel, outcome } = c;
      const checked = (await check(WCU, { at, channel, outcome })).data!.contactCheck;
      expect(checked.agreement).toBe("AGREED");
      expect(checked.breaches.map((b: any) => b.rule), `${channel} ${outcome} ${at}`).toEqual(c.rules);
      if (c.rules.length === 0) continue;
      const refused = (await hub.gql(WCU, CONTACT, { input: { caseId, at, channel, outcome, summary: "Told her what happens next." } })).data!.recordContact;
      expect(refused.__typename).toBe("ContactAgreementBreachError");
      expect(refused.breaches).toEqual(checked.breaches);
    }
    // The refused recordings wrote their DENIED rows; the checks wrote nothing.
    expect(await hub.db.prisma.contactRecord.count()).toBe(before.contacts);
    expect(await hub.db.prisma.auditEvent.count()).toBe(before.audit + 2);
  });

  it("says a time still to come is planned", async () => {
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString();
    expect((await check(ISVA, { at: tomorrow, channel: "EMAIL", outcome: "SENT" })).data!.contactCheck.planned).toBe(true);
  });

  it("shows someone outside her contact circle that her rules are not theirs to see, never whether a time fits", async () => {
    expect((await hub.gql(POLICE, STATE, { id: caseId })).data!.case.contactAgreement).toBe("NOT_SHOWN");
    const letter = (await check(POLICE, { at: SATURDAY_EVENING, channel: "LETTER", outcome: "SENT" })).data!.contactCheck;
    const email = (await check(POLICE, { at: TUESDAY_MORNING, channel: "EMAIL", outcome: "SENT" })).data!.contactCheck;
    expect(letter).toEqual({ agreement: "NOT_SHOWN", planned: false, breaches: [] });
    expect(email).toEqual(letter);
  });

  it("answers not found for a case the caller may not see, and a clear error for a bad reference", async () => {
    let other: { id: string; policeUrn: string | null } | undefined;
    for (const c of await hub.db.prisma.case.findMany({ select: { id: true, policeUrn: true } })) {
      if ((await hub.gql(ISVA, `query ($id: ID!) { case(id: $id) { __typename } }`, { id: c.id })).data!.case.__typename !== "Case") other = c;
      if (other) break;
    }
    if (!other) throw new Error("the seed has no case hidden from the ISVA");
    const hidden = await hub.gql(ISVA, CHECK, { caseId: other.id, at: TUESDAY_MORNING, channel: "EMAIL", outcome: "SENT" });
    const missing = await hub.gql(ISVA, CHECK, { caseId: "00000000-0000-4000-8000-000000000000", at: TUESDAY_MORNING, channel: "EMAIL", outcome: "SENT" });
    expect(hidden.errors?.[0]?.message).toBe("No case was found with that reference.");
    expect(hidden.errors?.[0]?.message).toBe(missing.errors?.[0]?.message);
    if (other.policeUrn) expect(JSON.stringify(hidden)).not.toContain(other.policeUrn);
    const bad = await hub.gql(ISVA, CHECK, { caseId: "nonsense", at: TUESDAY_MORNING, channel: "EMAIL", outcome: "SENT" });
    expect(bad.errors?.[0]?.message).toMatch(/not a case reference/);
  });
});
