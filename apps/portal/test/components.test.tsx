// Component tests: the portal's presentational components rendered by React itself
// (react-dom/server), checked for what a caseworker must be able to read. Interaction is
// tested in a real browser (tests/smoke/portal-*.test.ts); these pin down the words.
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { StatusTag } from "../src/app/StatusTag";
import { type ContactContract, ContactContractPanel } from "../src/features/case/ContactContractPanel";
import type { ServiceResult } from "../src/features/directory/directoryQueries";
import { ServiceCard } from "../src/features/directory/ServiceCard";

/** The text a screen reader reads: markup gone, aria-hidden parts gone. */
function readOut(html: string): string {
  return html
    .replace(/<([a-z]+)[^>]*aria-hidden="true"[^>]*>.*?<\/\1>/g, "")
    .replace(/<[^>]+>/g, " ")
    .replace(/&#x27;/g, "'")
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ")
    .trim();
}

describe("StatusTag", () => {
  it("says the status in words; the icon is decoration hidden from screen readers", () => {
    const html = renderToStaticMarkup(<StatusTag tone="problem">Overdue</StatusTag>);
    expect(readOut(html)).toBe("Overdue");
    expect(html).toContain('aria-hidden="true"');
    expect(html).toContain("status-tag-problem");
  });
});

const contract: ContactContract = {
  agreedAt: "2026-03-03T10:00:00.000Z",
  channels: ["PHONE", "EMAIL"],
  refusedChannels: ["LETTER"],
  safeDays: [1, 2, 3],
  safeFrom: "10:00",
  safeUntil: "14:00",
  noVoicemail: true,
  neverFromWithheldNumber: true,
  noLettersToHome: true,
  codeword: "bluebell",
  language: "Polish",
  interpreterNeeded: true,
  accessibilityNeeds: null,
  detailLevel: "FULL",
  updateFrequency: "EVERY_2_WEEKS",
  version: 2,
};

describe("ContactContractPanel", () => {
  it("puts every safe-contact rule in words, under its heading", () => {
    const text = readOut(renderToStaticMarkup(<ContactContractPanel contract={contract} agreement="AGREED" headingId="contract" />));
    expect(text).toContain("How she wants to be contacted");
    for (const rule of ["Do not leave voicemail", "Never call from a withheld number", "No letters to her home", "bluebell"]) expect(text).toContain(rule);
    expect(text).toMatch(/10(:00)?\s*am/i);
  });

  it("tells someone outside her contact circle not to contact her directly, and shows no rules", () => {
    const text = readOut(renderToStaticMarkup(<ContactContractPanel contract={null} agreement="NOT_SHOWN" headingId="contract" />));
    expect(text).toContain("You are not in her contact circle.");
    expect(text).toContain("Do not contact her directly");
    expect(text).not.toContain("voicemail");
  });

  it("says plainly when she has no agreement yet, and asks for one, rather than forbidding contact", () => {
    const text = readOut(renderToStaticMarkup(<ContactContractPanel contract={null} agreement="NONE" headingId="contract" />));
    expect(text).toContain("She has not agreed how she wants to be contacted yet.");
    expect(text).not.toContain("Do not contact her directly");
    expect(text).not.toContain("contact circle");
  });
});

const refuge: ServiceResult = {
  id: "5d1c2f5e-0000-4000-8000-000000000001",
  name: "Safe Steps refuge",
  description: "Safe accommodation for women and children escaping domestic abuse.",
  organisationName: "Safe Steps",
  url: null,
  email: "referrals@safe-steps.example.org",
  eligibilityDescription: null,
  minimumAge: 16,
  maximumAge: null,
  waitTime: null,
  selfReferral: true,
  professionalReferral: true,
  acceptingReferrals: false,
  alert: "Not accepting referrals until 3 March",
  capacityNote: null,
  lastVerifiedAt: "2026-10-01T09:00:00.000Z",
  languages: ["English"],
  distanceKm: null,
  openNow: null,
  nextOpening: null,
  openingTimes: [],
  phones: [{ number: "0113 496 0000", description: null }],
  locations: [{ id: "x", name: null, locationType: "physical", address1: null, city: null, postalCode: null, confidential: true, phones: [] }],
};

describe("ServiceCard", () => {
  it("never shows where a confidential location is, and says so in words", () => {
    const text = readOut(renderToStaticMarkup(<ServiceCard service={refuge} searchedByPostcode={true} now={new Date("2026-11-30T10:00:00Z")} />));
    expect(text).toContain("Confidential address");
    expect(text).toContain("Never pass its address on.");
    expect(text).not.toMatch(/\bkm\b|miles? away/i);
  });

  it("says in words that a service is not accepting referrals, with its own notice", () => {
    const text = readOut(renderToStaticMarkup(<ServiceCard service={refuge} searchedByPostcode={false} now={new Date("2026-11-30T10:00:00Z")} />));
    expect(text).toMatch(/not accepting referrals/i);
    expect(text).toContain("until 3 March");
  });

  it("gives the distance in words when searched by postcode", () => {
    const near = { ...refuge, locations: [], acceptingReferrals: true, alert: null, distanceKm: 3.2 };
    const text = readOut(renderToStaticMarkup(<ServiceCard service={near} searchedByPostcode={true} now={new Date("2026-11-30T10:00:00Z")} />));
    expect(text).toMatch(/3(\.2)?\s*km|2\s*miles/);
    expect(text).toMatch(/accepting referrals/i);
    expect(text).not.toMatch(/not accepting referrals/i);
  });
});
