// Whether an answer given earlier may be given again: an Idempotency-Key replay sends a
// stored answer, so the policy is asked again, now, about every case and victim it concerns.
import type { PrismaClient } from "@hub/db";
import { accessibleWhere, type HubAbility } from "@hub/policy";
import { isUuid } from "../shared/ids.js";

/** The cases an answer touched, and the victims it named without a case. */
export interface Concerned {
  caseIds: readonly string[];
  victimIds: readonly string[];
}

/**
 * True when `ability`, as it is now, may read every one of the cases, and at least one case
 * of every one of the victims (a victim is seen through her cases). Nothing concerned: true.
 */
export async function maySeeAllOf(prisma: PrismaClient, ability: HubAbility, { caseIds, victimIds }: Concerned): Promise<boolean> {
  if (![...caseIds, ...victimIds].every(isUuid)) return false;
  const readable = accessibleWhere(ability, "Case");
  const cases = new Set(caseIds);
  if (cases.size > 0) {
    const seen = await prisma.case.count({ where: { AND: [{ id: { in: [...cases] } }, readable] } });
    if (seen !== cases.size) return false;
  }
  const victims = new Set(victimIds);
  if (victims.size > 0) {
    const seen = await prisma.case.findMany({ where: { AND: [{ victimId: { in: [...victims] } }, readable] }, select: { victimId: true }, distinct: ["victimId"] });
    if (seen.length !== victims.size) return false;
  }
  return true;
}

/** Who and what, for the audit log: each case with its victim, and each victim named alone. Identifiers only. */
export async function concernedIdentifiers(prisma: PrismaClient, { caseIds, victimIds }: Concerned): Promise<{ caseId: string | null; victimId: string | null }[]> {
  const ids = caseIds.filter(isUuid);
  const victimOf = new Map(ids.length ? (await prisma.case.findMany({ where: { id: { in: ids } }, select: { id: true, victimId: true } })).map((c) => [c.id, c.victimId]) : []);
  return [...ids.map((caseId) => ({ caseId, victimId: victimOf.get(caseId) ?? null })), ...victimIds.filter(isUuid).map((victimId) => ({ caseId: null, victimId }))];
}
