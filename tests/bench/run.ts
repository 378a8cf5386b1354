// `npm run bench`: prints ratios, never asserts timings. Runs on a throwaway PostgreSQL
// database (HUB_BENCH_DATABASE_URL, default the local server) and on embedded PGlite.
import { randomBytes } from "node:crypto";
import { migrate, openDatabase, type Database } from "@hub/db";
import { seedDemoPartnership } from "@hub/db/seed";
import pg from "pg";
import { benchCaseProgress } from "./case-progress.js";
import { benchClockScan } from "./clock-scan.js";
import { benchDirectorySearch } from "./directory-search.js";
import { benchPolicyOverhead } from "./policy-overhead.js";

const rounds = Number(process.env.HUB_BENCH_ROUNDS ?? 1000);
const adminUrl = process.env.HUB_BENCH_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";

async function withPostgres(fn: (db: Database) => Promise<void>) {
  const name = `hub_bench_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const db = await openDatabase({ kind: "postgres", url: url.toString() });
  try {
    await fn(db);
  } finally {
    await db.close();
    await admin.query(`DROP DATABASE "${name}" WITH (FORCE)`);
    await admin.end();
  }
}

async function prepared(db: Database) {
  await migrate(db.sql);
  await seedDemoPartnership(db.prisma);
}

console.log(`Benchmarks (${rounds} rounds each, medians; ratios are against the same work with the hub's layer bypassed)`);
await withPostgres(async (db) => {
  await prepared(db);
  await benchPolicyOverhead(db, "postgres", rounds);
  await benchCaseProgress(db, "postgres", rounds);
  await benchClockScan(db, "postgres");
  await benchDirectorySearch(db, "postgres");
});
const lite = await openDatabase({ kind: "pglite", dataDir: null });
try {
  await prepared(lite);
  await benchPolicyOverhead(lite, "pglite", rounds);
  await benchCaseProgress(lite, "pglite", rounds);
} finally {
  await lite.close();
}
