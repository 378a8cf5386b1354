// Appends entries to the audit log in one statement. The database trigger chains each row
// (hash of the previous row and this one), so this is the only insert the hub needs.
import type { PrismaClient } from "@hub/db";
import type { AuditEntry } from "./audit-entry.js";

type Executor = Pick<PrismaClient, "$executeRawUnsafe">;

/** Where a client made by observingAuditWrites keeps its observer. */
const AUDIT_WRITES = Symbol.for("hub.auditWrites");
type AuditObserver = (entries: readonly AuditEntry[]) => void;

/**
 * The same client, telling `observer` of every batch of audit entries written through it (or
 * through a nested transaction's client made from it). The Idempotency-Key layer uses it to
 * learn which cases and victims a request touched: the hub's own record of it, not a guess
 * from the answer. A batch written in a savepoint later undone is told too (never too few).
 */
export function observingAuditWrites<T extends object>(client: T, observer: AuditObserver): T {
  return new Proxy(client, {
    get(target, property) {
      if (property === AUDIT_WRITES) return observer;
      const value = Reflect.get(target, property, target);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}

const INSERT = `
INSERT INTO "AuditEvent" (action, "actorUserId", "organisationId", roles, purpose, "lawfulBasisCode", "consentId",
  "sharingDecisionId", "entityType", "entityId", "caseId", "victimId", fields, "recipientOrganisationIds", outcome, "clientAddress")
SELECT e.action::"AuditAction", e."actorUserId"::uuid, e."organisationId"::uuid, e.roles::"Role"[], e.purpose::"AccessPurpose",
  e."lawfulBasisCode", e."consentId"::uuid, e."sharingDecisionId"::uuid, e."entityType", e."entityId", e."caseId"::uuid,
  e."victimId"::uuid, e.fields, e."recipientOrganisationIds", e.outcome, e."clientAddress"
FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS item(value, n),
  LATERAL jsonb_to_record(item.value) AS e(action text, "actorUserId" text, "organisationId" text, roles text[], purpose text,
    "lawfulBasisCode" text, "consentId" text, "sharingDecisionId" text, "entityType" text, "entityId" text, "caseId" text,
    "victimId" text, fields text[], "recipientOrganisationIds" text[], outcome text, "clientAddress" text)
ORDER BY item.n`;

export async function writeAuditEntries(db: Executor, entries: readonly AuditEntry[]): Promise<void> {
  if (entries.length === 0) return;
  const rows = entries.map((e) => ({
    ...e,
    fields: e.fields ?? [],
    recipientOrganisationIds: e.recipientOrganisationIds ?? [],
  }));
  await db.$executeRawUnsafe(INSERT, JSON.stringify(rows));
  (db as { [AUDIT_WRITES]?: AuditObserver })[AUDIT_WRITES]?.(entries);
}
