// The agreed message, case by case: a hand-written table of case histories and the exact
// message each should give the victim. Each row names the bug (from "The agreed message"
// issue) or the rule it pins down. Pure: no database.
import { agreedVictimMessage, type MessageSources } from "@hub/core";
import type { CaseUpdateType, CourtResultKind, ReferralStatus } from "@hub/db";
import { describe, expect, it } from "vitest";

const at = (iso: string) => new Date(iso);
const NOW = at("2026-03-10T12:00:00Z");

const u = (id: string, type: CaseUpdateType, iso: string, victimExplanation: string, supersededById: string | null = null) => ({
  id,
  type,
  occurredAt: at(iso),
  createdAt: at(iso),
  victimExplanation,
  supersededById,
});
const hearing = (id: string, type: string, iso: string, court: string, outcome: string | null = null, resultKind: CourtResultKind | null = null) => ({
  id,
  type,
  court,
  startsAt: at(iso),
  createdAt: at("2026-01-20T09:00:00Z"),
  outcome,
  resultKind,
  resultReceivedAt: outcome ? at(iso) : null,
});
const referral = (id: string, status: ReferralStatus, toName: string, withdrawn = false) => ({ id, status, toName, changedAt: at("2026-02-10T09:00:00Z"), withdrawn });

const POLICE = { capacity: "INVESTIGATING_POLICE" as const, organisationName: "Northshire Police", namedContact: { id: "mark", name: "DC Mark Lewis" } };
const WCU = { capacity: "WITNESS_CARE" as const, organisationName: "Northshire WCU", namedContact: { id: "priya", name: "Priya Shah" } };
const ISVA = { capacity: "ISVA_SUPPORT" as const, organisationName: "Northshire Rape Crisis", namedContact: { id: "amira", name: "Amira Khan" } };
const VS = { capacity: "VICTIM_SUPPORT" as const, organisationName: "Victim Support Northshire", namedContact: { id: "jo", name: "Jo Bell" } };

/** The area's own term, as an area glossary keeps it. */
const SECTION_28 = {
  term: "Section 28",
  variants: ["s28", "section 28 hearing"],
  explanation: "Your answers to the lawyers' questions are filmed before the trial, so you do not have to go to court on the day.",
};

type Part = "WHERE_THINGS_STAND" | "WHAT_HAPPENS_NEXT" | "ROUGHLY_WHEN" | "SUPPORT" | "RIGHT_TO_REVIEW" | "NAMED_CONTACT";
type Row = {
  history: string;
  facts: Partial<MessageSources> & Pick<MessageSources, "stage">;
  now?: Date;
  /** [part, source kind, source id, text], in reading order. */
  sentences: [Part, string, string | null, string][];
  /** The ids of words held back, with the terms the check found. */
  heldBack?: [string, string[]][];
};

const AMIRA: Row["sentences"][number] = ["NAMED_CONTACT", "CONTACT", "amira", "Your named contact is Amira Khan at Northshire Rape Crisis."];

const rows: Row[] = [
  {
    history: "Bail with conditions, then a minor progress note: the conditions are still told (bug: the note replaced them).",
    facts: {
      stage: "UNDER_INVESTIGATION",
      updates: [
        u("b1", "SUSPECT_BAILED", "2026-02-01T10:00:00Z", "He is on bail. This means he must not contact you or go to your street."),
        u("p1", "PROGRESS_NOTE", "2026-03-01T10:00:00Z", "The officer has sent his phone to be checked."),
      ],
    },
    sentences: [
      ["WHERE_THINGS_STAND", "STAGE", "UNDER_INVESTIGATION", "The police are looking into what happened."],
      ["WHERE_THINGS_STAND", "BAIL", "b1", "He is on bail. This means he must not contact you or go to your street."],
      ["WHERE_THINGS_STAND", "UPDATE", "p1", "The officer has sent his phone to be checked."],
      ["WHAT_HAPPENS_NEXT", "STAGE", "UNDER_INVESTIGATION", "The police are still looking into what happened. They will tell you when there is news, such as an arrest or a decision."],
      AMIRA,
    ],
  },
  {
    history: "Charged, a hearing listed, then a progress note: the hearing is still told, from the hearing itself (bug: the note replaced the news of the hearing).",
    facts: {
      stage: "CHARGED",
      updates: [
        u("c1", "SUSPECT_CHARGED", "2026-02-01T10:00:00Z", "He has been formally accused of the crime. The case will go to court."),
        u("l1", "HEARING_LISTED", "2026-02-05T10:00:00Z", "His plea hearing is on 20 March."),
        u("p1", "PROGRESS_NOTE", "2026-03-01T10:00:00Z", "The police have sent their papers to the court."),
      ],
      hearings: [hearing("h1", "Plea hearing", "2026-03-20T10:00:00Z", "Northtown Magistrates' Court")],
    },
    sentences: [
      ["WHERE_THINGS_STAND", "STAGE", "CHARGED", "The person has been charged. This means they have been formally accused of the crime. The case will now go to court."],
      ["WHERE_THINGS_STAND", "DECISION", "c1", "He has been formally accused of the crime. The case will go to court."],
      ["WHERE_THINGS_STAND", "UPDATE", "p1", "The police have sent their papers to the court."],
      ["WHAT_HAPPENS_NEXT", "STAGE", "CHARGED", "Your witness care officer will tell you the date of each court hearing, and help you get ready."],
      ["ROUGHLY_WHEN", "HEARING", "h1", "The next plea hearing is on 20 March 2026 at 10:00am, at Northtown Magistrates' Court."],
      AMIRA,
    ],
  },
  {
    history: "Bail conditions changed: the newest conditions are told, not the first ones.",
    facts: {
      stage: "UNDER_INVESTIGATION",
      updates: [
        u("b1", "SUSPECT_BAILED", "2026-01-10T10:00:00Z", "He is on bail. This means he must not contact you."),
        u("b2", "BAIL_CONDITIONS_CHANGED", "2026-02-10T10:00:00Z", "His bail rules have changed. This means he must also stay out of Northtown."),
      ],
    },
    sentences: [
      ["WHERE_THINGS_STAND", "STAGE", "UNDER_INVESTIGATION", "The police are looking into what happened."],
      ["WHERE_THINGS_STAND", "BAIL", "b2", "His bail rules have changed. This means he must also stay out of Northtown."],
      ["WHAT_HAPPENS_NEXT", "STAGE", "UNDER_INVESTIGATION", "The police are still looking into what happened. They will tell you when there is news, such as an arrest or a decision."],
      AMIRA,
    ],
  },
  {
    history: "A bail update corrected: the correction's words are told, never the superseded ones.",
    facts: {
      stage: "UNDER_INVESTIGATION",
      updates: [
        u("b1", "SUSPECT_BAILED", "2026-02-01T10:00:00Z", "He is on bail. This means he must not go to Elm Road.", "b1c"),
        u("b1c", "SUSPECT_BAILED", "2026-02-01T10:00:00Z", "He is on bail. This means he must not go to Oak Road."),
      ],
    },
    sentences: [
      ["WHERE_THINGS_STAND", "STAGE", "UNDER_INVESTIGATION", "The police are looking into what happened."],
      ["WHERE_THINGS_STAND", "BAIL", "b1c", "He is on bail. This means he must not go to Oak Road."],
      ["WHAT_HAPPENS_NEXT", "STAGE", "UNDER_INVESTIGATION", "The police are still looking into what happened. They will tell you when there is news, such as an arrest or a decision."],
      AMIRA,
    ],
  },
  {
    history: "Bail, then a decision to take no further action: the bail conditions have ended, the decision and her right to ask for a review are told.",
    facts: {
      stage: "NO_FURTHER_ACTION",
      updates: [
        u("b1", "SUSPECT_BAILED", "2026-01-10T10:00:00Z", "He is on bail. This means he must not contact you."),
        u("d1", "POLICE_NO_FURTHER_ACTION", "2026-03-02T10:00:00Z", "The police have decided not to take the case further for now. This does not mean you were not believed."),
      ],
      reviewWindows: [{ id: "w1", dueAt: at("2026-06-01T22:59:00Z"), createdAt: at("2026-03-02T10:00:00Z") }],
    },
    sentences: [
      ["WHERE_THINGS_STAND", "STAGE", "NO_FURTHER_ACTION", "The case is not going any further for now."],
      ["WHERE_THINGS_STAND", "DECISION", "d1", "The police have decided not to take the case further for now. This does not mean you were not believed."],
      ["WHAT_HAPPENS_NEXT", "STAGE", "NO_FURTHER_ACTION", "This does not mean you were not believed. You can ask for this decision to be looked at again by someone new."],
      ["RIGHT_TO_REVIEW", "REVIEW_WINDOW", "w1", "If you disagree with this decision, you can ask for it to be reviewed. Please ask by 1 June 2026; your named contact can help you do this."],
      AMIRA,
    ],
  },
  {
    history: "Bail, then released with no rules to follow: the bail conditions are no longer told.",
    facts: {
      stage: "UNDER_INVESTIGATION",
      updates: [
        u("b1", "SUSPECT_BAILED", "2026-01-10T10:00:00Z", "He is on bail. This means he must not contact you."),
        u("r1", "SUSPECT_RELEASED_UNDER_INVESTIGATION", "2026-02-10T10:00:00Z", "He has been let go while the police carry on. He does not have to keep to any rules. If you feel unsafe, tell us straight away."),
      ],
    },
    sentences: [
      ["WHERE_THINGS_STAND", "STAGE", "UNDER_INVESTIGATION", "The police are looking into what happened."],
      ["WHERE_THINGS_STAND", "UPDATE", "r1", "He has been let go while the police carry on. He does not have to keep to any rules. If you feel unsafe, tell us straight away."],
      ["WHAT_HAPPENS_NEXT", "STAGE", "UNDER_INVESTIGATION", "The police are still looking into what happened. They will tell you when there is news, such as an arrest or a decision."],
      AMIRA,
    ],
  },
  {
    history: "A trial with its result recorded and no update yet: the court's result is told (bug: court results never reached the message).",
    facts: {
      stage: "VERDICT",
      hearings: [hearing("t1", "Trial", "2026-03-02T10:00:00Z", "Northtown Crown Court", "He was found guilty of all the crimes.", "OUTCOME")],
    },
    sentences: [
      ["WHERE_THINGS_STAND", "STAGE", "VERDICT", "The court has decided whether the person is guilty."],
      ["WHERE_THINGS_STAND", "HEARING", "t1", "At the trial on 2 March 2026, the court decided: He was found guilty of all the crimes."],
      ["WHAT_HAPPENS_NEXT", "STAGE", "VERDICT", "If the court still has to decide the punishment, you will be told the date and the outcome."],
      AMIRA,
    ],
  },
  {
    history: "Police bail, then the court decided bail at a hearing: the court's decision is told, not the police bail it replaced.",
    facts: {
      stage: "CHARGED",
      updates: [u("b1", "SUSPECT_BAILED", "2026-01-10T10:00:00Z", "He is on bail. This means he must not contact you.")],
      hearings: [hearing("h1", "Bail hearing", "2026-03-03T10:00:00Z", "Northtown Magistrates' Court", "He must stay at his address in Southtown every night and must not contact you.", "BAIL_DECISION")],
    },
    sentences: [
      ["WHERE_THINGS_STAND", "STAGE", "CHARGED", "The person has been charged. This means they have been formally accused of the crime. The case will now go to court."],
      ["WHERE_THINGS_STAND", "HEARING", "h1", "At the bail hearing on 3 March 2026, the court decided: He must stay at his address in Southtown every night and must not contact you."],
      ["WHAT_HAPPENS_NEXT", "STAGE", "CHARGED", "Your witness care officer will tell you the date of each court hearing, and help you get ready."],
      AMIRA,
    ],
  },
  {
    history: "She chose her ISVA as her contact, though the police officer is also on the case: the ISVA is named (bug: it named the police officer).",
    facts: { stage: "UNDER_INVESTIGATION", involvements: [POLICE, { ...ISVA, capacity: "OTHER_SUPPORT" as const }, WCU], chosenContactUserId: "amira" },
    sentences: [
      ["WHERE_THINGS_STAND", "STAGE", "UNDER_INVESTIGATION", "The police are looking into what happened."],
      ["WHAT_HAPPENS_NEXT", "STAGE", "UNDER_INVESTIGATION", "The police are still looking into what happened. They will tell you when there is news, such as an arrest or a decision."],
      AMIRA,
    ],
  },
  {
    history: "The contact she chose has handed over and left the case: her support service's contact is named before the witness care officer.",
    facts: { stage: "AWAITING_TRIAL", involvements: [POLICE, WCU, VS], chosenContactUserId: "someone-who-left" },
    sentences: [
      ["WHERE_THINGS_STAND", "STAGE", "AWAITING_TRIAL", "The case is going to trial."],
      ["WHAT_HAPPENS_NEXT", "STAGE", "AWAITING_TRIAL", "Your witness care officer will keep in touch and help you get ready for the trial."],
      ["NAMED_CONTACT", "CONTACT", "jo", "Your named contact is Jo Bell at Victim Support Northshire."],
    ],
  },
  {
    history: "No support service and no choice made: the witness care officer, then the police, are named.",
    facts: { stage: "CHARGED", involvements: [POLICE, WCU] },
    sentences: [
      ["WHERE_THINGS_STAND", "STAGE", "CHARGED", "The person has been charged. This means they have been formally accused of the crime. The case will now go to court."],
      ["WHAT_HAPPENS_NEXT", "STAGE", "CHARGED", "Your witness care officer will tell you the date of each court hearing, and help you get ready."],
      ["NAMED_CONTACT", "CONTACT", "priya", "Your named contact is Priya Shah at Northshire WCU."],
    ],
  },
  {
    history: "A hearing listed for 'today at 4pm' that has now passed, with no result yet: it is not told as still to come; we wait for the court's result (bug: it said 'today at 4pm' after the hearing).",
    facts: {
      stage: "CHARGED",
      updates: [u("l1", "HEARING_LISTED", "2026-03-09T08:00:00Z", "Your hearing is today at 4pm.")],
      hearings: [hearing("h1", "Plea hearing", "2026-03-09T16:00:00Z", "Northtown Magistrates' Court")],
    },
    sentences: [
      ["WHERE_THINGS_STAND", "STAGE", "CHARGED", "The person has been charged. This means they have been formally accused of the crime. The case will now go to court."],
      ["WHAT_HAPPENS_NEXT", "HEARING", "h1", "We are waiting for the court's result from the plea hearing on 9 March 2026. You will be told as soon as it is known."],
      ["WHAT_HAPPENS_NEXT", "STAGE", "CHARGED", "Your witness care officer will tell you the date of each court hearing, and help you get ready."],
      AMIRA,
    ],
  },
  {
    history: "One hearing has happened with a result and the trial is still to come: the result is where things stand, the trial is next.",
    facts: {
      stage: "AWAITING_TRIAL",
      hearings: [
        hearing("h1", "Plea hearing", "2026-02-02T10:00:00Z", "Northtown Magistrates' Court", "He said he is not guilty, so there will be a trial.", "OUTCOME"),
        hearing("t1", "Trial", "2026-04-14T09:30:00Z", "Northtown Crown Court"),
      ],
    },
    sentences: [
      ["WHERE_THINGS_STAND", "STAGE", "AWAITING_TRIAL", "The case is going to trial."],
      ["WHERE_THINGS_STAND", "HEARING", "h1", "At the plea hearing on 2 February 2026, the court decided: He said he is not guilty, so there will be a trial."],
      ["WHAT_HAPPENS_NEXT", "STAGE", "AWAITING_TRIAL", "Your witness care officer will keep in touch and help you get ready for the trial."],
      ["ROUGHLY_WHEN", "HEARING", "t1", "The next trial is on 14 April 2026 at 10:30am, at Northtown Crown Court."],
      AMIRA,
    ],
  },
  {
    history: "She withdrew from a service that had accepted the referral: it is never said to 'be in touch' (bug), the other referral still is.",
    facts: {
      stage: "UNDER_INVESTIGATION",
      referrals: [referral("r1", "IN_PROGRESS", "Safe Steps Northshire", true), referral("r2", "ACCEPTED", "Northshire Stalking Advocacy Service")],
    },
    sentences: [
      ["WHERE_THINGS_STAND", "STAGE", "UNDER_INVESTIGATION", "The police are looking into what happened."],
      ["WHAT_HAPPENS_NEXT", "STAGE", "UNDER_INVESTIGATION", "The police are still looking into what happened. They will tell you when there is news, such as an arrest or a decision."],
      ["SUPPORT", "REFERRAL", "r2", "Northshire Stalking Advocacy Service has accepted the referral and will be in touch with you."],
      AMIRA,
    ],
  },
  {
    history: "A referral withdrawn before it was answered (cancelled) says nothing; one that could not be taken says so kindly.",
    facts: {
      stage: "REPORTED",
      referrals: [referral("r1", "CANCELLED", "Victim Support Northshire"), referral("r2", "REJECTED", "Safe Steps Northshire")],
    },
    sentences: [
      ["WHERE_THINGS_STAND", "STAGE", "REPORTED", "You have told the police what happened."],
      ["WHAT_HAPPENS_NEXT", "STAGE", "REPORTED", "The police will look into what you told them and will let you know what happens next."],
      ["SUPPORT", "REFERRAL", "r2", "Safe Steps Northshire could not take the referral this time. Your named contact will talk to you about other support."],
      AMIRA,
    ],
  },
  {
    history: "Charged, and the charge update itself is in jargon: the stage's plain words are told, never 'answer the allegation' (bug), and the update is held back.",
    facts: { stage: "CHARGED", updates: [u("c1", "SUSPECT_CHARGED", "2026-02-01T10:00:00Z", "He was charged and will answer the allegation at the magistrates' court.")] },
    sentences: [
      ["WHERE_THINGS_STAND", "STAGE", "CHARGED", "The person has been charged. This means they have been formally accused of the crime. The case will now go to court."],
      ["WHAT_HAPPENS_NEXT", "STAGE", "CHARGED", "Your witness care officer will tell you the date of each court hearing, and help you get ready."],
      AMIRA,
    ],
    heldBack: [["c1", ["charged", "magistrates' court"]]],
  },
  {
    history: "A case just reported, with no updates at all: where things stand and what happens next are different sentences (bug: they were the same).",
    facts: { stage: "REPORTED" },
    sentences: [
      ["WHERE_THINGS_STAND", "STAGE", "REPORTED", "You have told the police what happened."],
      ["WHAT_HAPPENS_NEXT", "STAGE", "REPORTED", "The police will look into what you told them and will let you know what happens next."],
      AMIRA,
    ],
  },
  {
    history: "The CPS's words about special measures use 'section 28' and 'the defendant's barrister': held back with the findings, the stage's words told instead (bug: the jargon went in).",
    facts: {
      stage: "AWAITING_TRIAL",
      updates: [
        u("s1", "SPECIAL_MEASURES_OUTCOME", "2026-02-20T10:00:00Z", "Your evidence will be recorded under section 28. The defendant's barrister's questions will be asked then."),
      ],
      plainLanguage: { extraGlossary: [SECTION_28] },
    },
    sentences: [
      ["WHERE_THINGS_STAND", "STAGE", "AWAITING_TRIAL", "The case is going to trial."],
      ["WHAT_HAPPENS_NEXT", "STAGE", "AWAITING_TRIAL", "Your witness care officer will keep in touch and help you get ready for the trial."],
      AMIRA,
    ],
    heldBack: [["s1", ["section 28", "defendant"]]],
  },
  {
    history: "Words the check flags, accepted as they are by the organisation that recorded them: they are told, nothing is held back.",
    facts: {
      stage: "AWAITING_TRIAL",
      updates: [
        {
          ...u("s1", "SPECIAL_MEASURES_OUTCOME", "2026-02-20T10:00:00Z", "The court agreed to special measures for you. Your ISVA will explain what happens on the day."),
          plainLanguageAccepted: true,
        },
      ],
    },
    sentences: [
      ["WHERE_THINGS_STAND", "STAGE", "AWAITING_TRIAL", "The case is going to trial."],
      ["WHERE_THINGS_STAND", "UPDATE", "s1", "The court agreed to special measures for you. Your ISVA will explain what happens on the day."],
      ["WHAT_HAPPENS_NEXT", "STAGE", "AWAITING_TRIAL", "Your witness care officer will keep in touch and help you get ready for the trial."],
      AMIRA,
    ],
  },
  {
    history: "The same special measures news, rewritten in plain words by a correction: the rewritten words are told, nothing is held back.",
    facts: {
      stage: "AWAITING_TRIAL",
      updates: [
        u("s1", "SPECIAL_MEASURES_OUTCOME", "2026-02-20T10:00:00Z", "Your evidence will be recorded under section 28.", "s1c"),
        u("s1c", "SPECIAL_MEASURES_OUTCOME", "2026-02-20T10:00:00Z", "Your answers to the lawyers' questions will be filmed before the trial. You will not have to go to court on the day."),
      ],
      plainLanguage: { extraGlossary: [SECTION_28] },
    },
    sentences: [
      ["WHERE_THINGS_STAND", "STAGE", "AWAITING_TRIAL", "The case is going to trial."],
      ["WHERE_THINGS_STAND", "UPDATE", "s1c", "Your answers to the lawyers' questions will be filmed before the trial. You will not have to go to court on the day."],
      ["WHAT_HAPPENS_NEXT", "STAGE", "AWAITING_TRIAL", "Your witness care officer will keep in touch and help you get ready for the trial."],
      AMIRA,
    ],
  },
  {
    history: "A decision not to charge written in CPS jargon: held back; the stage's words and her right to ask for a review are told.",
    facts: {
      stage: "NO_FURTHER_ACTION",
      updates: [u("d1", "CPS_DECISION_NOT_TO_CHARGE", "2026-03-01T10:00:00Z", "The evidential stage of the full code test was not met.")],
      reviewWindows: [{ id: "w1", dueAt: at("2026-05-31T22:59:00Z"), createdAt: at("2026-03-01T10:00:00Z") }],
    },
    sentences: [
      ["WHERE_THINGS_STAND", "STAGE", "NO_FURTHER_ACTION", "The case is not going any further for now."],
      ["WHAT_HAPPENS_NEXT", "STAGE", "NO_FURTHER_ACTION", "This does not mean you were not believed. You can ask for this decision to be looked at again by someone new."],
      ["RIGHT_TO_REVIEW", "REVIEW_WINDOW", "w1", "If you disagree with this decision, you can ask for it to be reviewed. Please ask by 31 May 2026; your named contact can help you do this."],
      AMIRA,
    ],
    heldBack: [["d1", ["evidential stage", "full code test"]]],
  },
  {
    history: "A progress note that blames her: held back with the blaming finding; nothing else changes.",
    facts: {
      stage: "UNDER_INVESTIGATION",
      updates: [u("p1", "PROGRESS_NOTE", "2026-03-01T10:00:00Z", "The interview was put off because you failed to reply.")],
    },
    sentences: [
      ["WHERE_THINGS_STAND", "STAGE", "UNDER_INVESTIGATION", "The police are looking into what happened."],
      ["WHAT_HAPPENS_NEXT", "STAGE", "UNDER_INVESTIGATION", "The police are still looking into what happened. They will tell you when there is news, such as an arrest or a decision."],
      AMIRA,
    ],
    heldBack: [["p1", ["you failed to"]]],
  },
  {
    history: "Bail conditions in unexplained jargon: held back, and the plain bail wording says there are rules and who can tell her them.",
    facts: { stage: "UNDER_INVESTIGATION", updates: [u("b1", "SUSPECT_BAILED", "2026-02-01T10:00:00Z", "Conditional bail granted with a non-contact condition.")] },
    sentences: [
      ["WHERE_THINGS_STAND", "STAGE", "UNDER_INVESTIGATION", "The police are looking into what happened."],
      [
        "WHERE_THINGS_STAND",
        "BAIL",
        "b1",
        "The person is on bail. This means they are free for now, but must keep to rules the police or court have set. Your named contact can tell you what the rules are.",
      ],
      ["WHAT_HAPPENS_NEXT", "STAGE", "UNDER_INVESTIGATION", "The police are still looking into what happened. They will tell you when there is news, such as an arrest or a decision."],
      AMIRA,
    ],
    heldBack: [["b1", ["Conditional bail"]]],
  },
  {
    history: "A court result in legal words: held back, and the message says the court has given its result and who will explain it.",
    facts: {
      stage: "SENTENCED",
      hearings: [hearing("s1", "Sentencing hearing", "2026-03-05T10:00:00Z", "Northtown Crown Court", "Suspended sentence and a restraining order.", "OUTCOME")],
    },
    sentences: [
      ["WHERE_THINGS_STAND", "STAGE", "SENTENCED", "The court has decided the person's punishment."],
      ["WHERE_THINGS_STAND", "HEARING", "s1", "The court has given its result from the sentencing hearing on 5 March 2026. Your named contact can explain what it means for you."],
      ["WHAT_HAPPENS_NEXT", "STAGE", "SENTENCED", "You can ask anyone supporting you what the punishment means for you."],
      AMIRA,
    ],
    heldBack: [["s1", ["Suspended sentence", "restraining order"]]],
  },
  {
    history: "An old progress note from before the charge is not news any more: the charge is told, the note is not.",
    facts: {
      stage: "CHARGED",
      updates: [
        u("p1", "PROGRESS_NOTE", "2026-01-05T10:00:00Z", "The police are still waiting for the phone checks."),
        u("c1", "SUSPECT_CHARGED", "2026-02-01T10:00:00Z", "He has been formally accused of the crime. The case will go to court."),
      ],
    },
    sentences: [
      ["WHERE_THINGS_STAND", "STAGE", "CHARGED", "The person has been charged. This means they have been formally accused of the crime. The case will now go to court."],
      ["WHERE_THINGS_STAND", "DECISION", "c1", "He has been formally accused of the crime. The case will go to court."],
      ["WHAT_HAPPENS_NEXT", "STAGE", "CHARGED", "Your witness care officer will tell you the date of each court hearing, and help you get ready."],
      AMIRA,
    ],
  },
  {
    history: "A verdict corrected after it was recorded: only the correction is told, with the court's result for the trial.",
    facts: {
      stage: "VERDICT",
      updates: [
        u("v1", "VERDICT", "2026-03-02T15:00:00Z", "He was found guilty of one crime.", "v1c"),
        u("v1c", "VERDICT", "2026-03-02T15:00:00Z", "He was found guilty of both crimes."),
      ],
      hearings: [hearing("t1", "Trial", "2026-03-02T10:00:00Z", "Northtown Crown Court", "Guilty of both crimes.", "OUTCOME")],
    },
    sentences: [
      ["WHERE_THINGS_STAND", "STAGE", "VERDICT", "The court has decided whether the person is guilty."],
      ["WHERE_THINGS_STAND", "DECISION", "v1c", "He was found guilty of both crimes."],
      ["WHERE_THINGS_STAND", "HEARING", "t1", "At the trial on 2 March 2026, the court decided: Guilty of both crimes."],
      ["WHAT_HAPPENS_NEXT", "STAGE", "VERDICT", "If the court still has to decide the punishment, you will be told the date and the outcome."],
      AMIRA,
    ],
  },
];

describe("the agreed message, from a case's standing facts", () => {
  it("has at least 20 hand-written case histories", () => {
    expect(rows.length).toBeGreaterThanOrEqual(20);
  });

  it.each(rows)("$history", (row) => {
    const message = agreedVictimMessage({ updates: [], hearings: [], involvements: [POLICE, WCU, ISVA], ...row.facts }, row.now ?? NOW);
    expect(message.sentences.map((s) => [s.part, s.source.kind, s.source.id, s.text])).toEqual(row.sentences);
    expect(message.heldBack.map((h) => [h.sourceId, h.findings.map((f) => f.term)])).toEqual(row.heldBack ?? []);

    // The fields existing clients read say the same as the sentences.
    const part = (p: Part) => row.sentences.filter((s) => s[0] === p).map((s) => s[3]);
    expect(message.whereThingsStand).toBe(part("WHERE_THINGS_STAND").join(" "));
    expect(message.whatHappensNext).toBe(part("WHAT_HAPPENS_NEXT").join(" "));
    expect(message.roughlyWhen).toBe(part("ROUGHLY_WHEN").join(" ") || null);
    expect(message.support).toEqual(part("SUPPORT"));
    expect(message.rightToReview).toBe(part("RIGHT_TO_REVIEW")[0] ?? null);
    expect(message.sourceUpdateIds).toEqual(row.sentences.filter((s) => ["UPDATE", "BAIL", "DECISION"].includes(s[1])).map((s) => s[2]));
    expect(message.sourceHearingId).toBe(row.sentences.find((s) => s[0] === "ROUGHLY_WHEN")?.[2] ?? null);
    expect(message.whereThingsStand).not.toBe(message.whatHappensNext);

    // Held-back words, and the words of superseded updates, never reach her.
    const all = message.sentences.map((s) => s.text).join(" ");
    for (const held of message.heldBack) {
      const words = (row.facts.updates ?? []).find((x) => x.id === held.sourceId)?.victimExplanation ?? (row.facts.hearings ?? []).find((h) => h.id === held.sourceId)?.outcome;
      expect(all).not.toContain(words);
    }
    for (const old of (row.facts.updates ?? []).filter((x) => x.supersededById)) expect(all).not.toContain(old.victimExplanation);
    expect(all).not.toMatch(/answer the allegation|today at/);
  });
});
