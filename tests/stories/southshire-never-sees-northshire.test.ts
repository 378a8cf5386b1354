// STORY 3: a Southshire partner must never see Northshire.
//
// DC Mark Lewis opens a Northshire case for Tanya Reed. Chloe Martin, an ISVA in Southshire,
// is a partner in the same hub: whatever she tries (the case by its id, by its URN, her
// caseload, a question, a consent, a contact, a referral), Northshire's case does not exist
// for her, exactly as a case that does not exist at all. Even a Northshire casework lead cannot
// put a Southshire service on a Northshire case. Owen Price, who runs the Southshire
// partnership, administers Southshire's organisations and people only: Northshire's police,
// services and people are "not found" to him, and he cannot add an organisation in
// Northshire. Northshire's administrator cannot reach into Southshire either. Ruth, the
// Northshire auditor, sees that Chloe tried and was refused. Chloe's own Southshire case is
// untouched.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PEOPLE, startStory, type Story } from "./story-helpers.js";

const OPEN = `mutation ($input: OpenCaseInput!) { openCase(input: $input) { __typename ... on OpenedCase { case { id victimReference } } ... on Error { message } } }`;
const CASE = `query ($id: ID!) { case(id: $id) { __typename ... on Case { id victim { reference } } ... on NotFoundError { message } } }`;
const BY_URN = `query ($urn: String!) { casesByReference(policeUrn: $urn) { id } }`;
const LIST = `{ cases(first: 100) { edges { node { id victimReference } } } }`;
const ASK = `mutation ($caseId: ID!) { askQuestion(caseId: $caseId, forKind: CPS, question: "When is the hearing?") { __typename ... on Error { message } } }`;
const CONSENT = `mutation ($input: RecordConsentInput!) { recordConsent(input: $input) { __typename ... on Error { message } } }`;
const CONTACT = `mutation ($input: RecordContactInput!) { recordContact(input: $input) { __typename ... on Error { message } } }`;
const REFER = `mutation ($caseId: ID!, $to: ID!) { makeReferral(caseId: $caseId, toOrganisationId: $to, reason: "Asking for support in Southshire.") { __typename ... on Error { message } } }`;
const ADD = `mutation ($input: AddCaseInvolvementInput!) { addCaseInvolvement(input: $input) { __typename ... on BadInputError { message field } ... on Error { message } } }`;
const ROLES = `mutation ($u: ID!, $o: ID!, $roles: [Role!]!) { setMembershipRoles(userId: $u, organisationId: $o, roles: $roles) { __typename ... on Membership { roles } ... on Error { message } } }`;
const ADMINISTERED = `{ administeredOrganisations { id name members { person { id email } } } }`;
const UPDATE_ORG = `mutation ($input: UpdateOrganisationInput!) { updateOrganisation(input: $input) { __typename ... on Organisation { name } ... on Error { message } } }`;
const CREATE_ORG = `mutation ($input: CreateOrganisationInput!) { createOrganisation(input: $input) { __typename ... on Organisation { id } ... on BadInputError { message field } ... on Error { message } } }`;
const ADD_PERSON = `mutation ($input: AddPersonInput!) { addPerson(input: $input) { __typename ... on Membership { id } ... on Error { message } } }`;
const ACCESS_LOG = `query ($ref: String!) { victimAccessLog(victimReference: $ref, first: 100) { entries { actorName action outcome } } }`;

describe("story: a Southshire partner never sees Northshire", () => {
  let story: Story;
  let caseId = "";
  let reference = "";
  let northshire = "";
  let southshire = "";

  beforeAll(async () => {
    story = await startStory();
    northshire = await story.ids.area("NSH");
    southshire = await story.ids.area("SSH");
    const opened = (await story.as("mark", OPEN, { input: { policeUrn: "41NS0470126", offenceCategory: "SEXUAL_OFFENCE", areaId: northshire, victim: { fullName: "Tanya Reed", phone: "07700 900471" } } })).openCase;
    caseId = opened.case.id;
    reference = opened.case.victimReference;
  });
  afterAll(async () => {
    await story?.close();
  });

  it("1. Whatever Chloe tries, the Northshire case does not exist for her, exactly like one that does not exist", async () => {
    const missing = "0e8b1c9a-0000-4000-8000-000000000000";
    expect((await story.as("chloe", CASE, { id: caseId })).case).toEqual((await story.as("chloe", CASE, { id: missing })).case);
    expect((await story.as("chloe", BY_URN, { urn: "41NS0470126" })).casesByReference).toEqual([]);
    expect((await story.as("chloe", LIST)).cases.edges.map((e: any) => e.node.id)).not.toContain(caseId);
    expect((await story.as("chloe", ASK, { caseId })).askQuestion.__typename).toBe("NotFoundError");
    const consent = { caseId, givenBy: "VICTIM", evidence: "Form", explicit: false, scopes: [{ category: "CASE_PROGRESS", purpose: "SUPPORT_AND_ADVOCACY", recipientKind: "ISVA_SERVICE" }] };
    expect((await story.as("chloe", CONSENT, { input: consent })).recordConsent.__typename).toBe("NotFoundError");
    expect((await story.as("chloe", CONTACT, { input: { caseId, at: new Date().toISOString(), channel: "PHONE", outcome: "REACHED", summary: "Called her." } })).recordContact.__typename).toBe("NotFoundError");
    const southIsva = await story.ids.organisation("Southshire ISVA Service");
    expect((await story.as("mark", REFER, { caseId, to: southIsva })).makeReferral.__typename).toBe("Referral");
    // Even referred to her, Chloe's service only sees what the referral carries (nothing here), never the case.
    expect((await story.as("chloe", CASE, { id: caseId })).case.__typename).toBe("NotFoundError");
  });

  it("2. Not even a Northshire casework lead can put a Southshire service on a Northshire case", async () => {
    const police = await story.ids.organisation("Northshire Police");
    const mark = await story.ids.person(PEOPLE.mark);
    await story.as("femi", ROLES, { u: mark, o: police, roles: ["CASEWORKER", "CASEWORK_LEAD"] });
    const southIsva = await story.ids.organisation("Southshire ISVA Service");
    const res = (await story.as("mark", ADD, { input: { caseId, organisationId: southIsva, consentId: "0e8b1c9a-0000-4000-8000-000000000000" } })).addCaseInvolvement;
    expect(res).toMatchObject({ __typename: "BadInputError", field: "organisationId", message: "Southshire ISVA Service does not serve this case's area, so it cannot be added to it." });
  });

  it("3. Owen administers Southshire only: Northshire's organisations and people are not found to him", async () => {
    const his = (await story.as("owen", ADMINISTERED)).administeredOrganisations.map((o: any) => o.name).sort();
    expect(his).toEqual(["Southshire ISVA Service", "Southshire Victims' Partnership"]);
    const police = await story.ids.organisation("Northshire Police");
    expect((await story.as("owen", UPDATE_ORG, { input: { id: police, active: false } })).updateOrganisation.__typename).toBe("NotFoundError");
    const rapeCrisis = await story.ids.organisation("Northshire Rape Crisis");
    expect((await story.as("owen", ADD_PERSON, { input: { organisationId: rapeCrisis, email: "new@example.org", name: "New Person", oidcSubject: "demo|new@example.org", roles: ["ADVOCATE"] } })).addPerson.__typename).toBe(
      "NotFoundError",
    );
    expect((await story.as("owen", CREATE_ORG, { input: { name: "Northtown Counselling", kind: "VICTIM_SUPPORT_CHARITY", areaIds: [northshire] } })).createOrganisation).toMatchObject({ __typename: "BadInputError", field: "areaIds" });
    expect((await story.as("owen", CREATE_ORG, { input: { name: "Brighton Counselling", kind: "VICTIM_SUPPORT_CHARITY", areaIds: [southshire] } })).createOrganisation.__typename).toBe("Organisation");
  });

  it("4. Northshire's administrator cannot reach into Southshire either", async () => {
    const southIsva = await story.ids.organisation("Southshire ISVA Service");
    const owenAdministered = (await story.as("owen", ADMINISTERED)).administeredOrganisations;
    const chloe = owenAdministered.flatMap((o: any) => o.members).find((m: any) => m.person.email === PEOPLE.chloe).person.id;
    expect((await story.as("femi", ROLES, { u: chloe, o: southIsva, roles: ["ADVOCATE", "ORGANISATION_ADMIN"] })).setMembershipRoles.__typename).toBe("NotFoundError");
    expect((await story.as("femi", ADMINISTERED)).administeredOrganisations.map((o: any) => o.name)).not.toContain("Southshire ISVA Service");
  });

  it("5. Ruth sees that Chloe tried and was refused; Chloe's own Southshire case is untouched", async () => {
    const log = (await story.as("ruth", ACCESS_LOG, { ref: reference })).victimAccessLog.entries;
    expect(log).toContainEqual({ actorName: "Chloe Martin", action: "DENIED", outcome: "not-permitted" });
    const own = (await story.as("chloe", LIST)).cases.edges.map((e: any) => e.node.victimReference);
    expect(own).toEqual(["V-SS-0001"]);
  });
});
