// What happens next at each stage, in the words a victim should hear: plain, calm, with any
// legal term explained. These sentences pass the plain-language check (see its test).
import type { CaseStage } from "@hub/db";

/**
 * Where things stand at each stage, when nothing more particular can be said: the first
 * sentence of the agreed message. Never the same words as what happens next.
 */
export const WHERE_THINGS_STAND: Record<CaseStage, string> = {
  REPORTED: "You have told the police what happened.",
  UNDER_INVESTIGATION: "The police are looking into what happened.",
  CHARGING_DECISION: "The police have asked for a decision on whether the case should go to court.",
  CHARGED: "The person has been charged. This means they have been formally accused of the crime. The case will now go to court.",
  AWAITING_TRIAL: "The case is going to trial.",
  TRIAL: "The trial has started.",
  VERDICT: "The court has decided whether the person is guilty.",
  SENTENCED: "The court has decided the person's punishment.",
  NO_FURTHER_ACTION: "The case is not going any further for now.",
  DISCONTINUED: "The case has been stopped.",
  CLOSED: "The case has finished.",
};

/**
 * Said instead of the bail update's own words when those words are held back: that there
 * are conditions, and who can tell her what they are.
 */
export const BAIL_FALLBACK =
  "The person is on bail. This means they are free for now, but must keep to rules the police or court have set. Your named contact can tell you what the rules are.";

/** Said instead of the court's own words for a result when those are held back. */
export const courtResultFallback = (hearing: string, day: string) => `The court has given its result from the ${hearing} on ${day}. Your named contact can explain what it means for you.`;

/** A hearing that has happened, with no result yet. */
export const awaitingResultSentence = (hearing: string, day: string) => `We are waiting for the court's result from the ${hearing} on ${day}. You will be told as soon as it is known.`;

export const WHAT_HAPPENS_NEXT: Record<CaseStage, string> = {
  REPORTED: "The police will look into what you told them and will let you know what happens next.",
  UNDER_INVESTIGATION: "The police are still looking into what happened. They will tell you when there is news, such as an arrest or a decision.",
  CHARGING_DECISION: "The people who decide whether the case goes to court are looking at the evidence. The police will tell you their decision.",
  CHARGED: "Your witness care officer will tell you the date of each court hearing, and help you get ready.",
  AWAITING_TRIAL: "Your witness care officer will keep in touch and help you get ready for the trial.",
  TRIAL: "Your witness care officer will tell you the result as soon as it is known.",
  VERDICT: "If the court still has to decide the punishment, you will be told the date and the outcome.",
  SENTENCED: "You can ask anyone supporting you what the punishment means for you.",
  NO_FURTHER_ACTION: "This does not mean you were not believed. You can ask for this decision to be looked at again by someone new.",
  DISCONTINUED: "You can ask for this decision to be looked at again by a different lawyer.",
  CLOSED: "The services supporting you are still there if you want to talk.",
};

/**
 * While her window to ask for a review of a decision not to charge, to stop the case or to
 * take no further action is open (the VRR_REQUEST_WINDOW clock): the last day to ask, and
 * that she need not do it alone. "Right to review" itself is legal jargon, so it is not named.
 */
export const rightToReviewSentence = (lastDay: string) =>
  `If you disagree with this decision, you can ask for it to be reviewed. Please ask by ${lastDay}; your named contact can help you do this.`;
