// Applies prisma/migrations/<timestamp>_<name>/migration.sql in order and records each in a
// `_prisma_migrations` table laid out exactly as Prisma's, so `prisma migrate status` and
// `prisma migrate deploy` agree with this runner on machines where Prisma's engine exists.
import { createHash, randomUUID } from "node:crypto";
import { readdirSync, readFileSync, existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { SqlRunner } from "./database.js";

export const MIGRATIONS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../prisma/migrations");

/** The key Prisma's own migrate engine locks on, so the two never run at once either. */
const MIGRATION_LOCK_KEY = 72707369;

export interface Migration {
  name: string;
  sql: string;
  checksum: string;
}

export class MigrationError extends Error {
  override name = "MigrationError";
}

export function readMigrations(dir = MIGRATIONS_DIR): Migration[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(path.join(dir, entry.name, "migration.sql")))
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const sql = readFileSync(path.join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    });
}

const CREATE_TABLE = `
CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id"                  VARCHAR(36) PRIMARY KEY NOT NULL,
  "checksum"            VARCHAR(64) NOT NULL,
  "finished_at"         TIMESTAMPTZ,
  "migration_name"      VARCHAR(255) NOT NULL,
  "logs"                TEXT,
  "rolled_back_at"      TIMESTAMPTZ,
  "started_at"          TIMESTAMPTZ NOT NULL DEFAULT now(),
  "applied_steps_count" INTEGER NOT NULL DEFAULT 0
)`;

export interface MigrateResult {
  applied: string[];
  alreadyApplied: string[];
}

export interface MigrateOptions {
  /**
   * Runs after the migrations, still holding the migration lock (so two hubs starting at once
   * do not race on it): the owner's grants to the serving role (grantServingRole) go here.
   */
  afterApplying?: (sql: SqlRunner) => Promise<void>;
}

/**
 * Brings the database up to date. Each migration runs in its own transaction together with
 * its bookkeeping row, so a failing migration leaves nothing half-applied.
 */
export async function migrate(sql: SqlRunner, migrations = readMigrations(), options: MigrateOptions = {}): Promise<MigrateResult> {
  return sql.withAdvisoryLock(MIGRATION_LOCK_KEY, async () => {
    await sql.exec(CREATE_TABLE);
    const rows = await sql.query<{ migration_name: string; checksum: string; finished_at: Date | null }>(
      `SELECT migration_name, checksum, finished_at FROM "_prisma_migrations" WHERE rolled_back_at IS NULL`,
    );
    const done = new Map(rows.map((r) => [r.migration_name, r]));
    const result: MigrateResult = { applied: [], alreadyApplied: [] };
    for (const migration of migrations) {
      const previous = done.get(migration.name);
      if (previous) {
        if (!previous.finished_at) {
          throw new MigrationError(`Migration ${migration.name} started earlier and did not finish; resolve it by hand before starting the hub.`);
        }
        if (previous.checksum !== migration.checksum) {
          throw new MigrationError(`Migration ${migration.name} was edited after it was applied. Write a new migration instead of changing an applied one.`);
        }
        result.alreadyApplied.push(migration.name);
        continue;
      }
      await sql.transaction(async (tx) => {
        await tx.exec(migration.sql);
        await tx.query(
          `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, finished_at, applied_steps_count)
           VALUES ($1, $2, $3, now(), now(), 1)`,
          [randomUUID(), migration.checksum, migration.name],
        );
      });
      result.applied.push(migration.name);
    }
    for (const name of done.keys()) {
      if (!migrations.some((m) => m.name === name)) {
        throw new MigrationError(`The database has migration ${name}, which this version of the hub does not know. Is the hub older than its database?`);
      }
    }
    await options.afterApplying?.(sql);
    return result;
  });
}
