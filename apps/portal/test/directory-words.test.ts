import { describe, expect, it } from "vitest";
import {
  acceptingInWords,
  agesInWords,
  daysInWords,
  distanceInWords,
  hoursInWords,
  kmInWords,
  londonDayCode,
  nextOpeningInWords,
  openingTimeInWords,
  openNowInWords,
  referralRoutesInWords,
  resultsInWords,
  serviceStatusInWords,
  todayInWords,
} from "../src/features/directory/directoryWords";

const weekdays = { byDay: "MO,TU,WE,TH,FR", opensAt: "09:00", closesAt: "17:00", description: null };
const evenings = { byDay: "TU,TH", opensAt: "17:00", closesAt: "20:00", description: null };

describe("distance in the directory", () => {
  it("gives km and miles, and says why there is no distance", () => {
    expect(kmInWords(25)).toBe("25 km (16 miles)");
    expect(kmInWords(2)).toBe("2 km (1.2 miles)");
    expect(kmInWords(1.609344)).toBe("1.6 km (1 mile)");
    expect(distanceInWords(1.3, true)).toBe("1.3 km (0.8 miles) away");
    expect(distanceInWords(0, true)).toBe("Under 0.1 km away");
    // Phone and online services and refuges never have a distance.
    expect(distanceInWords(null, true)).toBe("No distance: a phone or online service, or a confidential address");
    expect(distanceInWords(null, false)).toBeNull();
  });
});

describe("opening times in the directory", () => {
  it("writes days and hours as people say them", () => {
    expect(daysInWords("MO,TU,WE,TH,FR")).toBe("Monday to Friday");
    expect(daysInWords("TU,TH")).toBe("Tuesday and Thursday");
    expect(daysInWords("SA,SU,MO,TU,WE,TH,FR")).toBe("Every day");
    expect(daysInWords("mo, we, fr")).toBe("Monday, Wednesday and Friday");
    expect(hoursInWords("09:00", "17:30")).toBe("9am to 5:30pm");
    expect(hoursInWords("18:00", "08:00")).toBe("6pm to 8am the next morning");
    expect(hoursInWords("00:00", "00:00")).toBe("open 24 hours");
    expect(hoursInWords("00:00", "23:59")).toBe("open 24 hours");
    expect(openingTimeInWords(weekdays)).toBe("Monday to Friday, 9am to 5pm");
  });

  it("shows today's hours in London, whatever the computer's time zone", () => {
    // 23:30 UTC on Monday 30 March 2026 is already Tuesday in London (BST).
    expect(londonDayCode(new Date("2026-03-30T23:30:00Z"))).toBe("TU");
    expect(todayInWords([weekdays, evenings], new Date("2026-03-31T10:00:00Z"))).toBe("Today: 9am to 5pm and 5pm to 8pm");
    expect(todayInWords([weekdays], new Date("2026-03-28T10:00:00Z"))).toBe("Closed today");
    expect(todayInWords([], new Date("2026-03-28T10:00:00Z"))).toBeNull();
    expect(nextOpeningInWords("2026-11-30T09:00:00.000Z")).toBe("Monday at 9am");
    expect(nextOpeningInWords("2026-06-02T16:30:00.000Z")).toBe("Tuesday at 5:30pm");
  });

  it("says whether a service is open now in words, not colour", () => {
    expect(openNowInWords(true, null)).toEqual({ tone: "done", label: "Open now", detail: null });
    expect(openNowInWords(false, "2026-11-30T09:00:00.000Z")).toEqual({ tone: "neutral", label: "Closed now", detail: "Opens Monday at 9am" });
    expect(openNowInWords(null, null).label).toBe("Opening times not recorded");
  });
});

describe("referrals in the directory", () => {
  it("states whether a service takes referrals, with its own notice", () => {
    expect(acceptingInWords(false, "Not accepting referrals until 3 March")).toEqual({ tone: "problem", label: "Not accepting referrals", detail: "Not accepting referrals until 3 March" });
    expect(acceptingInWords(false, "  ").detail).toBe("Contact the service to ask when they will take referrals again.");
    expect(acceptingInWords(true, null)).toEqual({ tone: "done", label: "Accepting referrals", detail: null });
    expect(referralRoutesInWords(true, true)).toBe("She can contact them herself, or a professional can refer her.");
    expect(referralRoutesInWords(false, true)).toBe("A professional must refer her. She cannot contact them herself.");
    expect(agesInWords(18, null)).toBe("Aged 18 and over");
    expect(agesInWords(13, 17)).toBe("Aged 13 to 17");
    expect(agesInWords(null, null)).toBeNull();
    expect(serviceStatusInWords("TEMPORARILY_CLOSED")).toBe("Temporarily closed");
    expect(serviceStatusInWords("SOMETHING_NEW")).toBe("Something new");
  });

  it("counts results for the live region, and explains an empty search", () => {
    expect(resultsInWords(0, false, true)).toBe("No services match. Try a wider distance or fewer filters.");
    expect(resultsInWords(1, false, false)).toBe("1 service found, best match first.");
    expect(resultsInWords(20, true, true)).toBe("20 services found, best match first, then nearest. There are more: use “Show more services” at the end of the list.");
  });
});
