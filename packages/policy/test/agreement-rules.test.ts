// Who may change a data-sharing agreement (agreement-rules.ts), checked on rows in memory.
// tests/agreement-governance.test.ts checks the same over real HTTP on a real database.
import type { DsaStatus } from "@hub/db";
import { type Actor, defineAbilityFor, subject } from "@hub/policy";
import { describe, expect, it } from "vitest";

const admin = (organisationId: string, over: Partial<Actor> = {}): Actor => ({
  userId: `admin-of-${organisationId}`,
  name: "Admin",
  email: "admin@example.org",
  organisationId,
  organisationName: organisationId,
  organisationKind: "ISVA_SERVICE",
  legalType: "VOLUNTARY_SECTOR",
  roles: ["ORGANISATION_ADMIN"],
  areaIds: ["north"],
  agreements: [],
  ...over,
});
const isvaAdmin = admin("isva");
const wcuAdmin = admin("wcu", { organisationKind: "POLICE_WCU", legalType: "COMPETENT_AUTHORITY" });
const northPartnership = admin("north-body", { organisationKind: "OTHER", legalType: "PUBLIC_BODY", roles: ["ORGANISATION_ADMIN", "PARTNERSHIP_ADMIN"] });
const southPartnership = admin("south-body", { organisationKind: "OTHER", legalType: "PUBLIC_BODY", roles: ["ORGANISATION_ADMIN", "PARTNERSHIP_ADMIN"], areaIds: ["south"] });

type Party = { organisationId: string; withdrawnAt: Date | null; organisation: { areas: { areaId: string }[] } };
const party = (organisationId: string, { area = "north", withdrawn = false } = {}): Party => ({
  organisationId,
  withdrawnAt: withdrawn ? new Date("2026-11-01T10:00:00Z") : null,
  organisation: { areas: [{ areaId: area }] },
});
const agreement = (status: DsaStatus, parties: Party[]) => subject("DataSharingAgreement", { id: "dsa", status, parties } as never);
const partyRow = (p: Party) => subject("DsaParty", { dsaId: "dsa", ...p } as never);

const may = (who: Actor, row: ReturnType<typeof agreement>, field?: string) => defineAbilityFor(who, { purpose: null }).can("update", row, field);

/** The partnership-wide agreement: the police's Witness Care Unit, an ISVA service and the partnership body. */
const shared = (status: DsaStatus = "ACTIVE", over: Partial<Record<"wcu" | "isva", Party>> = {}) =>
  agreement(status, [over.wcu ?? party("wcu"), over.isva ?? party("isva"), party("north-body")]);

describe("an agreement that binds other organisations", () => {
  it("cannot be changed, signed off, suspended, reinstated or ended by one party's admin, voluntary or statutory", () => {
    for (const who of [isvaAdmin, wcuAdmin]) {
      for (const status of ["DRAFT", "ACTIVE", "SUSPENDED"] as const) {
        expect(may(who, shared(status), "status"), `${who.organisationId} ${status}`).toBe(false);
        for (const field of ["title", "purposes", "categories", "retention", "reviewDate", "parties"]) expect(may(who, shared(status), field)).toBe(false);
      }
      expect(may(who, shared("DRAFT"), "signedOffBy")).toBe(false);
    }
  });

  it("stays out of a voluntary party's hands after the police withdraw, while another statutory party is still bound", () => {
    const withCps = agreement("ACTIVE", [party("wcu", { withdrawn: true }), party("isva"), party("cps")]);
    expect(may(isvaAdmin, withCps, "status")).toBe(false);
  });

  it("is the partnership's: its administrators change and sign off drafts, suspend, reinstate and end it", () => {
    for (const status of ["DRAFT", "ACTIVE", "SUSPENDED"] as const) expect(may(northPartnership, shared(status), "status")).toBe(true);
    expect(may(northPartnership, shared("DRAFT"), "signedOffBy")).toBe(true);
    expect(may(northPartnership, shared("DRAFT"), "parties")).toBe(true);
  });

  it("is not another area's administrators' to change, nor one area's when it binds an organisation elsewhere", () => {
    expect(may(southPartnership, shared(), "status")).toBe(false);
    const crossArea = shared("ACTIVE", { isva: party("isva", { area: "south" }) });
    expect(may(northPartnership, crossArea, "status")).toBe(false);
    expect(may(southPartnership, crossArea, "status")).toBe(false);
    const crossDraft = agreement("DRAFT", [party("wcu"), party("isva", { area: "south" })]);
    expect(may(northPartnership, crossDraft, "signedOffBy")).toBe(false);
    expect(may(northPartnership, crossDraft, "parties")).toBe(false);
    expect(defineAbilityFor(northPartnership, { purpose: null }).can("create", crossDraft)).toBe(false);
    // Once the organisation elsewhere has withdrawn, the agreement binds only Northshire's.
    const leftSouth = shared("ACTIVE", { isva: party("isva", { area: "south", withdrawn: true }) });
    expect(may(northPartnership, leftSouth, "status")).toBe(true);
    // One that binds nobody any more is still the partnership's to end, where its parties were.
    const everyoneLeft = agreement("ACTIVE", [party("wcu", { withdrawn: true }), party("isva", { withdrawn: true })]);
    expect(may(northPartnership, everyoneLeft, "status")).toBe(true);
    expect(may(southPartnership, everyoneLeft, "status")).toBe(false);
  });

  it("gives a caseworker nothing", () => {
    const caseworker = admin("isva", { roles: ["ADVOCATE"] });
    expect(may(caseworker, shared())).toBe(false);
    expect(may(caseworker, shared("DRAFT"))).toBe(false);
    expect(defineAbilityFor(caseworker, { purpose: null }).can("update", partyRow(party("isva")), "withdrawnAt")).toBe(false);
  });
});

describe("single-party agreements and withdrawing", () => {
  it("keeps a draft that names other organisations out of one party's hands too; its own draft is its own", () => {
    for (const field of ["title", "categories", "parties", "status", "signedOffBy"]) {
      expect(may(isvaAdmin, shared("DRAFT"), field)).toBe(false);
      expect(may(isvaAdmin, agreement("DRAFT", [party("isva")]), field)).toBe(true);
    }
    expect(may(admin("idva"), agreement("DRAFT", [party("isva")]), "title")).toBe(false);
    // It may still propose one naming others, for the partnership to take on.
    expect(defineAbilityFor(isvaAdmin, { purpose: null }).can("create", agreement("DRAFT", [party("isva"), party("wcu")]))).toBe(true);
    expect(defineAbilityFor(isvaAdmin, { purpose: null }).can("create", agreement("DRAFT", [party("wcu")]))).toBe(false);
  });

  it("lets an organisation keep an agreement that binds it alone, including once every other party has withdrawn", () => {
    expect(may(isvaAdmin, agreement("ACTIVE", [party("isva")]), "status")).toBe(true);
    const othersLeft = shared("ACTIVE", { wcu: party("wcu", { withdrawn: true }) });
    expect(may(isvaAdmin, othersLeft, "status")).toBe(false);
    const aloneNow = agreement("SUSPENDED", [party("wcu", { withdrawn: true }), party("isva")]);
    expect(may(isvaAdmin, aloneNow, "status")).toBe(true);
    // An organisation that has withdrawn keeps nothing of it.
    expect(may(isvaAdmin, agreement("ACTIVE", [party("isva", { withdrawn: true })]), "status")).toBe(false);
  });

  it("lets a party's admin withdraw their own organisation, and no other", () => {
    const ability = defineAbilityFor(isvaAdmin, { purpose: null });
    for (const field of ["withdrawnAt", "withdrawnByUserId", "withdrawalReason"]) expect(ability.can("update", partyRow(party("isva")), field)).toBe(true);
    expect(ability.can("update", partyRow(party("isva")), "lawfulBasisCode")).toBe(false);
    expect(ability.can("update", partyRow(party("wcu")), "withdrawnAt")).toBe(false);
    // The partnership's administrators do not withdraw an organisation on its behalf.
    expect(defineAbilityFor(northPartnership, { purpose: null }).can("update", partyRow(party("isva")), "withdrawnAt")).toBe(false);
  });
});
