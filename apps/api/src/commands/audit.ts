// Operator commands for the s.62 audit log: verify the chain, print its head (to keep
// elsewhere, so a rewritten chain is detectable), and export entries for the regulator.
// In embedded mode stop the hub first: its database belongs to one process at a time.
import { sealAuditLog, verifyAuditChain } from "@hub/core";
import type { Database } from "@hub/db";

export async function auditVerify(db: Database): Promise<number> {
  const report = await verifyAuditChain(db.sql);
  if (report.ok) {
    console.log(`The audit log is intact: ${report.entries} entries.`);
    if (report.head) console.log(`Head: entry ${report.head.chainIndex}, hash ${report.head.hash}`);
    return 0;
  }
  console.error(`The audit log is BROKEN at entry ${report.brokenAt.chainIndex} (row ${report.brokenAt.seq}): ${report.brokenAt.reason}.`);
  console.error(`${report.entries} entries before it are intact. Preserve the database as it is and tell your data protection officer.`);
  return 1;
}

/** Writes entries as JSON lines (identifiers only), oldest first, between two dates. */
export async function auditExport(db: Database, from: Date | null, to: Date | null, write: (line: string) => void): Promise<number> {
  // Everything committed is sealed into the chain first, so every line carries its link.
  await sealAuditLog(db.sql);
  let after = 0n;
  let count = 0;
  for (;;) {
    const rows = await db.prisma.auditEvent.findMany({
      where: { chainIndex: { gt: after }, ...(from || to ? { at: { ...(from ? { gte: from } : {}), ...(to ? { lt: to } : {}) } } : {}) },
      orderBy: { chainIndex: "asc" },
      take: 1000,
    });
    for (const row of rows) {
      write(JSON.stringify(row, (_k, v) => (typeof v === "bigint" ? v.toString() : v)));
      count++;
    }
    if (rows.length < 1000) return count;
    after = rows.at(-1)!.chainIndex!;
  }
}
