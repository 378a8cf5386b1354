// `npm run bench`: prints ratios, never asserts timings. Runs on a throwaway PostgreSQL
// database (HUB_BENCH_DATABASE_URL, default the local server) and on embedded PGlite.
import { randomBytes } from "node:crypto";
import { migrate, openDatabase, type Database } from "@hub/db";
import { seedDemoPartnership } from "@hub/db/seed";
import pg from "pg";
import { benchCaseProgress } from "./case-progress.js";
import { benchClockScan } from "./clock-scan.js";
import { benchDirectoryImport } from "./directory-import.js";
import { benchDirectorySearch } from "./directory-search.js";
import { benchPolicyOverhead } from "./policy-overhead.js";

const rounds = Number(process.env.HUB_BENCH_ROUNDS ?? 1000);
// HUB_BENCH_ONLY=clock-scan (comma-separated: policy, case-progress, clock-scan, directory, directory-import) runs just those.
const only = process.env.HUB_BENCH_ONLY?.split(",").map((s) => s.trim());
const wanted = (name: string) => !only || only.includes(name);
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
  if (wanted("policy")) await benchPolicyOverhead(db, "postgres", rounds);
  if (wanted("case-progress")) await benchCaseProgress(db, "postgres", rounds);
  if (wanted("clock-scan")) await benchClockScan(db, "postgres");
  if (wanted("directory")) await benchDirectorySearch(db, "postgres");
  if (wanted("directory-import")) await benchDirectoryImport(db, "postgres");
});
if (wanted("policy") || wanted("case-progress")) {
  const lite = await openDatabase({ kind: "pglite", dataDir: null });
  try {
    await prepared(lite);
    if (wanted("policy")) await benchPolicyOverhead(lite, "pglite", rounds);
    if (wanted("case-progress")) await benchCaseProgress(lite, "pglite", rounds);
  } finally {
    await lite.close();
  }
}
