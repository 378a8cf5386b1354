// Recomputes the audit log's hash chain link by link, after sealing whatever is committed and
// not yet sealed. The canonical text of each row comes from the same database function the
// sealer uses; the hashing is done here, so a row changed behind the triggers' back (or a
// rewritten chain) shows up as a broken link.
import { createHash } from "node:crypto";
import { sealAuditLog, type SqlRunner } from "@hub/db";

export type ChainReport =
  | { ok: true; entries: number; head: { chainIndex: string; hash: string } | null }
  | { ok: false; entries: number; brokenAt: { chainIndex: string; seq: string; reason: string } };

const GENESIS = "0".repeat(64);

export async function verifyAuditChain(sql: SqlRunner, batchSize = 5000): Promise<ChainReport> {
  await sealAuditLog(sql);
  let expectedPrev = GENESIS;
  let expectedIndex = 1n;
  let entries = 0;
  let head: { chainIndex: string; hash: string } | null = null;
  for (;;) {
    const rows = await sql.query<{ chainIndex: string; seq: string; prevHash: string; hash: string; canonical: string }>(
      `SELECT "chainIndex"::text AS "chainIndex", seq::text AS seq, "prevHash", hash, hub_audit_canonical(a) AS canonical
       FROM "AuditEvent" a WHERE a."chainIndex" >= $1 ORDER BY a."chainIndex" LIMIT $2`,
      [expectedIndex.toString(), batchSize],
    );
    for (const row of rows) {
      const broken = (reason: string): ChainReport => ({ ok: false, entries, brokenAt: { chainIndex: row.chainIndex, seq: row.seq, reason } });
      if (BigInt(row.chainIndex) !== expectedIndex) return broken(`entry ${expectedIndex} is missing`);
      if (row.prevHash !== expectedPrev) return broken("it does not point to the entry before it");
      const recomputed = createHash("sha256").update(row.prevHash + row.canonical, "utf8").digest("hex");
      if (recomputed !== row.hash) return broken("its contents do not match its hash");
      expectedPrev = row.hash;
      expectedIndex++;
      entries++;
      head = { chainIndex: row.chainIndex, hash: row.hash };
    }
    if (rows.length < batchSize) return { ok: true, entries, head };
  }
}
