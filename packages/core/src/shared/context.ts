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
  /**
   * The moment the caller acts at. The hub always runs on real time (unset); the demo seed plays
   * a partnership's past weeks by giving each step the moment it happened. Use nowOf(ctx).
   */
  now?: () => Date;
}

/** The moment this call acts at: real time, unless the context carries its own clock. */
export const nowOf = (ctx: Pick<CoreContext, "now">): Date => ctx.now?.() ?? new Date();
