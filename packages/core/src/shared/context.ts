import type { PrismaClient } from "@hub/db";
import type { Actor, HubAbility } from "@hub/policy";

/** What every domain function is given: who is asking, what they may do, and the database. */
export interface CoreContext {
  prisma: PrismaClient;
  actor: Actor;
  ability: HubAbility;
}
