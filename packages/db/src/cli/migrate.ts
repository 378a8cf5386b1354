// npm run db:migrate: applies pending migrations to the configured database (as
// DATABASE_MIGRATION_URL's role when it is set, granting DATABASE_URL's role its privileges).
import { readConfig } from "@hub/config";
import { migrateDatabase, openDatabase } from "../index.js";

const config = readConfig();
const db = await openDatabase(config.database);
try {
  const { applied, alreadyApplied, servingRole } = await migrateDatabase(db, config.database);
  console.log(`Database (${db.kind}): ${applied.length} migration(s) applied, ${alreadyApplied.length} already in place.`);
  if (servingRole) console.log(`  serving role ${servingRole.role}: granted its privileges; on ${servingRole.auditTables.join(", ")} only SELECT and INSERT`);
  for (const name of applied) console.log(`  applied ${name}`);
} finally {
  await db.close();
}
