// Maintaining the register of data-sharing agreements over real HTTP: drafting, changing and
// signing off an agreement, the refusals a partnership needs to read, who may (party
// organisations' admins prepare drafts; the partnership's admins sign off, suspend and end what
// binds several organisations; "not found" for the rest), the audit trail, and the effect that
// matters: suspending an agreement takes away the access that relies on it on the very next
// request, and resuming it gives it back. Withdrawing and the rest of who may change what:
// agreement-governance.test.ts.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestHub, type TestHub, WCU } from "./support/test-hub.js";

const ISVA_LEAD = "lead@northshire-rapecrisis.example.org";
const ISVA_ADVOCATE = "isva@northshire-rapecrisis.example.org";
const WCU_LEAD = "wcu.lead@northshire-police.example.org";
const PARTNERSHIP_ADMIN = "directory@northshire-partnership.example.org";

const DAY = 24 * 60 * 60 * 1000;
const inDays = (days: number) => new Date(Date.now() + days * DAY).toISOString();

const AGREEMENT = `id reference title status version purposes categories retention reviewDate reviewDue signedOffBy signedOffAt
  parties { organisation { id name } controllerRole lawfulBasisCode specialCategoryCondition }`;
const RESULT = `__typename ... on DataSharingAgreement { ${AGREEMENT} } ... on Error { message } ... on BadInputError { field } ... on NotFoundError { entity }`;
const DRAFT = `mutation ($input: DraftDataSharingAgreementInput!) { draftDataSharingAgreement(input: $input) { ${RESULT} } }`;
const UPDATE = `mutation ($input: UpdateDataSharingAgreementInput!) { updateDataSharingAgreement(input: $input) { ${RESULT} } }`;
const SIGN_OFF = `mutation ($input: SignOffDataSharingAgreementInput!) { signOffDataSharingAgreement(input: $input) { ${RESULT} } }`;
const STATUS = `mutation ($input: ChangeDataSharingAgreementStatusInput!) { changeDataSharingAgreementStatus(input: $input) { ${RESULT} } }`;
const REGISTER = `{ dataSharingAgreements { ${AGREEMENT} } }`;
const CASE_Q = `query ($id: ID!) { case(id: $id) { __typename ... on Case { id } ... on NotFoundError { message } } }`;

const TITLE = "Northshire ISVA and CPS pre-trial therapy sharing";
const RETENTION = "Until the trial ends, then deleted within 30 days.";
const CONDITION = "DPA 2018 Sch.1 para 6 (statutory purposes)";
const SIGNATORY = "Helen Ford, Director, Northshire Rape Crisis";

describe("maintaining the register of data-sharing agreements", () => {
  let hub: TestHub;
  const org = new Map<string, string>();
  let draftId: string;

  const run = async (as: string, query: string, input: Record<string, unknown>) => {
    const res = await hub.gql(as, query, { input }, null);
    expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
    return Object.values(res.data!)[0] as Record<string, any>;
  };
  const row = () => hub.db.prisma.dataSharingAgreement.findUniqueOrThrow({ where: { id: draftId }, include: { parties: true } });
  const party = (name: string, lawfulBasisCode: string, specialCategoryCondition?: string) => ({
    organisationId: org.get(name)!,
    controllerRole: "SEPARATE_CONTROLLER",
    lawfulBasisCode,
    ...(specialCategoryCondition ? { specialCategoryCondition } : {}),
  });

  beforeAll(async () => {
    hub = await startTestHub();
    for (const o of await hub.db.prisma.organisation.findMany()) org.set(o.name, o.id);
  });
  afterAll(async () => {
    await hub?.close();
  });

  it("drafts an agreement for an organisation the admin's own is party to", async () => {
    const drafted = await run(ISVA_LEAD, DRAFT, {
      reference: "nsh-isva-cps-2027",
      title: TITLE,
      purposes: ["SUPPORT_AND_ADVOCACY"],
      categories: ["CASE_PROGRESS"],
      retention: RETENTION,
      reviewDate: inDays(365),
      parties: [party("Northshire Rape Crisis", "CONSENT")],
    });
    expect(drafted).toMatchObject({ __typename: "DataSharingAgreement", reference: "NSH-ISVA-CPS-2027", status: "DRAFT", version: 1, reviewDue: false, signedOffBy: null });
    draftId = drafted.id;
  });

  it("refuses a draft from a caseworker, and one a non-admin's or another organisation's admin is not party to, adding nothing", async () => {
    const input = { reference: "NSH-OTHER-2027", title: "Other", purposes: ["REFERRAL"], categories: ["CASE_PROGRESS"], retention: RETENTION, reviewDate: inDays(100) };
    const caseworker = await run(ISVA_ADVOCATE, DRAFT, { ...input, parties: [party("Northshire Rape Crisis", "CONSENT")] });
    expect(caseworker).toMatchObject({ __typename: "BadInputError", field: "parties" });
    const notParty = await run(WCU_LEAD, DRAFT, { ...input, parties: [party("Northshire Rape Crisis", "CONSENT"), party("CPS Northshire", "PUBLIC_TASK")] });
    expect(notParty).toMatchObject({ __typename: "BadInputError", field: "parties" });
    expect(notParty.message).toMatch(/include your own organisation/);
    const duplicate = await run(ISVA_LEAD, DRAFT, { ...input, reference: "NSH-ISA-2026", parties: [party("Northshire Rape Crisis", "CONSENT")] });
    expect(duplicate).toMatchObject({ __typename: "BadInputError", field: "reference" });
    const noPurpose = await run(ISVA_LEAD, DRAFT, { ...input, purposes: [], parties: [party("Northshire Rape Crisis", "CONSENT")] });
    expect(noPurpose).toMatchObject({ __typename: "BadInputError", field: "purposes", message: "Name at least one purpose the agreement covers." });
    expect(await hub.db.prisma.dataSharingAgreement.count({ where: { reference: "NSH-OTHER-2027" } })).toBe(0);
  });

  it("refuses sign-off with one party", async () => {
    const refused = await run(ISVA_LEAD, SIGN_OFF, { id: draftId, expectedVersion: 1, signedOffBy: SIGNATORY });
    expect(refused).toMatchObject({ __typename: "BadInputError", field: "parties" });
    expect(refused.message).toMatch(/at least two parties/);
    expect((await row()).status).toBe("DRAFT");
  });

  it("refuses sign-off while a party's lawful basis is not on the partnership's list", async () => {
    const updated = await run(ISVA_LEAD, UPDATE, {
      id: draftId,
      expectedVersion: 1,
      parties: [party("Northshire Rape Crisis", "CONSENT"), party("CPS Northshire", "BECAUSE_WE_SAID_SO")],
    });
    expect(updated).toMatchObject({ status: "DRAFT", version: 2 });
    expect(updated.parties).toHaveLength(2);
    const refused = await run(PARTNERSHIP_ADMIN, SIGN_OFF, { id: draftId, expectedVersion: 2, signedOffBy: SIGNATORY });
    expect(refused).toMatchObject({ __typename: "BadInputError", field: "parties.lawfulBasisCode" });
    expect(refused.message).toMatch(/CPS Northshire's lawful basis \(BECAUSE_WE_SAID_SO\) is not on the partnership's list/);
  });

  it("leaves a draft that names another organisation to the partnership's admin, who may complete it", async () => {
    const before = await row();
    const byParty = await run(ISVA_LEAD, UPDATE, { id: draftId, expectedVersion: 2, categories: ["CASE_PROGRESS", "SPECIAL_CATEGORY"] });
    expect(byParty).toMatchObject({ __typename: "BadInputError", field: "id" });
    expect(byParty.message).toBe(
      "This draft names another organisation as well as yours, so one party cannot change it for them: the partnership's administrators for the areas they serve can. " +
        "To take your organisation out of it, withdraw your organisation from it. Nothing was changed.",
    );
    expect(await row()).toEqual(before);
  });

  it("refuses sign-off of special category sharing without a condition for every party", async () => {
    const updated = await run(PARTNERSHIP_ADMIN, UPDATE, {
      id: draftId,
      expectedVersion: 2,
      categories: ["CASE_PROGRESS", "SPECIAL_CATEGORY"],
      parties: [party("Northshire Rape Crisis", "CONSENT", CONDITION), party("CPS Northshire", "PUBLIC_TASK")],
    });
    expect(updated).toMatchObject({ version: 3, categories: ["CASE_PROGRESS", "SPECIAL_CATEGORY"] });
    const refused = await run(PARTNERSHIP_ADMIN, SIGN_OFF, { id: draftId, expectedVersion: 3, signedOffBy: SIGNATORY });
    expect(refused).toMatchObject({ __typename: "BadInputError", field: "parties.specialCategoryCondition" });
    expect(refused.message).toMatch(/special category.*CPS Northshire has none/);
  });

  it("refuses sign-off with a review date already passed, and without a named signatory", async () => {
    const updated = await run(PARTNERSHIP_ADMIN, UPDATE, {
      id: draftId,
      expectedVersion: 3,
      reviewDate: inDays(-3),
      parties: [party("Northshire Rape Crisis", "CONSENT", CONDITION), party("CPS Northshire", "PUBLIC_TASK", CONDITION)],
    });
    expect(updated).toMatchObject({ version: 4, reviewDue: true });
    const refused = await run(PARTNERSHIP_ADMIN, SIGN_OFF, { id: draftId, expectedVersion: 4, signedOffBy: SIGNATORY });
    expect(refused).toMatchObject({ __typename: "BadInputError", field: "reviewDate", message: "The review date must be in the future: set when the agreement will next be reviewed." });
    const unnamed = await run(PARTNERSHIP_ADMIN, SIGN_OFF, { id: draftId, expectedVersion: 4, signedOffBy: "  " });
    expect(unnamed).toMatchObject({ __typename: "BadInputError", field: "signedOffBy" });
    expect((await row()).status).toBe("DRAFT");
  });

  it("refuses a stale version and changes nothing", async () => {
    const before = await row();
    const stale = await run(ISVA_LEAD, UPDATE, { id: draftId, expectedVersion: 2, title: "Overwritten", parties: [party("Northshire Rape Crisis", "CONSENT")] });
    expect(stale.__typename).toBe("ConflictError");
    expect(stale.message).toMatch(/changed after you opened it/);
    const staleSignOff = await run(ISVA_LEAD, SIGN_OFF, { id: draftId, expectedVersion: 3, signedOffBy: SIGNATORY });
    expect(staleSignOff.__typename).toBe("ConflictError");
    expect(await row()).toEqual(before);
  });

  it("answers NOT_FOUND to a caseworker of a party organisation and to an admin of a non-party organisation, as for an unknown id", async () => {
    const before = await row();
    for (const who of [ISVA_ADVOCATE, WCU_LEAD]) {
      expect(await run(who, UPDATE, { id: draftId, expectedVersion: 4, title: "Not yours" })).toMatchObject({ __typename: "NotFoundError", entity: "data-sharing agreement" });
      expect(await run(who, SIGN_OFF, { id: draftId, expectedVersion: 4, signedOffBy: "Someone" })).toMatchObject({ __typename: "NotFoundError" });
      expect(await run(who, STATUS, { id: draftId, expectedVersion: 4, to: "ENDED" })).toMatchObject({ __typename: "NotFoundError" });
    }
    const unknown = await run(ISVA_LEAD, UPDATE, { id: "00000000-0000-4000-8000-000000000000", expectedVersion: 1, title: "x" });
    expect(unknown).toMatchObject({ __typename: "NotFoundError", entity: "data-sharing agreement" });
    expect(await row()).toEqual(before);
  });

  it("lets the partnership's admin change any agreement", async () => {
    const updated = await run(PARTNERSHIP_ADMIN, UPDATE, { id: draftId, expectedVersion: 4, reviewDate: inDays(365) });
    expect(updated).toMatchObject({ version: 5, reviewDue: false });
  });

  it("signs off a complete draft (the partnership's admin, not one party): ACTIVE, with its signatory, and then no longer editable", async () => {
    const byParty = await run(ISVA_LEAD, SIGN_OFF, { id: draftId, expectedVersion: 5, signedOffBy: SIGNATORY });
    expect(byParty).toMatchObject({ __typename: "BadInputError", field: "id" });
    expect(byParty.message).toMatch(/^Signing an agreement off binds every party to it, so only the partnership's administrators .* can sign it off\. Nothing was changed\.$/);
    expect((await row()).status).toBe("DRAFT");
    const signed = await run(PARTNERSHIP_ADMIN, SIGN_OFF, { id: draftId, expectedVersion: 5, signedOffBy: SIGNATORY });
    expect(signed).toMatchObject({ __typename: "DataSharingAgreement", status: "ACTIVE", version: 6, signedOffBy: SIGNATORY, title: TITLE });
    expect(signed.signedOffAt).toBeTruthy();
    const edit = await run(PARTNERSHIP_ADMIN, UPDATE, { id: draftId, expectedVersion: 6, title: "Changed in force" });
    expect(edit).toMatchObject({ __typename: "BadInputError", field: "id" });
    expect(edit.message).toMatch(/Only a draft agreement can be changed; this one is ACTIVE/);
    const editByParty = await run(ISVA_LEAD, UPDATE, { id: draftId, expectedVersion: 6, title: "Changed in force" });
    expect(editByParty.message).toMatch(/binds another organisation as well as yours, so one party cannot change it for them/);
    const again = await run(ISVA_LEAD, STATUS, { id: draftId, expectedVersion: 6, to: "ACTIVE" });
    expect(again).toMatchObject({ __typename: "BadInputError", field: "to" });
  });

  it("ends an agreement for good, once the partnership's admin confirms it", async () => {
    const byParty = await run(ISVA_LEAD, STATUS, { id: draftId, expectedVersion: 6, to: "ENDED", confirmEnd: true });
    expect(byParty).toMatchObject({ __typename: "BadInputError", field: "id" });
    expect(byParty.message).toMatch(/binds another organisation as well as yours, so one party cannot end it for them/);
    const unconfirmed = await run(PARTNERSHIP_ADMIN, STATUS, { id: draftId, expectedVersion: 6, to: "ENDED" });
    expect(unconfirmed).toMatchObject({ __typename: "BadInputError", field: "confirmEnd" });
    expect(unconfirmed.message).toMatch(/^Ending an agreement is final: it can never be resumed/);
    expect((await row()).status).toBe("ACTIVE");
    expect(await run(PARTNERSHIP_ADMIN, STATUS, { id: draftId, expectedVersion: 6, to: "ENDED", confirmEnd: true })).toMatchObject({ status: "ENDED", version: 7 });
    const resumed = await run(PARTNERSHIP_ADMIN, STATUS, { id: draftId, expectedVersion: 7, to: "ACTIVE" });
    expect(resumed).toMatchObject({ __typename: "BadInputError", field: "to" });
    expect(resumed.message).toMatch(/stays ended/);
    expect((await row()).status).toBe("ENDED");
  });

  it("audits every change with identifiers and field names only", async () => {
    const events = await hub.db.prisma.auditEvent.findMany({ where: { entityType: "DataSharingAgreement", entityId: draftId }, orderBy: { seq: "asc" } });
    const written = events.filter((e) => e.action !== "DENIED");
    // Drafted; four changes; signed off; ended.
    expect(written.map((e) => [e.action, e.outcome])).toEqual([
      ["COLLECTION", "DRAFT"],
      ["ALTERATION", "DRAFT"],
      ["ALTERATION", "DRAFT"],
      ["ALTERATION", "DRAFT"],
      ["ALTERATION", "DRAFT"],
      ["ALTERATION", "ACTIVE"],
      ["ALTERATION", "ENDED"],
    ]);
    expect(written[0]!.fields).toEqual(expect.arrayContaining(["DataSharingAgreement.reference", "DataSharingAgreement.title", "DataSharingAgreement.parties"]));
    expect(written[5]!.fields).toEqual(["DataSharingAgreement.status", "DataSharingAgreement.signedOffBy", "DataSharingAgreement.signedOffAt"]);
    expect(events.filter((e) => e.action === "DENIED").length).toBeGreaterThanOrEqual(6);
    for (const e of events) for (const field of e.fields) expect(field).toMatch(/^DataSharingAgreement\.[a-zA-Z]+$/);
    const text = JSON.stringify(events, (_k, v) => (typeof v === "bigint" ? String(v) : v));
    for (const secret of [TITLE, RETENTION, CONDITION, SIGNATORY, "Helen Ford", "BECAUSE_WE_SAID_SO"]) expect(text).not.toContain(secret);
  });

  it("suspending the agreement a statutory reader relies on takes the access away on the next request; resuming gives it back", async () => {
    const cases = await hub.gql(WCU, `{ cases(first: 100) { edges { node { id } } } }`);
    const caseId = cases.data!.cases.edges[0].node.id as string;
    const read = async () => (await hub.gql(WCU, CASE_Q, { id: caseId })).data!.case.__typename;
    expect(await read()).toBe("Case");

    const register = await hub.gql(WCU_LEAD, REGISTER, {}, null);
    const nsh = (register.data!.dataSharingAgreements as any[]).find((d) => d.reference === "NSH-ISA-2026");
    expect(nsh).toMatchObject({ status: "ACTIVE", reviewDue: false });

    // One party's admin, even the WCU's own, cannot cut off the others.
    const byParty = await run(WCU_LEAD, STATUS, { id: nsh.id, expectedVersion: nsh.version, to: "SUSPENDED" });
    expect(byParty).toMatchObject({ __typename: "BadInputError", field: "id" });
    expect(await read()).toBe("Case");

    const suspended = await run(PARTNERSHIP_ADMIN, STATUS, { id: nsh.id, expectedVersion: nsh.version, to: "SUSPENDED" });
    expect(suspended).toMatchObject({ status: "SUSPENDED", version: nsh.version + 1 });
    expect(await read()).toBe("NotFoundError");
    const list = await hub.gql(WCU, `{ cases(first: 100) { edges { node { id } } } }`);
    expect(list.data?.cases?.edges ?? []).toEqual([]);

    const resumed = await run(PARTNERSHIP_ADMIN, STATUS, { id: nsh.id, expectedVersion: nsh.version + 1, to: "ACTIVE" });
    expect(resumed).toMatchObject({ status: "ACTIVE", version: nsh.version + 2 });
    expect(await read()).toBe("Case");
  });
});
