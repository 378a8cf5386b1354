// The Victims' Code deadlines the hub times (shared/domain/victims-code.md), and which case
// updates start them. Enhanced Rights victims (most serious crime, persistently targeted,
// vulnerable or intimidated) get the shorter clock where the Code gives one.
import type { CaseUpdateType, CourtResultKind, OrganisationKind } from "@hub/db";
import { REVIEW_SCHEMES } from "./review-schemes.js";
import { addWorkingDays } from "./working-days.js";

export type DutyName =
  | "RIGHT_4_REFERRAL"
  | "REFERRAL_ACKNOWLEDGEMENT"
  | "RIGHT_6_POLICE_UPDATE"
  | "RIGHT_6_VCL_LETTER"
  | "RIGHT_8_HEARING_DETAILS"
  | "RIGHT_8_BAIL_OUTCOME"
  | "RIGHT_9_OUTCOME_AND_SENTENCE"
  | "VRR_REQUEST_WINDOW";

export interface Duty {
  /** What must happen, in the users' words. */
  what: string;
  /** Where it comes from: the Victims' Code, or a standard the partnership keeps beyond it. */
  source: "VICTIMS_CODE" | "SERVICE_STANDARD";
  /** Who owes it; empty for the victim's own review window. */
  owedBy: readonly OrganisationKind[];
  /** The event that starts the clock. */
  startsWhen: string;
  /** Working days allowed, for every victim and for victims with Enhanced Rights. */
  workingDays: { standard: number; enhanced: number };
}

export const DUTIES: Readonly<Record<DutyName, Duty>> = {
  RIGHT_4_REFERRAL: {
    what: "Refer the victim to support services (Right 4)",
    source: "VICTIMS_CODE",
    owedBy: ["POLICE", "POLICE_WCU"],
    startsWhen: "the police or the Witness Care Unit record her needs assessment",
    workingDays: { standard: 2, enhanced: 2 },
  },
  // Not in the Code: the partnership's standard that a support service answers a referral
  // within 2 working days (it used to be timed as if it were Right 4, which is the referrer's).
  REFERRAL_ACKNOWLEDGEMENT: {
    what: "Answer a referral: accept it or say why not (the partnership's service standard)",
    source: "SERVICE_STANDARD",
    owedBy: ["ISVA_SERVICE", "IDVA_SERVICE", "VICTIM_SUPPORT_CHARITY", "OTHER"],
    startsWhen: "a referral is made to the service",
    workingDays: { standard: 2, enhanced: 2 },
  },
  RIGHT_6_POLICE_UPDATE: {
    what: "Tell the victim about the investigation (Right 6)",
    source: "VICTIMS_CODE",
    owedBy: ["POLICE"],
    startsWhen:
      "the suspect is arrested, interviewed under caution, charged, released without charge, bailed or released under investigation, or bail conditions change; or the police decide not to investigate",
    workingDays: { standard: 5, enhanced: 1 },
  },
  RIGHT_6_VCL_LETTER: {
    what: "Send the CPS Victim Communication and Liaison letter (Right 6)",
    source: "VICTIMS_CODE",
    owedBy: ["CPS"],
    startsWhen: "the CPS decides not to charge, to discontinue, or to substantially alter a charge",
    workingDays: { standard: 5, enhanced: 1 },
  },
  RIGHT_8_HEARING_DETAILS: {
    what: "Tell the victim the hearing date, time and place (Right 8)",
    source: "VICTIMS_CODE",
    owedBy: ["POLICE_WCU"],
    startsWhen: "the Witness Care Unit receives the hearing details",
    workingDays: { standard: 1, enhanced: 1 },
  },
  RIGHT_8_BAIL_OUTCOME: {
    what: "Tell the victim the court's bail decision (Right 8)",
    source: "VICTIMS_CODE",
    owedBy: ["POLICE_WCU"],
    startsWhen: "the Witness Care Unit receives the bail outcome from the court",
    workingDays: { standard: 5, enhanced: 1 },
  },
  RIGHT_9_OUTCOME_AND_SENTENCE: {
    what: "Tell the victim the outcome and sentence, with an explanation (Right 9)",
    source: "VICTIMS_CODE",
    owedBy: ["POLICE_WCU"],
    startsWhen: "the Witness Care Unit receives the outcome or sentence from the court",
    workingDays: { standard: 1, enhanced: 1 },
  },
  // Not an agency's duty: the victim's window to ask for a review of the decision (VRR), from
  // being told of it. Each scheme's window is data in review-schemes.ts (the CPS's 10 working
  // days, the police's 3 months); the working days here are the CPS's, for reference only.
  VRR_REQUEST_WINDOW: {
    what: "Window for the victim to ask for a review of the decision (Victims' Right to Review)",
    source: "VICTIMS_CODE",
    owedBy: [],
    startsWhen: "the victim is told of a decision not to charge, to discontinue or to offer no evidence, or of police no further action",
    workingDays: { standard: 10, enhanced: 10 },
  },
};

/** The decisions a victim may ask to have reviewed (VRR), under either scheme. */
export const REVIEWABLE_DECISIONS: readonly CaseUpdateType[] = Object.values(REVIEW_SCHEMES).flatMap((scheme) => scheme.decisions);

/** The deadline: the end of the last working day allowed, London time. */
export function dueDateFor(duty: DutyName, clockStart: Date, enhanced: boolean): Date {
  const { standard, enhanced: short } = DUTIES[duty].workingDays;
  return addWorkingDays(clockStart, enhanced ? short : standard);
}

/** Which of a case update's times starts the clock. */
export type ClockStartField = "occurredAt" | "receivedAt";

export interface StartedDuty {
  duty: DutyName;
  clockStartsAt: ClockStartField;
}

// Police and CPS clocks start at their own event; Witness Care Unit clocks start when the WCU
// receives the court's news, not at the hearing (a hearing listed on Monday and received on
// Wednesday is due from Wednesday).
const POLICE_UPDATE: StartedDuty = { duty: "RIGHT_6_POLICE_UPDATE", clockStartsAt: "occurredAt" };
const VCL_LETTER: StartedDuty = { duty: "RIGHT_6_VCL_LETTER", clockStartsAt: "occurredAt" };
const HEARING_DETAILS: StartedDuty = { duty: "RIGHT_8_HEARING_DETAILS", clockStartsAt: "receivedAt" };
const COURT_BAIL: StartedDuty = { duty: "RIGHT_8_BAIL_OUTCOME", clockStartsAt: "receivedAt" };
const OUTCOME: StartedDuty = { duty: "RIGHT_9_OUTCOME_AND_SENTENCE", clockStartsAt: "receivedAt" };

// Every update type is decided here: a new one fails the typecheck until someone decides.
const STARTED_BY: Record<Exclude<CaseUpdateType, "BAIL_CONDITIONS_CHANGED">, readonly StartedDuty[]> = {
  SUSPECT_ARRESTED: [POLICE_UPDATE],
  SUSPECT_INTERVIEWED: [POLICE_UPDATE],
  SUSPECT_BAILED: [POLICE_UPDATE],
  SUSPECT_RELEASED_UNDER_INVESTIGATION: [POLICE_UPDATE],
  // Decided from the Code: the police tell her when a suspect is charged, on the same clock
  // as their other investigation updates (Right 6: 5 working days, 1 with Enhanced Rights),
  // as GOV.UK's summary of the Code says; the police owe it even when the CPS decided to charge.
  SUSPECT_CHARGED: [POLICE_UPDATE],
  // Released without charge, or a decision not to investigate. The VRR window starts later,
  // when the victim is told: a ledger contact that reached her and answers this update starts
  // it (statutory-clocks/start-review-window.ts), not the update itself.
  POLICE_NO_FURTHER_ACTION: [POLICE_UPDATE],
  CPS_DECISION_NOT_TO_CHARGE: [VCL_LETTER],
  CPS_DISCONTINUED: [VCL_LETTER],
  CPS_CHARGE_ALTERED: [VCL_LETTER],
  // A moved or vacated hearing changes the date, time and place the victim was given.
  HEARING_LISTED: [HEARING_DETAILS],
  HEARING_MOVED: [HEARING_DETAILS],
  HEARING_VACATED: [HEARING_DETAILS],
  // No timed duty for special measures decisions in the domain doc (check).
  SPECIAL_MEASURES_OUTCOME: [],
  VERDICT: [OUTCOME],
  SENTENCE: [OUTCOME],
  PROGRESS_NOTE: [],
};

/**
 * The duties a case update starts, and which of its times starts each clock. A bail change
 * needs the kind of organisation that recorded it: the police record police bail (Right 6,
 * from the change), the WCU or CPS record court bail (Right 8, from receipt).
 */
export function dutiesStartedBy(updateType: Exclude<CaseUpdateType, "BAIL_CONDITIONS_CHANGED">, recordedBy?: OrganisationKind): readonly StartedDuty[];
export function dutiesStartedBy(updateType: CaseUpdateType, recordedBy: OrganisationKind): readonly StartedDuty[];
export function dutiesStartedBy(updateType: CaseUpdateType, recordedBy?: OrganisationKind): readonly StartedDuty[] {
  if (updateType !== "BAIL_CONDITIONS_CHANGED") return STARTED_BY[updateType];
  if (!recordedBy) throw new Error("Say who recorded the bail change: police bail and court bail have different clocks.");
  return recordedBy === "POLICE" ? [POLICE_UPDATE] : [COURT_BAIL];
}

/**
 * The duty a court result starts: the WCU tells her the outcome or sentence (Right 9), the
 * court's bail decision, or the new date of an adjourned hearing (Right 8), from receipt.
 */
export const DUTY_FOR_COURT_RESULT: Readonly<Record<CourtResultKind, StartedDuty>> = {
  OUTCOME: OUTCOME,
  BAIL_DECISION: COURT_BAIL,
  ADJOURNED: HEARING_DETAILS,
};
