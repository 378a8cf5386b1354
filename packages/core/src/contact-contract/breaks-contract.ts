// Does a contact break how the victim asked to be contacted? For someone fleeing an abuser,
// a letter to the home address or a voicemail on a shared phone can be dangerous, so the hub
// says, before it is made, every way it would not fit what she agreed, in plain words. A
// contact that has already happened is recorded anyway, flagged with why (ledger/record-contact.ts).
import type { ContactChannel, ContactOutcome, VictimContactContract } from "@hub/db";
import { londonWeekdayAndTime } from "../clocks/london-days.js";

const CHANNEL_WORDS: Record<ContactChannel, string> = {
  PHONE: "by phone",
  SMS: "by text message",
  EMAIL: "by email",
  LETTER: "by letter",
  FACE_TO_FACE: "face to face",
  THROUGH_ADVOCATE: "through their advocate",
};
const DAY_NAMES = ["", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

/** London weekday (1 = Monday) and "HH:MM" of an instant. */
const londonClock = londonWeekdayAndTime;

/** The rules of her agreement a contact can fail to fit, by name (stored on the contact: never their values). */
export type ContactRule = "REFUSED_CHANNEL" | "NO_LETTERS_TO_HOME" | "NO_VOICEMAIL" | "SAFE_DAYS" | "SAFE_HOURS";

export interface ContactBreach {
  rule: ContactRule;
  /** What her agreement says, in plain words, for her contact circle only. */
  message: string;
}

type ContractRules = Pick<VictimContactContract, "refusedChannels" | "safeDays" | "safeFrom" | "safeUntil" | "noVoicemail" | "noLettersToHome">;

/** Every rule of her agreement this contact does not fit, all at once (none: it fits). */
export function contactBreaches(contract: ContractRules, contact: { channel: ContactChannel; at: Date; outcome: ContactOutcome }): ContactBreach[] {
  // Recording that contact was not attempted because it was unsafe is always allowed.
  if (contact.outcome === "NOT_ATTEMPTED_UNSAFE") return [];
  const breaches: ContactBreach[] = [];
  if (contract.refusedChannels.includes(contact.channel)) breaches.push({ rule: "REFUSED_CHANNEL", message: `The victim has asked not to be contacted ${CHANNEL_WORDS[contact.channel]}.` });
  if (contact.channel === "LETTER" && contract.noLettersToHome) breaches.push({ rule: "NO_LETTERS_TO_HOME", message: "The victim has asked for no letters to be sent to her home." });
  if (contact.channel === "PHONE" && contact.outcome === "MESSAGE_LEFT" && contract.noVoicemail) breaches.push({ rule: "NO_VOICEMAIL", message: "The victim has asked for no voicemail messages to be left." });
  // Times only matter when the contact happens then: letters and emails are read later.
  if (contact.channel === "PHONE" || contact.channel === "SMS" || contact.channel === "FACE_TO_FACE") {
    const { weekday, time } = londonClock(contact.at);
    if (contract.safeDays.length > 0 && !contract.safeDays.includes(weekday)) {
      breaches.push({ rule: "SAFE_DAYS", message: `The victim has said it is only safe to contact her on ${contract.safeDays.map((d) => DAY_NAMES[d]).join(", ")}.` });
    }
    if (contract.safeFrom && contract.safeUntil && (time < contract.safeFrom || time >= contract.safeUntil)) {
      breaches.push({ rule: "SAFE_HOURS", message: `The victim has said it is only safe to contact her between ${contract.safeFrom} and ${contract.safeUntil}.` });
    }
  }
  return breaches;
}

/** The first rule this contact does not fit, in words, or null when it fits. */
export function contactBreaksContract(contract: ContractRules, contact: { channel: ContactChannel; at: Date; outcome: ContactOutcome }): string | null {
  return contactBreaches(contract, contact)[0]?.message ?? null;
}
