import { DEMO_CASES, DEMO_USERS, seedDemoPartnership } from "@hub/db/seed";
import { Role } from "@hub/db";
import { createTestDatabase, type TestDatabase } from "@hub/test-utils";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

describe("demo partnership seed", () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
    expect(await seedDemoPartnership(db.prisma)).toEqual({ seeded: true });
  });
  afterAll(async () => {
    await db.close();
  });

  it("has at least one user for every role", async () => {
    const memberships = await db.prisma.membership.findMany();
    const roles = new Set(memberships.flatMap((m) => m.roles));
    expect([...roles].sort()).toEqual(Object.values(Role).sort());
    expect(await db.prisma.user.count()).toBe(DEMO_USERS.length);
  });

  it("seeds the Northshire partners and a Southshire ISVA service", async () => {
    const orgs = await db.prisma.organisation.findMany({ include: { areas: { include: { area: true } } } });
    const byName = new Map(orgs.map((o) => [o.name, o]));
    for (const name of ["Northshire Police Witness Care Unit", "CPS Northshire", "Northshire Rape Crisis", "Safe Steps Northshire", "Victim Support Northshire"]) {
      expect(byName.get(name)?.areas.map((a) => a.area.name)).toEqual(["Northshire"]);
    }
    expect(byName.get("Southshire ISVA Service")?.areas.map((a) => a.area.name)).toEqual(["Southshire"]);
  });

  it("has a dozen cases at varied stages and offences, some with no partner involvement", async () => {
    const cases = await db.prisma.case.findMany({ include: { involvements: { include: { organisation: true } } } });
    expect(cases.length).toBe(DEMO_CASES.length);
    expect(cases.length).toBeGreaterThanOrEqual(12);
    expect(new Set(cases.map((c) => c.stage)).size).toBeGreaterThanOrEqual(8);
    expect(new Set(cases.map((c) => c.offenceCategory)).size).toBeGreaterThanOrEqual(8);
    const policeOnly = cases.filter((c) => c.involvements.every((i) => i.organisation.kind === "POLICE"));
    expect(policeOnly.length).toBeGreaterThan(0);
  });

  it("is idempotent: a second run changes nothing", async () => {
    const before = await db.prisma.case.count();
    expect(await seedDemoPartnership(db.prisma)).toEqual({ seeded: false });
    expect(await db.prisma.case.count()).toBe(before);
  });
});
