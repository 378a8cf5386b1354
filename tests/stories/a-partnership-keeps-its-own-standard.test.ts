// STORY: Northshire keeps a promise the law does not make.
//
// The needs assessment found that most victims never heard from the CPS directly, and
// recommends that the CPS contacts the victim when the police file reaches it. Northshire's
// partnership agrees to do that within 5 working days (3 for a victim with Enhanced Rights).
// Femi, its partnership administrator, writes it into the hub as a local service standard;
// Southshire's administrator cannot add to or retire Northshire's. DC Mark Lewis sends a file
// for a charging decision and the CPS's clock starts, labelled as local, beside the Code's;
// Grace (CPS) calls the victim and meets it; on a second case nobody does and it is breached,
// told to the CPS as a local standard missed, and the compliance report shows it as local. A
// standard timed from an update (the WCU calls her after a charge) is moved, not doubled, by
// a correction. Femi retires the first standard: later files start nothing, the clocks it
// started stay. Everything through the API as each person: no SQL, no seed shortcut.
import { addWorkingDays } from "@hub/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { daysAgo, hoursAgo, type Person, startStory, type Story } from "./story-helpers.js";

const ADD = `mutation ($input: AddLocalServiceStandardInput!) { addLocalServiceStandard(input: $input) {
  __typename ... on LocalServiceStandard { id name startsOnStage startsOnUpdateType owedByKind workingDays enhancedWorkingDays canRetire } ... on Error { message } ... on BadInputError { field } } }`;
const RETIRE = `mutation ($id: ID!, $reason: String!) { retireLocalServiceStandard(id: $id, reason: $reason) { __typename ... on LocalServiceStandard { retiredAt retiredReason canRetire } ... on Error { message } } }`;
const LIST = `query ($areaId: ID, $all: Boolean) { localServiceStandards(areaId: $areaId, includeRetired: $all) { id name retiredAt canRetire } }`;
const OPEN = `mutation ($input: OpenCaseInput!) { openCase(input: $input) { __typename ... on OpenedCase { case { id version } } ... on Error { message } } }`;
const MOVE = `mutation ($caseId: ID!, $to: CaseStage!, $v: Int!) { moveCaseStage(caseId: $caseId, to: $to, expectedVersion: $v) { __typename ... on MovedCase { stage } ... on Error { message } } }`;
const UPDATE = `mutation ($input: RecordCaseUpdateInput!) { recordCaseUpdate(input: $input) { __typename ... on CaseUpdate { id } ... on Error { message } } }`;
const CONTACT = `mutation ($input: RecordContactInput!) { recordContact(input: $input) { __typename ... on ContactRecord { id } ... on Error { message } } }`;
const CLOCKS = `query ($id: ID!) { case(id: $id) { __typename ... on Case { version clocks { duty what source owedByKind status startedAt dueAt localStandardId satisfiedByContactId } } } }`;
const HAND_OVER = `mutation ($i: ID!, $to: ID!) { handOverNamedContact(involvementId: $i, toUserId: $to, reason: "Grace is Bea's contact at the CPS.") { __typename ... on Error { message } } }`;
const INVOLVEMENTS = `query ($id: ID!) { case(id: $id) { ... on Case { involvements { id capacity } } } }`;
const NOTIFICATIONS = `{ viewer { notifications { edges { node { kind message caseId } } } } }`;
const COMPLIANCE = `query ($from: DateTime!, $to: DateTime!) { complianceReport(from: $from, to: $to) { duty what source organisationName suppressed clocks onTime breachedOpen stillOpen } }`;

const CPS_FILE = "The CPS contacts the victim when the police file reaches it";
const WCU_AFTER_CHARGE = "The Witness Care Unit phones the victim after a charge to explain what happens next";

describe("story: a partnership keeps its own service standard", () => {
  let story: Story;
  let northshire = "";
  let cpsStandard = "";
  let wcuStandard = "";
  const cases: Record<"aisha" | "bea" | "cara", string> = { aisha: "", bea: "", cara: "" };
  const clocksOf = async (person: Person, caseId: string) => (await story.as(person, CLOCKS, { id: caseId })).case;
  const local = async (person: Person, caseId: string, standardId: string) => (await clocksOf(person, caseId)).clocks.filter((c: any) => c.localStandardId === standardId);
  const open = async (urn: string, fullName: string, stage = "UNDER_INVESTIGATION", offenceCategory = "ASSAULT") => {
    const input = { policeUrn: urn, offenceCategory, areaId: northshire, reportedAt: daysAgo(30), victim: { fullName, dateOfBirth: "1985-03-14" }, stage };
    const res = (await story.as("mark", OPEN, { input })).openCase;
    expect(res.__typename).toBe("OpenedCase");
    return res.case.id as string;
  };
  const toChargingDecision = async (caseId: string) => {
    const { version } = await clocksOf("mark", caseId);
    expect((await story.as("mark", MOVE, { caseId, to: "CHARGING_DECISION", v: version })).moveCaseStage).toEqual({ __typename: "MovedCase", stage: "CHARGING_DECISION" });
  };

  beforeAll(async () => {
    story = await startStory();
    northshire = await story.ids.area("NSH");
  });
  afterAll(async () => {
    await story?.close();
  });

  it("1. Femi writes the partnership's promise down; what does not make sense is refused with the field to fix, and nobody else may add one for Northshire", async () => {
    const input = { areaId: northshire, name: CPS_FILE, startsOnStage: "CHARGING_DECISION", owedByKind: "CPS", workingDays: 5, enhancedWorkingDays: 3 };
    const both = (await story.as("femi", ADD, { input: { ...input, startsOnUpdateType: "SUSPECT_CHARGED" } })).addLocalServiceStandard;
    expect(both).toMatchObject({ __typename: "BadInputError", field: "startsOnStage", message: expect.stringMatching(/one event/) });
    const longer = (await story.as("femi", ADD, { input: { ...input, enhancedWorkingDays: 8 } })).addLocalServiceStandard;
    expect(longer).toMatchObject({ __typename: "BadInputError", field: "enhancedWorkingDays", message: expect.stringMatching(/never longer/) });
    const tooLong = (await story.as("femi", ADD, { input: { ...input, workingDays: 90 } })).addLocalServiceStandard;
    expect(tooLong).toMatchObject({ __typename: "BadInputError", field: "workingDays" });
    // Southshire's administrator and a police officer cannot make Northshire's promises.
    expect((await story.as("owen", ADD, { input })).addLocalServiceStandard).toMatchObject({ __typename: "BadInputError", field: "areaId" });
    expect((await story.as("mark", ADD, { input })).addLocalServiceStandard).toMatchObject({ __typename: "BadInputError", field: "areaId" });
    expect((await story.as("femi", LIST, { areaId: northshire, all: true })).localServiceStandards).toEqual([]);

    const added = (await story.as("femi", ADD, { input })).addLocalServiceStandard;
    expect(added).toMatchObject({ __typename: "LocalServiceStandard", name: CPS_FILE, startsOnStage: "CHARGING_DECISION", startsOnUpdateType: null, owedByKind: "CPS", workingDays: 5, enhancedWorkingDays: 3, canRetire: true });
    cpsStandard = added.id;
    const twice = (await story.as("femi", ADD, { input: { ...input, name: "The CPS writes to her when the file arrives" } })).addLocalServiceStandard;
    expect(twice).toMatchObject({ __typename: "BadInputError", message: expect.stringContaining(CPS_FILE) });
    // Every partner can read the partnership's promises; only Femi may retire them.
    expect((await story.as("amira", LIST, { areaId: northshire })).localServiceStandards).toEqual([{ id: cpsStandard, name: CPS_FILE, retiredAt: null, canRetire: false }]);
    expect((await story.as("owen", RETIRE, { id: cpsStandard, reason: "Not ours" })).retireLocalServiceStandard.__typename).toBe("NotFoundError");
  });

  it("2. Mark sends Aisha's file to the CPS: the CPS's clock starts then, labelled as local, due in 5 working days", async () => {
    cases.aisha = await open("41NS0700126", "Aisha Rahman");
    expect(await local("mark", cases.aisha, cpsStandard)).toEqual([]);
    const before = Date.now();
    await toChargingDecision(cases.aisha);
    const [clock] = await local("grace", cases.aisha, cpsStandard);
    expect(clock).toMatchObject({ duty: `LOCAL:${cpsStandard}`, what: `${CPS_FILE} (local service standard)`, source: "LOCAL_STANDARD", owedByKind: "CPS", status: "OPEN" });
    const started = new Date(clock.startedAt);
    expect(started.getTime()).toBeGreaterThanOrEqual(before - 1000);
    expect(clock.dueAt).toBe(addWorkingDays(started, 5).toISOString());
    // A victim with Enhanced Rights (a sexual offence) is owed it sooner: 3 working days.
    const dee = await open("41NS0700426", "Dee Walsh", "CHARGING_DECISION", "SEXUAL_OFFENCE");
    const [sooner] = await local("grace", dee, cpsStandard);
    expect(sooner.dueAt).toBe(addWorkingDays(new Date(sooner.startedAt), 3).toISOString());
    // The Code's own rights on the case are still the Code's.
    expect((await clocksOf("grace", cases.aisha)).clocks.filter((c: any) => c.source === "LOCAL_STANDARD")).toHaveLength(1);
  });

  it("3. Grace calls Aisha and says which promise the call keeps: the clock is met by that call", async () => {
    const call = (await story.as("grace", CONTACT, {
      input: { caseId: cases.aisha, at: new Date().toISOString(), channel: "PHONE", outcome: "REACHED", statutoryDuty: `LOCAL:${cpsStandard}`, summary: "Introduced herself and explained the charging decision." },
    })).recordContact;
    expect(call.__typename).toBe("ContactRecord");
    expect(await local("grace", cases.aisha, cpsStandard)).toMatchObject([{ status: "MET", satisfiedByContactId: call.id }]);
  });

  it("4. Bea's case was opened already with the CPS; nobody calls her, so the CPS is told a local standard was missed", async () => {
    cases.bea = await open("41NS0700226", "Bea Collins", "CHARGING_DECISION");
    // Grace takes Bea's case at the CPS: she is who hears when its deadlines pass.
    const cps = (await story.as("grace", INVOLVEMENTS, { id: cases.bea })).case.involvements.find((i: any) => i.capacity === "PROSECUTION");
    expect((await story.as("grace", HAND_OVER, { i: cps.id, to: await story.ids.person("vlo@cps-northshire.example.org") })).handOverNamedContact.__typename).toBe("HandOverDone");
    const [clock] = await local("grace", cases.bea, cpsStandard);
    expect(clock).toMatchObject({ status: "OPEN", owedByKind: "CPS" });
    await story.runJobs(new Date(new Date(clock.dueAt).getTime() + 60_000));
    expect(await local("grace", cases.bea, cpsStandard)).toMatchObject([{ status: "BREACHED" }]);
    const notes = (await story.as("grace", NOTIFICATIONS)).viewer.notifications.edges.map((e: any) => e.node);
    const missed = notes.find((n: any) => n.kind === "CLOCK_BREACHED" && n.caseId === cases.bea);
    expect(missed?.message).toMatch(/^A local service standard was missed on .+: the CPS contacts the victim when the police file reaches it\.$/);
    expect(missed?.message).not.toMatch(/Victims' Code/);
  });

  it("5. Ruth's compliance report shows the standard as local, beside the Code's rights", async () => {
    const rows = (await story.as("ruth", COMPLIANCE, { from: daysAgo(30), to: daysAgo(-30) }, "AUDIT")).complianceReport;
    const localRows = rows.filter((r: any) => r.duty === `LOCAL:${cpsStandard}`);
    // Aisha's met; Bea's and Dee's (3 working days, so due sooner) passed when the scan ran a
    // week on: three clocks, so the figures are shown.
    expect(localRows).toEqual([
      { duty: `LOCAL:${cpsStandard}`, what: `${CPS_FILE} (local service standard)`, source: "LOCAL_STANDARD", organisationName: "CPS Northshire", suppressed: false, clocks: 3, onTime: 1, breachedOpen: 2, stillOpen: 0 },
    ]);
  });

  it("6. A standard timed from an update (the WCU calls her after a charge) starts when the WCU hears of it, and a corrected charge moves it rather than adding one", async () => {
    const input = { areaId: northshire, name: WCU_AFTER_CHARGE, startsOnUpdateType: "SUSPECT_CHARGED", owedByKind: "POLICE_WCU", workingDays: 2 };
    const added = (await story.as("femi", ADD, { input })).addLocalServiceStandard;
    expect(added).toMatchObject({ __typename: "LocalServiceStandard", workingDays: 2, enhancedWorkingDays: 2 });
    wcuStandard = added.id;
    const explanation = "The police have charged the man with assaulting you. The Witness Care Unit will call you about what happens next.";
    const before = Date.now();
    const charge = (await story.as("mark", UPDATE, { input: { caseId: cases.aisha, type: "SUSPECT_CHARGED", occurredAt: daysAgo(3), victimExplanation: explanation } })).recordCaseUpdate;
    expect(charge.__typename).toBe("CaseUpdate");
    const [clock] = await local("priya", cases.aisha, wcuStandard);
    expect(clock).toMatchObject({ source: "LOCAL_STANDARD", owedByKind: "POLICE_WCU", status: "OPEN" });
    // Recorded by the police three days after the charge; the WCU heard of it through the hub now.
    expect(new Date(clock.startedAt).getTime()).toBeGreaterThanOrEqual(before - 1000);
    const corrected = (await story.as("mark", UPDATE, { input: { caseId: cases.aisha, type: "SUSPECT_CHARGED", occurredAt: hoursAgo(60), victimExplanation: explanation, supersedesId: charge.id } })).recordCaseUpdate;
    expect(corrected.__typename).toBe("CaseUpdate");
    expect(await local("priya", cases.aisha, wcuStandard)).toHaveLength(1);
  });

  it("7. Femi retires the CPS standard: the next file starts no clock, and the clocks it started stay as they were", async () => {
    const retired = (await story.as("femi", RETIRE, { id: cpsStandard, reason: "Replaced by the national standard from April." })).retireLocalServiceStandard;
    expect(retired).toMatchObject({ __typename: "LocalServiceStandard", retiredReason: "Replaced by the national standard from April.", canRetire: false });
    expect((await story.as("femi", RETIRE, { id: cpsStandard, reason: "Again" })).retireLocalServiceStandard.__typename).toBe("ConflictError");
    cases.cara = await open("41NS0700326", "Cara Doyle");
    await toChargingDecision(cases.cara);
    expect(await local("grace", cases.cara, cpsStandard)).toEqual([]);
    expect(await local("grace", cases.aisha, cpsStandard)).toMatchObject([{ status: "MET" }]);
    expect(await local("grace", cases.bea, cpsStandard)).toMatchObject([{ status: "BREACHED" }]);
    const inForce = (await story.as("amira", LIST, { areaId: northshire })).localServiceStandards.map((s: any) => s.name);
    expect(inForce).toEqual([WCU_AFTER_CHARGE]);
    const all = (await story.as("amira", LIST, { areaId: northshire, all: true })).localServiceStandards.map((s: any) => [s.name, s.retiredAt !== null]);
    expect(all).toEqual([
      [WCU_AFTER_CHARGE, false],
      [CPS_FILE, true],
    ]);
  });
});
