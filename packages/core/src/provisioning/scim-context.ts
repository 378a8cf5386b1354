// What a SCIM operation is given: the provisioning client that the bearer token named (never
// anything the request body says), the database, and the address its resources live at.
import type { PrismaClient } from "@hub/db";
import type { AuditEntry } from "../audit/audit-entry.js";

export interface ScimClient {
  id: string;
  /** The partnership body whose administrator made the client. */
  organisationId: string;
  /** Where this request came from (the HTTP edge's clientAddress()), for the audit log. */
  clientAddress?: string | null;
}

export interface ScimContext {
  prisma: PrismaClient;
  client: ScimClient;
  /** The absolute address of /scim/v2, for meta.location and $ref. */
  baseUrl: string;
}

export type AuditDetails = Omit<AuditEntry, "actorUserId" | "organisationId" | "roles" | "purpose" | "clientAddress">;
/** Stamps who made a change onto an audit entry: the identity provider, or an administrator. */
export type AuditStamp = (details: AuditDetails) => AuditEntry;

/** The outcome code that ties a change to the provisioning client that made or decides it. */
export const scimOutcome = (clientId: string) => `scim:${clientId}`;

/** Changes the identity provider makes: no person acted, the client's partnership body is responsible. */
export const scimStamp =
  (client: ScimClient): AuditStamp =>
  (details) => ({
    actorUserId: null,
    organisationId: client.organisationId,
    roles: [],
    purpose: null,
    outcome: scimOutcome(client.id),
    clientAddress: client.clientAddress ?? null,
    ...details,
  });
