import { inPlainWords, listInWords } from "../../app/words";

const offenceLabels: Record<string, string> = {
  SEXUAL_OFFENCE: "Sexual offence",
  DOMESTIC_ABUSE: "Domestic abuse",
  HATE_CRIME: "Hate crime",
  STALKING_HARASSMENT: "Stalking or harassment",
  HOMICIDE: "Homicide",
  MODERN_SLAVERY: "Modern slavery",
  ASSAULT: "Assault",
  ROBBERY: "Robbery",
  BURGLARY: "Burglary",
  FRAUD: "Fraud",
  CRIMINAL_DAMAGE: "Criminal damage",
  OTHER: "Other",
};

const stageLabels: Record<string, string> = {
  REPORTED: "Reported to police",
  UNDER_INVESTIGATION: "Under investigation",
  CHARGING_DECISION: "With CPS for a charging decision",
  CHARGED: "Charged",
  NO_FURTHER_ACTION: "No further action",
  DISCONTINUED: "Discontinued",
  AWAITING_TRIAL: "Awaiting trial",
  TRIAL: "At trial",
  VERDICT: "Verdict given",
  SENTENCED: "Sentenced",
  CLOSED: "Closed",
};

export function offenceInWords(category: string): string {
  return inPlainWords(offenceLabels, category);
}

export function stageInWords(stage: string): string {
  return inPlainWords(stageLabels, stage);
}

// Cases are in England and Wales, so show the date as it was in London:
// a case opened at 00:30 BST must not appear as the day before on a
// computer whose clock is set to UTC.
const dateFormat = new Intl.DateTimeFormat("en-GB", {
  day: "numeric",
  month: "long",
  year: "numeric",
  timeZone: "Europe/London",
});

/** "2026-03-03T10:15:00.000Z" -> "3 March 2026" */
export function dateInWords(isoDate: string): string {
  const date = new Date(isoDate);
  return Number.isNaN(date.getTime()) ? isoDate : dateFormat.format(date);
}

const timeFormat = new Intl.DateTimeFormat("en-GB", {
  hour: "numeric",
  minute: "2-digit",
  hour12: true,
  timeZone: "Europe/London",
});

/** "2026-03-03T14:15:00.000Z" -> "3 March 2026 at 2:15pm" (London time) */
export function dateTimeInWords(isoDate: string): string {
  const date = new Date(isoDate);
  if (Number.isNaN(date.getTime())) return isoDate;
  const time = timeFormat.format(date).replace(/\s/g, "").toLowerCase();
  return `${dateFormat.format(date)} at ${time}`;
}

const channelLabels: Record<string, string> = {
  EMAIL: "Email",
  FACE_TO_FACE: "Face to face",
  LETTER: "Letter",
  PHONE: "Phone call",
  SMS: "Text message",
  THROUGH_ADVOCATE: "Through her advocate",
};

export const CHANNELS = Object.keys(channelLabels);

export function channelInWords(channel: string): string {
  return inPlainWords(channelLabels, channel);
}

const outcomeLabels: Record<string, string> = {
  REACHED: "Spoke to her (reached)",
  SENT: "Sent",
  MESSAGE_LEFT: "Left a message",
  NO_ANSWER: "No answer",
  FAILED: "Could not be delivered",
  NOT_ATTEMPTED_UNSAFE: "Not attempted: not safe to contact",
};

export const OUTCOMES = Object.keys(outcomeLabels);

export function outcomeInWords(outcome: string): string {
  return inPlainWords(outcomeLabels, outcome);
}

const clockStatusLabels: Record<string, string> = {
  BREACHED: "Overdue",
  OPEN: "Due",
  MET: "Done on time",
  MET_LATE: "Done late",
  // The victim's own window to ask for a review: nobody owes it, so it is never overdue.
  WINDOW_OPEN: "She can ask for a review",
  WINDOW_CLOSED: "Review window closed",
};

export function clockStatusInWords(status: string): string {
  return inPlainWords(clockStatusLabels, status);
}

const dutyLabels: Record<string, string> = {
  RIGHT_4_REFERRAL: "Right 4: refer her to support services",
  REFERRAL_ACKNOWLEDGEMENT: "Service standard: answer a referral",
  RIGHT_6_POLICE_UPDATE: "Right 6: police update on the investigation",
  RIGHT_6_VCL_LETTER: "Right 6: letter explaining a decision",
  RIGHT_8_HEARING_DETAILS: "Right 8: tell her about a court hearing",
  RIGHT_8_BAIL_OUTCOME: "Right 8: tell her about bail",
  RIGHT_9_OUTCOME_AND_SENTENCE: "Right 9: tell her the outcome and sentence",
  VRR_REQUEST_WINDOW: "Victims' Right to Review: her window to ask",
};

/** A right or standard in words; a local standard by the name the hub gives it (`what`), else as a local standard. */
export function dutyInWords(duty: string, what?: string | null): string {
  if (duty.startsWith("LOCAL:")) return what ? `Local standard: ${what.replace(/ \(local service standard\)$/, "")}` : "A local service standard";
  return inPlainWords(dutyLabels, duty);
}

const taskStatusLabels: Record<string, string> = {
  OPEN: "To do",
  ESCALATED: "Escalated",
  DONE: "Done",
};

export function taskStatusInWords(status: string): string {
  return inPlainWords(taskStatusLabels, status);
}

const referralStatusLabels: Record<string, string> = {
  REQUESTED: "New request",
  RECEIVED: "Received",
  ACCEPTED: "Accepted",
  REJECTED: "Rejected",
  IN_PROGRESS: "In progress",
  ON_HOLD: "On hold",
  COMPLETED: "Completed",
  CANCELLED: "Cancelled",
  FAILED: "Could not be completed",
};

export function referralStatusInWords(status: string): string {
  return inPlainWords(referralStatusLabels, status);
}

const urgencyLabels: Record<string, string> = {
  EMERGENCY: "Emergency",
  URGENT: "Urgent",
  ROUTINE: "Routine",
};

export const URGENCIES = ["ROUTINE", "URGENT", "EMERGENCY"];

export function urgencyInWords(urgency: string): string {
  return inPlainWords(urgencyLabels, urgency);
}

const categoryLabels: Record<string, string> = {
  CASE_PROGRESS: "How the case is going",
  CONTACT_DETAILS: "Contact details",
  IDENTITY: "Who she is (name, date of birth)",
  NEEDS_AND_VULNERABILITIES: "Needs and vulnerabilities",
  SAFE_CONTACT_RULES: "How she wants to be contacted",
  SPECIAL_CATEGORY: "Special category information (health, ethnicity and similar)",
};

export function categoryInWords(category: string): string {
  return inPlainWords(categoryLabels, category);
}

const purposeLabels: Record<string, string> = {
  AUDIT: "Audit",
  COMPLIANCE_MONITORING: "Checking Victims' Code compliance",
  KEEPING_VICTIM_INFORMED: "Keeping her informed",
  LAW_ENFORCEMENT: "Law enforcement",
  REFERRAL: "Referral",
  SAFEGUARDING: "Safeguarding",
  SUBJECT_ACCESS: "Subject access request",
  SUPPORT_AND_ADVOCACY: "Support and advocacy",
};

export function purposeInWords(purpose: string): string {
  return inPlainWords(purposeLabels, purpose);
}

const kindLabels: Record<string, string> = {
  POLICE_WCU: "Witness Care Units",
  POLICE: "Police forces",
  CPS: "The CPS",
  ISVA_SERVICE: "ISVA services",
  IDVA_SERVICE: "IDVA services",
  VICTIM_SUPPORT_CHARITY: "Victim support charities",
  OTHER: "Other organisations",
};

export function organisationKindInWords(kind: string): string {
  return inPlainWords(kindLabels, kind);
}

const updateTypeLabels: Record<string, string> = {
  SUSPECT_ARRESTED: "Suspect arrested",
  SUSPECT_INTERVIEWED: "Suspect interviewed",
  SUSPECT_BAILED: "Suspect released on bail",
  SUSPECT_RELEASED_UNDER_INVESTIGATION: "Suspect released while police investigate",
  BAIL_CONDITIONS_CHANGED: "Bail conditions changed",
  SUSPECT_CHARGED: "Suspect charged",
  CPS_CHARGE_ALTERED: "CPS changed the charge",
  CPS_DECISION_NOT_TO_CHARGE: "CPS decided not to charge",
  CPS_DISCONTINUED: "CPS stopped the case",
  POLICE_NO_FURTHER_ACTION: "Police taking no further action",
  HEARING_LISTED: "Court hearing set",
  HEARING_MOVED: "Court hearing moved",
  HEARING_VACATED: "Court hearing cancelled",
  SPECIAL_MEASURES_OUTCOME: "Decision on special measures",
  VERDICT: "Verdict",
  SENTENCE: "Sentence",
  PROGRESS_NOTE: "Progress note",
};

export function updateTypeInWords(type: string): string {
  return inPlainWords(updateTypeLabels, type);
}

const frequencyLabels: Record<string, string> = {
  EVERY_WEEK: "Every week",
  EVERY_2_WEEKS: "Every 2 weeks",
  EVERY_4_WEEKS: "Every 4 weeks",
  ONLY_WHEN_SOMETHING_HAPPENS: "Only when something happens",
};

export function frequencyInWords(frequency: string): string {
  return inPlainWords(frequencyLabels, frequency);
}

const givenByLabels: Record<string, string> = {
  VICTIM: "She gave it herself",
  PARENT_OR_GUARDIAN: "Her parent or guardian",
  OTHER_REPRESENTATIVE: "Someone representing her",
};

export function givenByInWords(givenBy: string): string {
  return inPlainWords(givenByLabels, givenBy);
}

const weekdays = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

/** ISO weekdays (1 = Monday) -> "Monday, Wednesday and Friday"; empty -> "Any day" */
export function safeDaysInWords(days: readonly number[]): string {
  if (days.length === 0) return "Any day";
  const names = [...days].sort((a, b) => a - b).map((d) => weekdays[d - 1] ?? `Day ${d}`);
  return new Intl.ListFormat("en-GB", { style: "long", type: "conjunction" }).format(names);
}

/** "09:00" -> "9am", "17:30" -> "5:30pm" */
export function clockTimeInWords(time: string): string {
  const match = /^(\d{1,2}):(\d{2})/.exec(time);
  if (!match) return time;
  const hours = Number(match[1]);
  const minutes = match[2]!;
  const suffix = hours >= 12 ? "pm" : "am";
  const twelve = hours % 12 === 0 ? 12 : hours % 12;
  return minutes === "00" ? `${twelve}${suffix}` : `${twelve}:${minutes}${suffix}`;
}

const actionLabels: Record<string, string> = {
  CONSULTATION: "Looked at",
  DISCLOSURE: "Shared with another organisation",
  COLLECTION: "Recorded new information",
  ALTERATION: "Changed",
  COMBINATION: "Combined with other records",
  ERASURE: "Deleted",
  DENIED: "Tried to look, and was refused",
};

export function auditActionInWords(action: string): string {
  return inPlainWords(actionLabels, action);
}

/**
 * One deadline in words. The victim's own window to ask for a review (no agency owes it) is
 * never overdue: it is open until its last day, then closed.
 */
export function clockInWords(clock: { duty: string; what?: string | null; status: string; dueAt: string; satisfiedAt: string | null; owedByKind?: string | null }): string {
  if (clock.owedByKind === null || clock.status === "WINDOW_OPEN" || clock.status === "WINDOW_CLOSED") {
    const closed = clock.status === "WINDOW_CLOSED" || (clock.status !== "WINDOW_OPEN" && Date.parse(clock.dueAt) < Date.now());
    return `Her window to ask for a review of the decision: ${closed ? "closed on" : "open until"} ${dateInWords(clock.dueAt)}`;
  }
  return `${dutyInWords(clock.duty, clock.what)}, due ${dateInWords(clock.dueAt)}${clock.satisfiedAt ? `, done ${dateInWords(clock.satisfiedAt)}` : ""}`;
}

/** The status tag's tone for a deadline: her review window is neutral, never a problem. */
export function clockTone(status: string): "problem" | "due" | "neutral" | "done" {
  if (status === "WINDOW_OPEN" || status === "WINDOW_CLOSED") return "neutral";
  return status === "BREACHED" ? "problem" : status === "OPEN" ? "due" : "done";
}

/** Every kind of information a referral can carry, in the order the form offers them. */
export const DATA_CATEGORIES = Object.keys(categoryLabels);

const groundLabels: Record<string, string> = {
  MOST_SERIOUS_CRIME: "Victim of the most serious crime",
  VULNERABLE_OR_INTIMIDATED: "Vulnerable or intimidated",
  PERSISTENTLY_TARGETED: "Persistently targeted",
  UNDER_18: "Under 18",
  BEREAVED: "Close relative bereaved by crime",
};

export const ENHANCED_RIGHTS_GROUNDS = Object.keys(groundLabels);

export function groundInWords(ground: string): string {
  return inPlainWords(groundLabels, ground);
}

const tierLabels: Record<string, string> = {
  STANDARD: "Standard",
  ENHANCED: "Enhanced",
  INTENSIVE: "Intensive",
};

export const SERVICE_TIERS = Object.keys(tierLabels);

export function serviceTierInWords(tier: string): string {
  return inPlainWords(tierLabels, tier);
}

/** Her Enhanced Rights in one sentence: whether she has them, on what grounds, and her service tier. */
export function enhancedRightsInWords(a: { eligible: boolean; grounds: readonly string[]; serviceTier: string; raisedAtVictimsWish: boolean }): string {
  const rights = a.eligible && a.grounds.length ? `She has Enhanced Rights: ${listInWords(a.grounds.map((g) => groundInWords(g).toLowerCase()))}.` : "She does not have Enhanced Rights.";
  return `${rights} Service tier: ${serviceTierInWords(a.serviceTier).toLowerCase()}${a.raisedAtVictimsWish ? ", raised at her wish" : ""}.`;
}

/** Where a referral on the case stands, and whether she agreed it may be told in the agreed message. */
export function referralInWords(r: { status: string; urgency: string; createdAt: string; shares: readonly string[]; outcomeInAgreedMessage: boolean }, to: string): string {
  const carried = r.shares.length ? `Shared: ${listInWords(r.shares.map((c) => categoryInWords(c).toLowerCase()))}.` : "No information about her was shared.";
  const told = r.outcomeInAgreedMessage ? " She agreed that where it stands may be told in the agreed message." : "";
  return `To ${to} (${urgencyInWords(r.urgency).toLowerCase()}), made ${dateInWords(r.createdAt)}. ${carried}${told}`;
}
