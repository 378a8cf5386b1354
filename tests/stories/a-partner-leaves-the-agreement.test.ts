// STORY 5: Northshire Rape Crisis leaves the partnership's data-sharing agreement.
//
// Northshire Rape Crisis's board decides to stop sharing under the Northshire agreement while
// its service is reorganised. Helen Ford, its lead, first tries to suspend the agreement: the
// hub tells her it binds six other organisations, that only the partnership's administrators
// can suspend it, and that she can withdraw her own organisation instead; nothing changes.
// She withdraws Rape Crisis, with the board's reason. On her next request Amira Khan, its
// ISVA, sees none of the cases she did; Priya Shah (Witness Care), DC Mark Lewis (police) and
// Grace Adeyemi (CPS) see exactly what they saw before. Femi Adebayo, the partnership's
// administrator, sees in the register who withdrew, when and why. Asked to end the agreement,
// he is told first that ending is final and whose sharing it would stop; he suspends it for a
// review instead (Priya's caseload goes), and reinstates it (it comes back).
// No seed shortcut and no SQL: each step is the person's own request over the API.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CPS_VLO, ISVA, startTestHub, type TestHub, WCU } from "../support/test-hub.js";

const HELEN = "lead@northshire-rapecrisis.example.org";
const MARK = "officer@northshire-police.example.org";
const FEMI = "directory@northshire-partnership.example.org";
const REASON = "Our board has paused sharing while the service is reorganised.";

const AGREEMENT = `id reference status version parties { organisation { name } withdrawal { withdrawnAt withdrawnByName reason } }`;
const RESULT = `__typename ... on DataSharingAgreement { ${AGREEMENT} } ... on Error { message } ... on BadInputError { field }`;
const REGISTER = `{ dataSharingAgreements { ${AGREEMENT} } }`;
const STATUS = `mutation ($input: ChangeDataSharingAgreementStatusInput!) { changeDataSharingAgreementStatus(input: $input) { ${RESULT} } }`;
const WITHDRAW = `mutation ($input: WithdrawFromDataSharingAgreementInput!) { withdrawFromDataSharingAgreement(input: $input) { ${RESULT} } }`;
const CASES = `{ cases(first: 100) { edges { node { id } } } }`;

describe("story: a voluntary partner leaves the partnership's agreement", () => {
  let hub: TestHub;
  const before = new Map<string, string[]>();

  const as = async (email: string, query: string, variables?: Record<string, unknown>, purpose?: string | null) => {
    const res = await hub.gql(email, query, variables, purpose);
    if (res.errors) throw new Error(JSON.stringify(res.errors));
    return res.data!;
  };
  const caseload = async (email: string) => ((await as(email, CASES)).cases.edges as { node: { id: string } }[]).map((e) => e.node.id).sort();
  const northshire = async (email: string) => ((await as(email, REGISTER, {}, null)).dataSharingAgreements as any[]).find((d) => d.reference === "NSH-ISA-2026");

  beforeAll(async () => {
    hub = await startTestHub();
    for (const who of [ISVA, WCU, MARK, CPS_VLO]) before.set(who, await caseload(who));
  });
  afterAll(async () => {
    await hub?.close();
  });

  it("1. Helen tries to suspend the agreement for everyone: she is told it is the partnership's, and nothing changes", async () => {
    const agreement = await northshire(HELEN);
    const refused = (await as(HELEN, STATUS, { input: { id: agreement.id, expectedVersion: agreement.version, to: "SUSPENDED" } }, null)).changeDataSharingAgreementStatus;
    expect(refused).toMatchObject({ __typename: "BadInputError" });
    expect(refused.message).toMatch(/binds 6 other organisations as well as yours.*partnership's administrators.*withdraw your organisation from it/);
    expect((await northshire(HELEN)).status).toBe("ACTIVE");
    expect(await caseload(WCU)).toEqual(before.get(WCU));
  });

  it("2. Helen withdraws Rape Crisis from the agreement, with the board's reason", async () => {
    const agreement = await northshire(HELEN);
    const withdrawn = (await as(HELEN, WITHDRAW, { input: { id: agreement.id, expectedVersion: agreement.version, reason: REASON } }, null)).withdrawFromDataSharingAgreement;
    expect(withdrawn).toMatchObject({ __typename: "DataSharingAgreement", status: "ACTIVE" });
  });

  it("3. Amira, Rape Crisis's ISVA, sees none of her cases on her next request", async () => {
    expect(before.get(ISVA)!.length).toBeGreaterThan(0);
    expect(await caseload(ISVA)).toEqual([]);
  });

  it("4. Priya (Witness Care), DC Mark Lewis (police) and Grace (CPS) see exactly what they saw before", async () => {
    for (const who of [WCU, MARK, CPS_VLO]) {
      expect(before.get(who)!.length, who).toBeGreaterThan(0);
      expect(await caseload(who), who).toEqual(before.get(who));
    }
  });

  it("5. Femi sees in the register who withdrew, when and why", async () => {
    const agreement = await northshire(FEMI);
    const rapeCrisis = agreement.parties.find((p: any) => p.organisation.name === "Northshire Rape Crisis");
    expect(rapeCrisis.withdrawal).toMatchObject({ withdrawnByName: "Helen Ford", reason: REASON });
    expect(new Date(rapeCrisis.withdrawal.withdrawnAt).getTime()).toBeLessThanOrEqual(Date.now());
    expect(agreement.parties.filter((p: any) => p.withdrawal === null)).toHaveLength(6);
  });

  it("6. Femi is told that ending is final before anything happens; he suspends the agreement for a review and then reinstates it", async () => {
    const agreement = await northshire(FEMI);
    const end = (await as(FEMI, STATUS, { input: { id: agreement.id, expectedVersion: agreement.version, to: "ENDED" } }, null)).changeDataSharingAgreementStatus;
    expect(end).toMatchObject({ __typename: "BadInputError", field: "confirmEnd" });
    expect(end.message).toMatch(/^Ending an agreement is final: it can never be resumed, and the sharing it allows stops at once for the 6 organisations it binds \(Northshire Police, /);
    expect((await northshire(FEMI)).status).toBe("ACTIVE");

    const suspended = (await as(FEMI, STATUS, { input: { id: agreement.id, expectedVersion: agreement.version, to: "SUSPENDED" } }, null)).changeDataSharingAgreementStatus;
    expect(suspended).toMatchObject({ status: "SUSPENDED" });
    expect(await caseload(WCU)).toEqual([]);
    const reinstated = (await as(FEMI, STATUS, { input: { id: agreement.id, expectedVersion: agreement.version + 1, to: "ACTIVE" } }, null)).changeDataSharingAgreementStatus;
    expect(reinstated).toMatchObject({ status: "ACTIVE" });
    expect(await caseload(WCU)).toEqual(before.get(WCU));
    // Rape Crisis stays out: reinstating the agreement does not undo its withdrawal.
    expect(await caseload(ISVA)).toEqual([]);
  });
});
