// PostgreSQL with two roles: the owner migrates (DATABASE_MIGRATION_URL), the hub serves as a
// role of its own (DATABASE_URL). The serving role does the hub's ordinary work and appends to
// the audit log (which the sealer still chains), but cannot change the log in any way, not even
// by switching its triggers off. PGlite is single-user: nothing of this applies there.
import { randomBytes } from "node:crypto";
import { readConfig } from "@hub/config";
import { verifyAuditChain, writeAuditEntries } from "@hub/core";
import { type Database, MigrationError, migrateDatabase, type MigrateDatabaseResult, openDatabase, readMigrations, sealAuditLog } from "@hub/db";
import { adminUrl, databaseUrl, makeCase, makeOrganisation, testEngine } from "@hub/test-utils";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const onPostgres = testEngine() === "postgres";
const tag = randomBytes(5).toString("hex");
// hub_test_*: a killed run's database is cleared by the next run's global setup.
const DATABASE = `hub_test_roles_${tag}`;
const ROLE = `hub_test_app_${tag}`;

const urlAs = (user: string | null) => {
  const url = new URL(databaseUrl(DATABASE));
  if (user) {
    url.username = user;
    url.password = "";
  }
  return url.toString();
};

async function asAdmin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl() });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** The error a statement fails with, as the serving role, in a transaction rolled back afterwards. */
async function refusal(db: Database, ...statements: string[]): Promise<{ code?: string; message: string }> {
  try {
    await db.sql.transaction(async (tx) => {
      for (const statement of statements) await tx.exec(statement);
    });
  } catch (error) {
    return { code: (error as { code?: string }).code, message: (error as Error).message };
  }
  throw new Error(`${statements.join("; ")} was allowed`);
}

const later = {
  name: "29991231000000_later_tables",
  sql: `CREATE TABLE "LaterTable" (id int);
        CREATE TABLE "LaterAuditSeal" (id int);
        CREATE TRIGGER later_no_change BEFORE UPDATE OR DELETE ON "LaterAuditSeal" FOR EACH ROW EXECUTE FUNCTION hub_audit_refuse_change();`,
  checksum: "b".repeat(64),
};

describe.runIf(onPostgres)("the hub serving as a role of its own (DATABASE_URL + DATABASE_MIGRATION_URL)", () => {
  let config: ReturnType<typeof readConfig>;
  let serving: Database;
  let owner: Database;
  let first: MigrateDatabaseResult;

  beforeAll(async () => {
    await asAdmin(async (admin) => {
      await admin.query(`CREATE ROLE "${ROLE}" LOGIN`);
      await admin.query(`CREATE DATABASE "${DATABASE}"`);
    });
    config = readConfig({ DATABASE_URL: urlAs(ROLE), DATABASE_MIGRATION_URL: urlAs(null) });
    serving = await openDatabase(config.database);
    first = await migrateDatabase(serving, config.database);
    owner = await openDatabase({ kind: "postgres", url: urlAs(null) });
  });

  afterAll(async () => {
    await serving?.close();
    await owner?.close();
    await asAdmin(async (admin) => {
      await admin.query(`DROP DATABASE IF EXISTS "${DATABASE}" WITH (FORCE)`);
      await admin.query(`DROP ROLE IF EXISTS "${ROLE}"`);
    });
  });

  it("reads the owner's URL from DATABASE_MIGRATION_URL and serves with DATABASE_URL", () => {
    expect(config.database).toEqual({ kind: "postgres", url: urlAs(ROLE), migrationUrl: urlAs(null) });
    expect(() => readConfig({ DATABASE_MIGRATION_URL: urlAs(null) })).toThrow(/DATABASE_MIGRATION_URL.*needs DATABASE_URL/);
  });

  it("migrates as the owner: the serving role owns nothing, and on the audit log holds only SELECT and INSERT", async () => {
    expect(first.applied).toEqual(readMigrations().map((m) => m.name));
    expect(first.servingRole).toEqual({ role: ROLE, schema: "public", auditTables: ["AuditEvent"] });
    const [who] = await serving.sql.query<{ user: string }>(`SELECT current_user AS "user"`);
    expect(who!.user).toBe(ROLE);
    const owned = await owner.sql.query(`SELECT relname FROM pg_class WHERE relowner = (SELECT oid FROM pg_roles WHERE rolname = $1)`, [ROLE]);
    expect(owned).toEqual([]);
    const [privileges] = await owner.sql.query(
      `SELECT ${["SELECT", "INSERT", "UPDATE", "DELETE", "TRUNCATE", "REFERENCES", "TRIGGER"].map((p) => `has_table_privilege($1, '"AuditEvent"', '${p}') AS "${p}"`).join(", ")}`,
      [ROLE],
    );
    expect(privileges).toEqual({ SELECT: true, INSERT: true, UPDATE: false, DELETE: false, TRUNCATE: false, REFERENCES: false, TRIGGER: false });
  });

  it("does the hub's ordinary work: organisations and cases are created and changed", async () => {
    const area = await serving.prisma.area.create({ data: { code: `R${tag.slice(0, 4)}`, name: "Roles test area" } });
    const organisation = await makeOrganisation(serving.prisma, { areaIds: [area.id] });
    await serving.prisma.organisation.update({ where: { id: organisation.id }, data: { name: `Renamed ${tag}` } });
    const made = await makeCase(serving.prisma, { areaId: area.id, involve: [{ organisationId: organisation.id }] });
    await serving.prisma.case.update({ where: { id: made.id }, data: { cpsReference: `CPS-${tag}` } });
    expect(await serving.prisma.case.findUniqueOrThrow({ where: { id: made.id }, select: { cpsReference: true } })).toEqual({ cpsReference: `CPS-${tag}` });
  });

  it("appends to the audit log the hub's way, and the sealer, called by the serving role, chains it", async () => {
    await writeAuditEntries(serving.prisma, [
      { action: "CONSULTATION", actorUserId: null, organisationId: null, roles: [], purpose: null, entityType: "Case", entityId: `roles-${tag}` },
      { action: "DENIED", actorUserId: null, organisationId: null, roles: [], purpose: null, entityType: "Case", outcome: "not-found-or-not-permitted" },
    ]);
    expect(await sealAuditLog(serving.sql)).toBeGreaterThanOrEqual(2);
    const report = await verifyAuditChain(serving.sql);
    expect(report).toMatchObject({ ok: true });
    const unsealed = await serving.sql.query(`SELECT seq FROM "AuditEvent" WHERE "chainIndex" IS NULL`);
    expect(unsealed).toEqual([]);
  });

  it("cannot change the audit log: no UPDATE, DELETE or TRUNCATE, not even claiming to be the sealer", async () => {
    await writeAuditEntries(serving.prisma, [{ action: "CONSULTATION", actorUserId: null, organisationId: null, roles: [], purpose: null, entityType: "Case" }]);
    await sealAuditLog(serving.sql);
    // PostgreSQL's permission check, not the trigger's refusal (which also says insufficient_privilege).
    for (const statement of [
      `UPDATE "AuditEvent" SET outcome = 'rewritten'`,
      `DELETE FROM "AuditEvent"`,
      `TRUNCATE "AuditEvent"`,
      `SELECT setval(pg_get_serial_sequence('"AuditEvent"', 'seq'), 1)`,
    ]) {
      expect(await refusal(serving, statement)).toMatchObject({ code: "42501", message: expect.stringMatching(/^permission denied for (table|sequence)/) });
    }
    expect(await refusal(serving, `SET LOCAL hub.audit_sealing = 'on'`, `UPDATE "AuditEvent" SET "chainIndex" = NULL, "prevHash" = NULL, hash = NULL`)).toMatchObject({
      code: "42501",
      message: expect.stringMatching(/^permission denied for table/),
    });
    expect(await verifyAuditChain(serving.sql)).toMatchObject({ ok: true });
  });

  it("cannot switch the audit log's triggers off, nor drop, alter or re-own the table", async () => {
    for (const statement of [
      `ALTER TABLE "AuditEvent" DISABLE TRIGGER ALL`,
      `ALTER TABLE "AuditEvent" DISABLE TRIGGER audit_no_update_or_delete`,
      `DROP TRIGGER audit_no_update_or_delete ON "AuditEvent"`,
      `DROP TABLE "AuditEvent"`,
      `ALTER TABLE "AuditEvent" OWNER TO "${ROLE}"`,
      `CREATE OR REPLACE FUNCTION hub_audit_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$`,
    ]) {
      expect(await refusal(serving, statement)).toMatchObject({ code: "42501", message: expect.stringMatching(/^(must be owner of (table|relation|function)|permission denied for schema)/) });
    }
    const [triggers] = await owner.sql.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM pg_trigger WHERE tgrelid = '"AuditEvent"'::regclass AND NOT tgisinternal AND tgenabled = 'O'`,
    );
    expect(triggers!.n).toBe(3);
  });

  it("after a later migration, grants the serving role its new tables: an ordinary one in full, a new append-only one read and insert only", async () => {
    const again = await migrateDatabase(serving, config.database, [...readMigrations(), later]);
    expect(again.applied).toEqual([later.name]);
    expect(again.servingRole?.auditTables).toEqual(["AuditEvent", "LaterAuditSeal"]);
    await serving.sql.exec(`INSERT INTO "LaterTable" VALUES (1); UPDATE "LaterTable" SET id = 2; DELETE FROM "LaterTable"`);
    await serving.sql.exec(`INSERT INTO "LaterAuditSeal" VALUES (1)`);
    expect(await refusal(serving, `TRUNCATE "LaterAuditSeal"`)).toMatchObject({ message: expect.stringMatching(/^permission denied for table/) });
    // The hub never writes its migrations' bookkeeping itself.
    expect(await refusal(serving, `DELETE FROM "_prisma_migrations"`)).toMatchObject({ message: expect.stringMatching(/^permission denied for table/) });
  });

  it("refuses to serve as a role that owns something in the schema: it could switch the triggers off", async () => {
    await owner.sql.exec(`CREATE TABLE "Stray" (id int); ALTER TABLE "Stray" OWNER TO "${ROLE}"`);
    try {
      const error = await migrateDatabase(serving, config.database, [...readMigrations(), later]).then(
        () => null,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(MigrationError);
      expect((error as Error).message).toMatch(new RegExp(`role ${ROLE} owns "Stray"`));
    } finally {
      await owner.sql.exec(`DROP TABLE "Stray"`);
    }
  });
});
