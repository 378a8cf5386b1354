import { migrate, MigrationError, openDatabase, readMigrations } from "@hub/db";
import { createTestDatabase, testEngine, type TestDatabase } from "@hub/test-utils";
import { afterEach, beforeEach, describe, expect, it } from "vitest";

describe("migration runner", () => {
  let db: TestDatabase;
  beforeEach(async () => {
    db = await createTestDatabase();
  });
  afterEach(async () => {
    await db.close();
  });

  it("records every migration in Prisma's _prisma_migrations layout, with its checksum", async () => {
    const rows = await db.sql.query<{ migration_name: string; checksum: string; finished_at: Date | null; applied_steps_count: number }>(
      `SELECT migration_name, checksum, finished_at, applied_steps_count FROM "_prisma_migrations" ORDER BY migration_name`,
    );
    const files = readMigrations();
    expect(files.length).toBeGreaterThan(0);
    expect(rows.map((r) => [r.migration_name, r.checksum])).toEqual(files.map((m) => [m.name, m.checksum]));
    expect(rows.every((r) => r.finished_at !== null && r.applied_steps_count === 1)).toBe(true);
  });

  it("applies nothing the second time", async () => {
    const result = await migrate(db.sql);
    expect(result.applied).toEqual([]);
    expect(result.alreadyApplied).toEqual(readMigrations().map((m) => m.name));
  });

  it("refuses to run when an applied migration was edited", async () => {
    const [first, ...rest] = readMigrations();
    const edited = [{ ...first!, checksum: "0".repeat(64) }, ...rest];
    await expect(migrate(db.sql, edited)).rejects.toThrow(MigrationError);
    await expect(migrate(db.sql, edited)).rejects.toThrow(/edited after it was applied/);
  });

  it("leaves nothing half-applied when a migration fails", async () => {
    const broken = {
      name: "29991231000000_broken",
      sql: `CREATE TABLE "HalfWritten" (id int); SELECT * FROM "NoSuchTable";`,
      checksum: "f".repeat(64),
    };
    await expect(migrate(db.sql, [...readMigrations(), broken])).rejects.toThrow();
    const table = await db.sql.query(`SELECT to_regclass('"HalfWritten"') AS t`);
    expect(table[0]).toEqual({ t: null });
    const recorded = await db.sql.query(`SELECT 1 FROM "_prisma_migrations" WHERE migration_name = $1`, [broken.name]);
    expect(recorded).toHaveLength(0);
  });

  it("refuses a database that has migrations this hub does not know", async () => {
    await expect(migrate(db.sql, readMigrations().slice(1))).rejects.toThrow(/does not know/);
  });

  it.runIf(testEngine() === "postgres")("lets two hubs start at once on one PostgreSQL: each migration is applied exactly once", async () => {
    const extra = {
      name: "29991231000001_counter",
      sql: `CREATE TABLE "MigrationCounter" (n int); INSERT INTO "MigrationCounter" VALUES (1);`,
      checksum: "a".repeat(64),
    };
    const all = [...readMigrations(), extra];
    const a = await openDatabase({ kind: "postgres", url: db.url! });
    const b = await openDatabase({ kind: "postgres", url: db.url! });
    try {
      const [ra, rb] = await Promise.all([migrate(a.sql, all), migrate(b.sql, all)]);
      expect([...ra.applied, ...rb.applied]).toEqual([extra.name]);
      expect(await db.sql.query(`SELECT count(*)::int AS n FROM "MigrationCounter"`)).toEqual([{ n: 1 }]);
    } finally {
      await a.close();
      await b.close();
    }
  });
});
