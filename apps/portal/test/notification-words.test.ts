import { describe, expect, it } from "vitest";
import {
  notificationDestination,
  notificationKindInWords,
  notificationsNavLabel,
  shownInWords,
  unreadAnnouncement,
  unreadSummary,
} from "../src/features/notifications/notificationWords";
import generated from "../src/generated/possible-types";

describe("notifications in words", () => {
  it("says the unread count in the navigation, never just a dot", () => {
    expect(notificationsNavLabel(3)).toBe("Notifications (3 unread)");
    expect(notificationsNavLabel(1)).toBe("Notifications (1 unread)");
    expect(notificationsNavLabel(0)).toBe("Notifications");
    expect(notificationsNavLabel(undefined)).toBe("Notifications");
  });

  it("announces and summarises the count in whole sentences", () => {
    expect(unreadAnnouncement(0)).toBe("You have no unread notifications.");
    expect(unreadAnnouncement(1)).toBe("You have 1 unread notification.");
    expect(unreadAnnouncement(4)).toBe("You have 4 unread notifications.");
    expect(unreadSummary(0)).toBe("You have read them all.");
    expect(unreadSummary(1)).toBe("1 is unread.");
    expect(unreadSummary(2)).toBe("2 are unread.");
    expect(shownInWords(1, false)).toBe("1 notification, newest first.");
    expect(shownInWords(20, true)).toBe("20 notifications, newest first. There are more.");
  });

  it("names each kind, and a kind the portal does not know yet readably", () => {
    expect(notificationKindInWords("REFERRAL_NOT_ACKNOWLEDGED")).toBe("A referral was not acknowledged");
    expect(notificationKindInWords("CLOCK_BREACHED")).toBe("A Victims' Code deadline was missed");
    expect(notificationKindInWords("SOMETHING_NEW")).toBe("Something new");
  });

  it("opens the case when the reader may see it, else the referrals inbox for a referral", () => {
    expect(notificationDestination({ caseId: "c1", referralId: "r1" })).toBe("case");
    expect(notificationDestination({ caseId: "c1", referralId: null })).toBe("case");
    expect(notificationDestination({ caseId: null, referralId: "r1" })).toBe("referrals");
    expect(notificationDestination({ caseId: null, referralId: null })).toBeNull();
  });
});

describe("the Apollo cache's possible types, generated from the schema", () => {
  it("knows every error type is an Error, so `... on Error { message }` is matched", () => {
    expect(generated.possibleTypes.Error).toEqual(expect.arrayContaining(["BadInputError", "ConflictError", "NotFoundError"]));
    expect(generated.possibleTypes.MutationChangeReferralStatusResult).toEqual(expect.arrayContaining(["ConflictError", "Referral"]));
    expect(generated.possibleTypes.MutationMarkNotificationReadResult).toEqual(expect.arrayContaining(["NotFoundError", "Notification"]));
  });
});
