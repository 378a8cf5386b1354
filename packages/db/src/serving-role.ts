// Two PostgreSQL roles: the schema's owner migrates (DATABASE_MIGRATION_URL), and the hub serves
// as a role that does not own anything (DATABASE_URL). An owner may ALTER TABLE "AuditEvent"
// DISABLE TRIGGER and then rewrite the log; the serving role may only read and append to it.
// After every migration run the owner grants the serving role what requests need: read and
// write on ordinary tables, the sequences, the functions; on the audit tables SELECT and INSERT
// only. Sealing the log needs UPDATE, which hub_audit_seal() does as its owner (SECURITY DEFINER).
//
// Grants are made again after each run rather than with ALTER DEFAULT PRIVILEGES: a default
// would hand a new audit table UPDATE and DELETE the moment a migration created it, and it
// would be one more thing an operator must clean up before dropping the role.
import { type Database, type DatabaseConfig, openDatabase, type SqlRunner } from "./database.js";
import { type MigrateResult, MigrationError, migrate, readMigrations } from "./migrate.js";

export interface ServingRoleGrant {
  role: string;
  schema: string;
  /** The append-only tables (those the hub_audit_refuse_change trigger guards): SELECT and INSERT only. */
  auditTables: string[];
}

const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** The privileges the hub's serving role must never have on an audit table. */
const FORBIDDEN_ON_AUDIT = ["UPDATE", "DELETE", "TRUNCATE", "REFERENCES", "TRIGGER"] as const;

/**
 * Run as the schema's owner: grants `role` what serving needs, and on the audit tables only
 * SELECT and INSERT. Refuses (MigrationError) a serving role that could still change the log:
 * a superuser, or one that owns (or is a member of a role that owns) the schema or anything in it.
 */
export async function grantServingRole(sql: SqlRunner, role: string): Promise<ServingRoleGrant> {
  return sql.transaction(async (tx) => {
    const [me] = await tx.query<{ schema: string; owner: string }>(`SELECT current_schema() AS schema, current_user AS owner`);
    const schema = me!.schema;
    if (role === me!.owner) throw new MigrationError(`The serving role ${role} is the migration role: nothing to separate.`);
    const [serving] = await tx.query<{ rolsuper: boolean }>(`SELECT rolsuper FROM pg_roles WHERE rolname = $1`, [role]);
    if (!serving) throw new MigrationError(`The serving role ${role} does not exist.`);
    if (serving.rolsuper) {
      throw new MigrationError(`DATABASE_URL's role ${role} is a superuser, so it could disable the audit log's triggers: serve as an ordinary role (README, "PostgreSQL: two roles").`);
    }
    const owned = await tx.query<{ name: string }>(
      `SELECT format('schema %I', n.nspname) AS name FROM pg_namespace n WHERE n.nspname = $2 AND pg_has_role($1, n.nspowner, 'MEMBER')
       UNION ALL
       SELECT format('%I', c.relname) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = $2 AND c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f') AND pg_has_role($1, c.relowner, 'MEMBER')
       UNION ALL
       SELECT format('%I()', p.proname) FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
        WHERE n.nspname = $2 AND pg_has_role($1, p.proowner, 'MEMBER')
       ORDER BY 1 LIMIT 5`,
      [role, schema],
    );
    if (owned.length) {
      throw new MigrationError(
        `DATABASE_URL's role ${role} owns ${owned.map((o) => o.name).join(", ")} (itself or through a role it belongs to), so it could disable the audit log's triggers. ` +
          `Give them to the migration role (as a superuser: REASSIGN OWNED BY ${quoteIdent(role)} TO ${quoteIdent(me!.owner)}; and ALTER SCHEMA … OWNER TO for the schema).`,
      );
    }
    const auditTables = (
      await tx.query<{ relname: string }>(
        `SELECT DISTINCT c.relname FROM pg_trigger t
           JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace JOIN pg_proc p ON p.oid = t.tgfoid
          WHERE n.nspname = $1 AND p.proname = 'hub_audit_refuse_change'
          ORDER BY 1`,
        [schema],
      )
    ).map((r) => r.relname);
    if (!auditTables.includes("AuditEvent")) throw new MigrationError(`No append-only "AuditEvent" table in schema ${schema}: migrate before granting.`);

    const r = quoteIdent(role);
    const s = quoteIdent(schema);
    await tx.exec(`
      GRANT USAGE ON SCHEMA ${s} TO ${r};
      GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA ${s} TO ${r};
      GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA ${s} TO ${r};
      GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA ${s} TO ${r};
      REVOKE ALL ON ${s}."_prisma_migrations" FROM ${r};
      GRANT SELECT ON ${s}."_prisma_migrations" TO ${r};
      ${auditTables.map((t) => `REVOKE ALL ON ${s}.${quoteIdent(t)} FROM ${r}; GRANT SELECT, INSERT ON ${s}.${quoteIdent(t)} TO ${r};`).join("\n")}
    `);
    // A grant to PUBLIC, or to a role the serving role belongs to, would still let it in.
    for (const table of auditTables) {
      const [held] = await tx.query<Record<string, boolean>>(
        `SELECT ${FORBIDDEN_ON_AUDIT.map((p, i) => `has_table_privilege($1, $2, '${p}') AS p${i}`).join(", ")}`,
        [role, `${s}.${quoteIdent(table)}`],
      );
      const still = FORBIDDEN_ON_AUDIT.filter((_, i) => held?.[`p${i}`]);
      if (still.length) {
        throw new MigrationError(`DATABASE_URL's role ${role} still has ${still.join(", ")} on ${table} (granted to PUBLIC or to a role it belongs to): revoke it there.`);
      }
    }
    return { role, schema, auditTables };
  });
}

export interface MigrateDatabaseResult extends MigrateResult {
  /** Set when the hub serves as a role of its own (DATABASE_MIGRATION_URL): what it was granted. */
  servingRole?: ServingRoleGrant;
}

/**
 * What the hub does at start and the CLI before its work: brings `db`'s database up to date.
 * With a migration URL (PostgreSQL) the owner migrates and grants `db`'s role its privileges;
 * otherwise (one PostgreSQL role, or embedded PGlite, which is single-user) `db` migrates itself.
 */
export async function migrateDatabase(db: Database, config: DatabaseConfig, migrations = readMigrations()): Promise<MigrateDatabaseResult> {
  if (config.kind !== "postgres" || !config.migrationUrl) return migrate(db.sql, migrations);
  const [serving] = await db.sql.query<{ role: string; database: string }>(`SELECT current_user AS role, current_database() AS database`);
  const owner = await openDatabase({ kind: "postgres", url: config.migrationUrl });
  try {
    const [ownerSide] = await owner.sql.query<{ role: string; database: string }>(`SELECT current_user AS role, current_database() AS database`);
    if (ownerSide!.database !== serving!.database) {
      throw new MigrationError(`DATABASE_MIGRATION_URL names database ${ownerSide!.database}, DATABASE_URL ${serving!.database}: they must be the same database.`);
    }
    // The same role twice: nothing to separate, so just migrate.
    if (ownerSide!.role === serving!.role) return await migrate(owner.sql, migrations);
    let servingRole: ServingRoleGrant | undefined;
    const result = await migrate(owner.sql, migrations, {
      afterApplying: async (sql) => {
        servingRole = await grantServingRole(sql, serving!.role);
      },
    });
    return { ...result, servingRole };
  } finally {
    await owner.close();
  }
}
