// STORY 4: Westshire starts using the hub, from an empty database.
//
// The hub is installed for Westshire with nothing in it. The operator makes the one thing that
// cannot be made through the hub itself: Westshire's partnership body and its first partnership
// administrator, Dana Cole (`npm run hub -- create-partnership-admin`). From then on Dana does
// everything through the API: she adds Westshire Police, its Witness Care Unit, CPS Westshire
// and the Westshire ISVA Service; adds their first people with their roles; and drafts and signs
// off the partnership's data-sharing agreement, without which nothing flows. DC Ravi Patel
// opens the first case; it goes to the CPS for a charging decision and Kate Doyle (CPS) sees it
// at once. When Westshire's WCU officer leaves, Dana deactivates him and his very next request
// is refused. No seed, no SQL: only the operator's one command and people using the hub.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPartnershipAdmin, parsePartnershipAdminArgs } from "../../apps/api/src/commands/bootstrap-partnership.js";
import { startTestHub, type TestHub } from "../support/test-hub.js";

const DANA = "dana.cole@westshire-partnership.example.org";
const RAVI = "ravi.patel@westshire-police.example.org";
const SEAN = "sean.hart@westshire-police.example.org";
const KATE = "kate.doyle@cps-westshire.example.org";
const LOUISE = "louise.grant@westshire-isva.example.org";

const CREATE_ORG = `mutation ($input: CreateOrganisationInput!) { createOrganisation(input: $input) { __typename ... on Organisation { id name legalType } ... on Error { message } } }`;
const ADD_PERSON = `mutation ($input: AddPersonInput!) { addPerson(input: $input) { __typename ... on Membership { roles person { id } } ... on Error { message } } }`;
const DRAFT = `mutation ($input: DraftDataSharingAgreementInput!) { draftDataSharingAgreement(input: $input) { __typename ... on DataSharingAgreement { id version status } ... on Error { message } } }`;
const SIGN_OFF = `mutation ($input: SignOffDataSharingAgreementInput!) { signOffDataSharingAgreement(input: $input) { __typename ... on DataSharingAgreement { status } ... on Error { message } } }`;
const OPEN = `mutation ($input: OpenCaseInput!) { openCase(input: $input) { __typename ... on OpenedCase { case { id version } } ... on Error { message } } }`;
const MOVE = `mutation ($caseId: ID!, $v: Int!) { moveCaseStage(caseId: $caseId, to: CHARGING_DECISION, expectedVersion: $v) { __typename ... on MovedCase { stage } ... on Error { message } } }`;
const UPDATE = `mutation ($input: RecordCaseUpdateInput!) { recordCaseUpdate(input: $input) { __typename ... on Error { message } } }`;
const CASE = `query ($id: ID!) { case(id: $id) { __typename ... on Case { stage involvements { capacity organisation { name } } } } }`;
const DEACTIVATE = `mutation ($u: ID!) { setPersonActive(userId: $u, active: false) { __typename ... on Person { active } ... on Error { message } } }`;

describe("story: a new partnership starts on an empty hub", () => {
  let hub: TestHub;
  const orgs: Record<string, string> = {};
  const people: Record<string, string> = {};
  let area = "";
  const as = async (email: string, purpose: string | null, query: string, variables?: Record<string, unknown>) => {
    const res = await hub.gql(email, query, variables, purpose);
    if (res.errors) throw new Error(JSON.stringify(res.errors));
    return res.data!;
  };

  beforeAll(async () => {
    hub = await startTestHub({ seed: false });
  });
  afterAll(async () => {
    await hub?.close();
  });

  it("1. The operator makes Westshire's partnership body and its first administrator, Dana", async () => {
    expect(await hub.db.prisma.organisation.count()).toBe(0);
    const input = parsePartnershipAdminArgs(["--area", "WSH:Westshire", "--body", "Westshire Victims' Partnership", "--email", DANA, "--name", "Dana Cole", "--subject", "idp|dana"]);
    expect(input).not.toBeNull();
    expect(await createPartnershipAdmin(hub.db, input!)).toMatch(/Dana Cole is a partnership administrator of Westshire Victims' Partnership, for Westshire/);
    // Running it again changes nothing.
    await createPartnershipAdmin(hub.db, input!);
    expect(await hub.db.prisma.membership.count()).toBe(1);
    const viewer = (await as(DANA, null, `{ viewer { name roles organisation { name areas { id code } } } }`)).viewer;
    expect(viewer).toMatchObject({ name: "Dana Cole", roles: ["ORGANISATION_ADMIN", "PARTNERSHIP_ADMIN"], organisation: { name: "Westshire Victims' Partnership" } });
    area = viewer.organisation.areas[0].id;
  });

  it("2. Dana adds the police, the WCU, the CPS and the ISVA service, and their first people", async () => {
    for (const [name, kind] of [
      ["Westshire Police", "POLICE"],
      ["Westshire Police Witness Care Unit", "POLICE_WCU"],
      ["CPS Westshire", "CPS"],
      ["Westshire ISVA Service", "ISVA_SERVICE"],
    ] as const) {
      const created = (await as(DANA, null, CREATE_ORG, { input: { name, kind, areaIds: [area] } })).createOrganisation;
      expect(created).toMatchObject({ __typename: "Organisation", legalType: kind === "ISVA_SERVICE" ? "VOLUNTARY_SECTOR" : "COMPETENT_AUTHORITY" });
      orgs[name] = created.id;
    }
    for (const [email, name, organisation, roles] of [
      [RAVI, "DC Ravi Patel", "Westshire Police", ["CASEWORKER"]],
      [SEAN, "Sean Hart", "Westshire Police Witness Care Unit", ["CASEWORKER"]],
      [KATE, "Kate Doyle", "CPS Westshire", ["VICTIM_LIAISON_OFFICER"]],
      [LOUISE, "Louise Grant", "Westshire ISVA Service", ["ORGANISATION_ADMIN", "ADVOCATE"]],
    ] as const) {
      const added = (await as(DANA, null, ADD_PERSON, { input: { organisationId: orgs[organisation], email, name, oidcSubject: `idp|${email}`, roles } })).addPerson;
      expect(added).toMatchObject({ __typename: "Membership", roles });
      people[email] = added.person.id;
    }
    // A partnership role is Dana's to give only in her own body.
    const refused = (await as(DANA, null, ADD_PERSON, { input: { organisationId: orgs["Westshire Police"], email: "x@westshire-police.example.org", name: "X Person", oidcSubject: "idp|x", roles: ["PARTNERSHIP_AUDITOR"] } })).addPerson;
    expect(refused.__typename).toBe("BadInputError");
  });

  it("3. Without a signed-off agreement nothing flows; Dana drafts and signs it off", async () => {
    const input = { policeUrn: "52WS0000126", offenceCategory: "ASSAULT", areaId: area, victim: { fullName: "Ellie Burns" } };
    expect((await as(RAVI, "LAW_ENFORCEMENT", OPEN, { input })).openCase.__typename).toBe("BadInputError");
    const party = (name: string, lawfulBasisCode: string) => ({ organisationId: orgs[name], controllerRole: "SEPARATE_CONTROLLER", lawfulBasisCode });
    const draft = (
      await as(DANA, null, DRAFT, {
        input: {
          reference: "WSH-ISA-2027",
          title: "Westshire Victims' Information Sharing Agreement",
          purposes: ["KEEPING_VICTIM_INFORMED", "SUPPORT_AND_ADVOCACY", "REFERRAL", "LAW_ENFORCEMENT"],
          categories: ["CASE_PROGRESS", "IDENTITY", "CONTACT_DETAILS"],
          retention: "Until six years after the case closes, then securely deleted.",
          reviewDate: new Date(Date.now() + 365 * 86_400_000).toISOString(),
          parties: [party("Westshire Police", "LAW_ENFORCEMENT"), party("Westshire Police Witness Care Unit", "PUBLIC_TASK"), party("CPS Westshire", "PUBLIC_TASK"), party("Westshire ISVA Service", "CONSENT")],
        },
      })
    ).draftDataSharingAgreement;
    expect(draft).toMatchObject({ __typename: "DataSharingAgreement", status: "DRAFT" });
    expect((await as(DANA, null, SIGN_OFF, { input: { id: draft.id, expectedVersion: draft.version, signedOffBy: "Westshire Partnership Board" } })).signOffDataSharingAgreement.status).toBe("ACTIVE");
  });

  it("4. DC Ravi Patel opens the first case; at the charging decision Kate (CPS) sees it at once", async () => {
    const input = { policeUrn: "52WS0000126", offenceCategory: "ASSAULT", areaId: area, victim: { fullName: "Ellie Burns", phone: "07700 900901" } };
    const opened = (await as(RAVI, "LAW_ENFORCEMENT", OPEN, { input })).openCase.case;
    expect((await as(KATE, "KEEPING_VICTIM_INFORMED", CASE, { id: opened.id })).case.__typename).toBe("NotFoundError");
    const arrested = { caseId: opened.id, type: "SUSPECT_ARRESTED", occurredAt: new Date(Date.now() - 3_600_000).toISOString(), victimExplanation: "A man has been arrested. The police will tell you what happens next." };
    expect((await as(RAVI, "LAW_ENFORCEMENT", UPDATE, { input: arrested })).recordCaseUpdate.__typename).toBe("CaseUpdate");
    const { version } = (await as(RAVI, "LAW_ENFORCEMENT", `query ($id: ID!) { case(id: $id) { ... on Case { version } } }`, { id: opened.id })).case;
    expect((await as(RAVI, "LAW_ENFORCEMENT", MOVE, { caseId: opened.id, v: version })).moveCaseStage).toMatchObject({ stage: "CHARGING_DECISION" });
    expect((await as(KATE, "KEEPING_VICTIM_INFORMED", CASE, { id: opened.id })).case).toMatchObject({
      stage: "CHARGING_DECISION",
      involvements: expect.arrayContaining([{ capacity: "PROSECUTION", organisation: { name: "CPS Westshire" } }]),
    });
  });

  it("5. Sean leaves the WCU: Dana deactivates him and his very next request is refused", async () => {
    const token = await hub.tokenFor(SEAN);
    expect((await hub.gql(token, `{ viewer { name } }`)).status).toBe(200);
    expect((await as(DANA, null, DEACTIVATE, { u: people[SEAN] })).setPersonActive.active).toBe(false);
    expect((await hub.gql(token, `{ viewer { name } }`)).status).toBe(401);
  });
});
