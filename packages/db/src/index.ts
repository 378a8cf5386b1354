export { openDatabase, wrapPglite, type Database, type DatabaseConfig, type SqlRunner } from "./database.js";
export { migrate, readMigrations, MigrationError, MIGRATIONS_DIR, type Migration, type MigrateOptions, type MigrateResult } from "./migrate.js";
export { grantServingRole, migrateDatabase, type MigrateDatabaseResult, type ServingRoleGrant } from "./serving-role.js";
export * from "./generated/prisma/client.js";
export { clientWithin } from "./in-transaction.js";
export { sealAuditLog } from "./seal-audit-log.js";
