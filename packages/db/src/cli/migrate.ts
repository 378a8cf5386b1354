// npm run db:migrate: applies pending migrations to the configured database.
import { readConfig } from "@hub/config";
import { migrate, openDatabase } from "../index.js";

const config = readConfig();
const db = await openDatabase(config.database);
try {
  const { applied, alreadyApplied } = await migrate(db.sql);
  console.log(`Database (${db.kind}): ${applied.length} migration(s) applied, ${alreadyApplied.length} already in place.`);
  for (const name of applied) console.log(`  applied ${name}`);
} finally {
  await db.close();
}
