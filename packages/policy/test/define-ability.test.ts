// Rules checked on rows in memory (ability.can); the authorization matrix and the
// property-based test check the same rules as SQL against a real database.
import type { AccessPurpose } from "@hub/db";
import { type Actor, defineAbilityFor, subject } from "@hub/policy";
import { describe, expect, it } from "vitest";

const ALL = ["CASE_PROGRESS", "IDENTITY", "CONTACT_DETAILS", "SAFE_CONTACT_RULES", "NEEDS_AND_VULNERABILITIES", "SPECIAL_CATEGORY"] as const;
const actor = (over: Partial<Actor> = {}): Actor => ({
  userId: "u1",
  name: "Test",
  email: "t@example.org",
  organisationId: "org-a",
  organisationName: "Org",
  organisationKind: "ISVA_SERVICE",
  legalType: "VOLUNTARY_SECTOR",
  roles: ["ADVOCATE"],
  areaIds: [],
  agreements: [{ dsaId: "d1", purposes: ["SUPPORT_AND_ADVOCACY", "KEEPING_VICTIM_INFORMED"], categories: [...ALL], lawfulBasisCode: "CONSENT" }],
  ...over,
});

/** What her statements add up to for an organisation (the database works these out; see consent-statements tests). */
const grant = (category: string, purpose: string, organisationId = "org-a") => ({ organisationId, category, purpose, consentId: "k1", statementId: "s1", selfRecorded: false });
const supportGrant = grant("CASE_PROGRESS", "SUPPORT_AND_ADVOCACY");

const caseRow = (involvements: { organisationId: string; until: Date | null }[], consentGrants: object[] = [], sharingDecisions: object[] = [], referrals: object[] = []) =>
  subject("Case", { id: "c1", involvements, victim: { consentGrants }, sharingDecisions, referrals } as never);
/** A row of hers (identity, contact details, agreement, assessment) on one case. */
const hers = (type: "VictimIdentity" | "VictimContactDetails" | "VictimContactContract" | "EnhancedRightsAssessment", consentGrants: object[], c: object = { involvements: involvedNow }) =>
  subject(type, { victimId: "v1", victim: { consentGrants, cases: [{ sharingDecisions: [], referrals: [], ...c }] } } as never);

const involvedNow = [{ organisationId: "org-a", until: null }];
const ability = (a: Actor = actor(), purpose: AccessPurpose | null = "SUPPORT_AND_ADVOCACY") => defineAbilityFor(a, { purpose });

describe("case access for a voluntary-sector service", () => {
  it("reads a case it supports when what she said adds up to yes for it and this purpose", () => {
    expect(ability().can("read", caseRow(involvedNow, [supportGrant]))).toBe(true);
  });

  it("reads nothing without her agreement: no grant means nothing is shared", () => {
    expect(ability().can("read", caseRow(involvedNow, []))).toBe(false);
    expect(ability().can("read", caseRow(involvedNow, [grant("CASE_PROGRESS", "SUPPORT_AND_ADVOCACY", "org-b")]))).toBe(false);
  });

  it("needs her agreement for the purpose it states, and a purpose at all", () => {
    expect(ability(actor(), "KEEPING_VICTIM_INFORMED").can("read", caseRow(involvedNow, [supportGrant]))).toBe(false);
    expect(ability(actor(), null).can("read", caseRow(involvedNow, [supportGrant]))).toBe(false);
  });

  it("reads nothing of a case it no longer supports, or never did", () => {
    expect(ability().can("read", caseRow([{ organisationId: "org-a", until: new Date() }], [supportGrant]))).toBe(false);
    expect(ability().can("read", caseRow([{ organisationId: "org-b", until: null }], [supportGrant]))).toBe(false);
  });

  it("reads a case through an approved, unexpired sharing decision instead of consent", () => {
    const decision = (over: object = {}) => ({ receivingOrganisationId: "org-a", outcome: "APPROVED", purpose: "SUPPORT_AND_ADVOCACY", categories: [{ category: "CASE_PROGRESS" }], expiresAt: null, ...over });
    expect(ability().can("read", caseRow(involvedNow, [], [decision()]))).toBe(true);
    expect(ability().can("read", caseRow(involvedNow, [], [decision({ outcome: "REFUSED" })]))).toBe(false);
    expect(ability().can("read", caseRow(involvedNow, [], [decision({ expiresAt: new Date(Date.now() - 1000) })]))).toBe(false);
  });

  it("reads nothing when no active data-sharing agreement covers the flow", () => {
    expect(ability(actor({ agreements: [] })).can("read", caseRow(involvedNow, [supportGrant]))).toBe(false);
  });

  it("reads her needs, her rules for contact and her health needs only with each category", () => {
    const a = ability();
    expect(a.can("read", hers("EnhancedRightsAssessment", [supportGrant]))).toBe(false);
    expect(a.can("read", hers("EnhancedRightsAssessment", [grant("NEEDS_AND_VULNERABILITIES", "SUPPORT_AND_ADVOCACY")]))).toBe(true);
    const contract = (grants: object[]) => hers("VictimContactContract", grants);
    expect(a.can("read", contract([supportGrant]), "codeword")).toBe(false);
    // Whoever may reach her knows how to reach her safely, with or without the rules' own category.
    expect(a.can("read", contract([grant("CONTACT_DETAILS", "SUPPORT_AND_ADVOCACY")]), "codeword")).toBe(true);
    expect(a.can("read", contract([grant("SAFE_CONTACT_RULES", "SUPPORT_AND_ADVOCACY")]), "codeword")).toBe(true);
    expect(a.can("read", contract([grant("CONTACT_DETAILS", "SUPPORT_AND_ADVOCACY")]), "language")).toBe(false);
    expect(a.can("read", contract([grant("NEEDS_AND_VULNERABILITIES", "SUPPORT_AND_ADVOCACY")]), "language")).toBe(true);
    expect(a.can("read", contract([grant("NEEDS_AND_VULNERABILITIES", "SUPPORT_AND_ADVOCACY")]), "accessibilityNeeds")).toBe(false);
    expect(a.can("read", contract([grant("SPECIAL_CATEGORY", "SUPPORT_AND_ADVOCACY")]), "accessibilityNeeds")).toBe(true);
  });
});

describe("the referral purpose", () => {
  const referral = (status: string, shares: string[]) => ({ toOrganisationId: "org-a", status, shares: shares.map((category) => ({ category })) });
  const asReferral = () => ability(actor({ agreements: [{ dsaId: "d1", purposes: ["SUPPORT_AND_ADVOCACY", "REFERRAL"], categories: [...ALL], lawfulBasisCode: "CONSENT" }] }), "REFERRAL");

  it("opens nothing of the case itself, whatever she agreed for referral", () => {
    expect(asReferral().can("read", caseRow(involvedNow, [grant("CASE_PROGRESS", "REFERRAL"), supportGrant]))).toBe(false);
  });

  it("shows its recipient what an open referral carries, while she still agrees to it for referral", () => {
    const carried = (grants: object[], status = "REQUESTED", shares = ["IDENTITY"]) => hers("VictimIdentity", grants, { involvements: [], referrals: [referral(status, shares)] });
    expect(asReferral().can("read", carried([grant("IDENTITY", "REFERRAL")]))).toBe(true);
    expect(asReferral().can("read", carried([]))).toBe(false);
    expect(asReferral().can("read", carried([grant("IDENTITY", "REFERRAL")], "COMPLETED"))).toBe(false);
    expect(asReferral().can("read", carried([grant("IDENTITY", "REFERRAL")], "REQUESTED", ["CONTACT_DETAILS"]))).toBe(false);
    // Read, never changed, by the recipient.
    expect(asReferral().can("update", carried([grant("IDENTITY", "REFERRAL")]))).toBe(false);
  });
});

describe("case access for statutory agencies", () => {
  const wcu = actor({
    organisationKind: "POLICE_WCU",
    legalType: "COMPETENT_AUTHORITY",
    roles: ["CASEWORKER"],
    agreements: [{ dsaId: "d1", purposes: ["KEEPING_VICTIM_INFORMED"], categories: ALL.filter((c) => c !== "SPECIAL_CATEGORY"), lawfulBasisCode: "PUBLIC_TASK" }],
  });

  it("reads the cases it works on for its Victims' Code duties without consent", () => {
    expect(ability(wcu, "KEEPING_VICTIM_INFORMED").can("read", caseRow(involvedNow))).toBe(true);
  });

  it("cannot state a purpose that is not its own", () => {
    expect(ability(wcu, "SUPPORT_AND_ADVOCACY").can("read", caseRow(involvedNow))).toBe(false);
  });

  it("still needs the victim's consent for contact details", () => {
    expect(ability(wcu, "KEEPING_VICTIM_INFORMED").can("read", hers("VictimContactDetails", []))).toBe(false);
    expect(ability(wcu, "KEEPING_VICTIM_INFORMED").can("read", hers("VictimContactDetails", [grant("CONTACT_DETAILS", "KEEPING_VICTIM_INFORMED")]))).toBe(true);
  });

  it("knows her needs by its duty, but her health needs only where its agreement covers them", () => {
    const a = ability(wcu, "KEEPING_VICTIM_INFORMED");
    expect(a.can("read", hers("EnhancedRightsAssessment", []))).toBe(true);
    expect(a.can("read", hers("VictimContactContract", []), "language")).toBe(true);
    expect(a.can("read", hers("VictimContactContract", []), "codeword")).toBe(false);
    expect(a.can("read", hers("VictimContactContract", []), "accessibilityNeeds")).toBe(false);
  });
});

it("gives nobody update or delete on cases yet", () => {
  const a = ability();
  expect(a.can("update", caseRow(involvedNow, [supportGrant]))).toBe(false);
  expect(a.can("delete", caseRow(involvedNow, [supportGrant]))).toBe(false);
});

describe("opening cases, staffing them and running the partnership (issue #11)", () => {
  const agreement = (purposes: AccessPurpose[]) => [{ dsaId: "d1", purposes, categories: [...ALL], lawfulBasisCode: "PUBLIC_TASK" }];
  const police = actor({ organisationId: "police", organisationKind: "POLICE", legalType: "COMPETENT_AUTHORITY", roles: ["CASEWORKER"], areaIds: ["north"], agreements: agreement(["LAW_ENFORCEMENT"]) });

  it("lets the police and WCU open cases in the areas they serve, for their purpose, and nobody else", () => {
    const can = (a: Actor, purpose: AccessPurpose | null, areaId: string) => defineAbilityFor(a, { purpose }).can("create", subject("Case", { areaId } as never));
    expect(can(police, "LAW_ENFORCEMENT", "north")).toBe(true);
    expect(can(police, "LAW_ENFORCEMENT", "south")).toBe(false);
    expect(can(police, null, "north")).toBe(false);
    expect(can({ ...police, organisationKind: "CPS" }, "LAW_ENFORCEMENT", "north")).toBe(false);
    expect(can(actor({ areaIds: ["north"] }), "SUPPORT_AND_ADVOCACY", "north")).toBe(false);
  });

  it("lets an organisation's leads end its involvement, and its named contact only hand it over", () => {
    const involvement = (over: object = {}) => subject("CaseInvolvement", { organisationId: "police", namedContactUserId: "u1", until: null, ...over } as never);
    const caseworker = defineAbilityFor(police, { purpose: "LAW_ENFORCEMENT" });
    expect(caseworker.can("update", involvement(), "namedContactUserId")).toBe(true);
    expect(caseworker.can("update", involvement(), "until")).toBe(false);
    expect(caseworker.can("update", involvement({ namedContactUserId: "someone-else" }), "namedContactUserId")).toBe(false);
    const lead = defineAbilityFor({ ...police, roles: ["CASEWORKER", "CASEWORK_LEAD"] }, { purpose: "LAW_ENFORCEMENT" });
    expect(lead.can("update", involvement({ namedContactUserId: null }), "until")).toBe(true);
    expect(lead.can("update", involvement({ organisationId: "cps" }), "until")).toBe(false);
    expect(lead.can("update", involvement({ until: new Date() }), "until")).toBe(false);
  });

  it("scopes a partnership administrator to the organisations serving only their areas; no power comes from an organisation's kind", () => {
    const body = actor({ organisationId: "body", organisationKind: "OTHER", legalType: "PUBLIC_BODY", roles: ["ORGANISATION_ADMIN"], areaIds: ["north"], agreements: [] });
    const org = (areas: string[]) => subject("Organisation", { id: "x", areas: areas.map((areaId) => ({ areaId })) } as never);
    expect(defineAbilityFor(body, { purpose: null }).can("update", org(["north"]))).toBe(false);
    const admin = defineAbilityFor({ ...body, roles: ["ORGANISATION_ADMIN", "PARTNERSHIP_ADMIN"] }, { purpose: null });
    expect(admin.can("update", org(["north"]))).toBe(true);
    expect(admin.can("update", org(["north", "south"]))).toBe(false);
    expect(admin.can("update", org([]))).toBe(false);
    const service = (areaId: string) => subject("DirectoryService", { organization: { hubOrganisationId: "other" }, serviceAreas: [{ areaId }] } as never);
    expect(admin.can("update", service("north"))).toBe(true);
    expect(admin.can("update", service("south"))).toBe(false);
    expect(defineAbilityFor(body, { purpose: null }).can("update", service("north"))).toBe(false);
  });
});
