// A referral's outcome in the agreed victim message, over HTTP: only when she agreed to it,
// the same words for every organisation on the case, never the reason; and her window to ask
// for a decision to be reviewed, with its last day, while it is open.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CPS_VLO, IDVA, ISVA, startTestHub, type TestHub, WCU } from "./support/test-hub.js";

const MAKE = `mutation ($caseId: ID!, $to: ID, $service: ID, $agreed: Boolean) {
  makeReferral(caseId: $caseId, toOrganisationId: $to, toServiceId: $service, reason: "She would like help to stay safe at home.", outcomeInAgreedMessage: $agreed) {
    __typename ... on Referral { id status version outcomeInAgreedMessage } ... on Error { message } } }`;
const MOVE = `mutation ($id: ID!, $to: ReferralStatus!, $v: Int!, $reason: String) { changeReferralStatus(referralId: $id, to: $to, expectedVersion: $v, reason: $reason) { __typename ... on Referral { status version } ... on Error { message } } }`;
const MESSAGE = `query ($id: ID!) { case(id: $id) { ... on Case { agreedMessage { support sourceReferralIds rightToReview sourceReviewWindowId lastChangedAt whereThingsStand } } } }`;

let hub: TestHub;
let caseId: string;
beforeAll(async () => {
  hub = await startTestHub();
  caseId = (await hub.db.prisma.case.findFirstOrThrow({ where: { policeUrn: "41NS0102325" } })).id;
});
afterAll(async () => {
  await hub.close();
});

describe("the agreed message tells her what came of a referral, if she agreed", () => {
  const message = async (as: string) => {
    const res = await hub.gql(as, MESSAGE, { id: caseId });
    expect(res.errors, as).toBeUndefined();
    return res.data!.case.agreedMessage;
  };
  /** The message as each organisation on the case sees it, checked to be the same for all. */
  const agreed = async () => {
    const [wcu, cps, isva] = await Promise.all([WCU, CPS_VLO, ISVA].map(message));
    expect(cps).toEqual(wcu);
    expect(isva).toEqual(wcu);
    return wcu;
  };
  const move = async (as: string, id: string, to: string, reason?: string) => {
    const { version } = await hub.db.prisma.referral.findUniqueOrThrow({ where: { id } });
    const res = (await hub.gql(as, MOVE, { id, to, v: version, reason }, "REFERRAL")).data!.changeReferralStatus;
    expect(res, `${to}: ${res.message}`).toMatchObject({ status: to });
  };

  it("leaves a referral out unless she agreed, which is the default", async () => {
    const vsn = (await hub.db.prisma.organisation.findUniqueOrThrow({ where: { name: "Victim Support Northshire" } })).id;
    const made = (await hub.gql(WCU, MAKE, { caseId, to: vsn }, "REFERRAL")).data!.makeReferral;
    expect(made).toMatchObject({ __typename: "Referral", outcomeInAgreedMessage: false });
    const said = (await hub.gql(WCU, MAKE, { caseId, to: vsn, agreed: false }, "REFERRAL")).data!.makeReferral;
    expect(said.outcomeInAgreedMessage).toBe(false);
    expect(await agreed()).toMatchObject({ support: [], sourceReferralIds: [] });
  });

  it("follows a referral she agreed to through its states, in the same words for everyone, never with the reason", async () => {
    const service = await hub.db.prisma.directoryService.findFirstOrThrow({ where: { name: "Northshire IDVA Service" } });
    const made = (await hub.gql(WCU, MAKE, { caseId, service: service.id, agreed: true }, "REFERRAL")).data!.makeReferral;
    expect(made).toMatchObject({ __typename: "Referral", status: "REQUESTED", outcomeInAgreedMessage: true });
    expect(await hub.db.prisma.referral.findUniqueOrThrow({ where: { id: made.id } })).toMatchObject({ outcomeInAgreedMessage: true });

    const requested = await agreed();
    expect(requested.support).toEqual(["We have asked Northshire IDVA Service to contact you about support."]);
    expect(requested.sourceReferralIds).toEqual([made.id]);

    await move(IDVA, made.id, "RECEIVED");
    await move(IDVA, made.id, "ACCEPTED");
    const accepted = await agreed();
    expect(accepted.support).toEqual(["Northshire IDVA Service has accepted the referral and will be in touch with you."]);
    const acceptedAt = await hub.db.prisma.referralEvent.findFirstOrThrow({ where: { referralId: made.id, toStatus: "ACCEPTED" } });
    expect(new Date(accepted.lastChangedAt).getTime()).toBeGreaterThanOrEqual(acceptedAt.at.getTime());

    await move(IDVA, made.id, "IN_PROGRESS");
    await move(IDVA, made.id, "ON_HOLD", "Waiting list for a named worker in Ward 7 of St Olave's.");
    const onHold = await agreed();
    expect(onHold.support).toEqual(["Northshire IDVA Service cannot start your support just yet. Your named contact will keep you up to date."]);
    expect(JSON.stringify(onHold)).not.toContain("Olave");
  });

  it("tells her gently when a service could not take her, and says nothing of a cancelled referral", async () => {
    // Straight to the organisation this time: the message names it.
    const to = (await hub.db.prisma.organisation.findUniqueOrThrow({ where: { name: "Safe Steps Northshire" } })).id;
    const rejected = (await hub.gql(WCU, MAKE, { caseId, to, agreed: true }, "REFERRAL")).data!.makeReferral;
    expect(rejected, rejected.message).toMatchObject({ __typename: "Referral" });
    await move(IDVA, rejected.id, "RECEIVED");
    await move(IDVA, rejected.id, "REJECTED", "She missed two appointments at the Quarry Lane office.");
    const cancelled = (await hub.gql(WCU, MAKE, { caseId, to, agreed: true }, "REFERRAL")).data!.makeReferral;
    expect((await agreed()).support).toHaveLength(3);
    await move(WCU, cancelled.id, "CANCELLED", "Made by mistake.");

    const after = await agreed();
    expect(after.support).toEqual([
      "Northshire IDVA Service cannot start your support just yet. Your named contact will keep you up to date.",
      "Safe Steps Northshire could not take the referral this time. Your named contact will talk to you about other support.",
    ]);
    expect(after.sourceReferralIds).not.toContain(cancelled.id);
    const text = JSON.stringify(after);
    for (const secret of ["Quarry Lane", "missed", "mistake"]) expect(text).not.toContain(secret);
  });
});

describe("the agreed message tells her she can ask for a decision to be reviewed, while she can", () => {
  const review = async () => (await hub.gql(WCU, MESSAGE, { id: caseId })).data!.case.agreedMessage;

  it("names the last day while the window is open, and nothing once it has closed", async () => {
    expect(await review()).toMatchObject({ rightToReview: null, sourceReviewWindowId: null });
    const prisma = hub.db.prisma;
    const startedAt = new Date();
    // 23:59 London time (BST) on 14 May 2099: the last day to ask.
    const open = await prisma.statutoryClock.create({
      data: { caseId, duty: "VRR_REQUEST_WINDOW", owedByKind: null, enhanced: false, startedAt, dueAt: new Date("2099-05-14T22:59:00Z") },
    });
    const message = await review();
    expect(message.rightToReview).toBe("If you disagree with this decision, you can ask for it to be reviewed. Please ask by 14 May 2099; your named contact can help you do this.");
    expect(message.sourceReviewWindowId).toBe(open.id);
    // The same sentence for the CPS, which owes the review.
    expect((await hub.gql(CPS_VLO, MESSAGE, { id: caseId })).data!.case.agreedMessage.rightToReview).toBe(message.rightToReview);

    await prisma.statutoryClock.update({ where: { id: open.id }, data: { dueAt: new Date(Date.now() - 60_000) } });
    expect(await review()).toMatchObject({ rightToReview: null, sourceReviewWindowId: null });
    // Another duty's clock is not her window.
    await prisma.statutoryClock.create({ data: { caseId, duty: "RIGHT_6_DECISION", owedByKind: "POLICE", enhanced: false, startedAt, dueAt: new Date("2099-01-01T00:00:00Z") } });
    expect((await review()).rightToReview).toBeNull();
  });
});
