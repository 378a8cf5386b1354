// The victim's Victims' Right to Review window, opened by the contact that tells her of a
// decision, and offers to reassess her Enhanced Rights when her needs or case facts change,
// over HTTP on a real database.
import { scanBreachedClocks } from "@hub/jobs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AUDITOR, CPS_VLO, IDVA, ISVA, SOUTHSHIRE_ISVA, startTestHub, type TestHub, WCU } from "./support/test-hub.js";

const OFFICER = "officer@northshire-police.example.org";
const UPDATE = `mutation ($input: RecordCaseUpdateInput!) { recordCaseUpdate(input: $input) { __typename ... on CaseUpdate { id } ... on Error { message } } }`;
const BATCH = `mutation ($updates: [BatchCaseUpdateInput!]!) { recordCaseUpdates(updates: $updates) { written errors { message } } }`;
const CONTACT = `mutation ($input: RecordContactInput!) { recordContact(input: $input) { __typename ... on ContactRecord { id } ... on Error { message } } }`;
const CLOCKS = `query ($id: ID!) { case(id: $id) { __typename ... on Case { clocks { duty owedByKind startedAt dueAt satisfiedAt status } } } }`;
const SET = `mutation ($input: ContactContractInput!) { setContactContract(input: $input) { __typename ... on VictimContactContract { version } ... on Error { message } } }`;
const ASSESS = `mutation ($caseId: ID!, $grounds: [EnhancedRightsGround!]!, $tier: ServiceTier!) { assessEnhancedRights(caseId: $caseId, grounds: $grounds, serviceTier: $tier) { __typename ... on EnhancedRightsAssessment { reassessment { due reasons } } ... on Error { message } } }`;
const RIGHTS = `query ($id: ID!) { case(id: $id) { __typename ... on Case { enhancedRights { grounds reassessment { due reasons explanation raisedAt } } } } }`;
const REPORT = `query ($from: DateTime!, $to: DateTime!) { complianceReport(from: $from, to: $to) { duty } }`;

const EXPLAIN = "We have decided not to charge anyone. You can ask us to look at this decision again.";
const OFFER = "offer to reassess her Enhanced Rights and service tier.";

describe("the victim's review window and reassessment offers", () => {
  let hub: TestHub;
  /** Sexual offence, at the charging decision: police, CPS and ISVA on it. */
  let charging: string;
  /** Domestic abuse under investigation: police and IDVA. */
  let investigation: string;
  /** Sexual offence awaiting trial: police, WCU, CPS and ISVA. */
  let trial: string;
  beforeAll(async () => {
    hub = await startTestHub();
    const id = async (policeUrn: string) => (await hub.db.prisma.case.findFirstOrThrow({ where: { policeUrn } })).id;
    [charging, investigation, trial] = await Promise.all([id("41NS0113425"), id("41NS0104125"), id("41NS0102325")]);
    // On the trial case she tells her ISVA in person that it may know her needs, health needs
    // included (explicitly): the ISVA records it for itself, saying how and when.
    const isvaOrg = (await hub.db.prisma.organisation.findUniqueOrThrow({ where: { name: "Northshire Rape Crisis" } })).id;
    const needs = await hub.gql(ISVA, `mutation ($input: RecordConsentInput!) { recordConsent(input: $input) { __typename ... on Error { message } } }`, {
      input: {
        caseId: trial,
        givenBy: "VICTIM",
        evidence: "ISVA session notes, 2 December",
        saidHow: "IN_PERSON",
        saidAt: new Date().toISOString(),
        explicit: true,
        scopes: ["NEEDS_AND_VULNERABILITIES", "SPECIAL_CATEGORY"].map((category) => ({ category, purpose: "SUPPORT_AND_ADVOCACY", recipientOrganisationId: isvaOrg })),
      },
    });
    expect(needs.data!.recordConsent.__typename).toBe("Consent");
  });
  afterAll(async () => {
    await hub.close();
  });

  const update = async (as: string, input: Record<string, unknown>) => {
    const res = await hub.gql(as, UPDATE, { input: { victimExplanation: EXPLAIN, ...input } });
    expect(res.data!.recordCaseUpdate.__typename).toBe("CaseUpdate");
    return res.data!.recordCaseUpdate.id as string;
  };
  const contact = async (as: string, input: Record<string, unknown>) => {
    const res = await hub.gql(as, CONTACT, { input: { channel: "PHONE", summary: "Explained the decision and how to ask for a review.", outcome: "REACHED", ...input } });
    expect(res.data!.recordContact.__typename).toBe("ContactRecord");
  };
  const windows = (caseId: string) => hub.db.prisma.statutoryClock.findMany({ where: { caseId, duty: "VRR_REQUEST_WINDOW" } });
  const openOffers = () => hub.db.prisma.reassessmentOffer.findMany({ where: { closedAt: null }, orderBy: { raisedAt: "asc" } });
  const offerOutbox = () => hub.db.prisma.outboxMessage.findMany({ where: { topic: "enhanced-rights.reassessment-offered" } });

  describe("Victims' Right to Review window", () => {
    let decisionId: string;

    it("opens when a contact that reached her answers a decision not to charge: 10 working days, across Easter", async () => {
      decisionId = await update(CPS_VLO, { caseId: charging, type: "CPS_DECISION_NOT_TO_CHARGE", occurredAt: "2026-03-31T14:00:00Z" });
      expect(await windows(charging)).toEqual([]);
      // Told on Wednesday 1 April 2026. Good Friday (3 April) and Easter Monday (6 April) are
      // bank holidays: the 10th working day is Friday 17 April, end of day in London (BST).
      await contact(CPS_VLO, { caseId: charging, at: "2026-04-01T09:00:00Z", answersUpdateId: decisionId });
      const clocks = (await hub.gql(ISVA, CLOCKS, { id: charging })).data!.case.clocks;
      expect(clocks.filter((c: any) => c.duty === "VRR_REQUEST_WINDOW")).toEqual([
        { duty: "VRR_REQUEST_WINDOW", owedByKind: null, startedAt: "2026-04-01T09:00:00.000Z", dueAt: "2026-04-17T22:59:59.999Z", satisfiedAt: null, status: "WINDOW_CLOSED" },
      ]);
      // The same contact met the CPS's letter duty; it did not "satisfy" her window.
      expect(clocks.find((c: any) => c.duty === "RIGHT_6_VCL_LETTER")).toMatchObject({ owedByKind: "CPS", satisfiedAt: "2026-04-01T09:00:00.000Z" });
      expect(clocks.map((c: any) => c.status)).not.toContain("BREACHED");
    });

    it("is one window however many times she is told, running from the first telling", async () => {
      await contact(CPS_VLO, { caseId: charging, at: "2026-04-02T09:00:00Z", answersUpdateId: decisionId, channel: "LETTER", outcome: "SENT" });
      await contact(CPS_VLO, { caseId: charging, at: "2026-04-07T09:00:00Z", answersUpdateId: decisionId, outcome: "MESSAGE_LEFT" });
      const rows = await windows(charging);
      expect(rows).toHaveLength(1);
      expect(rows[0]!.startedAt.toISOString()).toBe("2026-04-01T09:00:00.000Z");
    });

    it("is never satisfied by the ledger, never breached by the clock scan, and never in the compliance figures", async () => {
      // A contact naming no update satisfies every open clock its organisation owes on the case.
      await contact(CPS_VLO, { caseId: charging, at: "2026-04-20T09:00:00Z" });
      // An agency's duty nobody met, for the scan to find beside her window.
      await update(OFFICER, { caseId: charging, type: "SUSPECT_INTERVIEWED", occurredAt: "2026-04-21T09:00:00Z", victimExplanation: "The police have questioned the suspect again." });
      const scan = await scanBreachedClocks(hub.db, new Date("2026-06-01T00:00:00Z"));
      const [window] = await windows(charging);
      expect(window).toMatchObject({ owedByKind: null, satisfiedAt: null, satisfiedByContactId: null, breachedAt: null });
      // The scan did run: it marked the agency's missed duty, and only that.
      expect(scan.breached).toBe(1);
      const missed = await hub.db.prisma.statutoryClock.findFirstOrThrow({ where: { caseId: charging, duty: "RIGHT_6_POLICE_UPDATE", startedAt: new Date("2026-04-21T09:00:00Z") } });
      expect(missed.breachedAt).not.toBeNull();
      const outbox = await hub.db.prisma.outboxMessage.findMany({ where: { topic: "clock.breached" } });
      expect(outbox.map((o) => (o.payload as { clockId: string }).clockId)).toEqual([missed.id]);
      expect((await hub.gql(ISVA, CLOCKS, { id: charging })).data!.case.clocks.find((c: any) => c.duty === "VRR_REQUEST_WINDOW").status).toBe("WINDOW_CLOSED");
      const report = await hub.gql(AUDITOR, REPORT, { from: "2026-04-01T00:00:00Z", to: "2026-05-01T00:00:00Z" }, "COMPLIANCE_MONITORING");
      expect(report.errors).toBeUndefined();
      expect(report.data!.complianceReport.map((r: any) => r.duty)).not.toContain("VRR_REQUEST_WINDOW");
    });

    it("starts nothing when the contact did not reach her, named no update, answered another update, or answered a corrected decision", async () => {
      const at = new Date(Date.now() - 60 * 60_000).toISOString();
      const nfa = await update(OFFICER, { caseId: investigation, type: "POLICE_NO_FURTHER_ACTION", occurredAt: at });
      await contact(OFFICER, { caseId: investigation, at, answersUpdateId: nfa, outcome: "NO_ANSWER" });
      await contact(OFFICER, { caseId: investigation, at, answersUpdateId: nfa, outcome: "FAILED", channel: "EMAIL" });
      // We cannot know a contact that names no update told her of the decision.
      await contact(OFFICER, { caseId: investigation, at });
      const arrested = await update(OFFICER, { caseId: investigation, type: "SUSPECT_ARRESTED", occurredAt: at, victimExplanation: "Someone has been arrested. We will tell you what happens next." });
      await contact(OFFICER, { caseId: investigation, at, answersUpdateId: arrested });
      const corrected = await update(OFFICER, { caseId: investigation, type: "POLICE_NO_FURTHER_ACTION", occurredAt: at, supersedesId: nfa });
      await contact(OFFICER, { caseId: investigation, at, answersUpdateId: nfa });
      expect(await windows(investigation)).toEqual([]);
      // Telling her of the current decision opens her window, still open for 10 working days.
      await contact(OFFICER, { caseId: investigation, at, answersUpdateId: corrected });
      const clocks = (await hub.gql(IDVA, CLOCKS, { id: investigation })).data!.case.clocks;
      expect(clocks.filter((c: any) => c.duty === "VRR_REQUEST_WINDOW")).toEqual([expect.objectContaining({ owedByKind: null, startedAt: at, status: "WINDOW_OPEN" })]);
    });
  });

  describe("Enhanced Rights reassessment offers", () => {
    const agreement = (over: Record<string, unknown>) => ({ input: { caseId: trial, channels: ["PHONE"], updateFrequency: "EVERY_2_WEEKS", ...over } });

    it("raises none for a first contact agreement, even when she has been assessed", async () => {
      expect((await hub.gql(ISVA, ASSESS, { caseId: trial, grounds: ["MOST_SERIOUS_CRIME"], tier: "ENHANCED" })).data!.assessEnhancedRights).toEqual({
        __typename: "EnhancedRightsAssessment",
        reassessment: { due: false, reasons: [] },
      });
      expect((await hub.gql(ISVA, SET, agreement({ language: "English" }))).data!.setContactContract).toEqual({ __typename: "VictimContactContract", version: 1 });
      // A change that is not about her needs raises none either.
      expect((await hub.gql(ISVA, SET, agreement({ language: "english", codeword: "rowan", expectedVersion: 1 }))).data!.setContactContract.version).toBe(2);
      expect(await openOffers()).toEqual([]);
      expect(await offerOutbox()).toEqual([]);
    });

    it("raises exactly one offer and one outbox row when her needs change, however often they change", async () => {
      await hub.gql(ISVA, SET, agreement({ language: "Polish", interpreterNeeded: true, expectedVersion: 2 }));
      await hub.gql(ISVA, SET, agreement({ language: "Polish", interpreterNeeded: true, accessibilityNeeds: "Large print", expectedVersion: 3 }));
      const offers = await openOffers();
      expect(offers).toEqual([expect.objectContaining({ reason: "NEEDS_CHANGED", caseId: null, closedAt: null })]);
      const outbox = await offerOutbox();
      // Identifiers only: the offer's id, nothing about her.
      expect(outbox.map((o) => o.payload)).toEqual([{ offerId: offers[0]!.id }]);
      const rights = (await hub.gql(CPS_VLO, RIGHTS, { id: trial })).data!.case.enhancedRights;
      expect(rights.reassessment).toEqual({ due: true, reasons: ["NEEDS_CHANGED"], explanation: [expect.stringMatching(new RegExp(`^Her needs changed on \\d{1,2} [A-Z][a-z]+ \\d{4}: ${OFFER}$`))], raisedAt: offers[0]!.raisedAt.toISOString() });
      expect(JSON.stringify(rights)).not.toMatch(/Polish|Large print/);
    });

    it("raises CASE_FACTS_CHANGED when a charge is altered, and not again when it is altered again", async () => {
      await update(CPS_VLO, { caseId: trial, type: "CPS_CHARGE_ALTERED", occurredAt: new Date(Date.now() - 60_000).toISOString(), victimExplanation: "The charge has changed. We will explain what this means for you." });
      const batch = await hub.gql(CPS_VLO, BATCH, {
        updates: [0, 1].map(() => ({ caseId: trial, type: "CPS_CHARGE_ALTERED", occurredAt: new Date(Date.now() - 60_000).toISOString(), victimExplanation: "The charge has changed again. We will explain what this means." })),
      });
      expect(batch.data!.recordCaseUpdates).toEqual({ written: 2, errors: [] });
      expect((await openOffers()).map((o) => [o.reason, o.caseId])).toEqual([
        ["NEEDS_CHANGED", null],
        ["CASE_FACTS_CHANGED", trial],
      ]);
      expect(await offerOutbox()).toHaveLength(2);
      expect((await hub.gql(ISVA, RIGHTS, { id: trial })).data!.case.enhancedRights.reassessment).toMatchObject({
        due: true,
        reasons: ["NEEDS_CHANGED", "CASE_FACTS_CHANGED"],
        explanation: [expect.stringMatching(/^Her needs changed on /), expect.stringMatching(/^Her case facts changed on .*: offer to reassess/)],
      });
    });

    it("raises a charge-altered offer in a batch too, exactly as a single update does", async () => {
      // A victim assessed on another case: the batch path raises her offer, once.
      await hub.gql(CPS_VLO, ASSESS, { caseId: charging, grounds: ["MOST_SERIOUS_CRIME"], tier: "ENHANCED" });
      const batch = await hub.gql(CPS_VLO, BATCH, {
        updates: [0, 1].map(() => ({ caseId: charging, type: "CPS_CHARGE_ALTERED", occurredAt: new Date(Date.now() - 60_000).toISOString(), victimExplanation: "The charge has changed. We will explain what this means." })),
      });
      expect(batch.data!.recordCaseUpdates).toEqual({ written: 2, errors: [] });
      const victimId = (await hub.db.prisma.case.findUniqueOrThrow({ where: { id: charging } })).victimId;
      expect(await hub.db.prisma.reassessmentOffer.findMany({ where: { victimId }, select: { reason: true, caseId: true, closedAt: true } })).toEqual([{ reason: "CASE_FACTS_CHANGED", caseId: charging, closedAt: null }]);
      expect(await offerOutbox()).toHaveLength(3);
    });

    it("shows no offer, and no sign of one, to anyone who may not see her case", async () => {
      for (const outsider of [SOUTHSHIRE_ISVA, IDVA]) {
        const res = await hub.gql(outsider, RIGHTS, { id: trial });
        expect(res.data!.case.__typename).toBe("NotFoundError");
        expect(JSON.stringify(res)).not.toMatch(/reassess|NEEDS_CHANGED|CASE_FACTS_CHANGED/);
      }
      // Her other case, which only the Witness Care Unit is on: the WCU sees her shared
      // assessment there, but not the offer raised on the case it may not see.
      const original = await hub.db.prisma.case.findUniqueOrThrow({ where: { id: charging } });
      const wcu = await hub.db.prisma.organisation.findFirstOrThrow({ where: { kind: "POLICE_WCU" } });
      const other = await hub.db.prisma.case.create({
        data: { policeUrn: "41NS0199925", offenceCategory: "BURGLARY", areaId: original.areaId, victimId: original.victimId, involvements: { create: [{ organisationId: wcu.id, capacity: "WITNESS_CARE" }] } },
      });
      expect((await hub.gql(WCU, RIGHTS, { id: charging })).data!.case.__typename).toBe("NotFoundError");
      expect((await hub.gql(WCU, RIGHTS, { id: other.id })).data!.case.enhancedRights).toEqual({ grounds: ["MOST_SERIOUS_CRIME"], reassessment: { due: false, reasons: [], explanation: [], raisedAt: null } });
      expect((await hub.gql(CPS_VLO, RIGHTS, { id: charging })).data!.case.enhancedRights.reassessment.reasons).toEqual(["CASE_FACTS_CHANGED"]);
    });

    it("closes every open offer with the next assessment, and still points to grounds the facts suggest", async () => {
      const res = await hub.gql(ISVA, ASSESS, { caseId: trial, grounds: ["VULNERABLE_OR_INTIMIDATED"], tier: "ENHANCED" });
      expect(res.data!.assessEnhancedRights.reassessment).toEqual({ due: true, reasons: ["FACTS_SUGGEST_GROUNDS"] });
      const victimId = (await hub.db.prisma.case.findUniqueOrThrow({ where: { id: trial } })).victimId;
      const latest = await hub.db.prisma.enhancedRightsAssessment.findFirstOrThrow({ where: { victimId }, orderBy: { assessedAt: "desc" } });
      const offers = await hub.db.prisma.reassessmentOffer.findMany({ where: { victimId } });
      expect(offers).toHaveLength(2);
      for (const o of offers) expect(o).toMatchObject({ closedAt: latest.assessedAt, closedByAssessmentId: latest.id });
      // A sexual offence points to the most serious crime ground, which this assessment lacks.
      expect((await hub.gql(CPS_VLO, RIGHTS, { id: trial })).data!.case.enhancedRights.reassessment).toEqual({
        due: true,
        reasons: ["FACTS_SUGGEST_GROUNDS"],
        explanation: [`Her case facts point to grounds her last assessment lacks (victim of the most serious crime): ${OFFER}`],
        raisedAt: null,
      });
      await hub.gql(ISVA, ASSESS, { caseId: trial, grounds: ["MOST_SERIOUS_CRIME", "VULNERABLE_OR_INTIMIDATED"], tier: "ENHANCED" });
      expect((await hub.gql(CPS_VLO, RIGHTS, { id: trial })).data!.case.enhancedRights.reassessment).toEqual({ due: false, reasons: [], explanation: [], raisedAt: null });
      // Her needs changing after that raises a fresh offer: the closed ones do not block it.
      await hub.gql(ISVA, SET, agreement({ language: "Welsh", expectedVersion: 4 }));
      expect((await hub.db.prisma.reassessmentOffer.findMany({ where: { victimId, closedAt: null } })).map((o) => o.reason)).toEqual(["NEEDS_CHANGED"]);
    });
  });
});
