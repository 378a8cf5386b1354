// What happens next at each stage, in the words a victim should hear: plain, calm, with any
// legal term explained. These sentences pass the plain-language check (see its test).
import type { CaseStage } from "@hub/db";

export const WHAT_HAPPENS_NEXT: Record<CaseStage, string> = {
  REPORTED: "The police will look into what you told them and will let you know what happens next.",
  UNDER_INVESTIGATION: "The police are still looking into what happened. They will tell you when there is news, such as an arrest or a decision.",
  CHARGING_DECISION: "The people who decide whether the case goes to court are looking at the evidence. The police will tell you their decision.",
  CHARGED: "The person has been charged, which means they will have to answer the allegation in court. You will be told each court date.",
  AWAITING_TRIAL: "The case is waiting for the trial to start. Your witness care officer will keep in touch and help you get ready.",
  TRIAL: "The trial has started. Your witness care officer will tell you the result as soon as it is known.",
  VERDICT: "The court has made its decision. If the court still has to decide the punishment, you will be told the date and the outcome.",
  SENTENCED: "The court has decided the punishment. You can ask anyone supporting you what it means for you.",
  NO_FURTHER_ACTION: "It has been decided not to take the case any further for now. This does not mean you were not believed. You can ask for this decision to be looked at again by someone new.",
  DISCONTINUED: "The case has been stopped. You can ask for this decision to be looked at again by a different lawyer.",
  CLOSED: "The case has finished. The services supporting you are still there if you want to talk.",
};

/**
 * While her window to ask for a review of a decision not to charge, to stop the case or to
 * take no further action is open (the VRR_REQUEST_WINDOW clock): the last day to ask, and
 * that she need not do it alone. "Right to review" itself is legal jargon, so it is not named.
 */
export const rightToReviewSentence = (lastDay: string) =>
  `If you disagree with this decision, you can ask for it to be reviewed. Please ask by ${lastDay}; your named contact can help you do this.`;
