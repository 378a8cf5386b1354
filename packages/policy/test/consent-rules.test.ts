// Who may record what she said on her behalf: anyone on her case for others; for its own
// organisation only with how and when she said it; taking something back only by the
// organisation it is taken from, whoever recorded her agreement, or her named contact.
import { describe, expect, it } from "vitest";
import { type Actor, type ConsentFacts, mayRecordStatements, type StandingGrant, type StatementToRecord } from "../src/index.js";

const actor = (over: Partial<Actor> = {}): Actor => ({
  userId: "u-isva",
  name: "Amira",
  email: "a@example.org",
  organisationId: "isva",
  organisationName: "Rape Crisis",
  organisationKind: "ISVA_SERVICE",
  legalType: "VOLUNTARY_SECTOR",
  roles: ["ADVOCATE"],
  areaIds: [],
  agreements: [],
  ...over,
});
const grant = (over: Partial<StandingGrant>): StandingGrant => ({
  organisationId: "wcu",
  organisationKind: "POLICE_WCU",
  organisationName: "Witness Care",
  category: "CONTACT_DETAILS",
  purpose: "KEEPING_VICTIM_INFORMED",
  recordedByOrganisationId: "police",
  ...over,
});
const said = (over: Partial<StatementToRecord>): StatementToRecord => ({ decision: "GIVEN", category: "CONTACT_DETAILS", purpose: "KEEPING_VICTIM_INFORMED", recipientOrganisationId: null, recipientKind: null, ...over });
const facts = (grants: StandingGrant[], namedContactUserId: string | null = null): ConsentFacts => ({ grants, namedContactUserId });
const noEvidence = { saidHow: null, saidAt: null };
const inPerson = { saidHow: "IN_PERSON" as const, saidAt: new Date("2026-12-01T10:00:00Z") };

describe("who may record what she said", () => {
  it("lets anyone on her case record what she agreed to share with someone else", () => {
    expect(mayRecordStatements(actor(), [said({ recipientKind: "POLICE_WCU" })], facts([]), noEvidence)).toEqual({ allowed: true, selfRecorded: false, narrows: [] });
  });

  it("refuses a consent an organisation records for itself without how and when she said it, by name or by kind", () => {
    for (const s of [said({ recipientOrganisationId: "isva" }), said({ recipientKind: "ISVA_SERVICE" })]) {
      expect(mayRecordStatements(actor(), [s], facts([]), noEvidence)).toMatchObject({ allowed: false, field: "saidHow" });
      expect(mayRecordStatements(actor(), [s], facts([]), { saidHow: "PHONE", saidAt: null })).toMatchObject({ allowed: false, field: "saidAt" });
      expect(mayRecordStatements(actor(), [s], facts([]), inPerson)).toEqual({ allowed: true, selfRecorded: true, narrows: [] });
    }
    // Keeping something back from itself widens nothing.
    expect(mayRecordStatements(actor(), [said({ decision: "WITHHELD", recipientOrganisationId: "isva" })], facts([]), noEvidence)).toMatchObject({ allowed: true, selfRecorded: false });
  });

  it("lets only the organisation concerned, whoever recorded it, or her named contact take something back", () => {
    const wcu = grant({});
    const fromWcu = [said({ decision: "WITHDRAWN", recipientOrganisationId: "wcu", purpose: null })];
    // A charity on her case cannot cut the Witness Care Unit out.
    const refused = mayRecordStatements(actor({ organisationId: "charity", organisationKind: "VICTIM_SUPPORT_CHARITY", userId: "u-vs" }), fromWcu, facts([wcu]), inPerson);
    expect(refused).toMatchObject({ allowed: false, field: "recipient" });
    expect(!refused.allowed && refused.message).toMatch(/^Only Witness Care itself, the organisation that recorded her agreement, or her named contact/);
    // The police recorded it; the WCU itself; her named contact: each may.
    expect(mayRecordStatements(actor({ organisationId: "police", organisationKind: "POLICE" }), fromWcu, facts([wcu]), noEvidence)).toMatchObject({ allowed: true, narrows: [wcu] });
    expect(mayRecordStatements(actor({ organisationId: "wcu", organisationKind: "POLICE_WCU" }), fromWcu, facts([wcu]), noEvidence)).toMatchObject({ allowed: true });
    expect(mayRecordStatements(actor(), fromWcu, facts([wcu], "u-isva"), noEvidence)).toMatchObject({ allowed: true });
  });

  it("counts keeping back from a kind or from everyone as taking back from each organisation it reaches", () => {
    const wcu = grant({});
    const own = grant({ organisationId: "isva", organisationKind: "ISVA_SERVICE", organisationName: "Rape Crisis", recordedByOrganisationId: "isva" });
    const fromEveryone = [said({ decision: "WITHHELD", purpose: null })];
    expect(mayRecordStatements(actor(), fromEveryone, facts([wcu, own]), noEvidence)).toMatchObject({ allowed: false });
    expect(mayRecordStatements(actor(), fromEveryone, facts([own]), noEvidence)).toMatchObject({ allowed: true, narrows: [own] });
    // A different purpose or category narrows nothing.
    expect(mayRecordStatements(actor(), [said({ decision: "WITHHELD", purpose: "SAFEGUARDING" })], facts([wcu]), noEvidence)).toMatchObject({ allowed: true, narrows: [] });
    expect(mayRecordStatements(actor(), [said({ decision: "WITHHELD", category: "IDENTITY", purpose: null })], facts([wcu]), noEvidence)).toMatchObject({ allowed: true, narrows: [] });
  });
});
