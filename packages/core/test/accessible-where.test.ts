// Regression: Prisma drops an empty OR inside AND, so CASL's "no rule" ({ OR: [] }) combined
// with another condition matched every row. accessibleWhere must match nothing instead.
import { accessibleWhere, type Actor, defineAbilityFor } from "@hub/policy";
import { createTestDatabase, makeCase, type TestDatabase } from "@hub/test-utils";
import { afterAll, beforeAll, expect, it } from "vitest";

const auditor: Actor = {
  userId: "00000000-0000-4000-8000-000000000001",
  name: "Auditor",
  email: "a@example.org",
  organisationId: "00000000-0000-4000-8000-000000000002",
  organisationName: "Partnership",
  organisationKind: "OTHER",
  legalType: "PUBLIC_BODY",
  roles: ["PARTNERSHIP_AUDITOR"],
  areaIds: [],
  agreements: [],
};

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db.close();
});

it("finds nothing, even inside AND, for a subject the actor has no rule for", async () => {
  const area = await db.prisma.area.create({ data: { code: "AW", name: "AW" } });
  const c = await makeCase(db.prisma, { areaId: area.id });
  const ability = defineAbilityFor(auditor, { purpose: "AUDIT" });
  expect(await db.prisma.case.count({ where: { AND: [{ id: c.id }, accessibleWhere(ability, "Case")] } })).toBe(0);
  expect(await db.prisma.victimContactDetails.count({ where: { AND: [{ victimId: c.victimId }, accessibleWhere(ability, "VictimContactDetails")] } })).toBe(0);
  // The control: the same query without the policy does find the row.
  expect(await db.prisma.case.count({ where: { AND: [{ id: c.id }, {}] } })).toBe(1);
});
