// A fresh, fully migrated database for each test file, on the engine the test project asks
// for (HUB_TEST_DB=postgres|pglite). PostgreSQL databases are cloned from a template that
// the global setup builds with the hub's own migrations, so schema drift fails the tests.
import { randomBytes } from "node:crypto";
import { migrate, openDatabase, type Database } from "@hub/db";
import pg from "pg";
import { inject } from "vitest";

declare module "vitest" {
  export interface ProvidedContext {
    hubTestTemplate: string;
  }
}

export type TestEngine = "postgres" | "pglite";

export const testEngine = (): TestEngine => (process.env.HUB_TEST_DB === "pglite" ? "pglite" : "postgres");

export const adminUrl = () => process.env.HUB_TEST_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";

export function databaseUrl(name: string): string {
  const url = new URL(adminUrl());
  url.pathname = `/${name}`;
  return url.toString();
}

export interface TestDatabase extends Database {
  /** For PostgreSQL: the URL of this test's own database (for a second connection or a server). */
  url: string | null;
}

export async function createTestDatabase(): Promise<TestDatabase> {
  if (testEngine() === "pglite") {
    const db = await openDatabase({ kind: "pglite", dataDir: null });
    await migrate(db.sql);
    return Object.assign(db, { url: null });
  }
  const template = inject("hubTestTemplate");
  if (!template) throw new Error("No template database: run the tests through vitest (its global setup builds it).");
  const name = `hub_test_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: adminUrl() });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`);
  } finally {
    await admin.end();
  }
  const url = databaseUrl(name);
  const db = await openDatabase({ kind: "postgres", url });
  const close = db.close.bind(db);
  return Object.assign(db, {
    url,
    async close() {
      await close();
      const dropper = new pg.Client({ connectionString: adminUrl() });
      await dropper.connect();
      try {
        await dropper.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await dropper.end();
      }
    },
  });
}
