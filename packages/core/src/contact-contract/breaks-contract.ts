// Does a contact break how the victim asked to be contacted? For someone fleeing an abuser,
// a letter to the home address or a voicemail on a shared phone can be dangerous, so the hub
// refuses to record such a contact as made, and says why in plain words.
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

export function contactBreaksContract(
  contract: Pick<VictimContactContract, "refusedChannels" | "safeDays" | "safeFrom" | "safeUntil" | "noVoicemail" | "noLettersToHome">,
  contact: { channel: ContactChannel; at: Date; outcome: ContactOutcome },
): string | null {
  // Recording that contact was not attempted because it was unsafe is always allowed.
  if (contact.outcome === "NOT_ATTEMPTED_UNSAFE") return null;
  if (contract.refusedChannels.includes(contact.channel)) return `The victim has asked not to be contacted ${CHANNEL_WORDS[contact.channel]}.`;
  if (contact.channel === "LETTER" && contract.noLettersToHome) return "The victim has asked for no letters to be sent to her home.";
  if (contact.channel === "PHONE" && contact.outcome === "MESSAGE_LEFT" && contract.noVoicemail) return "The victim has asked for no voicemail messages to be left.";
  // Times only matter when the contact happens then: letters and emails are read later.
  if (contact.channel === "PHONE" || contact.channel === "SMS" || contact.channel === "FACE_TO_FACE") {
    const { weekday, time } = londonClock(contact.at);
    if (contract.safeDays.length > 0 && !contract.safeDays.includes(weekday)) {
      return `The victim has said it is only safe to contact her on ${contract.safeDays.map((d) => DAY_NAMES[d]).join(", ")}.`;
    }
    if (contract.safeFrom && contract.safeUntil && (time < contract.safeFrom || time >= contract.safeUntil)) {
      return `The victim has said it is only safe to contact her between ${contract.safeFrom} and ${contract.safeUntil}.`;
    }
  }
  return null;
}
