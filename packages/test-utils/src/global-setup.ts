// Vitest global setup for the PostgreSQL project: builds (once per set of migrations) a
// template database with the hub's migrations, and clears databases left by killed runs.
import { createHash } from "node:crypto";
import { migrate, openDatabase, readMigrations } from "@hub/db";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { adminUrl, databaseUrl, testEngine } from "./test-database.js";

export default async function setup(project: TestProject): Promise<void> {
  if (testEngine() !== "postgres") return;
  const migrations = readMigrations();
  const digest = createHash("sha256").update(migrations.map((m) => m.name + m.checksum).join()).digest("hex").slice(0, 12);
  const template = `hub_template_${digest}`;
  const admin = new pg.Client({ connectionString: adminUrl() });
  try {
    await admin.connect();
  } catch {
    throw new Error(`PostgreSQL does not answer at ${adminUrl()}. Start it (see README, "Running the tests") or set HUB_TEST_DATABASE_URL.`);
  }
  try {
    // Templates of other migration sets may belong to a run on another branch or clone:
    // keep the three newest, drop older ones, and never force a database in use.
    const stale = await admin.query<{ datname: string }>(
      `SELECT datname FROM pg_database WHERE datname LIKE 'hub\\_test\\_%'
       UNION ALL
       SELECT datname FROM (SELECT datname FROM pg_database WHERE datname LIKE 'hub\\_template\\_%' AND datname <> $1 ORDER BY oid DESC OFFSET 3) old`,
      [template],
    );
    // Without FORCE: a database another test run is still using has connections and is
    // left alone; only leftovers of killed runs go.
    for (const { datname } of stale.rows) await admin.query(`DROP DATABASE IF EXISTS "${datname}"`).catch(() => undefined);
    const exists = await admin.query(`SELECT 1 FROM pg_database WHERE datname = $1`, [template]);
    if (exists.rowCount === 0) {
      const building = `${template}_building`;
      await admin.query(`DROP DATABASE IF EXISTS "${building}" WITH (FORCE)`);
      await admin.query(`CREATE DATABASE "${building}"`);
      const db = await openDatabase({ kind: "postgres", url: databaseUrl(building) });
      try {
        await migrate(db.sql, migrations);
      } finally {
        await db.close();
      }
      await admin.query(`ALTER DATABASE "${building}" RENAME TO "${template}"`);
    }
  } finally {
    await admin.end();
  }
  project.provide("hubTestTemplate", template);
}
