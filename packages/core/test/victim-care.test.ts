import { contactBreaksContract, suggestEnhancedRightsGrounds } from "@hub/core";
import { describe, expect, it } from "vitest";

const contract = { refusedChannels: ["EMAIL" as const], safeDays: [1, 2, 3, 4, 5], safeFrom: "09:00", safeUntil: "17:00", noVoicemail: true, noLettersToHome: true };

describe("contact contract check", () => {
  it.each([
    ["a refused channel", { channel: "EMAIL", at: "2026-06-10T10:00:00Z", outcome: "SENT" }, "The victim has asked not to be contacted by email."],
    ["a letter to her home", { channel: "LETTER", at: "2026-06-10T10:00:00Z", outcome: "SENT" }, "The victim has asked for no letters to be sent to her home."],
    ["a voicemail", { channel: "PHONE", at: "2026-06-10T10:00:00Z", outcome: "MESSAGE_LEFT" }, "The victim has asked for no voicemail messages to be left."],
    ["a Sunday call", { channel: "PHONE", at: "2026-06-14T10:00:00Z", outcome: "REACHED" }, "The victim has said it is only safe to contact her on Monday, Tuesday, Wednesday, Thursday, Friday."],
    // 16:30 UTC in June is 17:30 in London (BST): outside 09:00-17:00.
    ["a summer call after safe hours, in London time", { channel: "SMS", at: "2026-06-10T16:30:00Z", outcome: "SENT" }, "The victim has said it is only safe to contact her between 09:00 and 17:00."],
  ] as const)("refuses %s", (_label, contact, why) => {
    expect(contactBreaksContract(contract, { ...contact, at: new Date(contact.at) })).toBe(why);
  });

  it.each([
    ["a weekday call in safe hours", { channel: "PHONE", at: "2026-06-10T15:30:00Z", outcome: "REACHED" }],
    // 16:30 UTC in January is 16:30 in London (GMT): inside.
    ["a winter text at 16:30", { channel: "SMS", at: "2026-01-14T16:30:00Z", outcome: "SENT" }],
    ["recording that contact was not attempted because it was unsafe", { channel: "EMAIL", at: "2026-06-14T22:00:00Z", outcome: "NOT_ATTEMPTED_UNSAFE" }],
  ] as const)("allows %s", (_label, contact) => {
    expect(contactBreaksContract(contract, { ...contact, at: new Date(contact.at) })).toBeNull();
  });
});

describe("Enhanced Rights suggestions from case facts", () => {
  const today = new Date("2026-11-28T12:00:00Z");
  it.each([
    ["SEXUAL_OFFENCE", null, ["MOST_SERIOUS_CRIME"]],
    ["HOMICIDE", null, ["BEREAVED"]],
    ["STALKING_HARASSMENT", null, ["PERSISTENTLY_TARGETED"]],
    ["BURGLARY", "2010-01-01", ["UNDER_18"]],
    ["BURGLARY", "2008-11-28", []],
    ["DOMESTIC_ABUSE", "2012-05-05", ["MOST_SERIOUS_CRIME", "UNDER_18"]],
  ] as const)("%s, born %s", (offence, dob, grounds) => {
    expect(suggestEnhancedRightsGrounds({ offenceCategory: offence, dateOfBirth: dob ? new Date(dob) : null }, today)).toEqual(grounds);
  });
});
