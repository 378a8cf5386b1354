// The s.62 log: append-only, hash-chained, and a verifier that names the first broken link.
import { type AuditEntry, verifyAuditChain, writeAuditEntries } from "@hub/core";
import { openDatabase, sealAuditLog } from "@hub/db";
import { createTestDatabase, testEngine, type TestDatabase } from "@hub/test-utils";
import { afterEach, beforeEach, describe, expect, it } from "vitest";

const entry = (n: number): AuditEntry => ({
  action: n % 2 ? "CONSULTATION" : "DISCLOSURE",
  actorUserId: "00000000-0000-4000-8000-00000000000" + (n % 10),
  organisationId: "10000000-0000-4000-8000-000000000001",
  roles: ["ADVOCATE"],
  purpose: "SUPPORT_AND_ADVOCACY",
  lawfulBasisCode: "CONSENT",
  entityType: "Case",
  entityId: `case-${n}`,
  fields: ["Case.stage"],
  recipientOrganisationIds: [],
});

describe("audit chain", () => {
  let db: TestDatabase;
  beforeEach(async () => {
    db = await createTestDatabase();
  });
  afterEach(async () => {
    await db.close();
  });

  it("chains every entry to the one before, and the verifier agrees", async () => {
    await writeAuditEntries(db.prisma, [entry(1), entry(2), entry(3)]);
    await writeAuditEntries(db.prisma, [entry(4)]);
    const report = await verifyAuditChain(db.sql, 2);
    expect(report).toMatchObject({ ok: true, entries: 4, head: { chainIndex: "4" } });
    const rows = await db.sql.query<{ prevHash: string; hash: string }>(`SELECT "prevHash", hash FROM "AuditEvent" ORDER BY "chainIndex"`);
    expect(rows[0]!.prevHash).toBe("0".repeat(64));
    for (let i = 1; i < rows.length; i++) expect(rows[i]!.prevHash).toBe(rows[i - 1]!.hash);
  });

  it("never lets a writer hold up another's entries: rows arrive unsealed, and the sealer links them in turn", async () => {
    await writeAuditEntries(db.prisma, [entry(1)]);
    expect(await db.sql.query(`SELECT count(*)::int AS n FROM "AuditEvent" WHERE "chainIndex" IS NULL`)).toEqual([{ n: 1 }]);
    // Nobody can write a link of their own.
    await db.sql.query(`INSERT INTO "AuditEvent" (action, roles, "entityType", fields, "recipientOrganisationIds", "chainIndex", "prevHash", hash) VALUES ('CONSULTATION', '{}', 'Case', '{}', '{}', 99, 'x', 'forged')`);
    expect(await db.sql.query(`SELECT count(*)::int AS n FROM "AuditEvent" WHERE hash = 'forged'`)).toEqual([{ n: 0 }]);
    // Only the sealer may set a link, once: not even the sealing setting opens any other change.
    await expect(db.sql.transaction(async (tx) => {
      await tx.exec(`SELECT set_config('hub.audit_sealing', 'on', true)`);
      await tx.exec(`UPDATE "AuditEvent" SET outcome = 'changed', "chainIndex" = 7, hash = 'h7', "prevHash" = 'p'`);
    })).rejects.toThrow(/append-only/);
    expect(await sealAuditLog(db.sql)).toBe(2);
    expect(await sealAuditLog(db.sql)).toBe(0);
    await expect(db.sql.query(`UPDATE "AuditEvent" SET hash = 'again'`)).rejects.toThrow(/append-only/);
    if (testEngine() !== "postgres") return;
    // A transaction that wrote entries and is still open does not hold up anyone else's.
    const other = await openDatabase({ kind: "postgres", url: db.url! });
    try {
      let release!: () => void;
      const held = new Promise<void>((r) => (release = r));
      const open = other.prisma.$transaction(async (tx) => {
        await writeAuditEntries(tx, [entry(2)]);
        await held;
      });
      await new Promise((r) => setTimeout(r, 100));
      const mine = writeAuditEntries(db.prisma, [entry(3)]).then(() => "written");
      expect(await Promise.race([mine, new Promise((r) => setTimeout(() => r("waited"), 5_000))])).toBe("written");
      release();
      await open;
    } finally {
      await other.close();
    }
    expect(await verifyAuditChain(db.sql)).toMatchObject({ ok: true, entries: 4 });
  });

  it("refuses UPDATE, DELETE and TRUNCATE, even from the table's owner", async () => {
    await writeAuditEntries(db.prisma, [entry(1)]);
    await expect(db.sql.query(`UPDATE "AuditEvent" SET outcome = 'changed'`)).rejects.toThrow(/append-only/);
    await expect(db.sql.query(`DELETE FROM "AuditEvent"`)).rejects.toThrow(/append-only/);
    await expect(db.sql.query(`TRUNCATE "AuditEvent"`)).rejects.toThrow(/append-only/);
    expect(await db.sql.query(`SELECT count(*)::int AS n FROM "AuditEvent"`)).toEqual([{ n: 1 }]);
  });

  it("names the first entry whose contents were changed behind the triggers' back", async () => {
    await writeAuditEntries(db.prisma, [entry(1), entry(2), entry(3), entry(4)]);
    await sealAuditLog(db.sql);
    await db.sql.transaction(async (tx) => {
      await tx.exec(`SET LOCAL session_replication_role = replica`);
      await tx.exec(`UPDATE "AuditEvent" SET "entityId" = 'someone-else' WHERE "chainIndex" = 3`);
    });
    expect(await verifyAuditChain(db.sql)).toEqual({ ok: false, entries: 2, brokenAt: expect.objectContaining({ chainIndex: "3", reason: "its contents do not match its hash" }) });
  });

  it("names a missing entry when one is deleted behind the triggers' back", async () => {
    await writeAuditEntries(db.prisma, [entry(1), entry(2), entry(3)]);
    await sealAuditLog(db.sql);
    await db.sql.transaction(async (tx) => {
      await tx.exec(`SET LOCAL session_replication_role = replica`);
      await tx.exec(`DELETE FROM "AuditEvent" WHERE "chainIndex" = 2`);
    });
    expect(await verifyAuditChain(db.sql)).toMatchObject({ ok: false, brokenAt: { chainIndex: "3", reason: "entry 2 is missing" } });
  });

  it("writes nothing when the transaction it belongs to rolls back", async () => {
    await expect(
      db.prisma.$transaction(async (tx) => {
        await writeAuditEntries(tx, [entry(1)]);
        throw new Error("the write it records failed");
      }),
    ).rejects.toThrow();
    expect(await verifyAuditChain(db.sql)).toEqual({ ok: true, entries: 0, head: null });
  });

  it.runIf(testEngine() === "postgres")("keeps one unbroken chain when many connections append at once", async () => {
    const others = await Promise.all([1, 2, 3, 4].map(() => openDatabase({ kind: "postgres", url: db.url! })));
    try {
      await Promise.all(others.flatMap((o, k) => Array.from({ length: 25 }, (_, i) => writeAuditEntries(o.prisma, [entry(k * 100 + i), entry(k * 100 + i + 50)]))));
      expect(await verifyAuditChain(db.sql, 17)).toEqual({ ok: true, entries: 200, head: expect.anything() });
    } finally {
      await Promise.all(others.map((o) => o.close()));
    }
  });
});
