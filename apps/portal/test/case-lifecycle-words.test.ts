// The words of the new case pages: the agencies on a case and how each joined, hand-overs of
// a named contact, the stages over time, changes to her details, and which form field a
// refusal from the hub belongs to.
import { CombinedGraphQLErrors } from "@apollo/client";
import { describe, expect, it } from "vitest";
import { failedRequest, NOTHING_SAVED, nothingSavedNote, refusalProblems, sameNames } from "../src/app/FormParts";
import { arrivalInWords } from "../src/features/case/CasePage";
import { addAgencyProblemField, handOverProblemField } from "../src/features/case/AgencyForms";
import {
  ageOn,
  calendarDateInWords,
  capacityInWords,
  changedFieldsInWords,
  consentLetsSeeCase,
  detailsChangeInWords,
  handoverInWords,
  howItJoinedInWords,
  stageBeforeClosing,
  stageChangeInWords,
} from "../src/features/cases/involvementWords";
import { openCaseProblemField } from "../src/features/open-case/OpenCasePage";
import { notificationKindInWords } from "../src/features/notifications/notificationWords";

describe("the agencies on a case, in words", () => {
  it("says what each does and how it joined", () => {
    expect(capacityInWords("WITNESS_CARE")).toBe("Witness care");
    expect(capacityInWords("SOMETHING_NEW")).toBe("Something new");
    expect(howItJoinedInWords({ basis: "DUTY" }, null, null)).toBe("By its duty");
    expect(howItJoinedInWords({ basis: "LAWFUL_BASIS", lawfulBasisCode: "PUBLIC_TASK" }, "Public task", null)).toBe("On a lawful basis: Public task");
    // The partnership's list could not be read: the code, never a blank.
    expect(howItJoinedInWords({ basis: "LAWFUL_BASIS", lawfulBasisCode: "PUBLIC_TASK" }, null, null)).toBe("On a lawful basis: PUBLIC_TASK");
    expect(howItJoinedInWords({ basis: "CONSENT" }, null, "2026-03-03T10:00:00.000Z")).toBe("On her consent, given 3 March 2026");
    expect(howItJoinedInWords({ basis: "REFERRAL" }, null, null)).toBe("Accepted a referral");
  });

  it("tells a first naming from a hand-over, and leaves out who did it when they named themselves", () => {
    const priya = { id: "p", name: "Priya Shah" };
    const tom = { id: "t", name: "Tom Reid" };
    expect(handoverInWords({ at: "2026-03-03T10:00:00.000Z", to: priya, by: tom, reason: "The officer for this court." })).toBe(
      "3 March 2026: Priya Shah named as the contact by Tom Reid. Why: The officer for this court.",
    );
    expect(handoverInWords({ at: "2026-03-03T10:00:00.000Z", to: priya, by: priya })).toBe("3 March 2026: Priya Shah named as the contact.");
    expect(handoverInWords({ at: "2026-04-01T10:00:00.000Z", from: priya, to: tom, by: tom, reason: "On leave." })).toBe("1 April 2026: Priya Shah handed over to Tom Reid. Why: On leave.");
  });

  it("checks a consent as the hub does before a support service joins on it", () => {
    const rapeCrisis = { id: "rc", kind: "ISVA_SERVICE" };
    const toIsvas = { withdrawnAt: null, scopes: [{ category: "CASE_PROGRESS", purpose: "SUPPORT_AND_ADVOCACY", recipientKind: "ISVA_SERVICE" }], withholdings: [] };
    expect(consentLetsSeeCase(toIsvas, rapeCrisis)).toBe(true);
    expect(consentLetsSeeCase({ ...toIsvas, withdrawnAt: "2026-03-01T00:00:00Z" }, rapeCrisis)).toBe(false);
    expect(consentLetsSeeCase({ ...toIsvas, withholdings: [{ category: "CASE_PROGRESS", fromOrganisationId: "rc" }] }, rapeCrisis)).toBe(false);
    expect(consentLetsSeeCase(toIsvas, { id: "idva", kind: "IDVA_SERVICE" })).toBe(false);
  });
});

describe("the stages of a case, in words", () => {
  it("says how it got to each stage, by whom and why", () => {
    const at = "2026-03-03T10:00:00.000Z";
    expect(stageChangeInWords({ cause: "OPENED", toStage: "CHARGED", at }, "Northshire Police")).toBe("3 March 2026: Opened at “Charged”, by Northshire Police.");
    expect(stageChangeInWords({ cause: "CLOSED", fromStage: "CHARGED", toStage: "CLOSED", at, reason: "She asked us to stop." }, null)).toBe(
      "3 March 2026: Closed (it was at “Charged”). Why: She asked us to stop.",
    );
    expect(stageChangeInWords({ cause: "REOPENED", fromStage: "CLOSED", toStage: "CHARGED", at }, "CPS Northshire")).toBe("3 March 2026: Reopened, back to “Charged”, by CPS Northshire.");
    expect(stageChangeInWords({ cause: "EVENT", fromStage: "REPORTED", toStage: "UNDER_INVESTIGATION", at }, null)).toBe("3 March 2026: Moved from “Reported to police” to “Under investigation” by an update.");
  });

  it("reopens a case at the stage it had before it last closed, or asks when the hub does not know", () => {
    const history = [
      { fromStage: null, toStage: "REPORTED" },
      { fromStage: "REPORTED", toStage: "CLOSED" },
      { fromStage: "CLOSED", toStage: "REPORTED" },
      { fromStage: "REPORTED", toStage: "CHARGED" },
      { fromStage: "CHARGED", toStage: "CLOSED" },
    ];
    expect(stageBeforeClosing(history)).toBe("CHARGED");
    expect(stageBeforeClosing([{ fromStage: null, toStage: "CLOSED" }])).toBeNull();
    expect(stageBeforeClosing([])).toBeNull();
  });
});

describe("her details, in words", () => {
  it("says which of her details changed, when and by whom, never their values", () => {
    expect(changedFieldsInWords(["preferredName", "dateOfBirth"])).toBe("her preferred name and date of birth");
    expect(detailsChangeInWords({ changedFields: ["phone"], replacedAt: "2026-03-03T10:00:00.000Z" }, "Northshire Rape Crisis")).toBe(
      "Changed on 3 March 2026 by Northshire Rape Crisis: her phone number.",
    );
  });

  it("writes a date of birth the same in every time zone, with her age", () => {
    expect(calendarDateInWords("1999-03-14")).toBe("14 March 1999");
    expect(calendarDateInWords("not a date")).toBe("not a date");
    expect(ageOn("2008-12-02", "2026-12-01")).toBe(17);
    expect(ageOn("2008-12-01", "2026-12-01")).toBe(18);
  });
});

describe("refusals from the hub, beside their field", () => {
  it("puts the hub's words beside the field it names, else at the top, and says nothing was saved", () => {
    expect(refusalProblems({ message: "That is not a UK postcode.", field: "postcode" }, sameNames("postcode"))).toEqual({ postcode: "That is not a UK postcode." });
    expect(refusalProblems({ message: "Something else.", field: "caseId" }, sameNames("postcode"))).toEqual({ form: "Something else." });
    expect(nothingSavedNote("That is not a UK postcode.")).toBe(NOTHING_SAVED);
    expect(nothingSavedNote("Someone else changed it. Nothing was changed: reload and try again.")).toBeNull();
  });

  it("maps each form's fields from the hub's names", () => {
    expect(openCaseProblemField("victim.fullName")).toBe("fullName");
    expect(openCaseProblemField("victim.postcode")).toBe("postcode");
    expect(openCaseProblemField("policeUrn")).toBe("policeUrn");
    expect(openCaseProblemField("input.victim.dateOfBirth")).toBe("dateOfBirth");
    expect(openCaseProblemField("somethingElse")).toBeNull();
    expect(addAgencyProblemField("capacity")).toBe("organisation");
    expect(addAgencyProblemField("consentId")).toBe("consent");
    expect(addAgencyProblemField("lawfulBasisCode")).toBe("lawfulBasis");
    expect(handOverProblemField("toUserId")).toBe("to");
  });

  it("reads a value the hub refused before any resolver ran (a date that does not exist) as a refusal at its field, without the path", () => {
    const error = new CombinedGraphQLErrors({
      errors: [{ message: "input.victim.dateOfBirth: Give the date as YYYY-MM-DD, a date that exists, e.g. 1994-05-12.", extensions: { code: "BAD_INPUT", field: "input.victim.dateOfBirth" } }],
    });
    expect(failedRequest(error, "No connection.")).toEqual({ message: "Give the date as YYYY-MM-DD, a date that exists, e.g. 1994-05-12.", field: "dateOfBirth" });
    expect(failedRequest(new TypeError("Failed to fetch"), "No connection.")).toEqual({ message: "No connection." });
  });
});

describe("arriving from Open a case, and the new notifications", () => {
  it("says plainly when the hub already had the case", () => {
    expect(arrivalInWords("already-open")).toBe("The hub already had this case: the same police URN for the same victim. Nothing new was made, and you are on this case now.");
    expect(arrivalInWords("opened")).toMatch(/^Case opened\./);
  });

  it("names the new kinds of notification, and any other kind readably", () => {
    expect(notificationKindInWords("NAMED_CONTACT_HANDED_OVER")).toBe("You are now a victim's named contact");
    expect(notificationKindInWords("ORGANISATION_JOINED_CASE")).toBe("Your organisation has joined a case");
    expect(notificationKindInWords("A_KIND_FROM_TOMORROW")).toBe("A kind from tomorrow");
  });
});
