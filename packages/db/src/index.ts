export { openDatabase, wrapPglite, type Database, type DatabaseConfig, type SqlRunner } from "./database.js";
export { migrate, readMigrations, MigrationError, MIGRATIONS_DIR, type Migration, type MigrateResult } from "./migrate.js";
export * from "./generated/prisma/client.js";
export { clientWithin } from "./in-transaction.js";
export { sealAuditLog } from "./seal-audit-log.js";
