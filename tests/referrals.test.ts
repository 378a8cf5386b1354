// Closed-loop referrals over HTTP: consent decides what travels, the recipient sees only
// what the referral carries until it accepts, the state machine refuses illegal moves, and
// the acknowledgement clock (the partnership's service standard) runs until the recipient answers.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { IDVA, ISVA, startTestHub, type TestHub, WCU } from "./support/test-hub.js";

const MAKE = `mutation ($caseId: ID!, $to: ID, $service: ID, $shares: [DataCategory!]) { makeReferral(caseId: $caseId, toOrganisationId: $to, toServiceId: $service, reason: "She would like specialist support with the court process.", urgency: URGENT, shares: $shares) { __typename ... on Referral { id status version shares } ... on Error { message } } }`;
const MOVE = `mutation ($id: ID!, $to: ReferralStatus!, $v: Int!, $reason: String, $outcome: String) { changeReferralStatus(referralId: $id, to: $to, expectedVersion: $v, reason: $reason, outcome: $outcome) { __typename ... on Referral { status version events { toStatus } } ... on Error { message } } }`;
const INBOX = `{ referralsInbox { id reason urgency shares status victim { reference identity { fullName } contactDetails { phone } } } }`;
const RECORD_CONSENT = `mutation ($input: RecordConsentInput!) { recordConsent(input: $input) { __typename } }`;

describe("referrals", () => {
  let hub: TestHub;
  let caseId: string;
  let idvaOrg: string;
  let referralId: string;
  beforeAll(async () => {
    hub = await startTestHub();
    caseId = (await hub.db.prisma.case.findFirstOrThrow({ where: { policeUrn: "41NS0102325" } })).id;
    idvaOrg = (await hub.db.prisma.organisation.findUniqueOrThrow({ where: { name: "Safe Steps Northshire" } })).id;
  });
  afterAll(async () => {
    await hub.close();
  });

  it("will not carry the victim's details to a recipient she has not agreed to", async () => {
    const res = await hub.gql(WCU, MAKE, { caseId, to: idvaOrg, shares: ["IDENTITY"] }, "REFERRAL");
    expect(res.data!.makeReferral.__typename).toBe("BadInputError");
    expect(res.data!.makeReferral.message).toBe("The victim has not agreed that identity may go to Safe Steps Northshire, and no sharing decision allows it. Ask her, or send the referral without it.");
    expect(await hub.db.prisma.referral.count()).toBe(0);
  });

  it("carries exactly what she agreed to, and the recipient sees only that until it accepts", async () => {
    const consent = {
      caseId,
      givenBy: "VICTIM",
      evidence: "Agreed on the phone with her ISVA, call ref 4471",
      explicit: false,
      scopes: ["IDENTITY", "CONTACT_DETAILS"].map((category) => ({ category, purpose: "REFERRAL", recipientKind: "IDVA_SERVICE" })),
    };
    expect((await hub.gql(ISVA, RECORD_CONSENT, { input: consent })).data!.recordConsent.__typename).toBe("Consent");
    const made = (await hub.gql(WCU, MAKE, { caseId, to: idvaOrg, shares: ["IDENTITY", "CONTACT_DETAILS"] }, "REFERRAL")).data!.makeReferral;
    expect(made).toMatchObject({ __typename: "Referral", status: "REQUESTED", shares: ["IDENTITY", "CONTACT_DETAILS"] });
    referralId = made.id;

    const inbox = (await hub.gql(IDVA, INBOX, {}, "REFERRAL")).data!.referralsInbox;
    expect(inbox).toHaveLength(1);
    expect(inbox[0]).toMatchObject({ urgency: "URGENT", victim: { identity: { fullName: "Alex Morgan" }, contactDetails: { phone: "07700 900101" } } });
    // The case itself stays closed to the recipient until it accepts.
    const caseRead = await hub.gql(IDVA, `query ($id: ID!) { case(id: $id) { __typename } }`, { id: caseId }, "REFERRAL");
    expect(caseRead.data!.case.__typename).toBe("NotFoundError");
    // The recipient owes an answer within 2 working days (the partnership's service standard).
    const clock = await hub.db.prisma.statutoryClock.findFirstOrThrow({ where: { startedByUpdateId: referralId } });
    expect(clock).toMatchObject({ duty: "REFERRAL_ACKNOWLEDGEMENT", owedByKind: "IDVA_SERVICE", satisfiedAt: null });
  });

  it("moves only along legal paths, by the right side, with reasons where they matter", async () => {
    const v = async () => (await hub.db.prisma.referral.findUniqueOrThrow({ where: { id: referralId } })).version;
    expect((await hub.gql(IDVA, MOVE, { id: referralId, to: "COMPLETED", v: await v(), outcome: "Done" }, "REFERRAL")).data!.changeReferralStatus.message).toBe(
      "A referral that is requested cannot become completed.",
    );
    expect((await hub.gql(WCU, MOVE, { id: referralId, to: "ACCEPTED", v: await v() }, "REFERRAL")).data!.changeReferralStatus.message).toBe("Only the organisation the referral was sent to can do that.");
    expect((await hub.gql(IDVA, MOVE, { id: referralId, to: "CANCELLED", v: await v(), reason: "x" }, "REFERRAL")).data!.changeReferralStatus.message).toBe(
      "Only the organisation that made the referral can cancel it.",
    );
    expect((await hub.gql(IDVA, MOVE, { id: referralId, to: "RECEIVED", v: 99 }, "REFERRAL")).data!.changeReferralStatus.__typename).toBe("ConflictError");
    const received = (await hub.gql(IDVA, MOVE, { id: referralId, to: "RECEIVED", v: await v() }, "REFERRAL")).data!.changeReferralStatus;
    expect(received).toMatchObject({ status: "RECEIVED", events: [{ toStatus: "REQUESTED" }, { toStatus: "RECEIVED" }] });
    expect((await hub.db.prisma.statutoryClock.findFirstOrThrow({ where: { startedByUpdateId: referralId } })).satisfiedAt).not.toBeNull();
    expect((await hub.gql(IDVA, MOVE, { id: referralId, to: "REJECTED", v: await v() }, "REFERRAL")).data!.changeReferralStatus.field ?? "reason").toBe("reason");
  });

  it("makes the recipient part of the case when it accepts", async () => {
    const v = (await hub.db.prisma.referral.findUniqueOrThrow({ where: { id: referralId } })).version;
    expect((await hub.gql(IDVA, MOVE, { id: referralId, to: "ACCEPTED", v }, "REFERRAL")).data!.changeReferralStatus.status).toBe("ACCEPTED");
    const involvement = await hub.db.prisma.caseInvolvement.findFirst({ where: { caseId, organisationId: idvaOrg, until: null } });
    expect(involvement).toMatchObject({ capacity: "IDVA_SUPPORT" });
    // Once accepted, what it sees follows the case rules and her consent: her name (she
    // agreed to that), but not the case's progress (she has not agreed to that yet).
    const inbox = (await hub.gql(IDVA, INBOX, {}, "REFERRAL")).data!.referralsInbox;
    expect(inbox[0].victim.identity).toEqual({ fullName: "Alex Morgan" });
    const caseRead = await hub.gql(IDVA, `query ($id: ID!) { case(id: $id) { __typename } }`, { id: caseId }, "REFERRAL");
    expect(caseRead.data!.case.__typename).toBe("NotFoundError");
  });

  it("cannot send her details to a service outside the partnership, but can refer without them", async () => {
    const org = await hub.db.prisma.directoryOrganization.create({ data: { name: "Northtown Counselling Collective", description: "Community counselling." } });
    const service = await hub.db.prisma.directoryService.create({ data: { organizationId: org.id, name: "Trauma counselling", description: "Free counselling after crime." } });
    const withDetails = await hub.gql(WCU, MAKE, { caseId, service: service.id, shares: ["CONTACT_DETAILS"] }, "REFERRAL");
    expect(withDetails.data!.makeReferral.__typename).toBe("BadInputError");
    const without = await hub.gql(WCU, MAKE, { caseId, service: service.id, shares: [] }, "REFERRAL");
    expect(without.data!.makeReferral).toMatchObject({ __typename: "Referral", shares: [] });
  });

  it("refuses a referral from an organisation that may not see the case, as not found", async () => {
    const res = await hub.gql("isva@southshire-isva.example.org", MAKE, { caseId, to: idvaOrg, shares: [] }, "REFERRAL");
    expect(res.data!.makeReferral.__typename).toBe("NotFoundError");
  });

  it("stops the acknowledgement clock of a referral withdrawn before anyone answered: never breached, never counted", async () => {
    const vs = (await hub.db.prisma.organisation.findUniqueOrThrow({ where: { name: "Victim Support Northshire" } })).id;
    const made = (await hub.gql(WCU, MAKE, { caseId, to: vs }, "REFERRAL")).data!.makeReferral;
    const cancelled = (await hub.gql(WCU, MOVE, { id: made.id, to: "CANCELLED", v: made.version, reason: "She has found support nearer home." }, "REFERRAL")).data!.changeReferralStatus;
    expect(cancelled.status).toBe("CANCELLED");
    const { scanBreachedClocks } = await import("@hub/jobs");
    await scanBreachedClocks(hub.db, new Date(Date.now() + 30 * 86_400_000));
    const clocks = (await hub.gql(WCU, `query ($id: ID!) { case(id: $id) { ... on Case { clocks { duty status } } } }`, { id: caseId })).data!.case.clocks;
    expect(clocks.filter((c: any) => c.duty === "REFERRAL_ACKNOWLEDGEMENT").map((c: any) => c.status)).toContain("STOPPED");
    const clock = await hub.db.prisma.statutoryClock.findFirstOrThrow({ where: { startedByUpdateId: made.id } });
    expect(clock).toMatchObject({ breachedAt: null, satisfiedAt: null, stoppedReason: "referral-cancelled" });
  });
});
