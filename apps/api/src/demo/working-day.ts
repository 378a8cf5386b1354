// The demo partnership in the middle of its work, dated relative to today. The base seed
// (packages/db/src/seed) makes the partnership: organisations, people, agreements, thirteen
// cases with their consents, and the directory. This plays the weeks before today on top of
// it, step by step, as the demo's own people, through the hub's own domain functions (see
// acting.ts), then runs the background jobs once, as the worker does every minute. Everything
// is fictional; victims' details use example.org and Ofcom's drama phone numbers.
//
// Nine new cases, opened by the police:
//
// - Lauren Hayes (41NS0201126), rape, at trial. Five months ago DC Mark Lewis opened her case,
//   recorded her consent, assessed her Enhanced Rights and told her of the arrest and the bail,
//   each the next day. He referred her to Northshire Rape Crisis; Helen Ford accepted and made
//   Amira Khan her ISVA, who agreed with her how she wants to hear (weekly, by phone or email,
//   no letters, no voicemail). The CPS charged him (Tom Reid named Priya Shah her witness care
//   officer), the magistrates sent the case to the Crown Court with him kept in prison, and
//   Priya told her each step within a day. The CPS won her the right to give evidence by video
//   link. She asked the CPS if she could read her statement again (Grace Adeyemi answered).
//   The trial started two days ago and she gave her evidence yesterday. Waiting now: her
//   question to the CPS about a meeting when it ends, and one to the Witness Care Unit about
//   coming back to hear the jury's decision.
// - Sophie Brennan (41NS0202226), domestic abuse, with an IDVA and a safe-contact agreement.
//   Arrested and bailed six weeks ago; referred to Safe Steps, where Jo Evans accepted and set
//   her contact agreement with her: phone or text only, weekdays 10:00 to 14:00, no voicemail,
//   nothing from a withheld number, no letters, a codeword. The officer's call outside her safe
//   time was refused by the hub; he recorded that he did not call, and the bail conditions went
//   through Jo the next morning. Jo has called weekly, told her about the refuge, and recorded
//   her new safe number. The file is with the CPS; her question to the CPS waits for Grace. An
//   hour ago Jo added to the agreement that she has dyslexia: the hub offers a reassessment.
// - Kwame Asante (41NS0203326), assault, just charged. Charged three days ago (the Witness Care
//   Unit and the CPS joined; nobody at the Witness Care Unit is named for him yet, which Tom is
//   asked to do). Yesterday the CPS changed the charge to a more serious one (its letter is due)
//   and Victim Support received the police's referral. Three hours ago Priya received his first
//   hearing date: she has a day to tell him.
// - Derek Lowe (41NS0204426), burglary. Victim Support (Sam Okafor) took the referral, visited,
//   told him about the scams service and completed the support. The police arrested a man three
//   weeks ago and never told him: the update is overdue, and his question to the police, relayed
//   by Sam, is past its answer date.
// - Hannah Whitlock (41NS0205526), stalking, sentenced last week. She heard each hearing and the
//   guilty plea from Priya within a day, and the sentence the same afternoon; Priya told her
//   about the stalking advocacy service and referred her to Victim Support, which has put her
//   support on hold at her wish until after her holiday.
// - Tyler Grant (41NS0206626), robbery, 15 years old: Enhanced Rights as a child, consent from
//   his mother. Told of the arrest a week late. A referral to Victim Support was cancelled (his
//   mother wanted its young victims' service, which accepted). Released under investigation
//   yesterday; the police have not told the family yet.
// - Graham Whitaker (41NS0207726), criminal damage, closed: no further action, told the next
//   day, his window to ask for a review ran out, and the case was closed. Victim Support could
//   not reach him (failed).
// - Aisha Rahman (41NS0208826), assault, reopened: Rape Crisis said it was not the right service
//   (rejected), Victim Support took her on (in progress). No further action, closed, then her
//   request for a review reopened it; the review found CCTV, and a man was arrested this week.
// - Megan Doyle (41NS0209926), rape, reported two nights ago: the officer told her about the
//   sexual assault referral centre, and his urgent referral waits in Rape Crisis's inbox.
//
// And on the seeded cases: Bethany Clarke (her IDVA's fortnightly call is due), Imran
// Siddiqui (a hearing the victim was never told of, a charge changed without its letter, his
// first hearing earlier today with the trial date received an hour ago, a signposting by Victim
// Support), Chantelle Baptiste (a child; her ISVA's weekly call is overdue and has gone to Helen; the
// CPS answered her question and handed her case to the prosecutor), Karen Whitfield (the CPS
// stopped the case; its letter went, and her window to ask for a review is open), Sandra Pike
// (her son's killer's sentencing is listed; the CPS answered her question; Sam's fortnightly
// call is due), Naomi Fletcher in Southshire (Chloe Martin's weekly call is due), and Margaret
// Holloway's subject access request, answered from the access log by Ruth Bennett.
import {
  acknowledgeCaseUpdate,
  answerQuestion,
  askQuestion,
  assessEnhancedRights,
  changeReferralStatus,
  closeCase,
  type CoreContext,
  getCase,
  getContactContract,
  handOverNamedContact,
  listHearings,
  makeReferral,
  type MakeReferralInput,
  markNotificationRead,
  moveCaseStage,
  addLocalServiceStandard,
  nowOf,
  openCase,
  type OpenCaseInput,
  recordCaseUpdate,
  recordConsent,
  recordContact,
  recordCourtResult,
  recordHearing,
  reopenCase,
  setContactContract,
  signpostService,
  updateVictimContactDetails,
  victimAccessLog,
} from "@hub/core";
import type { AccessPurpose, CaseStage, CaseUpdateType, ContactChannel, ContactOutcome, Database, DataCategory, OffenceCategory, OrganisationKind, ReferralStatus } from "@hub/db";
import { DEMO_ORGANISATIONS } from "@hub/db/seed";
import { drainOutbox, escalateOverdueKeepInTouch, notifyOutboxHandler, scanBreachedClocks, scheduleKeepInTouch } from "@hub/jobs";
import { DemoDesk, StoryClock } from "./acting.js";

const MARK = "officer@northshire-police.example.org";
const PRIYA = "wcu.officer@northshire-police.example.org";
const TOM = "wcu.lead@northshire-police.example.org";
const GRACE = "vlo@cps-northshire.example.org";
const DANIEL = "prosecutor@cps-northshire.example.org";
const AMIRA = "isva@northshire-rapecrisis.example.org";
const HELEN = "lead@northshire-rapecrisis.example.org";
const JO = "idva@safesteps-northshire.example.org";
const SAM = "caseworker@victimsupport-northshire.example.org";
const RUTH = "auditor@northshire-partnership.example.org";
const FEMI = "directory@northshire-partnership.example.org";
const CHLOE = "isva@southshire-isva.example.org";

/** The police URNs of the cases the working day opens: if any is there, the day has been played. */
export const WORKING_DAY_URNS = ["41NS0201126", "41NS0202226", "41NS0203326", "41NS0204426", "41NS0205526", "41NS0206626", "41NS0207726", "41NS0208826", "41NS0209926"] as const;

export interface WorkingDayResult {
  /** False when the day had been played already, or the database does not hold the demo partnership. */
  played: boolean;
  /** Cases opened. */
  cases: number;
  milliseconds: number;
}

/**
 * Plays the demo partnership's working day into a database the base seed has seeded. Once:
 * a database that already has the day's cases, or that is not the demo partnership, is left
 * alone. `now` is "today" for the story.
 */
export async function playDemoWorkingDay(db: Database, now = new Date()): Promise<WorkingDayResult> {
  const started = Date.now();
  if ((await db.prisma.case.count({ where: { policeUrn: { in: [...WORKING_DAY_URNS] } } })) > 0) return { played: false, cases: 0, milliseconds: Date.now() - started };
  const desk = await DemoDesk.open(db);
  if (!desk) return { played: false, cases: 0, milliseconds: Date.now() - started };
  const story = new Story(desk, new StoryClock(now));

  await northshiresOwnPromise(story);
  await laurenAtTrial(story);
  await sophieWithHerIdva(story);
  await kwameJustCharged(story);
  await derekNeverTold(story);
  await hannahSentenced(story);
  await tylerAChild(story);
  await grahamClosed(story);
  await aishaReopened(story);
  await meganJustReported(story);
  await theSeededCases(story);

  // The worker ran ten days ago as on every day: Chantelle had heard nothing for a week, so
  // her ISVA got a task, which nobody has done since.
  await scheduleKeepInTouch(db, story.t.day(10, "07:00"));
  // The worker's run now: missed deadlines, victims due a call, tasks overdue, and everyone's
  // notifications.
  const at = new Date(Math.max(Date.now(), now.getTime()));
  await scanBreachedClocks(db, at);
  await scheduleKeepInTouch(db, at);
  await escalateOverdueKeepInTouch(db, at);
  await drainOutbox(db, notifyOutboxHandler);
  await story.readOldNotifications(at);
  return { played: true, cases: WORKING_DAY_URNS.length, milliseconds: Date.now() - started };
}

// ---------------------------------------------------------------------------------------
// What every case story uses

const EVERYDAY: DataCategory[] = ["CASE_PROGRESS", "IDENTITY", "CONTACT_DETAILS"];
const SUPPORT: AccessPurpose[] = ["REFERRAL", "SUPPORT_AND_ADVOCACY", "KEEPING_VICTIM_INFORMED"];

/** What the victim agreed to: which kinds of information, to whom (an organisation's seed key, or a kind of organisation), for what. */
interface Share {
  to: string;
  categories: DataCategory[];
  purposes: AccessPurpose[];
}

/** The contact details statutory agencies need to keep her informed, which she chose to give them. */
const STATUTORY_CONTACT: Share[] = [
  { to: "ns-police", categories: ["CONTACT_DETAILS"], purposes: ["LAW_ENFORCEMENT", "KEEPING_VICTIM_INFORMED"] },
  { to: "POLICE_WCU", categories: ["CONTACT_DETAILS"], purposes: ["KEEPING_VICTIM_INFORMED"] },
  { to: "CPS", categories: ["CONTACT_DETAILS"], purposes: ["KEEPING_VICTIM_INFORMED"] },
];

interface Contact {
  channel?: ContactChannel;
  outcome?: ContactOutcome;
  /** The update this contact tells her about (it answers the clocks that update started). */
  answers?: string;
  response?: string;
}

class Story {
  readonly areaId: string;
  constructor(
    readonly desk: DemoDesk,
    readonly t: StoryClock,
  ) {
    this.areaId = desk.area("NSH");
  }

  as<T>(email: string, at: Date, work: (ctx: CoreContext) => Promise<T>, purpose?: AccessPurpose): Promise<T> {
    return this.desk.as(email, at, work, purpose);
  }

  async open(ctx: CoreContext, policeUrn: string, offenceCategory: OffenceCategory, reportedAt: Date, victim: OpenCaseInput["victim"]): Promise<string> {
    const { case: opened, alreadyOpen } = await openCase(ctx, { policeUrn, offenceCategory, areaId: this.areaId, reportedAt, victim });
    if (alreadyOpen) throw new Error(`The story's case ${policeUrn} was already open.`);
    return opened.id;
  }

  consent(ctx: CoreContext, caseId: string, evidence: string, shares: Share[], more: { givenBy?: "VICTIM" | "PARENT_OR_GUARDIAN"; withholds?: { category: DataCategory; from: string; reason: string }[] } = {}) {
    const keys = new Set(DEMO_ORGANISATIONS.map((o) => o.key));
    return recordConsent(ctx, {
      caseId,
      givenBy: more.givenBy ?? "VICTIM",
      evidence,
      // She signed the form with the officer in the room: how and when, for any part of it that
      // is for the recording organisation itself.
      saidHow: "SIGNED_FORM",
      saidAt: nowOf(ctx),
      explicit: false,
      scopes: shares.flatMap((s) =>
        s.categories.flatMap((category) =>
          s.purposes.map((purpose) => (keys.has(s.to) ? { category, purpose, recipientOrganisationId: this.desk.organisation(s.to) } : { category, purpose, recipientKind: s.to as OrganisationKind })),
        ),
      ),
      withholdings: (more.withholds ?? []).map((w) => ({ category: w.category, fromOrganisationId: this.desk.organisation(w.from), reason: w.reason })),
    });
  }

  /** An update: what happened (`occurredAt`), what partners should know, and what she is told. */
  async update(ctx: CoreContext, caseId: string, type: CaseUpdateType, occurredAt: Date, victimExplanation: string, more: { note?: string; receivedAt?: Date } = {}): Promise<string> {
    const recorded = await recordCaseUpdate(ctx, { caseId, type, occurredAt, receivedAt: more.receivedAt ?? null, internalNote: more.note ?? null, victimExplanation });
    return recorded.id;
  }

  /** A contact with her, now (the step's moment), in the ledger. */
  contact(ctx: CoreContext, caseId: string, summary: string, c: Contact = {}) {
    return recordContact(ctx, {
      caseId,
      at: nowOf(ctx),
      channel: c.channel ?? "PHONE",
      outcome: c.outcome ?? "REACHED",
      summary,
      answersUpdateId: c.answers ?? null,
      victimResponse: c.response ?? null,
    });
  }

  async move(ctx: CoreContext, caseId: string, to: CaseStage, reason: string) {
    const { version } = await getCase(ctx, caseId);
    return moveCaseStage(ctx, { caseId, to, expectedVersion: version, reason });
  }

  refer(ctx: CoreContext, caseId: string, to: { organisation?: string; service?: string }, reason: string, more: Partial<MakeReferralInput> = {}) {
    return makeReferral(ctx, {
      caseId,
      toOrganisationId: to.organisation ? this.desk.organisation(to.organisation) : null,
      toServiceId: to.service ? this.desk.service(to.service) : null,
      reason,
      shares: EVERYDAY,
      outcomeInAgreedMessage: true,
      ...more,
    });
  }

  /** Moves a referral on from the version last seen; returns the version it is at now. */
  async referral(ctx: CoreContext, referral: { id: string; version: number }, to: ReferralStatus, words: { reason?: string; outcome?: string } = {}): Promise<{ id: string; version: number }> {
    const changed = await changeReferralStatus(ctx, { referralId: referral.id, to, expectedVersion: referral.version, reason: words.reason ?? null, outcome: words.outcome ?? null });
    return { id: changed.id, version: changed.version };
  }

  /** A lead names (or hands over to) `toEmail` as their organisation's contact on the case. */
  async name(ctx: CoreContext, caseId: string, organisation: string, toEmail: string, reason: string) {
    const organisationId = this.desk.organisation(organisation);
    const involvement = (await getCase(ctx, caseId)).involvements.find((i) => i.organisationId === organisationId);
    if (!involvement) throw new Error(`${organisation} is not on the case.`);
    return handOverNamedContact(ctx, { involvementId: involvement.id, toUserId: this.desk.user(toEmail), reason });
  }

  /** The case's hearings, soonest first, as the person opening the case reads them. */
  async hearingsOn(ctx: CoreContext, caseId: string) {
    const { victimId } = await getCase(ctx, caseId);
    return listHearings(ctx, caseId, victimId);
  }

  hearing(ctx: CoreContext, caseId: string, court: string, startsAt: Date, type: string) {
    return recordHearing(ctx, { caseId, court, startsAt, type });
  }

  signpost(ctx: CoreContext, caseId: string, service: string, channel: ContactChannel, note: string) {
    return signpostService(ctx, { caseId, serviceId: this.desk.service(service), channel, at: nowOf(ctx), note });
  }

  /**
   * The notices of joining a case and of being named its contact that came in more than a week
   * ago were read back then, by the people they went to: each marks them read, as in the portal.
   * What came since, and every deadline, task and offer, waits for them unread.
   */
  async readOldNotifications(at: Date) {
    const weekAgo = new Date(at.getTime() - 7 * 86_400_000);
    const old = await this.desk.noticesOfJoiningBefore(weekAgo);
    for (const [email, ids] of old) {
      await this.as(email, at, async (ctx) => {
        for (const id of ids) await markNotificationRead(ctx, id);
      });
    }
  }
}

/**
 * Half a year ago Northshire's partnership agreed to do what the needs assessment recommends:
 * the CPS contacts the victim itself when the police file reaches it, within 5 working days (3
 * with Enhanced Rights). Femi wrote it into the hub; every file sent since is timed by it.
 */
async function northshiresOwnPromise(s: Story) {
  await s.as(FEMI, s.t.day(170, "10:00"), (ctx) =>
    addLocalServiceStandard(ctx, {
      areaId: s.desk.area("NSH"),
      name: "The CPS contacts the victim when the police file reaches it",
      startsOnStage: "CHARGING_DECISION",
      owedByKind: "CPS",
      workingDays: 5,
      enhancedWorkingDays: 3,
    }),
  );
}

const MAGISTRATES = "Northshire Magistrates' Court";
const CROWN_COURT = "Northshire Crown Court";

// ---------------------------------------------------------------------------------------
// The nine new cases

async function laurenAtTrial(s: Story) {
  const { t } = s;
  const caseId = await s.as(MARK, t.day(150, "10:05"), async (ctx) => {
    const id = await s.open(ctx, "41NS0201126", "SEXUAL_OFFENCE", t.day(150, "08:30"), {
      fullName: "Lauren Hayes",
      dateOfBirth: new Date("1997-04-22"),
      address: "Flat 6, 19 Cardigan Terrace, Leeds",
      postcode: "LS6 1QF",
      phone: "07700 900301",
      email: "lauren.hayes@example.org",
    });
    await s.consent(ctx, id, "Signed consent form NP-C-0412 (Northshire Police)", [{ to: "ISVA_SERVICE", categories: EVERYDAY, purposes: SUPPORT }, ...STATUTORY_CONTACT]);
    await assessEnhancedRights(ctx, { caseId: id, grounds: ["MOST_SERIOUS_CRIME", "VULNERABLE_OR_INTIMIDATED"], serviceTier: "ENHANCED" });
    return id;
  });
  const arrest = await s.as(MARK, t.day(149, "07:30"), (ctx) =>
    s.update(ctx, caseId, "SUSPECT_ARRESTED", t.day(149, "06:00"), "The police arrested a man early this morning in connection with what happened to you. He is being questioned at the police station. We will call you as soon as we know what happens next.", {
      note: "Arrested at his home address at 06:00; interview planned for this afternoon.",
    }),
  );
  await s.as(MARK, t.day(149, "12:00"), (ctx) => s.contact(ctx, caseId, "Told her about the arrest and that he is being questioned today.", { answers: arrest, response: "She was relieved and asked to be told before he is let go." }));
  const toRapeCrisis = await s.as(MARK, t.day(149, "12:30"), (ctx) =>
    s.refer(ctx, caseId, { organisation: "ns-isva" }, "She would like an ISVA to support her through the investigation and any trial.", { urgency: "URGENT" }),
  );
  await s.as(HELEN, t.day(148, "09:30"), (ctx) => s.referral(ctx, toRapeCrisis, "ACCEPTED"));
  await s.as(HELEN, t.day(148, "09:40"), (ctx) => s.name(ctx, caseId, "ns-isva", AMIRA, "Amira Khan will be her ISVA."));
  const bail = await s.as(MARK, t.day(148, "18:30"), (ctx) =>
    s.update(ctx, caseId, "SUSPECT_BAILED", t.day(148, "18:00"), "The man has been let go from the police station while the police carry on investigating. He must follow strict rules: he must not contact you or go near your home. If he breaks these rules, call 999 straight away.", {
      note: "Pre-charge bail: no contact with the victim, not to enter Cardigan Terrace.",
    }),
  );
  await s.as(MARK, t.day(147, "10:00"), (ctx) => s.contact(ctx, caseId, "Called her to explain the bail conditions and what to do if he breaks them.", { answers: bail }));
  await s.as(AMIRA, t.day(147, "11:00"), (ctx) =>
    setContactContract(ctx, {
      caseId,
      channels: ["PHONE", "EMAIL"],
      refusedChannels: ["LETTER"],
      noVoicemail: true,
      noLettersToHome: true,
      updateFrequency: "EVERY_WEEK",
      detailLevel: "FULL",
      namedContactUserId: s.desk.user(AMIRA),
    }),
  );
  await s.as(AMIRA, t.day(146, "14:00"), (ctx) => s.contact(ctx, caseId, "First meeting at the Rape Crisis centre. Explained what an ISVA does and how the case may go.", { channel: "FACE_TO_FACE" }));
  await s.as(MARK, t.day(120, "16:00"), async (ctx) => {
    await s.move(ctx, caseId, "CHARGING_DECISION", "File sent to the CPS for a charging decision.");
    await s.update(ctx, caseId, "PROGRESS_NOTE", t.day(120, "16:00"), "The police have finished gathering the evidence. They have sent it to the lawyers who decide whether the case goes to court. We will tell you their decision as soon as we know.");
  });
  await s.as(AMIRA, t.day(120, "17:30"), (ctx) => s.contact(ctx, caseId, "Talked through what the lawyers' decision means and how long it might take."));
  const charged = await s.as(DANIEL, t.day(95, "15:00"), (ctx) =>
    s.update(ctx, caseId, "SUSPECT_CHARGED", t.day(95, "14:30"), "The lawyers have decided that he will go to court. He has been charged, which means he will have to answer the allegation in court. Your witness care officer will tell you the first court date.", {
      note: "Charged with rape (Sexual Offences Act 2003 s.1).",
    }),
  );
  await s.as(TOM, t.day(95, "16:30"), (ctx) => s.name(ctx, caseId, "ns-wcu", PRIYA, "Priya Shah will be her witness care officer."));
  await s.as(MARK, t.day(95, "17:00"), (ctx) => s.contact(ctx, caseId, "Told her he has been charged and that the Witness Care Unit will be in touch with the court date.", { answers: charged }));
  const firstListed = await s.as(PRIYA, t.day(94, "09:00"), async (ctx) => {
    await s.hearing(ctx, caseId, MAGISTRATES, t.day(92, "10:00"), "first hearing");
    return s.update(ctx, caseId, "HEARING_LISTED", t.day(95, "17:30"), "His first court hearing is in three days, at the local court. You do not need to go. We will call you afterwards to tell you what happened.", { receivedAt: t.day(94, "09:00") });
  });
  await s.as(PRIYA, t.day(94, "11:00"), (ctx) => s.contact(ctx, caseId, "Introduced myself as her witness care officer and gave her the date of the first hearing.", { answers: firstListed }));
  const { remand, trialListed } = await s.as(PRIYA, t.day(92, "13:00"), async (ctx) => {
    const [first] = await s.hearingsOn(ctx, caseId);
    await recordCourtResult(ctx, { hearingId: first!.id, outcome: "Sent to Northshire Crown Court for trial. Remanded in custody.", resultReceivedAt: t.day(92, "13:00") });
    const remand = await s.update(ctx, caseId, "BAIL_CONDITIONS_CHANGED", t.day(92, "12:30"), "At the hearing today the case was sent to a higher court for a trial. He will stay in prison until the trial, so he cannot contact you or come near you.", {
      receivedAt: t.day(92, "13:00"),
    });
    await s.hearing(ctx, caseId, CROWN_COURT, t.day(2, "10:00"), "trial");
    const trialListed = await s.update(ctx, caseId, "HEARING_LISTED", t.day(92, "12:30"), "The trial has been set for about three months from now. Your witness care officer will give you the date, time and place, and will help you get ready.", {
      receivedAt: t.day(92, "13:00"),
    });
    return { remand, trialListed };
  });
  await s.as(PRIYA, t.day(92, "15:00"), (ctx) => s.contact(ctx, caseId, "Told her he is staying in prison until the trial.", { answers: remand }));
  await s.as(PRIYA, t.day(91, "14:00"), async (ctx) => {
    await s.contact(ctx, caseId, "Gave her the trial date and offered a visit to the court before the trial.", { answers: trialListed, response: "She would like a visit with her ISVA." });
    await s.move(ctx, caseId, "AWAITING_TRIAL", "Trial listed at Northshire Crown Court.");
  });
  const screens = await s.as(DANIEL, t.day(60, "12:00"), (ctx) =>
    s.update(ctx, caseId, "SPECIAL_MEASURES_OUTCOME", t.day(60, "11:00"), "The judge has agreed you can give your evidence by video link from a separate room. You will not have to see him. Your filmed interview with the police will be played as your main evidence.", {
      note: "Special measures granted: live link, pre-recorded ABE interview as evidence in chief.",
    }),
  );
  await s.as(AMIRA, t.day(60, "14:00"), (ctx) => acknowledgeCaseUpdate(ctx, screens));
  await s.as(AMIRA, t.day(59, "11:00"), (ctx) => s.contact(ctx, caseId, "Explained that she can give evidence from a separate room and will not see him.", { answers: screens, response: "She said this makes it feel possible." }));
  await s.as(AMIRA, t.day(40, "11:00"), (ctx) => s.signpost(ctx, caseId, "Specialist Counselling for Survivors", "PHONE", "She would like counselling after the trial; there is a waiting list."));
  const statement = await s.as(AMIRA, t.day(30, "10:00"), (ctx) => askQuestion(ctx, { caseId, forKind: "CPS", question: "Can I read my statement again before the trial, so I remember what I said?" }));
  await s.as(GRACE, t.day(27, "14:00"), (ctx) =>
    answerQuestion(ctx, {
      questionId: statement.id,
      answer: "Yes. Before the trial you can watch your filmed interview again, so it is fresh in your mind. Your witness care officer will arrange a time with you, and Amira can be with you if you would like.",
    }),
  );
  await s.as(AMIRA, t.day(27, "16:00"), (ctx) => s.contact(ctx, caseId, "Passed on the CPS's answer: she can watch her interview again before the trial."));
  await s.as(AMIRA, t.day(21, "10:00"), (ctx) => s.contact(ctx, caseId, "Visited the court with her, to see the room she will give evidence from.", { channel: "FACE_TO_FACE" }));
  await s.as(AMIRA, t.day(14, "15:00"), (ctx) => s.contact(ctx, caseId, "Weekly call: talked about how she is feeling before the trial."));
  await s.as(AMIRA, t.day(7, "15:00"), (ctx) => s.contact(ctx, caseId, "Weekly call: went through what happens on the first day of the trial."));
  await s.as(PRIYA, t.day(2, "09:30"), (ctx) => s.move(ctx, caseId, "TRIAL", "The trial has started."));
  await s.as(PRIYA, t.day(1, "16:30"), (ctx) => s.contact(ctx, caseId, "Met her at court after she gave her evidence.", { channel: "FACE_TO_FACE" }));
  await s.as(PRIYA, t.day(1, "17:00"), (ctx) =>
    s.update(ctx, caseId, "PROGRESS_NOTE", t.day(1, "17:00"), "You have now given your evidence, from a separate room. The trial is expected to go on for two more days. We will call you as soon as the jury has made its decision."),
  );
  await s.as(AMIRA, t.day(1, "18:30"), (ctx) => s.contact(ctx, caseId, "Called her after her day in court to check she is all right.", { response: "Exhausted but glad it is done." }));
  await s.as(AMIRA, t.hoursAgo(22), (ctx) => askQuestion(ctx, { caseId, forKind: "CPS", question: "When the trial ends, can someone from the prosecution explain the result to me in person?" }));
  await s.as(AMIRA, t.hoursAgo(5), (ctx) => askQuestion(ctx, { caseId, forKind: "POLICE_WCU", question: "Can I come back to court to hear the jury's decision, and can my mum sit with me?" }));
}

async function sophieWithHerIdva(s: Story) {
  const { t } = s;
  const day = t.weekdayBack(40);
  const next = t.weekdayAfter(day);
  const caseId = await s.as(MARK, t.day(day, "08:30"), async (ctx) => {
    const id = await s.open(ctx, "41NS0202226", "DOMESTIC_ABUSE", t.day(day, "05:30"), { fullName: "Sophie Brennan", dateOfBirth: new Date("1990-09-03"), phone: "07700 900302", postcode: "LS9 7DX" });
    await s.consent(
      ctx,
      id,
      "Consent recorded on body-worn video, reference BWV-2231 (Northshire Police)",
      [
        { to: "IDVA_SERVICE", categories: [...EVERYDAY, "SAFE_CONTACT_RULES"], purposes: SUPPORT },
        { to: "ns-police", categories: ["CONTACT_DETAILS", "SAFE_CONTACT_RULES"], purposes: ["LAW_ENFORCEMENT", "KEEPING_VICTIM_INFORMED"] },
        { to: "POLICE_WCU", categories: ["CONTACT_DETAILS"], purposes: ["KEEPING_VICTIM_INFORMED"] },
        { to: "CPS", categories: ["CONTACT_DETAILS"], purposes: ["KEEPING_VICTIM_INFORMED"] },
      ],
      { withholds: [{ category: "CONTACT_DETAILS", from: "ns-vs", reason: "She does not want Victim Support to contact her: her IDVA supports her." }] },
    );
    await assessEnhancedRights(ctx, { caseId: id, grounds: ["MOST_SERIOUS_CRIME", "VULNERABLE_OR_INTIMIDATED"], serviceTier: "ENHANCED" });
    return id;
  });
  const arrest = await s.as(MARK, t.day(day, "09:10"), (ctx) =>
    s.update(ctx, caseId, "SUSPECT_ARRESTED", t.day(day, "06:15"), "The police arrested him early this morning. He is at the police station and is being questioned. We will tell you what happens next, in the way you have asked us to.", {
      note: "Arrested at the address after her 999 call; DASH risk assessment: high.",
    }),
  );
  await s.as(MARK, t.day(day, "09:30"), (ctx) => s.contact(ctx, caseId, "Told her he is in custody and being questioned.", { answers: arrest }));
  const toSafeSteps = await s.as(MARK, t.day(day, "09:45"), (ctx) =>
    s.refer(ctx, caseId, { organisation: "ns-idva" }, "High risk domestic abuse: she would like an IDVA and help to stay safe at home.", { urgency: "URGENT", shares: [...EVERYDAY, "SAFE_CONTACT_RULES"] }),
  );
  await s.as(JO, t.day(day, "10:30"), (ctx) => s.referral(ctx, toSafeSteps, "ACCEPTED"));
  await s.as(JO, t.day(day, "11:00"), (ctx) => s.contact(ctx, caseId, "First call: safety plan started, and agreed how and when it is safe to contact her.", { response: "Only her new mobile, and only while he is out of the house." }));
  await s.as(JO, t.day(day, "12:00"), (ctx) =>
    setContactContract(ctx, {
      caseId,
      channels: ["PHONE", "SMS"],
      refusedChannels: ["LETTER", "EMAIL"],
      safeDays: [1, 2, 3, 4, 5],
      safeFrom: "10:00",
      safeUntil: "14:00",
      noVoicemail: true,
      noLettersToHome: true,
      neverFromWithheldNumber: true,
      codeword: "bluebell",
      updateFrequency: "EVERY_WEEK",
      detailLevel: "BRIEF",
      namedContactUserId: s.desk.user(JO),
    }),
  );
  const bail = await s.as(MARK, t.day(day, "17:00"), (ctx) =>
    s.update(ctx, caseId, "SUSPECT_BAILED", t.day(day, "16:45"), "He has been let go while the police carry on investigating. He must not contact you in any way, and he must not go to your street. If he breaks these rules, call 999 straight away.", {
      note: "Pre-charge bail with conditions: no contact, not to enter her street.",
    }),
  );
  // Outside her safe time: the hub refuses the call as made, so the officer records that he did not call.
  await s.desk.refused(MARK, t.day(day, "17:30"), (ctx) => s.contact(ctx, caseId, "Called her about the bail conditions.", { answers: bail }));
  await s.as(MARK, t.day(day, "17:35"), (ctx) =>
    s.contact(ctx, caseId, "Did not call: it is outside the time she has said is safe. Asked her IDVA to pass on the bail conditions in her safe time tomorrow.", { outcome: "NOT_ATTEMPTED_UNSAFE" }),
  );
  await s.as(JO, t.day(next, "10:15"), (ctx) => s.contact(ctx, caseId, "Told her the bail conditions and went through her safety plan again.", { answers: bail }));
  await s.as(MARK, t.day(next, "10:40"), (ctx) => s.contact(ctx, caseId, "Her IDVA passed on the bail conditions this morning, by the route she agreed.", { channel: "THROUGH_ADVOCATE", answers: bail }));
  await s.as(JO, t.weekday(31, "11:00"), (ctx) => s.contact(ctx, caseId, "Weekly call: checked she feels safe and that the bail conditions are being kept.", { channel: "SMS", outcome: "SENT" }));
  await s.as(JO, t.weekday(24, "12:30"), async (ctx) => {
    await s.contact(ctx, caseId, "Weekly call: talked about what happens if she needs to leave home in a hurry.");
    await s.signpost(ctx, caseId, "Safe Steps Refuge", "PHONE", "In case she ever needs somewhere safe to stay at short notice.");
  });
  await s.as(JO, t.weekday(17, "10:15"), async (ctx) => {
    await s.contact(ctx, caseId, "Weekly call: she has a new phone, and gave me the number.");
    await updateVictimContactDetails(ctx, { caseId, phone: "07700 900312" });
  });
  await s.as(MARK, t.weekday(10, "15:00"), async (ctx) => {
    await s.move(ctx, caseId, "CHARGING_DECISION", "File sent to the CPS for a charging decision.");
    await s.update(ctx, caseId, "PROGRESS_NOTE", t.weekday(10, "15:00"), "The police have finished gathering the evidence. They have sent it to the lawyers who decide whether he should go to court. We will tell you their decision as soon as we know.");
  });
  await s.as(JO, t.weekday(10, "11:30"), (ctx) => s.contact(ctx, caseId, "Weekly call: no news yet; explained the file is going to the lawyers.", { channel: "SMS", outcome: "SENT" }));
  await s.as(JO, t.weekday(3, "13:00"), (ctx) => s.contact(ctx, caseId, "Weekly call: she is worried about when his bail ends."));
  await s.as(JO, t.hoursAgo(30), (ctx) => askQuestion(ctx, { caseId, forKind: "CPS", question: "How long will the decision take? I am worried about what happens when his bail ends." }));
  await s.as(JO, t.hoursAgo(1), async (ctx) => {
    const current = await getContactContract(ctx, (await getCase(ctx, caseId)).victimId);
    await setContactContract(ctx, {
      caseId,
      expectedVersion: current!.version,
      channels: ["PHONE", "SMS"],
      refusedChannels: ["LETTER", "EMAIL"],
      safeDays: [1, 2, 3, 4, 5],
      safeFrom: "10:00",
      safeUntil: "14:00",
      noVoicemail: true,
      noLettersToHome: true,
      neverFromWithheldNumber: true,
      codeword: "bluebell",
      accessibilityNeeds: "She has dyslexia: keep text messages short, and call rather than write where you can.",
      updateFrequency: "EVERY_WEEK",
      detailLevel: "BRIEF",
      namedContactUserId: s.desk.user(JO),
    });
  });
}

async function kwameJustCharged(s: Story) {
  const { t } = s;
  const caseId = await s.as(MARK, t.day(12, "14:20"), async (ctx) => {
    const id = await s.open(ctx, "41NS0203326", "ASSAULT", t.day(12, "13:00"), { fullName: "Kwame Asante", dateOfBirth: new Date("1983-06-02"), phone: "07700 900303", email: "kwame.asante@example.org", postcode: "LS7 3BE" });
    await s.consent(ctx, id, "Signed consent form NP-C-0588 (Northshire Police)", [{ to: "VICTIM_SUPPORT_CHARITY", categories: EVERYDAY, purposes: SUPPORT }, ...STATUTORY_CONTACT]);
    return id;
  });
  const arrest = await s.as(MARK, t.day(11, "09:00"), (ctx) =>
    s.update(ctx, caseId, "SUSPECT_ARRESTED", t.day(11, "08:00"), "The police arrested a man this morning in connection with the assault. He is being questioned. We will tell you what happens next."),
  );
  await s.as(MARK, t.day(11, "12:00"), (ctx) => s.contact(ctx, caseId, "Told him about the arrest.", { answers: arrest }));
  const charged = await s.as(MARK, t.day(3, "18:10"), (ctx) =>
    s.update(ctx, caseId, "SUSPECT_CHARGED", t.day(3, "18:00"), "He has been charged, which means he will have to answer for the assault in court. A witness care officer will contact you with the court date.", {
      note: "Charged with assault occasioning actual bodily harm; released on conditional bail to the first hearing.",
    }),
  );
  await s.as(MARK, t.day(3, "18:30"), (ctx) => s.contact(ctx, caseId, "Told him he has been charged and that the Witness Care Unit will call with the court date.", { answers: charged }));
  const toVictimSupport = await s.as(MARK, t.day(2, "09:00"), (ctx) =>
    s.refer(ctx, caseId, { organisation: "ns-vs" }, "He would like someone to talk to about the assault, and help with a claim for compensation."),
  );
  await s.as(SAM, t.day(1, "10:00"), (ctx) => s.referral(ctx, toVictimSupport, "RECEIVED"));
  await s.as(DANIEL, t.day(1, "15:10"), (ctx) =>
    s.update(ctx, caseId, "CPS_CHARGE_ALTERED", t.day(1, "15:00"), "The lawyers dealing with the case have changed the offence he is accused of to a more serious one. This is because of how badly you were hurt. They will write to you within five working days to explain why.", {
      note: "Charge altered from s.47 ABH to s.20 GBH on the medical evidence.",
    }),
  );
  await s.as(PRIYA, t.hoursAgo(3), async (ctx) => {
    await s.hearing(ctx, caseId, MAGISTRATES, t.day(-12, "10:00"), "first hearing");
    await s.update(ctx, caseId, "HEARING_LISTED", t.hoursAgo(20), "His first hearing is at the local court in about two weeks. You do not need to go to this hearing. Your witness care officer will call you with the date and time.", { receivedAt: t.hoursAgo(3) });
  });
}

async function derekNeverTold(s: Story) {
  const { t } = s;
  const caseId = await s.as(MARK, t.day(30, "09:40"), async (ctx) => {
    const id = await s.open(ctx, "41NS0204426", "BURGLARY", t.day(30, "08:15"), {
      fullName: "Derek Lowe",
      dateOfBirth: new Date("1956-10-08"),
      address: "14 Beech Grove, Leeds",
      postcode: "LS8 2QT",
      phone: "07700 900304",
    });
    await s.consent(ctx, id, "Signed consent form NP-C-0533 (Northshire Police)", [{ to: "VICTIM_SUPPORT_CHARITY", categories: EVERYDAY, purposes: SUPPORT }, STATUTORY_CONTACT[0]!]);
    return id;
  });
  const toVictimSupport = await s.as(MARK, t.day(30, "10:00"), (ctx) =>
    s.refer(ctx, caseId, { organisation: "ns-vs" }, "He lives alone and is shaken by the break-in. He would like help to make his home more secure."),
  );
  let referral = await s.as(SAM, t.day(29, "11:00"), (ctx) => s.referral(ctx, toVictimSupport, "ACCEPTED"));
  await s.as(SAM, t.day(29, "11:30"), (ctx) => s.contact(ctx, caseId, "Introduced myself and arranged a visit.", { response: "He would like help with the locks." }));
  referral = await s.as(SAM, t.day(29, "11:40"), (ctx) => s.referral(ctx, referral, "IN_PROGRESS"));
  // The arrest he was never told about: the police's update to him is overdue.
  await s.as(MARK, t.day(22, "09:00"), (ctx) =>
    s.update(ctx, caseId, "SUSPECT_ARRESTED", t.day(22, "07:00"), "The police have arrested a man in connection with the break-in at your home. He is being questioned. We will tell you what happens next.", {
      note: "Arrested after a fingerprint match; property recovered from his address.",
    }),
  );
  await s.as(SAM, t.day(22, "10:30"), async (ctx) => {
    await s.contact(ctx, caseId, "Home visit: new locks and a door chain arranged through the home security scheme.", { channel: "FACE_TO_FACE" });
    await s.signpost(ctx, caseId, "Scams and Fraud Support for Older People", "FACE_TO_FACE", "People whose homes have been broken into are sometimes targeted by doorstep scammers.");
  });
  await s.as(SAM, t.day(9, "10:40"), (ctx) =>
    askQuestion(ctx, { caseId, forKind: "POLICE", question: "I have not heard from the police since the break-in. Has anyone been arrested, and will I have to go to court?" }),
  );
  await s.as(SAM, t.day(8, "15:30"), (ctx) => s.contact(ctx, caseId, "Last support call: he feels safer at home and knows how to reach us again.", { response: "Still waiting to hear from the police." }));
  await s.as(SAM, t.day(8, "16:00"), (ctx) =>
    s.referral(ctx, referral, "COMPLETED", { outcome: "New locks fitted through the home security scheme and two support calls. He says he feels safer and needs nothing more for now." }),
  );
}

async function hannahSentenced(s: Story) {
  const { t } = s;
  const caseId = await s.as(MARK, t.day(200, "11:00"), async (ctx) => {
    const id = await s.open(ctx, "41NS0205526", "STALKING_HARASSMENT", t.day(201, "19:00"), {
      fullName: "Hannah Whitlock",
      dateOfBirth: new Date("1979-12-01"),
      phone: "07700 900305",
      email: "hannah.whitlock@example.org",
      postcode: "LS12 4PQ",
    });
    await s.consent(ctx, id, "Signed consent form NP-C-0107 (Northshire Police)", [{ to: "VICTIM_SUPPORT_CHARITY", categories: EVERYDAY, purposes: SUPPORT }, ...STATUTORY_CONTACT]);
    await assessEnhancedRights(ctx, { caseId: id, grounds: ["PERSISTENTLY_TARGETED"], serviceTier: "ENHANCED" });
    return id;
  });
  const arrest = await s.as(MARK, t.day(199, "08:00"), (ctx) =>
    s.update(ctx, caseId, "SUSPECT_ARRESTED", t.day(199, "07:00"), "The police arrested him this morning. He is being questioned about the messages and about following you. We will call you as soon as we know what happens next."),
  );
  await s.as(MARK, t.day(199, "12:00"), (ctx) => s.contact(ctx, caseId, "Told her about the arrest.", { answers: arrest }));
  const charged = await s.as(MARK, t.day(170, "16:10"), (ctx) =>
    s.update(ctx, caseId, "SUSPECT_CHARGED", t.day(170, "16:00"), "He has been charged with stalking, which means he will have to answer for it in court. A witness care officer will contact you with the court date."),
  );
  await s.as(MARK, t.day(170, "17:00"), (ctx) => s.contact(ctx, caseId, "Told her he has been charged.", { answers: charged }));
  const firstListed = await s.as(PRIYA, t.day(169, "09:00"), async (ctx) => {
    await s.hearing(ctx, caseId, MAGISTRATES, t.day(163, "10:00"), "first hearing");
    return s.update(ctx, caseId, "HEARING_LISTED", t.day(170, "17:00"), "His first hearing is at the local court next week. You do not need to go. We will call you after the hearing to tell you what happened.", { receivedAt: t.day(169, "09:00") });
  });
  await s.as(TOM, t.day(169, "09:15"), (ctx) => s.name(ctx, caseId, "ns-wcu", PRIYA, "Priya Shah will be her witness care officer."));
  await s.as(PRIYA, t.day(169, "11:00"), async (ctx) => {
    await s.contact(ctx, caseId, "Introduced myself and gave her the date of the first hearing.", { answers: firstListed, response: "She would like a call every month, even when nothing has changed." });
    await setContactContract(ctx, { caseId, channels: ["PHONE", "EMAIL"], updateFrequency: "EVERY_4_WEEKS", namedContactUserId: s.desk.user(PRIYA) });
  });
  const guilty = await s.as(PRIYA, t.day(163, "13:00"), async (ctx) => {
    const [first] = await s.hearingsOn(ctx, caseId);
    await recordCourtResult(ctx, { hearingId: first!.id, outcome: "Pleaded guilty to stalking. Sent to Northshire Crown Court for sentence.", resultReceivedAt: t.day(163, "13:00") });
    return s.update(ctx, caseId, "VERDICT", t.day(163, "11:30"), "At court today he admitted stalking you. This means there will not be a trial, and you will not need to give evidence. A judge will decide his punishment at a later hearing.", {
      receivedAt: t.day(163, "13:00"),
    });
  });
  await s.as(PRIYA, t.day(163, "15:00"), (ctx) => s.contact(ctx, caseId, "Told her he admitted it at court today.", { answers: guilty, response: "She cried with relief." }));
  const sentencingListed = await s.as(PRIYA, t.day(160, "10:30"), async (ctx) => {
    await s.hearing(ctx, caseId, CROWN_COURT, t.day(8, "10:00"), "sentencing hearing");
    return s.update(ctx, caseId, "HEARING_LISTED", t.day(161, "16:00"), "A judge will decide his punishment at a hearing in about five months. You can write about how the stalking has affected you, and it can be read to the court. Your witness care officer can help you with this.", {
      receivedAt: t.day(160, "10:30"),
    });
  });
  await s.as(PRIYA, t.day(160, "12:00"), (ctx) => s.contact(ctx, caseId, "Gave her the date of the hearing where the judge decides his punishment.", { answers: sentencingListed }));
  for (const daysAgo of [140, 112, 84, 56, 28]) {
    await s.as(PRIYA, t.day(daysAgo, "11:00"), (ctx) => s.contact(ctx, caseId, "Monthly call as she asked: no change; the hearing is still on the same date."));
  }
  const sentence = await s.as(PRIYA, t.day(8, "13:30"), async (ctx) => {
    const [sentencing] = (await s.hearingsOn(ctx, caseId)).filter((h) => !h.outcome);
    await recordCourtResult(ctx, { hearingId: sentencing!.id, outcome: "Two years in prison, suspended for two years; 200 hours of unpaid work; a restraining order for five years.", resultReceivedAt: t.day(8, "13:30") });
    return s.update(
      ctx,
      caseId,
      "SENTENCE",
      t.day(8, "12:15"),
      "The judge has decided his punishment. He has a two-year prison term that he will not serve unless he breaks the court's rules or commits another crime. This is called a suspended sentence, which means he stays out of prison only while he keeps to those rules. He must also do 200 hours of unpaid work. The court has made a restraining order for five years, which means he must not contact you or come to your street. If he does, call 999.",
      { receivedAt: t.day(8, "13:30") },
    );
  });
  await s.as(PRIYA, t.day(8, "15:00"), async (ctx) => {
    await s.contact(ctx, caseId, "Told her the sentence and explained the restraining order.", { answers: sentence, response: "She asked for support now it is over." });
    await s.signpost(ctx, caseId, "Stalking Advocacy Service", "PHONE", "For help with safety now the case is over.");
  });
  const toVictimSupport = await s.as(PRIYA, t.day(8, "15:20"), (ctx) =>
    s.refer(ctx, caseId, { organisation: "ns-vs" }, "She would like support now the case is over, to rebuild her confidence going out."),
  );
  let referral = await s.as(SAM, t.day(7, "10:00"), (ctx) => s.referral(ctx, toVictimSupport, "ACCEPTED"));
  await s.as(SAM, t.day(7, "10:30"), (ctx) => s.contact(ctx, caseId, "Introduced myself.", { response: "She is going on holiday, and would like us to call when she is back." }));
  referral = await s.as(SAM, t.day(7, "10:40"), (ctx) => s.referral(ctx, referral, "IN_PROGRESS"));
  await s.as(SAM, t.day(7, "10:45"), (ctx) => s.referral(ctx, referral, "ON_HOLD", { reason: "She has asked us to call again after her holiday, in two weeks." }));
}

async function tylerAChild(s: Story) {
  const { t } = s;
  const caseId = await s.as(MARK, t.day(20, "16:30"), async (ctx) => {
    const id = await s.open(ctx, "41NS0206626", "ROBBERY", t.day(20, "15:45"), {
      fullName: "Tyler Grant",
      preferredName: "Ty",
      dateOfBirth: t.born(15, "03-14"),
      address: "27 Larch Avenue, Leeds",
      postcode: "LS11 6RT",
      phone: "07700 900306",
    });
    await s.consent(ctx, id, "Consent form NP-C-0610, signed by his mother (Northshire Police)", [{ to: "VICTIM_SUPPORT_CHARITY", categories: EVERYDAY, purposes: SUPPORT }, ...STATUTORY_CONTACT], {
      givenBy: "PARENT_OR_GUARDIAN",
    });
    await assessEnhancedRights(ctx, { caseId: id, grounds: ["UNDER_18"], serviceTier: "ENHANCED" });
    return id;
  });
  const arrest = await s.as(MARK, t.day(19, "08:00"), (ctx) =>
    s.update(ctx, caseId, "SUSPECT_ARRESTED", t.day(19, "06:30"), "The police arrested a young man this morning in connection with the robbery. He is being questioned. We will tell you and your family what happens next."),
  );
  const mistaken = await s.as(MARK, t.day(19, "10:00"), (ctx) =>
    s.refer(ctx, caseId, { organisation: "ns-vs" }, "Tyler was robbed of his phone on the way home from school. His mother would like support for him."),
  );
  const received = await s.as(SAM, t.day(19, "11:30"), (ctx) => s.referral(ctx, mistaken, "RECEIVED"));
  await s.as(MARK, t.day(19, "12:00"), (ctx) => s.referral(ctx, received, "CANCELLED", { reason: "His mother has asked for the Young Victims' Service instead. I have sent a new referral there." }));
  const toYoungVictims = await s.as(MARK, t.day(19, "12:05"), (ctx) =>
    s.refer(ctx, caseId, { service: "Young Victims' Service" }, "Tyler is 15 and was robbed on the way home from school. His mother would like the young victims' service to support him."),
  );
  await s.as(SAM, t.day(18, "09:30"), (ctx) => s.referral(ctx, toYoungVictims, "ACCEPTED"));
  // A week late for a child with Enhanced Rights (1 working day).
  await s.as(MARK, t.day(12, "18:00"), (ctx) => s.contact(ctx, caseId, "Called his mother about the arrest.", { answers: arrest, response: "She asked why nobody had called sooner." }));
  await s.as(MARK, t.hoursAgo(20), (ctx) =>
    s.update(ctx, caseId, "SUSPECT_RELEASED_UNDER_INVESTIGATION", t.hoursAgo(22), "He has been let go while the police carry on investigating. He does not have to follow any rules set by the police for now. If you or your family feel unsafe, please call us straight away, or 999 in an emergency.", {
      note: "Released under investigation pending phone download.",
    }),
  );
}

// Older than the rest: the police scheme gives him 3 months to ask for a review, and that time
// has passed when the case closes.
async function grahamClosed(s: Story) {
  const { t } = s;
  const caseId = await s.as(MARK, t.day(140, "10:00"), async (ctx) => {
    const id = await s.open(ctx, "41NS0207726", "CRIMINAL_DAMAGE", t.day(140, "08:40"), {
      fullName: "Graham Whitaker",
      dateOfBirth: new Date("1966-04-23"),
      address: "3 Mill Court, Leeds",
      postcode: "LS15 8HN",
      phone: "07700 900307",
    });
    await s.consent(ctx, id, "Signed consent form NP-C-0290 (Northshire Police)", [{ to: "VICTIM_SUPPORT_CHARITY", categories: EVERYDAY, purposes: SUPPORT }, STATUTORY_CONTACT[0]!]);
    return id;
  });
  const toVictimSupport = await s.as(MARK, t.day(140, "10:30"), (ctx) =>
    s.refer(ctx, caseId, { organisation: "ns-vs" }, "His car was badly damaged outside his home, and he says he no longer feels safe there."),
  );
  const accepted = await s.as(SAM, t.day(139, "09:00"), (ctx) => s.referral(ctx, toVictimSupport, "ACCEPTED"));
  for (const [daysAgo, time] of [[139, "10:00"], [136, "14:00"], [133, "17:30"]] as const) {
    await s.as(SAM, t.day(daysAgo, time), (ctx) => s.contact(ctx, caseId, "Tried to call him to offer support.", { outcome: "NO_ANSWER" }));
  }
  await s.as(SAM, t.day(130, "15:55"), (ctx) => s.contact(ctx, caseId, "Sent him a letter with our number, in case he would like support.", { channel: "LETTER", outcome: "SENT" }));
  await s.as(SAM, t.day(130, "16:00"), (ctx) => s.referral(ctx, accepted, "FAILED", { reason: "We tried three times by phone and could not reach him. We have written to him with our number." }));
  const interviewed = await s.as(MARK, t.day(120, "12:00"), (ctx) =>
    s.update(ctx, caseId, "SUSPECT_INTERVIEWED", t.day(120, "11:00"), "The police have spoken to a man about the damage to your car. He answered questions at the police station and was allowed to go home. We will tell you what we decide."),
  );
  await s.as(MARK, t.day(119, "10:00"), (ctx) => s.contact(ctx, caseId, "Told him a man had been interviewed.", { answers: interviewed }));
  const decided = await s.as(MARK, t.day(110, "15:30"), (ctx) =>
    s.update(ctx, caseId, "POLICE_NO_FURTHER_ACTION", t.day(110, "15:00"), "The police have decided not to take the case any further for now. There is not enough evidence to show who damaged your car. This does not mean you were not believed. If you find out anything new, please tell us.", {
      note: "NFA: no CCTV, no witnesses, suspect denies.",
    }),
  );
  await s.as(MARK, t.day(109, "11:00"), (ctx) => s.contact(ctx, caseId, "Explained the decision and that he can ask for it to be looked at again.", { answers: decided, response: "He understood and does not want a review." }));
  await s.as(MARK, t.day(10, "09:00"), async (ctx) => {
    const { version } = await getCase(ctx, caseId);
    await closeCase(ctx, { caseId, expectedVersion: version, reason: "No further action. He was told the next day, and his time to ask for a review has passed." });
  });
}

async function aishaReopened(s: Story) {
  const { t } = s;
  const caseId = await s.as(MARK, t.day(65, "19:00"), async (ctx) => {
    const id = await s.open(ctx, "41NS0208826", "ASSAULT", t.day(65, "18:20"), { fullName: "Aisha Rahman", dateOfBirth: new Date("1992-01-30"), phone: "07700 900308", email: "aisha.rahman@example.org", postcode: "LS4 2QJ" });
    await s.consent(ctx, id, "Signed consent form NP-C-0355 (Northshire Police)", [
      { to: "ISVA_SERVICE", categories: ["CASE_PROGRESS"], purposes: ["REFERRAL"] },
      { to: "VICTIM_SUPPORT_CHARITY", categories: EVERYDAY, purposes: SUPPORT },
      ...STATUTORY_CONTACT,
    ]);
    return id;
  });
  const toRapeCrisis = await s.as(MARK, t.day(64, "10:00"), (ctx) =>
    s.refer(ctx, caseId, { organisation: "ns-isva" }, "She was assaulted by a man she met on a night out, and asked whether Rape Crisis could support her.", { shares: ["CASE_PROGRESS"], outcomeInAgreedMessage: false }),
  );
  await s.as(HELEN, t.day(63, "12:00"), (ctx) =>
    s.referral(ctx, toRapeCrisis, "REJECTED", { reason: "Our ISVAs support people after sexual violence, and she has told us this was not sexual. Victim Support Northshire is the right service: please refer her there." }),
  );
  const toVictimSupport = await s.as(MARK, t.day(63, "14:00"), (ctx) => s.refer(ctx, caseId, { organisation: "ns-vs" }, "She would like emotional support after the assault."));
  const accepted = await s.as(SAM, t.day(62, "10:00"), (ctx) => s.referral(ctx, toVictimSupport, "ACCEPTED"));
  await s.as(SAM, t.day(62, "10:30"), (ctx) => s.referral(ctx, accepted, "IN_PROGRESS"));
  await s.as(SAM, t.day(62, "11:00"), (ctx) => s.contact(ctx, caseId, "First support call."));
  const interviewed = await s.as(MARK, t.day(58, "15:00"), (ctx) =>
    s.update(ctx, caseId, "SUSPECT_INTERVIEWED", t.day(58, "14:00"), "The police have spoken to a man about the assault. He answered questions and was allowed to go home while the police carry on looking into it. We will tell you what we decide."),
  );
  await s.as(MARK, t.day(57, "10:00"), (ctx) => s.contact(ctx, caseId, "Told her a man had been interviewed.", { answers: interviewed }));
  const decided = await s.as(MARK, t.day(45, "16:30"), (ctx) =>
    s.update(ctx, caseId, "POLICE_NO_FURTHER_ACTION", t.day(45, "16:00"), "The police have decided not to take the case any further for now. This does not mean you were not believed. If you disagree, you can ask for the decision to be looked at again by an officer who has not worked on your case."),
  );
  await s.as(MARK, t.day(44, "11:00"), (ctx) => s.contact(ctx, caseId, "Explained the decision and how to ask for it to be looked at again.", { answers: decided, response: "She is upset and will think about asking for a review." }));
  await s.as(MARK, t.day(42, "09:30"), async (ctx) => {
    const { version } = await getCase(ctx, caseId);
    await closeCase(ctx, { caseId, expectedVersion: version, reason: "No further action. She has been told, and told how to ask for a review." });
  });
  await s.as(SAM, t.day(41, "11:00"), (ctx) => s.contact(ctx, caseId, "Support call: talked about asking for a review.", { response: "She has decided to ask for one." }));
  await s.as(MARK, t.day(38, "10:00"), async (ctx) => {
    const { version } = await getCase(ctx, caseId);
    await reopenCase(ctx, { caseId, expectedVersion: version, reason: "She has asked for a review of the decision (Victims' Right to Review). An officer who was not involved will look at the case again." });
  });
  const reviewing = await s.as(MARK, t.day(38, "10:05"), (ctx) =>
    s.update(ctx, caseId, "PROGRESS_NOTE", t.day(38, "10:00"), "We have your request for the decision to be looked at again. An officer who has not worked on your case will review it, and we will tell you the result."),
  );
  await s.as(MARK, t.day(38, "10:30"), (ctx) => s.contact(ctx, caseId, "Confirmed we have her request for a review.", { answers: reviewing }));
  const reopened = await s.as(MARK, t.day(20, "15:00"), async (ctx) => {
    await s.move(ctx, caseId, "UNDER_INVESTIGATION", "The review found CCTV that had not been checked. The investigation has started again.");
    return s.update(ctx, caseId, "PROGRESS_NOTE", t.day(20, "15:00"), "The officer who looked at your case again found CCTV footage that had not been checked. The police have started investigating again. We will tell you when there is news.");
  });
  await s.as(MARK, t.day(20, "16:00"), (ctx) => s.contact(ctx, caseId, "Told her the review found CCTV and the case is being investigated again.", { answers: reopened, response: "She is glad someone looked again." }));
  await s.as(SAM, t.day(20, "17:00"), (ctx) => s.contact(ctx, caseId, "Support call after the news that the case is open again."));
  const arrest = await s.as(MARK, t.day(4, "08:30"), (ctx) =>
    s.update(ctx, caseId, "SUSPECT_ARRESTED", t.day(4, "07:00"), "The police have arrested a man after looking at the CCTV footage. He has been questioned. We will tell you what happens next."),
  );
  await s.as(MARK, t.day(4, "12:00"), (ctx) => s.contact(ctx, caseId, "Told her about the arrest.", { answers: arrest }));
}

async function meganJustReported(s: Story) {
  const { t } = s;
  const caseId = await s.as(MARK, t.day(2, "22:40"), async (ctx) => {
    const id = await s.open(ctx, "41NS0209926", "SEXUAL_OFFENCE", t.day(2, "21:30"), { fullName: "Megan Doyle", dateOfBirth: new Date("2001-07-09"), phone: "07700 900309", email: "megan.doyle@example.org", postcode: "LS2 9JT" });
    await s.consent(ctx, id, "Signed consent form NP-C-0702 (Northshire Police)", [{ to: "ISVA_SERVICE", categories: EVERYDAY, purposes: SUPPORT }, ...STATUTORY_CONTACT]);
    await assessEnhancedRights(ctx, { caseId: id, grounds: ["MOST_SERIOUS_CRIME"], serviceTier: "ENHANCED" });
    return id;
  });
  await s.as(MARK, t.day(2, "23:05"), (ctx) =>
    s.signpost(ctx, caseId, "Northshire Sexual Assault Referral Centre (SARC)", "FACE_TO_FACE", "She agreed to go tomorrow morning for a medical check; the officer will take her."),
  );
  await s.as(MARK, t.hoursAgo(20), (ctx) =>
    s.refer(ctx, caseId, { organisation: "ns-isva" }, "She was raped two nights ago and has asked for an ISVA. She has been to the SARC today.", { urgency: "URGENT" }),
  );
}

// ---------------------------------------------------------------------------------------
// The seeded cases, additions only

async function theSeededCases(s: Story) {
  const { t } = s;
  const seeded = new Map((await s.desk.seededCases()).map((c) => [c.policeUrn, c.id]));
  const caseOf = (urn: string) => {
    const id = seeded.get(urn);
    if (!id) throw new Error(`The seeded case ${urn} is missing.`);
    return id;
  };

  // Bethany Clarke (domestic abuse, with her IDVA): a call every two weeks, now due.
  const bethany = caseOf("41NS0104125");
  await s.as(JO, t.day(31, "10:00"), (ctx) => s.contact(ctx, bethany, "Call to review her safety plan.", { response: "She would like a call every two weeks." }));
  await s.as(JO, t.day(31, "10:30"), (ctx) =>
    setContactContract(ctx, { caseId: bethany, channels: ["PHONE"], refusedChannels: ["LETTER"], safeFrom: "09:00", safeUntil: "17:00", noVoicemail: true, updateFrequency: "EVERY_2_WEEKS", namedContactUserId: s.desk.user(JO) }),
  );
  const released = await s.as(MARK, t.day(25, "10:00"), (ctx) =>
    s.update(ctx, bethany, "SUSPECT_RELEASED_UNDER_INVESTIGATION", t.day(25, "09:00"), "He has been let go while the police carry on investigating. He does not have to follow any rules set by the police for now. If you feel unsafe at any time, call 999."),
  );
  await s.as(MARK, t.day(24, "11:00"), (ctx) => s.contact(ctx, bethany, "Told her he has been let go while we investigate, and what to do if she feels unsafe.", { answers: released }));
  await s.as(JO, t.day(17, "11:00"), (ctx) => s.contact(ctx, bethany, "Fortnightly call: she is coping and the safety plan is working."));

  // Imran Siddiqui (hate crime, charged): a hearing he was never told about, a changed charge
  // with no letter, and today's first hearing, whose result came an hour ago.
  const imran = caseOf("41NS0107725");
  const hearingToday = t.earlierToday("10:00", 3);
  await s.as(DANIEL, t.day(20, "11:30"), (ctx) =>
    s.update(ctx, imran, "CPS_CHARGE_ALTERED", t.day(20, "11:00"), "The lawyers have changed the offence he is accused of. It is now an assault made worse by hostility towards your race, which the court treats as more serious. They will write to you to explain why.", {
      note: "Charge altered to racially aggravated assault (Crime and Disorder Act 1998 s.29).",
    }),
  );
  await s.as(PRIYA, t.day(16, "09:30"), async (ctx) => {
    await s.hearing(ctx, imran, MAGISTRATES, hearingToday, "first hearing");
    await s.update(ctx, imran, "HEARING_LISTED", t.day(17, "16:00"), "His first hearing is at the local court in just over two weeks. You do not need to go to this hearing. We will tell you what happens.", { receivedAt: t.day(16, "09:30") });
  });
  await s.as(SAM, t.day(12, "14:00"), async (ctx) => {
    await s.contact(ctx, imran, "He called us, as he prefers to: talked about going out again in his area.");
    await s.signpost(ctx, imran, "Northshire Hate Crime Support", "PHONE", "They run a group for people who have been targeted in the same area.");
  });
  await s.as(SAM, t.day(5, "11:00"), (ctx) => askQuestion(ctx, { caseId: imran, forKind: "POLICE_WCU", question: "Will I have to see him when I go to court?" }));
  await s.as(PRIYA, t.hoursAgo(1), async (ctx) => {
    const [today] = (await s.hearingsOn(ctx, imran)).filter((h) => !h.outcome);
    await recordCourtResult(ctx, { hearingId: today!.id, outcome: "Pleaded not guilty. Trial in eight weeks at Northshire Magistrates' Court. Bail continues: no contact with the victim.", resultReceivedAt: t.hoursAgo(1) });
    await s.hearing(ctx, imran, MAGISTRATES, t.day(-56, "10:00"), "trial");
    await s.update(ctx, imran, "HEARING_LISTED", hearingToday, "At the hearing today he said he did not do it, so there will be a trial. It will be at the local court in about eight weeks. Your witness care officer will call you with the details and help you get ready.", {
      receivedAt: t.hoursAgo(1),
    });
    await s.move(ctx, imran, "AWAITING_TRIAL", "Not guilty plea; trial listed.");
  });

  // Chantelle Baptiste (a child, sexual offence, with the CPS): her ISVA's weekly call has been
  // overdue since the worker's task ten days ago; the CPS answered her question and has handed
  // her case to the prosecutor deciding it.
  const chantelle = caseOf("41NS0113425");
  // Her mum agrees at Amira's first visit that Rape Crisis may know what Chantelle needs, and
  // Amira assesses her Enhanced Rights with them.
  await s.as(AMIRA, t.day(26, "14:50"), (ctx) =>
    s.consent(ctx, chantelle, "Consent form RC-0231, signed by her mother at the first visit", [{ to: "ns-isva", categories: ["NEEDS_AND_VULNERABILITIES"], purposes: SUPPORT }], { givenBy: "PARENT_OR_GUARDIAN" }),
  );
  await s.as(AMIRA, t.day(26, "15:00"), (ctx) => assessEnhancedRights(ctx, { caseId: chantelle, grounds: ["MOST_SERIOUS_CRIME", "UNDER_18"], serviceTier: "ENHANCED" }));
  await s.as(AMIRA, t.day(25, "16:00"), (ctx) => s.contact(ctx, chantelle, "Met her and her mum at home after school.", { channel: "FACE_TO_FACE", response: "She would like a call every week." }));
  await s.as(AMIRA, t.day(25, "16:10"), (ctx) => setContactContract(ctx, { caseId: chantelle, channels: ["PHONE", "FACE_TO_FACE"], updateFrequency: "EVERY_WEEK", namedContactUserId: s.desk.user(AMIRA) }));
  await s.as(AMIRA, t.day(18, "16:30"), (ctx) => s.contact(ctx, chantelle, "Weekly call with her and her mum.", { response: "She wants to know when the decision will be made." }));
  const when = await s.as(AMIRA, t.day(18, "16:40"), (ctx) => askQuestion(ctx, { caseId: chantelle, forKind: "CPS", question: "When will the decision be made about whether he goes to court?" }));
  await s.as(DANIEL, t.day(15, "12:00"), (ctx) =>
    answerQuestion(ctx, {
      questionId: when.id,
      answer: "The lawyer looking at the evidence expects to decide within the next four weeks. As soon as there is a decision, the police will tell you, and Amira will be there to talk it through with you.",
    }),
  );
  await s.as(GRACE, t.hoursAgo(26), (ctx) => s.name(ctx, chantelle, "ns-cps", DANIEL, "Daniel Hughes is the lawyer deciding on this case, and will be the family's contact at the CPS."));

  // Karen Whitfield (domestic abuse): the CPS stopped the case; its letter went the next day,
  // and her window to ask for a review is open.
  const karen = caseOf("41NS0115625");
  const stopped = await s.as(DANIEL, t.day(6, "15:20"), (ctx) =>
    s.update(ctx, karen, "CPS_DISCONTINUED", t.day(6, "15:00"), "The lawyers have decided to stop the case. They do not think there is now enough evidence to prove it in court. This is not about whether you were telling the truth. You can ask for this decision to be looked at again by a different lawyer."),
  );
  await s.as(GRACE, t.day(5, "11:00"), (ctx) =>
    s.contact(ctx, karen, "Sent the letter explaining the decision, how to ask for a review, and where to find support.", { channel: "EMAIL", outcome: "SENT", answers: stopped }),
  );

  // Sandra Pike (bereaved mother): the sentencing is listed; the CPS answered her question;
  // nobody has called her in the fortnight she asked for.
  const sandra = caseOf("41NS0121325");
  await s.as(SAM, t.day(30, "10:00"), (ctx) => s.contact(ctx, sandra, "Home visit.", { channel: "FACE_TO_FACE", response: "She would like a call every two weeks until the sentencing." }));
  await s.as(SAM, t.day(30, "10:10"), (ctx) => setContactContract(ctx, { caseId: sandra, channels: ["PHONE"], updateFrequency: "EVERY_2_WEEKS", namedContactUserId: s.desk.user(SAM) }));
  const sentencing = await s.as(PRIYA, t.day(21, "10:00"), async (ctx) => {
    await s.hearing(ctx, sandra, CROWN_COURT, t.day(-21, "10:00"), "sentencing hearing");
    return s.update(ctx, sandra, "HEARING_LISTED", t.day(22, "15:00"), "The date of the hearing where the judge will decide the punishment has been set. You can tell the court how losing your son has affected you and your family. Sam from Victim Support can help you with this.", {
      receivedAt: t.day(21, "10:00"),
    });
  });
  await s.as(PRIYA, t.day(21, "12:00"), (ctx) => s.contact(ctx, sandra, "Gave her the date of the sentencing hearing.", { answers: sentencing }));
  await s.as(SAM, t.day(17, "14:00"), (ctx) => s.contact(ctx, sandra, "Fortnightly call.", { response: "She wants to tell the court about her son." }));
  const statement = await s.as(SAM, t.day(17, "14:10"), (ctx) => askQuestion(ctx, { caseId: sandra, forKind: "CPS", question: "Can I tell the court how losing my son has affected our family?" }));
  await s.as(GRACE, t.day(14, "10:00"), (ctx) =>
    answerQuestion(ctx, {
      questionId: statement.id,
      answer: "Yes. You can write down, in your own words, how losing your son has affected you and your family. This is called a victim personal statement, which means the judge will read it before deciding the punishment. You can read it out in court yourself, or someone can read it for you. Sam can help you write it.",
    }),
  );

  // Naomi Fletcher (Southshire): her ISVA's weekly call is due.
  const naomi = caseOf("47SS0200125");
  await s.as(CHLOE, t.day(19, "11:00"), async (ctx) => {
    await s.contact(ctx, naomi, "First meeting at the Southshire ISVA office.", { channel: "FACE_TO_FACE", response: "She would like a call every week." });
    await s.consent(ctx, naomi, "Southshire ISVA consent form SI-0044, signed at the first meeting", [{ to: "ss-isva", categories: ["NEEDS_AND_VULNERABILITIES"], purposes: SUPPORT }]);
    await assessEnhancedRights(ctx, { caseId: naomi, grounds: ["MOST_SERIOUS_CRIME"], serviceTier: "ENHANCED" });
    await setContactContract(ctx, { caseId: naomi, channels: ["PHONE", "EMAIL"], noVoicemail: true, updateFrequency: "EVERY_WEEK", namedContactUserId: s.desk.user(CHLOE) });
  });
  await s.as(CHLOE, t.day(9, "15:00"), async (ctx) => {
    await s.contact(ctx, naomi, "Weekly call.", { response: "She would like to talk to a counsellor." });
    await s.signpost(ctx, naomi, "Trauma Counselling after Crime", "PHONE", "Free counselling in Brighton; she will call them herself.");
  });

  // Margaret Holloway asked who has seen her data: the partnership's auditor looks it up.
  await s.as(RUTH, t.day(2, "10:00"), (ctx) => victimAccessLog(ctx, "V-NS-0004", { first: 50 }), "SUBJECT_ACCESS");
}
