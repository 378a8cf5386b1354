// One s.62 log entry. Identifiers and field names only: the type has no place for a name,
// an address or a note, so victim data cannot end up in the log by accident.
import type { AccessPurpose, AuditAction, Role } from "@hub/db";

export interface AuditEntry {
  action: AuditAction;
  actorUserId: string | null;
  organisationId: string | null;
  roles: Role[];
  purpose: AccessPurpose | null;
  lawfulBasisCode?: string | null;
  consentId?: string | null;
  sharingDecisionId?: string | null;
  entityType: string;
  entityId?: string | null;
  caseId?: string | null;
  victimId?: string | null;
  /** Names of the fields disclosed, read or changed (e.g. "VictimContactDetails.phone"). */
  fields?: string[];
  recipientOrganisationIds?: string[];
  /** A short code, e.g. "not-found-or-not-permitted". */
  outcome?: string | null;
  /** Where the request came from: the connection's address, or the one a trusted proxy forwarded (an IP address, nothing else). */
  clientAddress?: string | null;
}
