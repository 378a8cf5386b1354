// The consent-statements migration says again, as statements, what victims had said in the
// old shape (scopes, withholdings, a withdrawn record), and works out the same grants the
// hub would: tested on a database holding old consents, migrated in place.
import { randomBytes } from "node:crypto";
import { migrate, openDatabase, readMigrations, type Database } from "@hub/db";
import { adminUrl, databaseUrl, testEngine } from "@hub/test-utils";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const STATEMENTS = "20261202020000_consent_statements";

async function emptyDatabase(): Promise<{ db: Database; drop: () => Promise<void> }> {
  if (testEngine() === "pglite") {
    const db = await openDatabase({ kind: "pglite", dataDir: null });
    return { db, drop: () => db.close() };
  }
  const name = `hub_test_legacy_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: adminUrl() });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const db = await openDatabase({ kind: "postgres", url: databaseUrl(name) });
  return {
    db,
    drop: async () => {
      await db.close();
      const dropper = new pg.Client({ connectionString: adminUrl() });
      await dropper.connect();
      await dropper.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await dropper.end();
    },
  };
}

describe("consent statements migration", () => {
  let db: Database;
  let drop: () => Promise<void>;
  const id = {
    isva: "11111111-1111-4111-8111-111111111111",
    idva: "22222222-2222-4222-8222-222222222222",
    wcu: "33333333-3333-4333-8333-333333333333",
    user: "44444444-4444-4444-8444-444444444444",
    victim: "55555555-5555-4555-8555-555555555555",
    first: "66666666-6666-4666-8666-666666666666",
    second: "77777777-7777-4777-8777-777777777777",
  };
  beforeAll(async () => {
    ({ db, drop } = await emptyDatabase());
    const all = readMigrations();
    await migrate(db.sql, all.filter((m) => m.name < STATEMENTS));
    const q = (text: string, params: unknown[] = []) => db.sql.query(text, params);
    for (const [oid, name, kind] of [
      [id.isva, "Rape Crisis", "ISVA_SERVICE"],
      [id.idva, "Safe Steps", "IDVA_SERVICE"],
      [id.wcu, "Witness Care", "POLICE_WCU"],
    ]) {
      await q(`INSERT INTO "Organisation" (id, name, kind, "legalType") VALUES ($1, $2, $3, 'VOLUNTARY_SECTOR')`, [oid, name, kind]);
    }
    await q(`INSERT INTO "User" (id, "oidcSubject", email, name) VALUES ($1, 'sub', 'a@example.org', 'A')`, [id.user]);
    await q(`INSERT INTO "Membership" ("userId", "organisationId", roles) VALUES ($1, $2, '{CASEWORKER}')`, [id.user, id.isva]);
    await q(`INSERT INTO "Victim" (id, reference) VALUES ($1, 'V-1')`, [id.victim]);
    // 1 October: she agreed her case progress and contact details may go to ISVA services and the
    // WCU, and kept her contact details back from Rape Crisis (in the same record).
    await q(`INSERT INTO "Consent" (id, "victimId", "givenBy", "capturedByUserId", "capturedByOrganisationId", "capturedAt", evidence) VALUES ($1, $2, 'VICTIM', $3, $4, '2026-10-01T10:00:00Z', 'form 1')`, [
      id.first,
      id.victim,
      id.user,
      id.isva,
    ]);
    for (const [category, kind, org] of [
      ["CASE_PROGRESS", "ISVA_SERVICE", null],
      ["CONTACT_DETAILS", "ISVA_SERVICE", null],
      ["CONTACT_DETAILS", null, id.wcu],
    ]) {
      await q(`INSERT INTO "ConsentScope" ("consentId", category, purpose, "recipientKind", "recipientOrganisationId") VALUES ($1, $2, 'SUPPORT_AND_ADVOCACY', $3, $4)`, [id.first, category, kind, org]);
    }
    await q(`INSERT INTO "ConsentWithholding" ("consentId", category, "fromOrganisationId", reason) VALUES ($1, 'CONTACT_DETAILS', $2, 'Wants to tell them herself')`, [id.first, id.isva]);
    // 2 October: case progress for Safe Steps, withdrawn on 5 October.
    await q(`INSERT INTO "Consent" (id, "victimId", "givenBy", "capturedByUserId", "capturedByOrganisationId", "capturedAt", evidence) VALUES ($1, $2, 'VICTIM', $3, $4, '2026-10-02T10:00:00Z', 'form 2')`, [
      id.second,
      id.victim,
      id.user,
      id.isva,
    ]);
    await q(`INSERT INTO "ConsentScope" ("consentId", category, purpose, "recipientOrganisationId") VALUES ($1, 'CASE_PROGRESS', 'SUPPORT_AND_ADVOCACY', $2)`, [id.second, id.idva]);
    await q(`UPDATE "Consent" SET "withdrawnAt" = '2026-10-05T10:00:00Z', "withdrawnByUserId" = $2 WHERE id = $1`, [id.second, id.user]);
    await migrate(db.sql, all);
  });
  afterAll(async () => {
    await drop?.();
  });

  const grants = async () =>
    (
      await db.sql.query<{ organisationId: string; category: string }>(
        `SELECT "organisationId", category FROM "ConsentGrant" WHERE purpose = 'SUPPORT_AND_ADVOCACY' ORDER BY "organisationId", category`,
      )
    ).map((g) => `${g.organisationId.slice(0, 1)}:${g.category}`);

  it("keeps what each record said: given, kept back (standing over its own record's agreement) and withdrawn", async () => {
    // Rape Crisis (an ISVA service) reads her case progress but not her contact details; the
    // WCU reads her contact details; Safe Steps nothing, since its consent was withdrawn.
    expect(await grants()).toEqual(["1:CASE_PROGRESS", "3:CONTACT_DETAILS"]);
    const statements = await db.sql.query<{ decision: string; consentId: string }>(`SELECT decision, "consentId" FROM "ConsentStatement" ORDER BY seq`);
    expect(statements.map((s) => s.decision)).toEqual(["GIVEN", "GIVEN", "GIVEN", "GIVEN", "WITHHELD", "WITHDRAWN"]);
    // The withdrawal is a record of its own, on the day she withdrew, by the person who recorded it.
    const withdrawal = await db.sql.query<{ capturedAt: Date; capturedByOrganisationId: string }>(
      `SELECT "capturedAt", "capturedByOrganisationId" FROM "Consent" WHERE id = $1`,
      [statements[5]!.consentId],
    );
    expect(withdrawal[0]).toMatchObject({ capturedAt: new Date("2026-10-05T10:00:00Z"), capturedByOrganisationId: id.isva });
  });

  it("gives an organisation that joins later what her statements about its kind already say", async () => {
    await db.sql.query(`INSERT INTO "Organisation" (id, name, kind, "legalType") VALUES ('88888888-8888-4888-8888-888888888888', 'New ISVA', 'ISVA_SERVICE', 'VOLUNTARY_SECTOR')`);
    expect(await grants()).toContain("8:CONTACT_DETAILS");
    expect(await grants()).toContain("8:CASE_PROGRESS");
  });

  it("never edits or deletes what she said", async () => {
    await expect(db.sql.query(`UPDATE "ConsentStatement" SET decision = 'GIVEN'`)).rejects.toThrow(/never|kept/i);
    await expect(db.sql.query(`DELETE FROM "Consent"`)).rejects.toThrow(/kept/);
    await expect(db.sql.query(`UPDATE "Consent" SET explicit = true`)).rejects.toThrow(/kept/);
  });
});
