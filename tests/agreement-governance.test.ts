// Who may change a data-sharing agreement that binds several organisations, over real HTTP on a
// real database (issue #12). One party's admin once suspended the partnership-wide agreement
// alone and the police's caseload went to zero. Now: a party may withdraw itself (the agreement
// stops covering it and still binds the others); suspending, reinstating, ending and signing
// off what binds others is the partnership's administrators'; ending is final, so it needs
// confirmEnd; and a voluntary party can never take away the statutory agencies' access.
// Every refusal is typed or "not found", writes nothing and is audited.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CPS_VLO, IDVA, ISVA, startTestHub, type TestHub, WCU } from "./support/test-hub.js";

const ISVA_LEAD = "lead@northshire-rapecrisis.example.org";
const WCU_LEAD = "wcu.lead@northshire-police.example.org";
const POLICE = "officer@northshire-police.example.org";
const PARTNERSHIP_ADMIN = "directory@northshire-partnership.example.org";
const SOUTHSHIRE_ADMIN = "admin@southshire-partnership.example.org";
const REASON = "Our board has decided to stop sharing under this agreement while our service is reorganised.";

const AGREEMENT = `id reference status version parties { organisation { name } withdrawal { withdrawnAt withdrawnByName reason } }`;
const RESULT = `__typename ... on DataSharingAgreement { ${AGREEMENT} } ... on Error { message } ... on BadInputError { field } ... on NotFoundError { entity }`;
const STATUS = `mutation ($input: ChangeDataSharingAgreementStatusInput!) { changeDataSharingAgreementStatus(input: $input) { ${RESULT} } }`;
const UPDATE = `mutation ($input: UpdateDataSharingAgreementInput!) { updateDataSharingAgreement(input: $input) { ${RESULT} } }`;
const WITHDRAW = `mutation ($input: WithdrawFromDataSharingAgreementInput!) { withdrawFromDataSharingAgreement(input: $input) { ${RESULT} } }`;
const DRAFT = `mutation ($input: DraftDataSharingAgreementInput!) { draftDataSharingAgreement(input: $input) { ${RESULT} } }`;
const REGISTER = `{ dataSharingAgreements { ${AGREEMENT} } }`;
const CASES = `{ cases(first: 100) { edges { node { id } } } }`;
const CASE_Q = `query ($id: ID!) { case(id: $id) { __typename } }`;

describe("agreement governance: withdrawing, and who may change what binds others", () => {
  let hub: TestHub;
  const org = new Map<string, string>();
  const user = new Map<string, string>();
  let nsh: string;

  const run = async (as: string, query: string, input: Record<string, unknown>) => {
    const res = await hub.gql(as, query, { input }, null);
    expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
    return Object.values(res.data!)[0] as Record<string, any>;
  };
  const stored = (id: string) => hub.db.prisma.dataSharingAgreement.findUniqueOrThrow({ where: { id }, include: { parties: { orderBy: { organisationId: "asc" } } } });
  const version = async (id: string) => (await stored(id)).version;
  const audit = (id: string) => hub.db.prisma.auditEvent.findMany({ where: { entityType: "DataSharingAgreement", entityId: id }, orderBy: { seq: "asc" } });
  const caseload = async (as: string) => {
    const res = await hub.gql(as, CASES);
    return ((res.data?.cases?.edges ?? []) as { node: { id: string } }[]).map((e) => e.node.id).sort();
  };
  /** An agreement in force made directly, as the register would hold it. */
  const inForce = async (reference: string, parties: { name: string; withdrawn?: boolean }[]) =>
    (
      await hub.db.prisma.dataSharingAgreement.create({
        data: {
          reference,
          title: reference,
          purposes: ["SUPPORT_AND_ADVOCACY"],
          categories: ["CASE_PROGRESS"],
          retention: "Until the case closes.",
          reviewDate: new Date(Date.now() + 200 * 86_400_000),
          status: "ACTIVE",
          signedOffBy: "The partnership board",
          signedOffAt: new Date(),
          parties: {
            create: parties.map((p) => ({
              organisationId: org.get(p.name)!,
              controllerRole: "SEPARATE_CONTROLLER" as const,
              lawfulBasisCode: "CONSENT",
              ...(p.withdrawn ? { withdrawnAt: new Date(), withdrawnByUserId: user.get(ISVA_LEAD)!, withdrawalReason: "Left." } : {}),
            })),
          },
        },
      })
    ).id;

  beforeAll(async () => {
    hub = await startTestHub();
    for (const o of await hub.db.prisma.organisation.findMany()) org.set(o.name, o.id);
    for (const u of await hub.db.prisma.user.findMany()) user.set(u.email, u.id);
    nsh = (await hub.db.prisma.dataSharingAgreement.findUniqueOrThrow({ where: { reference: "NSH-ISA-2026" } })).id;
  });
  afterAll(async () => {
    await hub?.close();
  });

  it("refuses a voluntary party's admin who tries to suspend, end or change the partnership's agreement: typed, nothing written, audited", async () => {
    const before = await stored(nsh);
    const deniedBefore = (await audit(nsh)).filter((e) => e.action === "DENIED").length;
    const v = before.version;
    const attempts = [
      await run(ISVA_LEAD, STATUS, { id: nsh, expectedVersion: v, to: "SUSPENDED" }),
      await run(ISVA_LEAD, STATUS, { id: nsh, expectedVersion: v, to: "ENDED", confirmEnd: true }),
      await run(ISVA_LEAD, UPDATE, { id: nsh, expectedVersion: v, categories: ["CASE_PROGRESS"] }),
      await run(ISVA_LEAD, UPDATE, { id: nsh, expectedVersion: v, parties: [{ organisationId: org.get("Northshire Rape Crisis"), controllerRole: "SEPARATE_CONTROLLER", lawfulBasisCode: "CONSENT" }] }),
    ];
    for (const refused of attempts) {
      expect(refused).toMatchObject({ __typename: "BadInputError", field: "id" });
      expect(refused.message).toMatch(/^This agreement binds 6 other organisations as well as yours, so one party cannot (suspend|end|change) it for them: the partnership's administrators for the areas they serve can\. To stop sharing under it yourselves, withdraw your organisation from it\. Nothing was changed\.$/);
    }
    expect(await stored(nsh)).toEqual(before);
    const denied = (await audit(nsh)).filter((e) => e.action === "DENIED").slice(deniedBefore);
    expect(denied.map((e) => [e.actorUserId, e.organisationId, e.outcome, e.fields])).toEqual([
      [user.get(ISVA_LEAD), org.get("Northshire Rape Crisis"), "not-permitted", ["DataSharingAgreement.status"]],
      [user.get(ISVA_LEAD), org.get("Northshire Rape Crisis"), "not-permitted", ["DataSharingAgreement.status"]],
      [user.get(ISVA_LEAD), org.get("Northshire Rape Crisis"), "not-permitted", ["DataSharingAgreement.categories"]],
      [user.get(ISVA_LEAD), org.get("Northshire Rape Crisis"), "not-permitted", ["DataSharingAgreement.parties"]],
    ]);
  });

  it("answers not found to a party's caseworker and to another area's partnership administrator, writing nothing", async () => {
    const before = await stored(nsh);
    for (const who of [ISVA, SOUTHSHIRE_ADMIN]) {
      expect(await run(who, STATUS, { id: nsh, expectedVersion: before.version, to: "SUSPENDED" })).toMatchObject({ __typename: "NotFoundError", entity: "data-sharing agreement" });
      expect(await run(who, WITHDRAW, { id: nsh, expectedVersion: before.version, reason: REASON })).toMatchObject({ __typename: "NotFoundError" });
    }
    expect(await stored(nsh)).toEqual(before);
  });

  it("refuses to end an agreement unless the partnership's administrator confirms it, saying that ending is final and what it would stop", async () => {
    const before = await stored(nsh);
    const writtenBefore = (await audit(nsh)).filter((e) => e.action !== "DENIED").length;
    for (const confirmEnd of [undefined, false]) {
      const refused = await run(PARTNERSHIP_ADMIN, STATUS, { id: nsh, expectedVersion: before.version, to: "ENDED", ...(confirmEnd === undefined ? {} : { confirmEnd }) });
      expect(refused).toMatchObject({ __typename: "BadInputError", field: "confirmEnd" });
      expect(refused.message).toBe(
        "Ending an agreement is final: it can never be resumed, and the sharing it allows stops at once for the 7 organisations it binds " +
          "(Northshire Police, Northshire Police Witness Care Unit, CPS Northshire, Northshire Rape Crisis, Safe Steps Northshire, Victim Support Northshire, Northshire Victims' Partnership). " +
          "To pause sharing instead, suspend it. To end it, send confirmEnd: true. Nothing was changed.",
      );
    }
    expect(await stored(nsh)).toEqual(before);
    expect((await audit(nsh)).filter((e) => e.action !== "DENIED").length).toBe(writtenBefore);
  });

  it("needs a reason to withdraw, and the version the admin saw", async () => {
    const before = await stored(nsh);
    expect(await run(ISVA_LEAD, WITHDRAW, { id: nsh, expectedVersion: before.version, reason: "   " })).toMatchObject({
      __typename: "BadInputError",
      field: "reason",
      message: "Say why your organisation is withdrawing from the agreement.",
    });
    expect((await run(ISVA_LEAD, WITHDRAW, { id: nsh, expectedVersion: before.version + 1, reason: REASON })).__typename).toBe("ConflictError");
    expect(await stored(nsh)).toEqual(before);
  });

  it("lets a voluntary party withdraw itself: its own access stops on its next request, and the police, WCU and CPS caseloads are untouched", async () => {
    const police = await caseload(POLICE);
    const wcu = await caseload(WCU);
    const cps = await caseload(CPS_VLO);
    const idva = await caseload(IDVA);
    const isva = await caseload(ISVA);
    expect(wcu.length).toBeGreaterThan(0);
    expect(isva.length).toBeGreaterThan(0);

    const withdrawn = await run(ISVA_LEAD, WITHDRAW, { id: nsh, expectedVersion: await version(nsh), reason: REASON });
    expect(withdrawn).toMatchObject({ __typename: "DataSharingAgreement", status: "ACTIVE" });
    const rapeCrisis = withdrawn.parties.find((p: any) => p.organisation.name === "Northshire Rape Crisis");
    expect(rapeCrisis.withdrawal).toMatchObject({ withdrawnByName: "Helen Ford", reason: REASON });
    expect(Date.now() - Date.parse(rapeCrisis.withdrawal.withdrawnAt)).toBeLessThan(60_000);
    expect(withdrawn.parties.filter((p: any) => p.withdrawal !== null)).toHaveLength(1);

    // The withdrawn service's own access that relied on the agreement stops at once...
    expect(await caseload(ISVA)).toEqual([]);
    expect((await hub.gql(ISVA, CASE_Q, { id: isva[0] })).data!.case.__typename).toBe("NotFoundError");
    // ...while the agreement still binds and covers everyone else.
    expect(await caseload(POLICE)).toEqual(police);
    expect(await caseload(WCU)).toEqual(wcu);
    expect(await caseload(CPS_VLO)).toEqual(cps);
    expect(await caseload(IDVA)).toEqual(idva);
    expect((await hub.gql(WCU, CASE_Q, { id: wcu[0] })).data!.case.__typename).toBe("Case");
  });

  it("shows the withdrawal in the register to every partner, and audits it by identifiers and field names only", async () => {
    const register = await hub.gql(WCU, REGISTER, {}, null);
    const entry = (register.data!.dataSharingAgreements as any[]).find((d) => d.id === nsh);
    expect(entry.parties.find((p: any) => p.organisation.name === "Northshire Rape Crisis").withdrawal).toMatchObject({ withdrawnByName: "Helen Ford", reason: REASON });
    expect(entry.parties.find((p: any) => p.organisation.name === "Northshire Police").withdrawal).toBeNull();
    const row = (await stored(nsh)).parties.find((p) => p.organisationId === org.get("Northshire Rape Crisis"))!;
    expect(row).toMatchObject({ withdrawnByUserId: user.get(ISVA_LEAD), withdrawalReason: REASON });
    const events = await audit(nsh);
    const written = events.filter((e) => e.action === "ALTERATION");
    expect(written.map((e) => [e.actorUserId, e.organisationId, e.outcome, e.fields])).toEqual([
      [user.get(ISVA_LEAD), org.get("Northshire Rape Crisis"), "WITHDRAWN", ["DsaParty.withdrawnAt", "DsaParty.withdrawnByUserId", "DsaParty.withdrawalReason"]],
    ]);
    expect(JSON.stringify(events, (_k, v) => (typeof v === "bigint" ? String(v) : v))).not.toContain("reorganised");
  });

  it("refuses to withdraw twice, or from an agreement the organisation is not party to", async () => {
    const again = await run(ISVA_LEAD, WITHDRAW, { id: nsh, expectedVersion: await version(nsh), reason: REASON });
    expect(again).toMatchObject({ __typename: "BadInputError", field: "id" });
    expect(again.message).toMatch(/^Your organisation withdrew from this agreement on \d{1,2} [A-Z][a-z]+ \d{4}\. Nothing was changed\.$/);
    // Having withdrawn, it has no more say over the agreement than any other outsider to it.
    const suspend = await run(ISVA_LEAD, STATUS, { id: nsh, expectedVersion: await version(nsh), to: "SUSPENDED" });
    expect(suspend.message).toBe("Your organisation has withdrawn from this agreement, so it is no longer yours to suspend: the partnership's administrators can. Nothing was changed.");

    const southshire = (await hub.db.prisma.dataSharingAgreement.findUniqueOrThrow({ where: { reference: "SSH-ISA-2026" } })).id;
    const notParty = await run(SOUTHSHIRE_ADMIN, WITHDRAW, { id: southshire, expectedVersion: await version(southshire), reason: REASON });
    expect(notParty).toMatchObject({ __typename: "BadInputError", message: "Your organisation is not a party to this agreement, so there is nothing to withdraw it from. Nothing was changed." });
    expect((await stored(southshire)).parties.every((p) => p.withdrawnAt === null)).toBe(true);
  });

  it("lets a party propose a draft naming others, which is then the partnership's to change, abandon or sign off; the party may still withdraw from it", async () => {
    const party = (name: string, lawfulBasisCode: string) => ({ organisationId: org.get(name), controllerRole: "SEPARATE_CONTROLLER", lawfulBasisCode });
    const draft = await run(ISVA_LEAD, DRAFT, {
      reference: "NSH-RC-REFERRALS",
      title: "Rape Crisis, Victim Support and CPS referrals",
      purposes: ["REFERRAL"],
      categories: ["CASE_PROGRESS"],
      retention: "Until the referral closes.",
      reviewDate: new Date(Date.now() + 100 * 86_400_000).toISOString(),
      parties: [party("Northshire Rape Crisis", "CONSENT"), party("Victim Support Northshire", "CONSENT"), party("CPS Northshire", "PUBLIC_TASK")],
    });
    expect(draft).toMatchObject({ __typename: "DataSharingAgreement", status: "DRAFT", version: 1 });
    const before = await stored(draft.id);
    const dropCps = await run(ISVA_LEAD, UPDATE, { id: draft.id, expectedVersion: 1, parties: [party("Northshire Rape Crisis", "CONSENT"), party("Victim Support Northshire", "CONSENT")] });
    expect(dropCps.message).toMatch(/^This draft names 2 other organisations as well as yours, so one party cannot change it for them/);
    // Not even a change of nothing, which would still move its version on.
    expect(await run(ISVA_LEAD, UPDATE, { id: draft.id, expectedVersion: 1 })).toMatchObject({ __typename: "BadInputError", field: "id" });
    const abandon = await run(ISVA_LEAD, STATUS, { id: draft.id, expectedVersion: 1, to: "ENDED", confirmEnd: true });
    expect(abandon.message).toMatch(/so one party cannot end it for them/);
    const signOff = await run(ISVA_LEAD, `mutation ($input: SignOffDataSharingAgreementInput!) { signOffDataSharingAgreement(input: $input) { ${RESULT} } }`, {
      id: draft.id,
      expectedVersion: 1,
      signedOffBy: "Helen Ford",
    });
    expect(signOff.message).toMatch(/^Signing an agreement off binds every party to it/);
    expect(await stored(draft.id)).toEqual(before);

    const withdrawn = await run(ISVA_LEAD, WITHDRAW, { id: draft.id, expectedVersion: 1, reason: REASON });
    expect(withdrawn).toMatchObject({ status: "DRAFT", version: 2 });
    expect(withdrawn.parties.find((p: any) => p.organisation.name === "Northshire Rape Crisis").withdrawal).toMatchObject({ withdrawnByName: "Helen Ford", reason: REASON });
    // Signed off by the partnership, it binds the two parties still in it, and not the one that left.
    const signed = await run(PARTNERSHIP_ADMIN, `mutation ($input: SignOffDataSharingAgreementInput!) { signOffDataSharingAgreement(input: $input) { ${RESULT} } }`, {
      id: draft.id,
      expectedVersion: 2,
      signedOffBy: "Northshire Partnership Board",
    });
    expect(signed).toMatchObject({ status: "ACTIVE", version: 3 });
    expect(signed.parties.filter((p: any) => p.withdrawal === null).map((p: any) => p.organisation.name).sort()).toEqual(["CPS Northshire", "Victim Support Northshire"]);
  });

  it("lets an organisation keep an agreement that binds it alone: suspend, reinstate, and end once confirmed", async () => {
    const alone = await inForce("NSH-RC-INTERNAL", [{ name: "Northshire Rape Crisis" }]);
    const othersLeft = await inForce("NSH-RC-VS", [{ name: "Northshire Rape Crisis" }, { name: "Victim Support Northshire", withdrawn: true }]);
    for (const id of [alone, othersLeft]) {
      expect(await run(ISVA_LEAD, STATUS, { id, expectedVersion: 1, to: "SUSPENDED" })).toMatchObject({ status: "SUSPENDED", version: 2 });
      expect(await run(ISVA_LEAD, STATUS, { id, expectedVersion: 2, to: "ACTIVE" })).toMatchObject({ status: "ACTIVE", version: 3 });
      const unconfirmed = await run(ISVA_LEAD, STATUS, { id, expectedVersion: 3, to: "ENDED" });
      expect(unconfirmed).toMatchObject({ __typename: "BadInputError", field: "confirmEnd" });
      expect(unconfirmed.message).toMatch(/stops at once for the organisation it binds \(Northshire Rape Crisis\)/);
      expect(await run(ISVA_LEAD, STATUS, { id, expectedVersion: 3, to: "ENDED", confirmEnd: true })).toMatchObject({ status: "ENDED", version: 4 });
    }
    const fromEnded = await run(ISVA_LEAD, WITHDRAW, { id: alone, expectedVersion: 4, reason: REASON });
    expect(fromEnded.message).toBe("This agreement has ended and binds nobody any more. Nothing was changed.");
  });

  it("keeps an agreement that binds Southshire out of Northshire's partnership administrator's hands", async () => {
    const crossArea = await inForce("NSH-SSH-ISVA", [{ name: "CPS Northshire" }, { name: "Southshire ISVA Service" }]);
    for (const who of [PARTNERSHIP_ADMIN, SOUTHSHIRE_ADMIN]) {
      expect(await run(who, STATUS, { id: crossArea, expectedVersion: 1, to: "SUSPENDED" })).toMatchObject({ __typename: "NotFoundError" });
    }
    expect((await stored(crossArea)).status).toBe("ACTIVE");
  });

  it("lets the partnership's administrator suspend the agreement (the WCU's caseload goes on its next request), reinstate it (it comes back) and end it for good", async () => {
    const wcu = await caseload(WCU);
    expect(wcu.length).toBeGreaterThan(0);
    // The statutory party's own admin cannot cut the others off either.
    expect(await run(WCU_LEAD, STATUS, { id: nsh, expectedVersion: await version(nsh), to: "SUSPENDED" })).toMatchObject({ __typename: "BadInputError", field: "id" });
    expect(await caseload(WCU)).toEqual(wcu);

    const v = await version(nsh);
    expect(await run(PARTNERSHIP_ADMIN, STATUS, { id: nsh, expectedVersion: v, to: "SUSPENDED" })).toMatchObject({ status: "SUSPENDED", version: v + 1 });
    expect(await caseload(WCU)).toEqual([]);
    expect(await run(PARTNERSHIP_ADMIN, STATUS, { id: nsh, expectedVersion: v + 1, to: "ACTIVE" })).toMatchObject({ status: "ACTIVE", version: v + 2 });
    expect(await caseload(WCU)).toEqual(wcu);

    const ended = await run(PARTNERSHIP_ADMIN, STATUS, { id: nsh, expectedVersion: v + 2, to: "ENDED", confirmEnd: true });
    expect(ended).toMatchObject({ status: "ENDED", version: v + 3 });
    expect(await caseload(WCU)).toEqual([]);
    const resumed = await run(PARTNERSHIP_ADMIN, STATUS, { id: nsh, expectedVersion: v + 3, to: "ACTIVE" });
    expect(resumed.message).toMatch(/stays ended/);
    const outcomes = (await audit(nsh)).filter((e) => e.action === "ALTERATION").map((e) => [e.actorUserId, e.outcome]);
    expect(outcomes.slice(-3)).toEqual([
      [user.get(PARTNERSHIP_ADMIN), "SUSPENDED"],
      [user.get(PARTNERSHIP_ADMIN), "ACTIVE"],
      [user.get(PARTNERSHIP_ADMIN), "ENDED"],
    ]);
  });
});
