import type { AccessPurpose, PrismaClient } from "@hub/db";
import type { Actor, HubAbility } from "@hub/policy";
import type { RequestAudit } from "../audit/request-audit.js";
import type { CaseEvents } from "../case-progress/case-events.js";

/** What every domain function is given: who is asking, why, what they may do, the database, the audit trail. */
export interface CoreContext {
  prisma: PrismaClient;
  actor: Actor;
  purpose: AccessPurpose | null;
  ability: HubAbility;
  audit: RequestAudit;
  /** The live feed of case updates: committed updates are announced here (identifiers only). */
  events?: CaseEvents;
}
