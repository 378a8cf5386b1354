// Opens the hub's database: PostgreSQL when a URL is configured, otherwise embedded PGlite
// in the data folder. Both give the same Prisma client and the same small SQL runner that
// migrations, the audit chain and benchmarks use.
import { mkdirSync } from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { PrismaClient } from "./generated/prisma/client.js";

/**
 * migrationUrl (PostgreSQL): the schema owner's URL. migrateDatabase() migrates with it and
 * grants `url`'s role what serving needs; openDatabase() always serves with `url`.
 */
export type DatabaseConfig = { kind: "postgres"; url: string; migrationUrl?: string } | { kind: "pglite"; dataDir: string | null };

export interface SqlRunner {
  query<Row = Record<string, unknown>>(text: string, params?: unknown[]): Promise<Row[]>;
  /** Several statements in one string, no parameters (migration files). */
  exec(text: string): Promise<void>;
  /** Runs fn on one connection inside BEGIN/COMMIT; rolls back if fn throws. */
  transaction<T>(fn: (tx: SqlRunner) => Promise<T>): Promise<T>;
  /** Runs fn while holding a database-wide advisory lock (no-op where only one process can connect). */
  withAdvisoryLock<T>(key: number, fn: () => Promise<T>): Promise<T>;
}

export interface Database {
  kind: "postgres" | "pglite";
  prisma: PrismaClient;
  /** Calls back with every SQL statement Prisma sends (tests count statements with it). */
  onQuery(listener: (sql: string) => void): () => void;
  sql: SqlRunner;
  close(): Promise<void>;
}

type Adapter = ConstructorParameters<typeof PrismaClient>[0] extends infer O ? (O extends { adapter: infer A } ? A : never) : never;

/** A Prisma client that reports its SQL statements to whoever listens (nobody, normally). */
function createClient(adapter: Adapter) {
  const listeners = new Set<(sql: string) => void>();
  const client = new PrismaClient({ adapter, log: [{ emit: "event", level: "query" }] });
  client.$on("query" as never, (event: { query: string }) => {
    for (const listener of listeners) listener(event.query);
  });
  return Object.assign(client, {
    onQuery(listener: (sql: string) => void) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  });
}

export async function openDatabase(config: DatabaseConfig): Promise<Database> {
  return config.kind === "postgres" ? openPostgres(config.url) : openPglite(config.dataDir);
}

function openPostgres(url: string): Database {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  // An idle client that loses its server must not crash the process; the next query reports it.
  pool.on("error", () => {});
  const prisma = createClient(new PrismaPg(pool));
  const clientRunner = (client: pg.PoolClient | pg.Pool): SqlRunner => ({
    async query(text, params) {
      return (await client.query(text, params as unknown[])).rows;
    },
    async exec(text) {
      await client.query(text);
    },
    async transaction(fn) {
      if (!(client instanceof pg.Pool)) return fn(clientRunner(client));
      const conn = await pool.connect();
      try {
        await conn.query("BEGIN");
        const result = await fn(clientRunner(conn));
        await conn.query("COMMIT");
        return result;
      } catch (error) {
        await conn.query("ROLLBACK").catch(() => {});
        throw error;
      } finally {
        conn.release();
      }
    },
    async withAdvisoryLock(key, fn) {
      const conn = await pool.connect();
      try {
        await conn.query("SELECT pg_advisory_lock($1)", [key]);
        try {
          return await fn();
        } finally {
          await conn.query("SELECT pg_advisory_unlock($1)", [key]);
        }
      } finally {
        conn.release();
      }
    },
  });
  return {
    kind: "postgres",
    prisma,
    onQuery: (listener) => prisma.onQuery(listener),
    sql: clientRunner(pool),
    async close() {
      await prisma.$disconnect();
      await pool.end();
    },
  };
}

async function openPglite(dataDir: string | null): Promise<Database> {
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const lite = dataDir ? new PGlite(dataDir) : new PGlite();
  await lite.waitReady;
  return wrapPglite(lite);
}

type PgliteLike = Pick<PGlite, "query" | "exec" | "transaction">;

export function wrapPglite(lite: PGlite): Database {
  const prisma = createClient(new PrismaPGlite(lite));
  const runner = (conn: PgliteLike, inTransaction: boolean): SqlRunner => ({
    async query<Row>(text: string, params?: unknown[]) {
      return (await conn.query<Row>(text, params as unknown[])).rows;
    },
    async exec(text) {
      await conn.exec(text);
    },
    async transaction(fn) {
      if (inTransaction) return fn(runner(conn, true));
      return conn.transaction((tx) => fn(runner(tx as unknown as PgliteLike, true)));
    },
    // PGlite lives inside this one process: nobody else can race us.
    async withAdvisoryLock(_key, fn) {
      return fn();
    },
  });
  return {
    kind: "pglite",
    prisma,
    onQuery: (listener) => prisma.onQuery(listener),
    sql: runner(lite, false),
    async close() {
      await prisma.$disconnect();
      if (!lite.closed) await lite.close();
    },
  };
}
