// STORY 1: Leah's case, from report to sentence.
//
// Leah Turner tells Northshire Police she was raped. DC Mark Lewis opens the case in the hub
// and registers her; his force's system sends the same case again an hour later and the hub
// knows it already. Leah agrees that Northshire Rape Crisis may know how her case is going, who
// she is and how to reach her, but not her needs or health; Mark records that, in her words,
// and refers her to them. Helen Ford, who leads the ISVA service, accepts and names Amira Khan
// as Leah's ISVA; Amira is told.
//
// The police arrest a man (but record it late: nobody told Leah within the Victims' Code's 5
// working days, and the hub says so), interview him and bail him with conditions, and Mark
// phones Leah the same day: one call about the interview and the bail meets both duties.
// Amira agrees with Leah how she wants to hear: phone first, never a letter, and Amira as her
// contact; a letter recorded with no reason for it is refused, with both rules it does not fit. Mark sends the file to the CPS for a
// charging decision: the CPS joins the case at that moment, not before. Grace Adeyemi (CPS)
// records the charge: the case moves to "charged" and the Witness Care Unit joins; Mark phones
// Leah to tell her (the police owe her that news, whoever decided the charge); Tom Reid,
// who leads the Witness Care Unit, names Priya Shah. The trial is listed; Priya tells Leah the date the same day.
// Police, CPS, WCU and ISVA all read the same agreed message, naming Amira.
//
// Leah asks, through Amira, whether she will have to see him in court; Grace answers, and
// signposts her to a counselling service. Amira refers Leah (with her consent) to Safe Steps'
// IDVA service, and Jo Evans accepts. The trial ends with a guilty verdict and, later, a
// sentence; Priya receives the result and tells Leah. Amira goes on leave and hands Leah over
// to Helen: the message now names Helen. Leah withdraws her consent for the ISVA service: from
// the next request it sees nothing. The WCU closes the case. Ruth Bennett, the partnership's
// auditor, sees who has seen Leah's data, when and why.
//
// Every step is a person using the API with their own token. The story makes its own data.
import { addWorkingDays } from "@hub/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { uncataloguedAuditFields } from "../support/test-hub.js";
import { daysAgo, hoursAgo, PEOPLE, startStory, type Story } from "./story-helpers.js";

const OPEN = `mutation ($input: OpenCaseInput!) { openCase(input: $input) { __typename ... on OpenedCase { alreadyOpen case { id victimReference } } ... on Error { message } } }`;
const CASE = `query ($id: ID!) { case(id: $id) { __typename ... on Case {
  id version stage cpsReference
  involvements { id capacity basis organisation { name } namedContact { name } }
  agreedMessage { whereThingsStand whatHappensNext roughlyWhen namedContact { name organisation } support }
  clocks { duty status owedByKind }
  consents { id withdrawnAt scopes { category recipientOrganisationId } }
  victim { contactDetails { phone } }
  questions { id question answer }
  referrals { id status }
  contacts { organisationId channel outcome }
} ... on NotFoundError { message } } }`;
const CONSENT = `mutation ($input: RecordConsentInput!) { recordConsent(input: $input) { __typename ... on Consent { id } ... on Error { message } } }`;
const REFER = `mutation ($caseId: ID!, $to: ID!, $reason: String!, $shares: [DataCategory!]) {
  makeReferral(caseId: $caseId, toOrganisationId: $to, reason: $reason, shares: $shares, outcomeInAgreedMessage: true) { __typename ... on Referral { id version } ... on Error { message } } }`;
const INBOX = `{ referralsInbox { id caseId status version victim { reference identity { fullName } } } }`;
const REFERRAL_MOVE = `mutation ($id: ID!, $to: ReferralStatus!, $v: Int!) { changeReferralStatus(referralId: $id, to: $to, expectedVersion: $v) { __typename ... on Referral { status } ... on Error { message } } }`;
const HAND_OVER = `mutation ($i: ID!, $to: ID!, $r: String!) { handOverNamedContact(involvementId: $i, toUserId: $to, reason: $r) { __typename ... on HandOverDone { handoverId } ... on Error { message } } }`;
const UPDATE = `mutation ($input: RecordCaseUpdateInput!) { recordCaseUpdate(input: $input) { __typename ... on CaseUpdate { id } ... on Error { message } } }`;
const CONTACT = `mutation ($input: RecordContactInput!) { recordContact(input: $input) { __typename ... on ContactRecord { id } ... on ContactAgreementBreachError { breaches { rule } } ... on Error { message } } }`;
const MOVE = `mutation ($caseId: ID!, $to: CaseStage!, $v: Int!) { moveCaseStage(caseId: $caseId, to: $to, expectedVersion: $v) { __typename ... on MovedCase { stage } ... on Error { message } } }`;
const AGREEMENT = `mutation ($input: ContactContractInput!) { setContactContract(input: $input) { __typename ... on VictimContactContract { version } ... on Error { message } } }`;
const DETAILS = `mutation ($caseId: ID!, $v: Int!, $ref: String) { updateCaseDetails(caseId: $caseId, expectedVersion: $v, cpsReference: $ref) { __typename ... on CaseVersion { version } ... on Error { message } } }`;
const HEARING = `mutation ($caseId: ID!, $court: String!, $startsAt: DateTime!, $type: String!) { recordHearing(caseId: $caseId, court: $court, startsAt: $startsAt, type: $type) { __typename ... on Hearing { id } ... on Error { message } } }`;
const RESULT = `mutation ($id: ID!, $outcome: String!) { recordCourtResult(hearingId: $id, outcome: $outcome) { __typename ... on Hearing { outcome } ... on Error { message } } }`;
const ASK = `mutation ($caseId: ID!, $q: String!) { askQuestion(caseId: $caseId, forKind: CPS, question: $q) { __typename ... on VictimQuestion { id } ... on Error { message } } }`;
const ANSWER = `mutation ($id: ID!, $a: String!) { answerQuestion(questionId: $id, answer: $a) { __typename ... on VictimQuestion { answer } ... on Error { message } } }`;
const SEARCH = `query ($text: String) { searchServices(text: $text) { results { id name } } }`;
const SIGNPOST = `mutation ($caseId: ID!, $serviceId: ID!) { signpostService(caseId: $caseId, serviceId: $serviceId, channel: PHONE, note: "Told her about counselling before the trial.") { __typename ... on ContactRecord { id } ... on Error { message } } }`;
const WITHDRAW = `mutation ($input: WithdrawConsentInput!) { withdrawConsent(input: $input) { __typename ... on Consent { withdrawal statements { decision category recipientOrganisationId } } ... on Error { message } } }`;
const CLOSE = `mutation ($caseId: ID!, $v: Int!) { closeCase(caseId: $caseId, reason: "Sentenced. Leah has been told and has her support in place.", expectedVersion: $v) { __typename ... on ClosedOrReopenedCase { stage } ... on Error { message } } }`;
const NOTIFICATIONS = `{ viewer { notifications { edges { node { kind message caseId } } } } }`;
const ACCESS_LOG = `query ($ref: String!, $after: String) { victimAccessLog(victimReference: $ref, first: 100, after: $after) { entries { actorName organisationName action entityType outcome purpose } hasNextPage endCursor } }`;

const STATE = `query ($id: ID!) { case(id: $id) { ... on Case {
  agreedMessage { sentences { text part sourceKind sourceId } heldBack { sourceKind sourceId } }
  contacts { id at organisationId outcome satisfied { duty } }
  keepInTouchTasks { organisationId assignedToUserId status closedReason }
  clocks { duty status owedByKind startedAt dueAt }
} } }`;

const londonDate = (iso: string) => new Date(iso).toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "Europe/London" });
const londonTime = (iso: string) => new Date(iso).toLocaleTimeString("en-GB", { hour: "numeric", minute: "2-digit", hour12: true, timeZone: "Europe/London" }).replace(" ", "");
const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();

const SUPPORT = ["SUPPORT_AND_ADVOCACY", "KEEPING_VICTIM_INFORMED", "REFERRAL"];

describe("story: a rape case from report to sentence", () => {
  let story: Story;
  let caseId = "";
  let reference = "";
  let isvaConsentId = "";
  const read = async (person: Parameters<Story["as"]>[0]) => (await story.as(person, CASE, { id: caseId })).case;
  const update = (person: Parameters<Story["as"]>[0], input: Record<string, unknown>) => story.as(person, UPDATE, { input: { caseId, ...input } }).then((d) => d.recordCaseUpdate);
  /**
   * What every agency tells her, checked at each step: the agreed message sentence by sentence
   * with its source, the ledger (which duties each contact that reached her satisfied), the
   * keep-in-touch tasks, and the clocks with their due times (the Victims' Code's working days
   * from when each started: enhanced rights, so 1 working day; a referral's answer, 2).
   */
  const state = async () => {
    const c = (await story.as("mark", STATE, { id: caseId })).case;
    const sentences = c.agreedMessage.sentences.map((m: any) => [m.part, m.sourceKind, m.sourceId, m.text]);
    const ledger = [...c.contacts].sort((a: any, b: any) => a.at.localeCompare(b.at)).map((k: any) => [k.outcome, k.satisfied.map((d: any) => d.duty).sort()]);
    const clocks = c.clocks.map((k: any) => `${k.duty} ${k.status} ${k.owedByKind}`).sort();
    for (const k of c.clocks) expect(k.dueAt, k.duty).toBe(addWorkingDays(new Date(k.startedAt), k.duty === "REFERRAL_ACKNOWLEDGEMENT" ? 2 : 1).toISOString());
    return { sentences, ledger, clocks, tasks: c.keepInTouchTasks, heldBack: c.agreedMessage.heldBack };
  };
  const ids: Record<string, string> = {};
  const CHARGE_WORDS = "The man has been charged. This means the case will go to court. Priya from witness care will tell you each court date.";
  const CHARGED = () => [
    ["WHERE_THINGS_STAND", "STAGE", "CHARGED", "The person has been charged. This means they have been formally accused of the crime. The case will now go to court."],
    ["WHERE_THINGS_STAND", "DECISION", ids.charge, CHARGE_WORDS],
    ["WHAT_HAPPENS_NEXT", "STAGE", "CHARGED", "Your witness care officer will tell you the date of each court hearing, and help you get ready."],
  ];
  const BAIL_WORDS = "The man has been let go while the police carry on. He must not contact you or go to your street. If he does, call 999.";
  const UNDER_INVESTIGATION_WITH_BAIL = () => [
    ["WHERE_THINGS_STAND", "STAGE", "UNDER_INVESTIGATION", "The police are looking into what happened."],
    ["WHERE_THINGS_STAND", "BAIL", ids.bail, BAIL_WORDS],
    ["WHAT_HAPPENS_NEXT", "STAGE", "UNDER_INVESTIGATION", "The police are still looking into what happened. They will tell you when there is news, such as an arrest or a decision."],
    ["SUPPORT", "REFERRAL", ids.isvaReferral, "Northshire Rape Crisis has accepted the referral and will be in touch with you."],
    ["NAMED_CONTACT", "CONTACT", ids.amira, "Your named contact is Amira Khan at Northshire Rape Crisis."],
  ];
  const named = async (capacity: string) => (await read("mark")).involvements.find((i: any) => i.capacity === capacity);

  beforeAll(async () => {
    story = await startStory();
  });
  afterAll(async () => {
    await story?.close();
  });

  it("1. DC Mark Lewis opens the case and registers Leah; his force's system sending it again makes no second case", async () => {
    const input = {
      policeUrn: "41NS0450126",
      offenceCategory: "SEXUAL_OFFENCE",
      areaId: await story.ids.area("NSH"),
      reportedAt: daysAgo(20),
      victim: { fullName: "Leah Turner", dateOfBirth: "1998-06-02", phone: "07700 900451", address: "4 Larch Close, Northtown", postcode: "LS8 2AB" },
    };
    const opened = (await story.as("mark", OPEN, { input })).openCase;
    expect(opened).toMatchObject({ __typename: "OpenedCase", alreadyOpen: false });
    caseId = opened.case.id;
    reference = opened.case.victimReference;
    const again = (await story.as("mark", OPEN, { input })).openCase;
    expect(again).toMatchObject({ alreadyOpen: true, case: { id: caseId } });
    expect((await read("mark")).involvements).toEqual([expect.objectContaining({ capacity: "INVESTIGATING_POLICE", basis: "DUTY", namedContact: { name: "DC Mark Lewis" } })]);
    ids.mark = await story.ids.person(PEOPLE.mark);
    const now = await state();
    expect(now.sentences).toEqual([
      ["WHERE_THINGS_STAND", "STAGE", "REPORTED", "You have told the police what happened."],
      ["WHAT_HAPPENS_NEXT", "STAGE", "REPORTED", "The police will look into what you told them and will let you know what happens next."],
      ["NAMED_CONTACT", "CONTACT", ids.mark, "Your named contact is DC Mark Lewis at Northshire Police."],
    ]);
    expect(now).toMatchObject({ ledger: [], clocks: [], tasks: [], heldBack: [] });
  });

  it("2. Leah agrees the ISVA service may know her case, who she is and how to reach her, not her needs; Mark records it and refers her", async () => {
    const isva = await story.ids.organisation("Northshire Rape Crisis");
    const scopes = ["CASE_PROGRESS", "IDENTITY", "CONTACT_DETAILS"].flatMap((category) => SUPPORT.map((purpose) => ({ category, purpose, recipientOrganisationId: isva })));
    // One form, read through with her at the station: the ISVA service may know her case, who
    // she is and how to reach her (not her needs); the police, the WCU and the CPS may reach her.
    // Part of it is for the police themselves, so Mark says how and when she said it.
    const statutory = ["POLICE", "POLICE_WCU", "CPS"].map((recipientKind) => ({ category: "CONTACT_DETAILS", purpose: recipientKind === "POLICE" ? "LAW_ENFORCEMENT" : "KEEPING_VICTIM_INFORMED", recipientKind }));
    const consent = (
      await story.as("mark", CONSENT, {
        input: {
          caseId,
          givenBy: "VICTIM",
          evidence: "Signed consent form NP-4501, scanned to the police file",
          saidHow: "SIGNED_FORM",
          saidAt: new Date().toISOString(),
          explicit: false,
          scopes: [...scopes, ...statutory],
          withholdings: [{ category: "NEEDS_AND_VULNERABILITIES", fromOrganisationId: isva, reason: "She wants to talk to her ISVA about that herself." }],
        },
      })
    ).recordConsent;
    expect(consent.__typename).toBe("Consent");
    isvaConsentId = consent.id;
    // Before she is referred, the ISVA service knows nothing of her.
    expect((await story.as("amira", CASE, { id: caseId })).case.__typename).toBe("NotFoundError");
    const referral = (await story.as("mark", REFER, { caseId, to: isva, reason: "Leah would like an ISVA to support her through the case.", shares: ["CASE_PROGRESS", "IDENTITY", "CONTACT_DETAILS"] })).makeReferral;
    expect(referral.__typename).toBe("Referral");
    ids.isvaReferral = referral.id;
    const now = await state();
    expect(now.sentences).toEqual([
      ["WHERE_THINGS_STAND", "STAGE", "REPORTED", "You have told the police what happened."],
      ["WHAT_HAPPENS_NEXT", "STAGE", "REPORTED", "The police will look into what you told them and will let you know what happens next."],
      ["SUPPORT", "REFERRAL", referral.id, "We have asked Northshire Rape Crisis to contact you about support."],
      ["NAMED_CONTACT", "CONTACT", ids.mark, "Your named contact is DC Mark Lewis at Northshire Police."],
    ]);
    expect(now.clocks).toEqual(["REFERRAL_ACKNOWLEDGEMENT OPEN ISVA_SERVICE"]);
  });

  it("3. Helen accepts the referral and names Amira as Leah's ISVA; Amira is told", async () => {
    const waiting = (await story.as("helen", INBOX)).referralsInbox.find((r: any) => r.caseId === caseId);
    expect(waiting).toMatchObject({ status: "REQUESTED", victim: { reference, identity: { fullName: "Leah Turner" } } });
    expect((await story.as("helen", REFERRAL_MOVE, { id: waiting.id, to: "ACCEPTED", v: waiting.version })).changeReferralStatus.status).toBe("ACCEPTED");
    const isva = (await read("helen")).involvements.find((i: any) => i.capacity === "ISVA_SUPPORT");
    // Whoever accepts is her contact there until a colleague is named.
    expect(isva).toMatchObject({ basis: "REFERRAL", namedContact: { name: "Helen Ford" } });
    const amira = await story.ids.person(PEOPLE.amira);
    expect((await story.as("helen", HAND_OVER, { i: isva.id, to: amira, r: "Amira will be Leah's ISVA." })).handOverNamedContact.__typename).toBe("HandOverDone");
    await story.runJobs();
    const told = (await story.as("amira", NOTIFICATIONS)).viewer.notifications.edges.map((e: any) => e.node);
    expect(told).toContainEqual(expect.objectContaining({ kind: "NAMED_CONTACT_HANDED_OVER", caseId }));
    ids.amira = amira;
    const now = await state();
    expect(now.sentences).toEqual([
      ["WHERE_THINGS_STAND", "STAGE", "REPORTED", "You have told the police what happened."],
      ["WHAT_HAPPENS_NEXT", "STAGE", "REPORTED", "The police will look into what you told them and will let you know what happens next."],
      ["SUPPORT", "REFERRAL", ids.isvaReferral, "Northshire Rape Crisis has accepted the referral and will be in touch with you."],
      ["NAMED_CONTACT", "CONTACT", amira, "Your named contact is Amira Khan at Northshire Rape Crisis."],
    ]);
    expect(now.clocks).toEqual(["REFERRAL_ACKNOWLEDGEMENT MET ISVA_SERVICE"]);
  });

  it("4. The police arrest (recorded late), interview and bail him; Mark phones Leah the same day, about the interview and the bail in one call", async () => {
    await update("mark", { type: "SUSPECT_ARRESTED", occurredAt: daysAgo(12), victimExplanation: "A man has been arrested. The police will tell you what happens next." });
    expect((await read("mark")).stage).toBe("UNDER_INVESTIGATION");
    const interviewed = await update("mark", { type: "SUSPECT_INTERVIEWED", occurredAt: daysAgo(11), victimExplanation: "The police have asked the man questions about what happened." });
    const bail = await update("mark", {
      type: "SUSPECT_BAILED",
      occurredAt: hoursAgo(3),
      victimExplanation: "The man has been let go while the police carry on. He must not contact you or go to your street. If he does, call 999.",
    });
    // One call answers both updates, so it meets both duties (the interview's late: it was recorded late).
    const call = { caseId, at: hoursAgo(2), channel: "PHONE", outcome: "REACHED", answersUpdateIds: [interviewed.id, bail.id], summary: "Told Leah about the interview, the bail conditions and what to do if he breaks them." };
    expect((await story.as("mark", CONTACT, { input: call })).recordContact.__typename).toBe("ContactRecord");
    ids.bail = bail.id;
    // Where things stand: the stage and the bail conditions in force (not the arrest, which the bail has overtaken).
    const now = await state();
    expect(now.sentences).toEqual(UNDER_INVESTIGATION_WITH_BAIL());
    // The one call satisfied both Right 6 duties; the arrest, told nobody in time, stays breached.
    expect(now.ledger).toEqual([["REACHED", ["RIGHT_6_POLICE_UPDATE", "RIGHT_6_POLICE_UPDATE"]]]);
    expect(now.clocks).toEqual(["REFERRAL_ACKNOWLEDGEMENT MET ISVA_SERVICE", "RIGHT_6_POLICE_UPDATE BREACHED POLICE", "RIGHT_6_POLICE_UPDATE MET POLICE", "RIGHT_6_POLICE_UPDATE MET_LATE POLICE"]);
  });

  it("5. Amira agrees with Leah how she wants to hear: by phone, never by letter, with Amira as her contact", async () => {
    const amira = await story.ids.person(PEOPLE.amira);
    const res = await story.as("amira", AGREEMENT, { input: { caseId, channels: ["PHONE", "SMS"], refusedChannels: ["LETTER"], updateFrequency: "EVERY_2_WEEKS", namedContactUserId: amira, noLettersToHome: true } });
    expect(res.setContactContract.__typename).toBe("VictimContactContract");
    const refused = (await story.as("amira", CONTACT, { input: { caseId, at: hoursAgo(1), channel: "LETTER", outcome: "SENT", summary: "Posted the leaflet about court." } })).recordContact;
    expect(refused).toMatchObject({ __typename: "ContactAgreementBreachError", breaches: [{ rule: "REFUSED_CHANNEL" }, { rule: "NO_LETTERS_TO_HOME" }] });
    expect((await story.as("amira", CONTACT, { input: { caseId, at: hoursAgo(1), channel: "PHONE", outcome: "REACHED", summary: "First call: explained what an ISVA does." } })).recordContact.__typename).toBe("ContactRecord");
    // The refused letter is not in the ledger; Amira's call is, satisfying no clock (none was owed by her).
    const now = await state();
    expect(now.ledger).toEqual([["REACHED", ["RIGHT_6_POLICE_UPDATE", "RIGHT_6_POLICE_UPDATE"]], ["REACHED", []]]);
    expect(now.sentences).toEqual(UNDER_INVESTIGATION_WITH_BAIL());
    // She asked to hear every 2 weeks: two weeks on without news, one task for Amira, her named contact, and only one however often the hub looks.
    const later = new Date(Date.now() + 15 * 86_400_000);
    await story.runJobs(later);
    await story.runJobs(later);
    const isva = await story.ids.organisation("Northshire Rape Crisis");
    expect((await state()).tasks).toEqual([{ organisationId: isva, assignedToUserId: amira, status: "OPEN", closedReason: null }]);
  });

  it("6. Mark sends the file for a charging decision: the CPS joins at that moment, not before", async () => {
    expect((await story.as("grace", CASE, { id: caseId })).case.__typename).toBe("NotFoundError");
    const { version } = await read("mark");
    expect((await story.as("mark", MOVE, { caseId, to: "CHARGING_DECISION", v: version })).moveCaseStage.stage).toBe("CHARGING_DECISION");
    const seenByCps = await read("grace");
    expect(seenByCps.involvements.map((i: any) => i.capacity).sort()).toEqual(["INVESTIGATING_POLICE", "ISVA_SUPPORT", "PROSECUTION"]);
    expect((await story.as("priya", CASE, { id: caseId })).case.__typename).toBe("NotFoundError");
    // The bail conditions are still in force while the CPS decides.
    expect((await state()).sentences).toEqual([
      ["WHERE_THINGS_STAND", "STAGE", "CHARGING_DECISION", "The police have asked for a decision on whether the case should go to court."],
      ["WHERE_THINGS_STAND", "BAIL", ids.bail, BAIL_WORDS],
      ["WHAT_HAPPENS_NEXT", "STAGE", "CHARGING_DECISION", "The people who decide whether the case goes to court are looking at the evidence. The police will tell you their decision."],
      ["SUPPORT", "REFERRAL", ids.isvaReferral, "Northshire Rape Crisis has accepted the referral and will be in touch with you."],
      ["NAMED_CONTACT", "CONTACT", ids.amira, "Your named contact is Amira Khan at Northshire Rape Crisis."],
    ]);
  });

  it("7. Grace records the charge and Mark tells Leah: the case is charged, the Witness Care Unit joins and Tom names Priya", async () => {
    const charge = await update("grace", { type: "SUSPECT_CHARGED", occurredAt: hoursAgo(1), victimExplanation: CHARGE_WORDS });
    ids.charge = charge.id;
    // The police owe her the news of a charge (Right 6), even though the CPS decided it: Mark phones her.
    const told = await story.as("mark", CONTACT, { input: { caseId, at: new Date().toISOString(), channel: "PHONE", outcome: "REACHED", answersUpdateId: charge.id, summary: "Told Leah he has been charged." } });
    expect(told.recordContact.__typename).toBe("ContactRecord");
    const charged = await read("grace");
    expect(charged.stage).toBe("CHARGED");
    expect((await story.as("grace", DETAILS, { caseId, v: charged.version, ref: "CPS-NS-260450" })).updateCaseDetails.__typename).toBe("CaseVersion");
    const wcu = (await read("tom")).involvements.find((i: any) => i.capacity === "WITNESS_CARE");
    expect(wcu).toMatchObject({ basis: "DUTY", organisation: { name: "Northshire Police Witness Care Unit" } });
    const priya = await story.ids.person(PEOPLE.priya);
    expect((await story.as("tom", HAND_OVER, { i: wcu.id, to: priya, r: "Priya covers Northtown Crown Court." })).handOverNamedContact.__typename).toBe("HandOverDone");
    expect((await named("WITNESS_CARE")).namedContact).toEqual({ name: "Priya Shah" });
    // The charge ended the police bail: its conditions are no longer told. She chose Amira, so the message names Amira, not Priya.
    const now = await state();
    expect(now.sentences).toEqual([...CHARGED(), ["SUPPORT", "REFERRAL", ids.isvaReferral, "Northshire Rape Crisis has accepted the referral and will be in touch with you."], ["NAMED_CONTACT", "CONTACT", ids.amira, "Your named contact is Amira Khan at Northshire Rape Crisis."],]);
    expect(now.ledger.at(-1)).toEqual(["REACHED", ["RIGHT_6_POLICE_UPDATE"]]);
    // Mark's call reached her, so it closed the ISVA's keep-in-touch task: any agency's contact that reaches her does.
    expect(now.tasks).toEqual([{ organisationId: await story.ids.organisation("Northshire Rape Crisis"), assignedToUserId: ids.amira, status: "DONE", closedReason: null }]);
    expect(now.clocks.filter((c: string) => c.startsWith("RIGHT_6")).length).toBe(4);
  });

  it("8. The trial is listed and Priya tells Leah the same day; every agency reads the same agreed message, naming Amira", async () => {
    const startsAt = new Date(Date.now() + 30 * 86_400_000).toISOString();
    const listedTrial = (await story.as("priya", HEARING, { caseId, court: "Northtown Crown Court", startsAt, type: "Trial" })).recordHearing;
    expect(listedTrial.__typename).toBe("Hearing");
    ids.listedTrial = listedTrial.id;
    const listed = await update("priya", { type: "HEARING_LISTED", occurredAt: hoursAgo(1), victimExplanation: "The trial will be at Northtown Crown Court. Priya will help you get ready for the day." });
    await story.as("priya", CONTACT, { input: { caseId, at: new Date().toISOString(), channel: "PHONE", outcome: "REACHED", answersUpdateId: listed.id, summary: "Gave Leah the trial date and offered a court visit." } });
    const messages = await Promise.all((["mark", "grace", "priya", "amira"] as const).map(async (p) => JSON.stringify((await read(p)).agreedMessage)));
    expect(new Set(messages).size).toBe(1);
    const message = JSON.parse(messages[0]!);
    expect(message.namedContact).toEqual({ name: "Amira Khan", organisation: "Northshire Rape Crisis" });
    expect(message.roughlyWhen).toMatch(/Northtown Crown Court/);
    const now = await state();
    expect(now.sentences).toEqual([
      ...CHARGED(),
      ["ROUGHLY_WHEN", "HEARING", ids.listedTrial, `The next trial is on ${londonDate(startsAt)} at ${londonTime(startsAt)}, at Northtown Crown Court.`],
      ["SUPPORT", "REFERRAL", ids.isvaReferral, "Northshire Rape Crisis has accepted the referral and will be in touch with you."],
      ["NAMED_CONTACT", "CONTACT", ids.amira, "Your named contact is Amira Khan at Northshire Rape Crisis."],
    ]);
    expect(now.ledger.at(-1)).toEqual(["REACHED", ["RIGHT_8_HEARING_DETAILS"]]);
    expect(now.clocks).toContain("RIGHT_8_HEARING_DETAILS MET POLICE_WCU");
  });

  it("9. The clocks: the late arrest is breached, the interview told late in the same call as the bail; the bail, the charge and the hearing date met", async () => {
    await story.runJobs();
    const clocks = (await read("mark")).clocks as { duty: string; status: string; owedByKind: string }[];
    expect(clocks.filter((c) => c.duty === "RIGHT_6_POLICE_UPDATE").map((c) => c.status).sort()).toEqual(["BREACHED", "MET", "MET", "MET_LATE"]);
    expect(clocks.find((c) => c.duty === "RIGHT_8_HEARING_DETAILS")).toMatchObject({ status: "MET", owedByKind: "POLICE_WCU" });
  });

  it("10. Leah asks, through Amira, whether she will have to see him; Grace answers and signposts her to counselling", async () => {
    const asked = (await story.as("amira", ASK, { caseId, q: "Will I have to see him when I give evidence?" })).askQuestion;
    expect((await story.as("grace", ANSWER, { id: asked.id, a: "No. You can give evidence from a separate room by video, or behind a screen, so you do not have to see him." })).answerQuestion.answer).toMatch(/separate room/);
    expect((await read("amira")).questions).toEqual([expect.objectContaining({ question: "Will I have to see him when I give evidence?", answer: expect.stringMatching(/behind a screen/) })]);
    const service = (await story.as("grace", SEARCH, { text: "counselling" })).searchServices.results[0];
    expect((await story.as("grace", SIGNPOST, { caseId, serviceId: service.id })).signpostService.__typename).toBe("ContactRecord");
  });

  it("11. With her consent Amira refers Leah to Safe Steps' IDVA service, and Jo accepts", async () => {
    const idva = await story.ids.organisation("Safe Steps Northshire");
    await story.as("amira", CONSENT, {
      input: { caseId, givenBy: "VICTIM", evidence: "Recorded call with Leah, ISVA call log 17", explicit: false, scopes: ["CASE_PROGRESS", "IDENTITY"].flatMap((category) => SUPPORT.map((purpose) => ({ category, purpose, recipientOrganisationId: idva }))) },
    });
    const idvaReferral = (await story.as("amira", REFER, { caseId, to: idva, reason: "Leah's ex-partner has started messaging her; she would like an IDVA too.", shares: ["CASE_PROGRESS", "IDENTITY"] })).makeReferral;
    expect(idvaReferral.__typename).toBe("Referral");
    ids.idvaReferral = idvaReferral.id;
    const waiting = (await story.as("jo", INBOX)).referralsInbox.find((r: any) => r.caseId === caseId);
    expect((await story.as("jo", REFERRAL_MOVE, { id: waiting.id, to: "ACCEPTED", v: waiting.version })).changeReferralStatus.status).toBe("ACCEPTED");
    expect((await read("jo")).agreedMessage.support).toContain("Safe Steps Northshire has accepted the referral and will be in touch with you.");
  });

  it("12. The trial ends in a guilty verdict and a sentence; Priya receives the result and tells Leah", async () => {
    // The trial was brought forward: it sat after the charge (an hour ago), and the verdict and the sentence followed it.
    const trialAt = minutesAgo(50);
    const trial = (await story.as("priya", HEARING, { caseId, court: "Northtown Crown Court", startsAt: trialAt, type: "Trial (moved forward)" })).recordHearing;
    expect((await story.as("priya", RESULT, { id: trial.id, outcome: "Guilty on all counts" })).recordCourtResult.outcome).toBe("Guilty on all counts");
    await update("priya", { type: "VERDICT", occurredAt: minutesAgo(40), victimExplanation: "The jury found him guilty. The judge will decide his sentence at another hearing." });
    expect((await read("priya")).stage).toBe("VERDICT");
    const SENTENCE_WORDS = "The judge sent him to prison for nine years. Priya can explain what this means.";
    const sentence = await update("priya", { type: "SENTENCE", occurredAt: minutesAgo(20), victimExplanation: SENTENCE_WORDS });
    expect((await read("priya")).stage).toBe("SENTENCED");
    await story.as("priya", CONTACT, { input: { caseId, at: new Date().toISOString(), channel: "PHONE", outcome: "REACHED", answersUpdateId: sentence.id, summary: "Told Leah the sentence and explained it." } });
    expect((await read("mark")).clocks.filter((c: any) => c.duty === "RIGHT_9_OUTCOME_AND_SENTENCE").map((c: any) => c.status)).toContain("MET");
    // Where things stand is the sentence and the court's result, not the charge; the trial that sat is never told as to come.
    const now = await state();
    expect(now.sentences.filter((s: string[]) => s[0] !== "ROUGHLY_WHEN")).toEqual([
      ["WHERE_THINGS_STAND", "STAGE", "SENTENCED", "The court has decided the person's punishment."],
      ["WHERE_THINGS_STAND", "DECISION", sentence.id, SENTENCE_WORDS],
      ["WHERE_THINGS_STAND", "HEARING", trial.id, `At the trial (moved forward) on ${londonDate(trialAt)}, the court decided: Guilty on all counts.`],
      ["WHAT_HAPPENS_NEXT", "STAGE", "SENTENCED", "You can ask anyone supporting you what the punishment means for you."],
      ["SUPPORT", "REFERRAL", ids.isvaReferral, "Northshire Rape Crisis has accepted the referral and will be in touch with you."],
      ["SUPPORT", "REFERRAL", ids.idvaReferral, "Safe Steps Northshire has accepted the referral and will be in touch with you."],
      ["NAMED_CONTACT", "CONTACT", ids.amira, "Your named contact is Amira Khan at Northshire Rape Crisis."],
    ]);
    expect(now.sentences.filter((s: string[]) => s[2] === trial.id).map((s: string[]) => s[0])).toEqual(["WHERE_THINGS_STAND"]);
    expect(now.ledger.at(-1)).toEqual(["REACHED", ["RIGHT_9_OUTCOME_AND_SENTENCE"]]);
  });

  it("13. Amira goes on leave and hands Leah over to Helen: the message names Helen, and Helen is told", async () => {
    const isva = await named("ISVA_SUPPORT");
    const helen = await story.ids.person(PEOPLE.helen);
    expect((await story.as("amira", HAND_OVER, { i: isva.id, to: helen, r: "Amira is on leave until June." })).handOverNamedContact.__typename).toBe("HandOverDone");
    expect((await read("mark")).agreedMessage.namedContact).toEqual({ name: "Helen Ford", organisation: "Northshire Rape Crisis" });
    await story.runJobs();
    expect((await story.as("helen", NOTIFICATIONS)).viewer.notifications.edges.map((e: any) => e.node.kind)).toContain("NAMED_CONTACT_HANDED_OVER");
    const now = await state();
    expect(now.sentences.at(-1)).toEqual(["NAMED_CONTACT", "CONTACT", helen, "Your named contact is Helen Ford at Northshire Rape Crisis."]);
    // The keep-in-touch task was closed by the calls that reached her; none is left open for Amira.
    expect(now.tasks.filter((t: any) => t.status === "OPEN")).toEqual([]);
  });

  it("14. Leah withdraws her consent for the ISVA service: from the next request it sees nothing", async () => {
    expect((await read("helen")).id).toBe(caseId);
    // She tells Mark, who recorded her agreement; the withdrawal names the ISVA service only.
    const isva = await story.ids.organisation("Northshire Rape Crisis");
    const withdrawn = (await story.as("mark", WITHDRAW, { input: { caseId, givenBy: "VICTIM", evidence: "Phone call to DC Lewis, noted in the police file", saidHow: "PHONE", recipientOrganisationId: isva } })).withdrawConsent;
    expect(withdrawn).toMatchObject({ __typename: "Consent", withdrawal: true });
    expect(new Set(withdrawn.statements.map((s: any) => s.category))).toEqual(new Set(["CASE_PROGRESS", "IDENTITY", "CONTACT_DETAILS"]));
    expect((await story.as("mark", CASE, { id: caseId })).case.consents.find((c: any) => c.id === isvaConsentId).withdrawnAt).toBeNull();
    expect((await story.as("helen", CASE, { id: caseId })).case.__typename).toBe("NotFoundError");
    expect((await story.as("amira", CASE, { id: caseId })).case.__typename).toBe("NotFoundError");
    // The police, the WCU and the IDVA service keep what she agreed for them, in the same form.
    expect((await read("priya")).id).toBe(caseId);
    expect((await read("priya")).victim.contactDetails).not.toBeNull();
    expect((await read("jo")).id).toBe(caseId);
    // The message no longer says the ISVA service will be in touch, nor names Helen: her contact is now her IDVA.
    const now = await state();
    expect(now.sentences.filter((s: string[]) => ["SUPPORT", "NAMED_CONTACT"].includes(s[0]!))).toEqual([
      ["SUPPORT", "REFERRAL", ids.idvaReferral, "Safe Steps Northshire has accepted the referral and will be in touch with you."],
      ["NAMED_CONTACT", "CONTACT", await story.ids.person(PEOPLE.jo), "Your named contact is Jo Evans at Safe Steps Northshire."],
    ]);
    expect(JSON.stringify(now.sentences)).not.toMatch(/Northshire Rape Crisis|Helen/);
  });

  it("15. The WCU closes the case, and Ruth sees who has seen Leah's data, when and why", async () => {
    const { version } = await read("priya");
    expect((await story.as("priya", CLOSE, { caseId, v: version })).closeCase.stage).toBe("CLOSED");
    const log: { actorName: string; action: string; outcome: string | null }[] = [];
    for (let after: string | null = null; ; ) {
      const page: any = (await story.as("ruth", ACCESS_LOG, { ref: reference, after })).victimAccessLog;
      log.push(...page.entries);
      if (!page.hasNextPage) break;
      after = page.endCursor;
    }
    const people = new Set(log.map((e) => e.actorName));
    for (const name of ["DC Mark Lewis", "Helen Ford", "Amira Khan", "Grace Adeyemi", "Priya Shah", "Tom Reid", "Jo Evans"]) expect(people, name).toContain(name);
    expect(log).toContainEqual(expect.objectContaining({ actorName: "Helen Ford", action: "DENIED" }));
    expect(log).toContainEqual(expect.objectContaining({ actorName: "DC Mark Lewis", action: "COLLECTION" }));
    // The log holds identifiers only, and names every field as the data catalogue does.
    expect(await uncataloguedAuditFields(story.hub.db)).toEqual([]);
    const rows = await story.hub.db.prisma.auditEvent.findMany();
    expect(JSON.stringify(rows, (_k, v) => (typeof v === "bigint" ? v.toString() : v))).not.toMatch(/Leah|Turner|07700 900451|Larch Close/);
  });
});
