// Links committed audit rows into the hash chain (hub_audit_seal in the database), in batches
// until none is left. Rows are written with no lock so that nobody's request waits on another's;
// the worker runs this every few seconds, and audit-verify runs it before it checks.
import type { SqlRunner } from "./database.js";

export async function sealAuditLog(sql: Pick<SqlRunner, "query">, batchSize = 1000): Promise<number> {
  let total = 0;
  for (;;) {
    const [row] = await sql.query<{ sealed: number }>(`SELECT hub_audit_seal($1) AS sealed`, [batchSize]);
    const sealed = Number(row?.sealed ?? 0);
    total += sealed;
    if (sealed < batchSize) return total;
  }
}
