// Recording and withdrawing consent over HTTP: validation before any write, withdrawal
// effective on the very next request with the same token, history kept, private fields cut.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { IDVA, startTestHub, type TestHub, WCU } from "./support/test-hub.js";

const RECORD = `mutation ($input: RecordConsentInput!) { recordConsent(input: $input) { __typename ... on Consent { id evidence } ... on BadInputError { message field } ... on Error { message } } }`;
const WITHDRAW = `mutation ($id: ID!) { withdrawConsent(consentId: $id) { __typename ... on Consent { id withdrawnAt } ... on Error { message } } }`;
const CASE_Q = `query ($id: ID!) { case(id: $id) { __typename ... on Case { id consents { id evidence withdrawnAt withholdings { reason } } } } }`;

describe("consent", () => {
  let hub: TestHub;
  let caseId: string;
  let idvaId: string;
  beforeAll(async () => {
    hub = await startTestHub();
    // Safe Steps supports this domestic abuse case; the victim has not consented to anything yet.
    const c = await hub.db.prisma.case.findFirstOrThrow({ where: { policeUrn: "41NS0102325" } });
    caseId = c.id;
    idvaId = (await hub.db.prisma.organisation.findUniqueOrThrow({ where: { name: "Safe Steps Northshire" } })).id;
    await hub.db.prisma.caseInvolvement.create({ data: { caseId, organisationId: idvaId, capacity: "IDVA_SUPPORT" } });
  });
  afterAll(async () => {
    await hub.close();
  });

  const input = (over: Record<string, unknown> = {}) => ({
    caseId,
    givenBy: "VICTIM",
    evidence: "Signed form SS-2291",
    explicit: false,
    scopes: [{ category: "CASE_PROGRESS", purpose: "SUPPORT_AND_ADVOCACY", recipientOrganisationId: idvaId }],
    withholdings: [{ category: "CONTACT_DETAILS", fromOrganisationId: idvaId, reason: "Wants to give her new number herself." }],
    ...over,
  });

  it("refuses bad input with a clear, typed error and writes nothing", async () => {
    const before = await hub.db.prisma.consent.count();
    const auditBefore = await hub.db.prisma.auditEvent.count({ where: { action: "COLLECTION" } });
    const noScope = await hub.gql(IDVA, RECORD, { input: input({ scopes: [] }) });
    expect(noScope.data!.recordConsent).toEqual({ __typename: "BadInputError", message: "Record at least one thing the victim agreed to share.", field: "scopes" });
    const special = await hub.gql(IDVA, RECORD, { input: input({ scopes: [{ category: "SPECIAL_CATEGORY", purpose: "SUPPORT_AND_ADVOCACY", recipientOrganisationId: idvaId }] }) });
    expect(special.data!.recordConsent).toMatchObject({ __typename: "BadInputError", field: "explicit" });
    const both = await hub.gql(IDVA, RECORD, { input: input({ scopes: [{ category: "CASE_PROGRESS", purpose: "SUPPORT_AND_ADVOCACY", recipientOrganisationId: idvaId, recipientKind: "IDVA_SERVICE" }] }) });
    expect(both.data!.recordConsent.__typename).toBe("BadInputError");
    const unknownOrg = await hub.gql(IDVA, RECORD, { input: input({ scopes: [{ category: "CASE_PROGRESS", purpose: "SUPPORT_AND_ADVOCACY", recipientOrganisationId: "00000000-0000-4000-8000-000000000000" }] }) });
    expect(unknownOrg.data!.recordConsent).toMatchObject({ __typename: "BadInputError", field: "scopes" });
    expect(await hub.db.prisma.consent.count()).toBe(before);
    expect(await hub.db.prisma.auditEvent.count({ where: { action: "COLLECTION" } })).toBe(auditBefore);
  });

  it("opens the case to the IDVA service once consent is recorded, and closes it on withdrawal, with the same token", async () => {
    const token = await hub.tokenFor(IDVA);
    expect((await hub.gql(token, CASE_Q, { id: caseId }, "SUPPORT_AND_ADVOCACY")).data!.case.__typename).toBe("NotFoundError");
    const recorded = await hub.gql(token, RECORD, { input: input() }, "SUPPORT_AND_ADVOCACY");
    expect(recorded.data!.recordConsent).toMatchObject({ __typename: "Consent", evidence: "Signed form SS-2291" });
    const consentId = recorded.data!.recordConsent.id;
    const open = await hub.gql(token, CASE_Q, { id: caseId }, "SUPPORT_AND_ADVOCACY");
    expect(open.data!.case.__typename).toBe("Case");
    expect(open.data!.case.consents).toContainEqual({ id: consentId, evidence: "Signed form SS-2291", withdrawnAt: null, withholdings: [{ reason: "Wants to give her new number herself." }] });

    const withdrawn = await hub.gql(token, WITHDRAW, { id: consentId }, "SUPPORT_AND_ADVOCACY");
    expect(withdrawn.data!.withdrawConsent.__typename).toBe("Consent");
    expect((await hub.gql(token, CASE_Q, { id: caseId }, "SUPPORT_AND_ADVOCACY")).data!.case.__typename).toBe("NotFoundError");

    const again = await hub.gql(token, WITHDRAW, { id: consentId }, "SUPPORT_AND_ADVOCACY");
    expect(again.data!.withdrawConsent).toEqual({ __typename: "ConflictError", message: "This consent has already been withdrawn. Nothing was changed." });
    // History is kept: the withdrawn consent is still there for those who may see the case.
    const history = await hub.gql(WCU, CASE_Q, { id: caseId });
    expect(history.data!.case.consents).toContainEqual(expect.objectContaining({ id: consentId, withdrawnAt: expect.any(String) }));
  });

  it("shows where the evidence is kept, and why something is withheld, only to the organisation that captured it", async () => {
    const res = await hub.gql(WCU, CASE_Q, { id: caseId });
    const idvaConsent = res.data!.case.consents.find((c: any) => c.withholdings.length > 0);
    expect(idvaConsent).toMatchObject({ evidence: null, withholdings: [{ reason: null }] });
    expect(JSON.stringify(res)).not.toContain("Signed form SS-2291");
    expect(JSON.stringify(res)).not.toContain("new number");
  });

  it("refuses to let an organisation not on the case record consent, as not found", async () => {
    const res = await hub.gql("isva@southshire-isva.example.org", RECORD, { input: input() });
    expect(res.data!.recordConsent).toEqual({ __typename: "NotFoundError", message: "No case was found with that reference." });
  });

  it("never writes consent text to the log", () => {
    const logs = hub.logs.join("\n");
    expect(logs).not.toContain("Signed form SS-2291");
    expect(logs).not.toContain("new number");
  });
});
