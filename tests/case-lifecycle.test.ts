// Opening, staffing, closing and reopening cases over HTTP (issue #11): every step through
// the API, as the police, WCU, CPS and support services would do it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CPS_VLO, ISVA, SOUTHSHIRE_ISVA, startTestHub, type TestHub, WCU } from "./support/test-hub.js";

const POLICE = "officer@northshire-police.example.org";
const WCU_LEAD = "wcu.lead@northshire-police.example.org";
const ISVA_LEAD = "lead@northshire-rapecrisis.example.org";

const OPEN = `mutation ($input: OpenCaseInput!) { openCase(input: $input) {
  __typename
  ... on OpenedCase { alreadyOpen case { id version stage policeUrn victimReference involvements { id capacity basis organisation { name } namedContact { name } } } }
  ... on BadInputError { message field }
  ... on Error { message }
} }`;
const CASE = `query ($id: ID!) { case(id: $id) { __typename ... on Case { id version stage closedAt
  victim { reference identity { fullName preferredName dateOfBirthDate changes { changedFields previous } } contactDetails { phone postcode changes { changedFields } } }
  involvements { id capacity basis lawfulBasisCode organisation { id name kind } namedContact { id name } handovers { from { name } to { name } reason } }
  involvementHistory { organisation { name } until endReason }
  stageHistory { fromStage toStage cause reason causedByUpdateId }
} ... on NotFoundError { message } } }`;
const UPDATE = `mutation ($input: RecordCaseUpdateInput!) { recordCaseUpdate(input: $input) { __typename ... on CaseUpdate { id } ... on Error { message } } }`;
const MOVE = `mutation ($caseId: ID!, $to: CaseStage!, $v: Int!) { moveCaseStage(caseId: $caseId, to: $to, expectedVersion: $v) { __typename ... on MovedCase { stage version } ... on Error { message } } }`;
const CLOSE = `mutation ($caseId: ID!, $reason: String!, $v: Int!) { closeCase(caseId: $caseId, reason: $reason, expectedVersion: $v) { __typename ... on ClosedOrReopenedCase { stage version } ... on Error { message } } }`;
const REOPEN = `mutation ($caseId: ID!, $reason: String!, $v: Int!) { reopenCase(caseId: $caseId, reason: $reason, expectedVersion: $v) { __typename ... on ClosedOrReopenedCase { stage version } ... on Error { message } } }`;
const IDENTITY = `mutation ($caseId: ID!, $preferredName: String, $dateOfBirth: Date) { updateVictimIdentity(caseId: $caseId, preferredName: $preferredName, dateOfBirth: $dateOfBirth) { __typename ... on VictimIdentity { preferredName dateOfBirthDate } ... on Error { message } } }`;
const AREAS = `{ areas { id code } }`;

describe("the case lifecycle", () => {
  let hub: TestHub;
  let northshire: string;
  let southshire: string;
  const victim = { fullName: "Leah Turner", dateOfBirth: "1999-03-14", phone: "07700 900555", postcode: "ls8 3pz" };
  const input = (over: Record<string, unknown> = {}) => ({ policeUrn: "41NS0300126", offenceCategory: "SEXUAL_OFFENCE", areaId: northshire, victim, ...over });

  beforeAll(async () => {
    hub = await startTestHub();
    const areas = (await hub.gql(POLICE, AREAS)).data!.areas as { id: string; code: string }[];
    northshire = areas.find((a) => a.code === "NSH")!.id;
    southshire = areas.find((a) => a.code === "SSH")!.id;
  });
  afterAll(async () => {
    await hub.close();
  });

  it("lets the police open a case for a victim, with the force on it by duty and the officer as her contact", async () => {
    const opened = (await hub.gql(POLICE, OPEN, { input: input() })).data!.openCase;
    expect(opened).toMatchObject({ __typename: "OpenedCase", alreadyOpen: false, case: { stage: "REPORTED", policeUrn: "41NS0300126" } });
    expect(opened.case.victimReference).toMatch(/^V-NSH-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    expect(opened.case.involvements).toEqual([
      expect.objectContaining({ capacity: "INVESTIGATING_POLICE", basis: "DUTY", organisation: { name: "Northshire Police" }, namedContact: { name: "DC Mark Lewis" } }),
    ]);
    const read = (await hub.gql(POLICE, CASE, { id: opened.case.id })).data!.case;
    expect(read.victim.identity).toMatchObject({ fullName: "Leah Turner", dateOfBirthDate: "1999-03-14" });
    expect(read.stageHistory).toEqual([expect.objectContaining({ fromStage: null, toStage: "REPORTED", cause: "OPENED" })]);
    expect(read.involvements[0].handovers).toEqual([{ from: null, to: { name: "DC Mark Lewis" }, reason: "Named when the case was opened." }]);
  });

  it("answers the same case when the same URN comes again for the same victim, and a new one for another victim", async () => {
    const first = (await hub.gql(POLICE, OPEN, { input: input({ policeUrn: "41NS0300226" }) })).data!.openCase;
    const again = (await hub.gql(POLICE, OPEN, { input: input({ policeUrn: "41ns0300226", victim: { ...victim, fullName: " leah  TURNER " } }) })).data!.openCase;
    expect(again).toMatchObject({ alreadyOpen: true, case: { id: first.case.id } });
    // The Witness Care Unit's system sends the same case: it joins it, by duty, instead of making a second.
    const fromWcu = (await hub.gql(WCU, OPEN, { input: input({ policeUrn: "41NS0300226" }) })).data!.openCase;
    expect(fromWcu).toMatchObject({ alreadyOpen: true, case: { id: first.case.id } });
    expect(fromWcu.case.involvements.map((i: any) => i.capacity).sort()).toEqual(["INVESTIGATING_POLICE", "WITNESS_CARE"]);
    const sister = (await hub.gql(POLICE, OPEN, { input: input({ policeUrn: "41NS0300226", victim: { fullName: "Maya Turner" } }) })).data!.openCase;
    expect(sister).toMatchObject({ alreadyOpen: false });
    expect(sister.case.id).not.toBe(first.case.id);
    // Two systems at once still make one case.
    const both = await Promise.all([hub.gql(POLICE, OPEN, { input: input({ policeUrn: "41NS0300326" }) }), hub.gql(WCU, OPEN, { input: input({ policeUrn: "41NS0300326" }) })]);
    expect(new Set(both.map((r) => r.data!.openCase.case.id)).size).toBe(1);
    expect(await hub.db.prisma.case.count({ where: { policeUrn: "41NS0300326" } })).toBe(1);
  });

  it("refuses, in plain words, who may not open a case and what cannot be accepted, writing nothing", async () => {
    const before = await hub.db.prisma.case.count();
    const refusals: [string, Record<string, unknown>, string][] = [
      [ISVA, {}, "areaId"],
      [CPS_VLO, {}, "areaId"],
      [POLICE, { areaId: southshire }, "areaId"],
      [POLICE, { policeUrn: "x" }, "policeUrn"],
      [POLICE, { stage: "CLOSED" }, "stage"],
      [POLICE, { victim: { fullName: "   " } }, "victim.fullName"],
      [POLICE, { victim: { fullName: "Leah Turner", postcode: "not a postcode" } }, "victim.postcode"],
      [POLICE, { victim: { fullName: "Leah Turner", dateOfBirth: "2100-01-01" } }, "victim.dateOfBirth"],
      [POLICE, { reportedAt: new Date(Date.now() + 86_400_000).toISOString() }, "reportedAt"],
      [POLICE, { namedContactUserId: "0e8b1c9a-0000-4000-8000-000000000000" }, "namedContactUserId"],
    ];
    for (const [as, change, field] of refusals) {
      const res = (await hub.gql(as, OPEN, { input: input({ policeUrn: "41NS0399926", ...change }) })).data?.openCase;
      expect(res, `${as} ${JSON.stringify(change)}`).toMatchObject({ __typename: "BadInputError", field });
    }
    // A null byte never reaches the case: refused at the edge, naming where it is.
    const nul = await hub.gql(POLICE, OPEN, { input: input({ policeUrn: "41NS0399926", victim: { fullName: "Leah\u0000Turner" } }) });
    expect(nul.errors?.[0]?.extensions).toMatchObject({ code: "BAD_INPUT", field: "input.victim.fullName" });
    const impossible = await hub.gql(POLICE, OPEN, { input: input({ policeUrn: "41NS0399926", victim: { fullName: "Leah", dateOfBirth: "1999-02-30" } }) });
    expect(impossible.errors?.[0]).toMatchObject({ message: expect.stringMatching(/YYYY-MM-DD, a date that exists/), extensions: { code: "BAD_INPUT", field: "input.victim.dateOfBirth" } });
    expect(JSON.stringify(impossible.errors)).not.toContain("1999-02-30");
    expect(await hub.db.prisma.case.count()).toBe(before);
  });

  it("brings in the CPS at a charging decision and the WCU on charge, and moves the stage with its events", async () => {
    const opened = (await hub.gql(POLICE, OPEN, { input: input({ policeUrn: "41NS0300426" }) })).data!.openCase.case;
    const at = new Date(Date.now() - 3_600_000).toISOString();
    const arrest = (await hub.gql(POLICE, UPDATE, { input: { caseId: opened.id, type: "SUSPECT_ARRESTED", occurredAt: at, victimExplanation: "A man has been arrested. The police will tell you what happens next." } })).data!.recordCaseUpdate;
    let read = (await hub.gql(POLICE, CASE, { id: opened.id })).data!.case;
    expect(read.stage).toBe("UNDER_INVESTIGATION");
    expect(read.stageHistory.at(-1)).toMatchObject({ fromStage: "REPORTED", toStage: "UNDER_INVESTIGATION", cause: "EVENT", causedByUpdateId: arrest.id });
    // Before the file reaches it, the CPS cannot see the case.
    expect((await hub.gql(CPS_VLO, CASE, { id: opened.id })).data!.case.__typename).toBe("NotFoundError");
    expect((await hub.gql(POLICE, MOVE, { caseId: opened.id, to: "CHARGING_DECISION", v: read.version })).data!.moveCaseStage).toMatchObject({ stage: "CHARGING_DECISION" });
    read = (await hub.gql(CPS_VLO, CASE, { id: opened.id })).data!.case;
    expect(read.involvements.find((i: any) => i.organisation.kind === "CPS")).toMatchObject({ capacity: "PROSECUTION", basis: "DUTY", lawfulBasisCode: "PUBLIC_TASK", namedContact: null });
    expect((await hub.gql(WCU, CASE, { id: opened.id })).data!.case.__typename).toBe("NotFoundError");
    const charge = await hub.gql(CPS_VLO, UPDATE, { input: { caseId: opened.id, type: "SUSPECT_CHARGED", occurredAt: at, victimExplanation: "The man has been charged. This means the case will go to court." } });
    expect(charge.data!.recordCaseUpdate.__typename).toBe("CaseUpdate");
    read = (await hub.gql(WCU, CASE, { id: opened.id })).data!.case;
    expect(read.stage).toBe("CHARGED");
    expect(read.involvements.map((i: any) => i.capacity).sort()).toEqual(["INVESTIGATING_POLICE", "PROSECUTION", "WITNESS_CARE"]);
  });

  it("closes a case with its reason and reopens it where it was", async () => {
    const opened = (await hub.gql(POLICE, OPEN, { input: input({ policeUrn: "41NS0300526", stage: "UNDER_INVESTIGATION" }) })).data!.openCase.case;
    expect((await hub.gql(ISVA, CLOSE, { caseId: opened.id, reason: "Not mine to close.", v: opened.version })).data!.closeCase.__typename).toBe("NotFoundError");
    expect((await hub.gql(POLICE, CLOSE, { caseId: opened.id, reason: "ok", v: opened.version })).data!.closeCase).toMatchObject({ __typename: "BadInputError" });
    const closed = (await hub.gql(POLICE, CLOSE, { caseId: opened.id, reason: "She has moved abroad and asked us to stop.", v: opened.version })).data!.closeCase;
    expect(closed).toMatchObject({ stage: "CLOSED" });
    expect((await hub.gql(POLICE, CLOSE, { caseId: opened.id, reason: "Closing it twice over.", v: opened.version })).data!.closeCase.__typename).toBe("ConflictError");
    const reopened = (await hub.gql(POLICE, REOPEN, { caseId: opened.id, reason: "She has come back and wants to go on.", v: closed.version })).data!.reopenCase;
    expect(reopened).toMatchObject({ stage: "UNDER_INVESTIGATION", version: closed.version + 1 });
    const read = (await hub.gql(POLICE, CASE, { id: opened.id })).data!.case;
    expect(read.closedAt).toBeNull();
    expect(read.stageHistory.slice(-2)).toEqual([
      expect.objectContaining({ toStage: "CLOSED", cause: "CLOSED", reason: "She has moved abroad and asked us to stop." }),
      expect.objectContaining({ fromStage: "CLOSED", toStage: "UNDER_INVESTIGATION", cause: "REOPENED", reason: "She has come back and wants to go on." }),
    ]);
  });

  it("changes her details keeping what they replaced, and never for those who may not see them", async () => {
    const opened = (await hub.gql(POLICE, OPEN, { input: input({ policeUrn: "41NS0300626" }) })).data!.openCase.case;
    const changed = (await hub.gql(POLICE, IDENTITY, { caseId: opened.id, preferredName: "Lee", dateOfBirth: "1999-03-15" })).data!.updateVictimIdentity;
    expect(changed).toMatchObject({ __typename: "VictimIdentity", preferredName: "Lee", dateOfBirthDate: "1999-03-15" });
    const identity = (await hub.gql(POLICE, CASE, { id: opened.id })).data!.case.victim.identity;
    expect(identity.changes.map((c: any) => ({ ...c, previous: JSON.parse(c.previous) }))).toEqual([
      { changedFields: ["preferredName", "dateOfBirth"], previous: { fullName: "Leah Turner", preferredName: null, dateOfBirth: "1999-03-14" } },
    ]);
    await expect(hub.db.sql.query(`UPDATE "VictimDetailsRevision" SET "changedFields" = '{}'`)).rejects.toThrow(/history/);
    expect((await hub.gql(SOUTHSHIRE_ISVA, IDENTITY, { caseId: opened.id, preferredName: "X" })).data!.updateVictimIdentity.__typename).toBe("NotFoundError");
    expect((await hub.gql(POLICE, IDENTITY, { caseId: opened.id, preferredName: "Lee" })).data!.updateVictimIdentity.__typename).toBe("BadInputError");
  });

  it("never deletes an involvement", async () => {
    await expect(hub.db.sql.query(`DELETE FROM "CaseInvolvement"`)).rejects.toThrow(/never deleted/);
    await expect(hub.db.sql.query(`UPDATE "CaseInvolvement" SET capacity = 'OTHER_SUPPORT'`)).rejects.toThrow(/history/);
  });

  it("lets a caseworker take on an unnamed contact, and then only the leads or the contact hand it over", async () => {
    const opened = (await hub.gql(POLICE, OPEN, { input: input({ policeUrn: "41NS0300726", stage: "CHARGED" }) })).data!.openCase.case;
    const wcu = opened.involvements.find((i: any) => i.capacity === "WITNESS_CARE");
    expect(wcu).toMatchObject({ basis: "DUTY", namedContact: null });
    const colleagues = (await hub.gql(WCU_LEAD, `query ($o: ID!) { caseworkers(organisationId: $o) { id name } }`, { o: (await hub.gql(WCU_LEAD, `{ viewer { organisation { id } } }`)).data!.viewer.organisation.id })).data!.caseworkers;
    const priya = colleagues.find((c: any) => c.name === "Priya Shah");
    const HAND = `mutation ($i: ID!, $to: ID!, $r: String!) { handOverNamedContact(involvementId: $i, toUserId: $to, reason: $r) { __typename ... on HandOverDone { handoverId } ... on Error { message } } }`;
    expect((await hub.gql(ISVA_LEAD, HAND, { i: wcu.id, to: priya.id, r: "Trying to name theirs" })).data!.handOverNamedContact.__typename).toBe("NotFoundError");
    // Nobody named yet: any of its caseworkers may take it on, so it never waits for a lead.
    expect((await hub.gql(WCU, HAND, { i: wcu.id, to: priya.id, r: "I cover Northtown Crown Court." })).data!.handOverNamedContact.__typename).toBe("HandOverDone");
    expect((await hub.gql(WCU_LEAD, HAND, { i: wcu.id, to: priya.id, r: "Priya covers Northtown Crown Court." })).data!.handOverNamedContact.__typename).toBe("BadInputError");
    // Once named, only the leads or the named contact hand it on.
    const tom = colleagues.find((c: any) => c.name === "Tom Reid");
    expect((await hub.gql(WCU_LEAD, HAND, { i: wcu.id, to: tom.id, r: "Priya is on leave this week." })).data!.handOverNamedContact.__typename).toBe("HandOverDone");
    expect((await hub.gql(WCU, HAND, { i: wcu.id, to: priya.id, r: "Taking it back." })).data!.handOverNamedContact.__typename).toBe("BadInputError");
  });

  it("adds agencies on a lawful basis or her consent, ends them with a reason, and tells the agency that joined", async () => {
    const opened = (await hub.gql(POLICE, OPEN, { input: input({ policeUrn: "41NS0300826" }) })).data!.openCase.case;
    const orgs = (await hub.gql(WCU_LEAD, `{ organisations { id name } }`)).data!.organisations as { id: string; name: string }[];
    const org = (name: string) => orgs.find((o) => o.name === name)!.id;
    const ADD = `mutation ($input: AddCaseInvolvementInput!) { addCaseInvolvement(input: $input) { __typename ... on InvolvementChange { involvementId } ... on BadInputError { message field } ... on Error { message } } }`;
    const END = `mutation ($i: ID!, $r: String!) { endCaseInvolvement(involvementId: $i, reason: $r) { __typename ... on Error { message } } }`;
    // The police officer is not a lead: only leads add agencies.
    expect((await hub.gql(POLICE, ADD, { input: { caseId: opened.id, organisationId: org("Northshire Police Witness Care Unit"), lawfulBasisCode: "PUBLIC_TASK" } })).data!.addCaseInvolvement).toMatchObject({ __typename: "BadInputError", field: "organisationId" });
    // The WCU lead joins by duty when the WCU's own system sends the case, then adds the CPS early on a lawful basis.
    await hub.gql(WCU_LEAD, OPEN, { input: input({ policeUrn: "41NS0300826" }) });
    const cps = org("CPS Northshire");
    expect((await hub.gql(WCU_LEAD, ADD, { input: { caseId: opened.id, organisationId: cps } })).data!.addCaseInvolvement).toMatchObject({ field: "lawfulBasisCode" });
    expect((await hub.gql(WCU_LEAD, ADD, { input: { caseId: opened.id, organisationId: cps, lawfulBasisCode: "CONSENT" } })).data!.addCaseInvolvement).toMatchObject({ field: "lawfulBasisCode" });
    expect((await hub.gql(WCU_LEAD, ADD, { input: { caseId: opened.id, organisationId: cps, lawfulBasisCode: "PUBLIC_TASK" } })).data!.addCaseInvolvement.__typename).toBe("InvolvementChange");
    expect((await hub.gql(WCU_LEAD, ADD, { input: { caseId: opened.id, organisationId: cps, lawfulBasisCode: "PUBLIC_TASK" } })).data!.addCaseInvolvement).toMatchObject({ message: "CPS Northshire is already on this case." });
    // A support service only on her consent naming it.
    const isva = org("Northshire Rape Crisis");
    expect((await hub.gql(WCU_LEAD, ADD, { input: { caseId: opened.id, organisationId: isva } })).data!.addCaseInvolvement).toMatchObject({ field: "consentId" });
    const consent = (
      await hub.gql(WCU_LEAD, `mutation ($input: RecordConsentInput!) { recordConsent(input: $input) { ... on Consent { id } } }`, {
        input: { caseId: opened.id, givenBy: "VICTIM", evidence: "Call log 22", explicit: false, scopes: [{ category: "IDENTITY", purpose: "SUPPORT_AND_ADVOCACY", recipientOrganisationId: isva }] },
      })
    ).data!.recordConsent;
    expect((await hub.gql(WCU_LEAD, ADD, { input: { caseId: opened.id, organisationId: isva, consentId: consent.id } })).data!.addCaseInvolvement).toMatchObject({ field: "consentId" });
    // The lead of the organisation that joined is told.
    const { drainOutbox, notifyOutboxHandler } = await import("@hub/jobs");
    await drainOutbox(hub.db, notifyOutboxHandler);
    const told = (await hub.gql(ISVA_LEAD, `{ viewer { notifications { edges { node { kind } } } } }`)).data!.viewer.notifications.edges.map((e: any) => e.node.kind);
    expect(told).not.toContain("ORGANISATION_JOINED_CASE");
    // The demo's CPS has no admin or lead: all its people are told, so the case is never nobody's.
    const cpsTold = await hub.gql(CPS_VLO, `{ viewer { notifications { edges { node { kind caseId } } } } }`);
    expect(cpsTold.data!.viewer.notifications.edges.map((e: any) => e.node)).toContainEqual({ kind: "ORGANISATION_JOINED_CASE", caseId: opened.id });
    // Ending: only the organisation's own leads, with a reason; kept in the history.
    const read = (await hub.gql(WCU_LEAD, CASE, { id: opened.id })).data!.case;
    const cpsInvolvement = read.involvements.find((i: any) => i.organisation.name === "CPS Northshire");
    expect((await hub.gql(WCU_LEAD, END, { i: cpsInvolvement.id, r: "Added by mistake, sorry." })).data!.endCaseInvolvement).toMatchObject({ __typename: "BadInputError" });
    const wcuInvolvement = read.involvements.find((i: any) => i.capacity === "WITNESS_CARE");
    expect((await hub.gql(WCU_LEAD, END, { i: wcuInvolvement.id, r: "ok" })).data!.endCaseInvolvement.__typename).toBe("BadInputError");
    expect((await hub.gql(WCU_LEAD, END, { i: wcuInvolvement.id, r: "The case was opened in our system by mistake." })).data!.endCaseInvolvement.__typename).toBe("InvolvementChange");
    expect((await hub.gql(WCU, CASE, { id: opened.id })).data!.case.__typename).toBe("NotFoundError");
    const history = (await hub.gql(POLICE, CASE, { id: opened.id })).data!.case.involvementHistory;
    expect(history).toContainEqual({ organisation: { name: "Northshire Police Witness Care Unit" }, until: expect.any(String), endReason: "The case was opened in our system by mistake." });
  });

  it("refuses a referral to the police, a WCU or the CPS: they join by duty, so no made-up acknowledgement clock", async () => {
    const opened = (await hub.gql(POLICE, OPEN, { input: input({ policeUrn: "41NS0300926" }) })).data!.openCase.case;
    const wcu = (await hub.gql(POLICE, `{ organisations { id name } }`)).data!.organisations.find((o: any) => o.name === "Northshire Police Witness Care Unit").id;
    const res = await hub.gql(POLICE, `mutation ($c: ID!, $to: ID!) { makeReferral(caseId: $c, toOrganisationId: $to, reason: "Please take this case on.") { __typename ... on BadInputError { message field } } }`, { c: opened.id, to: wcu });
    expect(res.data!.makeReferral).toMatchObject({ __typename: "BadInputError", field: "toOrganisationId" });
    expect(await hub.db.prisma.statutoryClock.count({ where: { caseId: opened.id, duty: "REFERRAL_ACKNOWLEDGEMENT" } })).toBe(0);
  });

  it("replays openCase under the same Idempotency-Key without opening anything twice", async () => {
    const token = await hub.tokenFor(POLICE);
    const send = () =>
      fetch(`${hub.url}/graphql`, {
        method: "POST",
        headers: { "Content-Type": "application/json", Authorization: `Bearer ${token}`, "X-Access-Purpose": "LAW_ENFORCEMENT", "Idempotency-Key": "police-system-4711" },
        body: JSON.stringify({ query: OPEN, variables: { input: input({ policeUrn: "41NS0301026", victim: { fullName: "Priti Shah" } }) } }),
      }).then(async (r) => ({ status: r.status, body: await r.text() }));
    const first = await send();
    const second = await send();
    expect(second).toEqual(first);
    expect(await hub.db.prisma.case.count({ where: { policeUrn: "41NS0301026" } })).toBe(1);
  });

  it("gives a child, or a victim of one of the most serious crimes, Enhanced Rights from the start: her first deadlines are the short ones", async () => {
    const ER = `query ($id: ID!) { case(id: $id) { ... on Case { enhancedRights { eligible grounds serviceTier } clocks { duty enhanced } } } }`;
    const child = (await hub.gql(POLICE, OPEN, { input: input({ policeUrn: "41NS0301126", offenceCategory: "ROBBERY", victim: { fullName: "Kai Moss", dateOfBirth: "2013-05-01" } }) })).data!.openCase.case;
    expect((await hub.gql(POLICE, ER, { id: child.id })).data!.case.enhancedRights).toEqual({ eligible: true, grounds: ["UNDER_18"], serviceTier: "ENHANCED" });
    await hub.gql(POLICE, UPDATE, { input: { caseId: child.id, type: "SUSPECT_ARRESTED", occurredAt: new Date(Date.now() - 3_600_000).toISOString(), victimExplanation: "Someone has been arrested. The police will tell you what happens next." } });
    expect((await hub.gql(POLICE, ER, { id: child.id })).data!.case.clocks).toEqual([{ duty: "RIGHT_6_POLICE_UPDATE", enhanced: true }]);
    const adult = (await hub.gql(POLICE, OPEN, { input: input({ policeUrn: "41NS0301226", offenceCategory: "BURGLARY", victim: { fullName: "Ann Holt", dateOfBirth: "1960-05-01" } }) })).data!.openCase.case;
    expect((await hub.gql(POLICE, ER, { id: adult.id })).data!.case.enhancedRights).toBeNull();
  });

  it("tells each caller what they may do on a case, from the same rules the actions check", async () => {
    const MAY = `query ($id: ID!) { case(id: $id) { ... on Case { viewerMay { changeStage closeOrReopen changeCpsReference changeOffence addAgency recordUpdateTypes recordContact recordHearing recordConsent editIdentity editContactDetails setContactAgreement involvements { handOver end } } } } }`;
    const opened = (await hub.gql(POLICE, OPEN, { input: input({ policeUrn: "41NS0301326", stage: "CHARGED" }) })).data!.openCase.case;
    const asPolice = await hub.gql(POLICE, MAY, { id: opened.id });
    expect(asPolice.errors).toBeUndefined();
    const police = asPolice.data!.case.viewerMay;
    expect(police).toMatchObject({ changeStage: true, closeOrReopen: true, changeCpsReference: false, changeOffence: true, addAgency: false, recordContact: true, recordHearing: false, recordConsent: true, editIdentity: true, editContactDetails: false });
    expect(police.recordUpdateTypes).toContain("SUSPECT_ARRESTED");
    expect(police.recordUpdateTypes).not.toContain("VERDICT");
    const lead = (await hub.gql(WCU_LEAD, MAY, { id: opened.id })).data!.case.viewerMay;
    expect(lead).toMatchObject({ addAgency: true, recordHearing: true, changeOffence: false });
    // The lead may end and hand over the WCU's own involvement only.
    expect(lead.involvements.filter((i: any) => i.end)).toHaveLength(1);
    expect((await hub.gql(POLICE, `{ viewer { mayOpenCases } }`)).data!.viewer.mayOpenCases).toBe(true);
    expect((await hub.gql(ISVA, `{ viewer { mayOpenCases } }`)).data!.viewer.mayOpenCases).toBe(false);
  });
});
