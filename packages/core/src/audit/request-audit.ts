// The audit entries of one request. Reads add their consultation entries here; the HTTP
// edge flushes them before the response leaves, and sends an error instead of the data if
// the log cannot be written. Writes log inside their own transaction (writeAuditEntries).
import type { AccessPurpose, PrismaClient } from "@hub/db";
import type { Actor } from "@hub/policy";
import type { AuditEntry } from "./audit-entry.js";
import { writeAuditEntries } from "./write-audit-entries.js";

type EntryDetails = Omit<AuditEntry, "actorUserId" | "organisationId" | "roles" | "purpose" | "clientAddress">;

export class RequestAudit {
  private pending: AuditEntry[] = [];

  constructor(
    private readonly actor: Actor,
    private readonly purpose: AccessPurpose | null,
    /** Where the request came from (the HTTP edge's clientAddress()); null when not over HTTP. */
    private readonly clientAddress: string | null = null,
  ) {}

  /** Stamps who, from where, for whom and why onto an entry. */
  entry(details: EntryDetails): AuditEntry {
    return {
      actorUserId: this.actor.userId,
      organisationId: this.actor.organisationId,
      roles: this.actor.roles,
      purpose: this.purpose,
      clientAddress: this.clientAddress,
      ...details,
    };
  }

  record(details: EntryDetails): void {
    this.pending.push(this.entry(details));
  }

  get size(): number {
    return this.pending.length;
  }

  async flush(prisma: PrismaClient): Promise<void> {
    const entries = this.pending;
    this.pending = [];
    await writeAuditEntries(prisma, entries);
  }
}
