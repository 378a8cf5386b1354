import { defineAbilityFor, subject, type Actor } from "@hub/policy";
import { describe, expect, it } from "vitest";

const actor = (organisationId: string): Actor => ({
  userId: "u1",
  name: "Test",
  email: "t@example.org",
  organisationId,
  organisationName: "Org",
  organisationKind: "ISVA_SERVICE",
  legalType: "VOLUNTARY_SECTOR",
  roles: ["ADVOCATE"],
  areaIds: [],
});

const caseRow = (involvements: { organisationId: string; until: Date | null }[]) =>
  subject("Case", { id: "c1", involvements } as never);

describe("first-cut case access", () => {
  const ability = defineAbilityFor(actor("org-a"));

  it("lets an organisation read a case it is currently involved in", () => {
    expect(ability.can("read", caseRow([{ organisationId: "org-b", until: null }, { organisationId: "org-a", until: null }]))).toBe(true);
  });

  it("refuses a case it is not involved in, or no longer involved in", () => {
    expect(ability.can("read", caseRow([{ organisationId: "org-b", until: null }]))).toBe(false);
    expect(ability.can("read", caseRow([{ organisationId: "org-a", until: new Date() }]))).toBe(false);
  });

  it("refuses a case with no involvements at all (no `every` on an empty list)", () => {
    expect(ability.can("read", caseRow([]))).toBe(false);
  });

  it("gives nobody update or delete on cases yet", () => {
    expect(ability.can("update", caseRow([{ organisationId: "org-a", until: null }]))).toBe(false);
    expect(ability.can("delete", caseRow([{ organisationId: "org-a", until: null }]))).toBe(false);
  });
});
