// Clocks for the partnership's local service standards: which standards an event starts in
// the case's area (a kind of update recorded, or the case entering a stage), and when. A
// standard retired, or added after the event was recorded, starts nothing.
import type { CaseStage, CaseUpdateType, LocalServiceStandard, OrganisationKind, Prisma } from "@hub/db";
import { addWorkingDays, localDutyName } from "../clocks/index.js";
import { hasEnhancedRights, withinCalendar } from "./start-clocks.js";

type Tx = Prisma.TransactionClient;

export interface LocalClock {
  duty: string;
  localStandardId: string;
  owedByKind: OrganisationKind;
  startedAt: Date;
  dueAt: Date;
}

/** Not retired by this moment. */
export const notRetiredBy = (now: Date): Prisma.LocalServiceStandardWhereInput => ({ OR: [{ retiredAt: null }, { retiredAt: { gt: now } }] });
/** Timing cases at this moment: added by then and not yet retired. */
const inForce = (now: Date): Prisma.LocalServiceStandardWhereInput => ({ createdAt: { lte: now }, ...notRetiredBy(now) });

/** The deadline a standard gives from a start, or a refusal past the bank holiday calendar. */
export function localDue(standard: Pick<LocalServiceStandard, "workingDays" | "enhancedWorkingDays">, startedAt: Date, enhanced: boolean, field: string): Date {
  return withinCalendar(field, () => addWorkingDays(startedAt, enhanced ? standard.enhancedWorkingDays : standard.workingDays));
}

/**
 * The local standards in force in each case's area that these kinds of update start, keyed by
 * case. The clock starts when the organisation owing it had the news: at its own receipt when
 * it recorded the update, otherwise when the update reached it through the hub (now).
 */
export async function localStandardsForUpdates(tx: Tx, caseIds: string[], types: CaseUpdateType[], now: Date): Promise<Map<string, LocalServiceStandard[]>> {
  const byCase = new Map<string, LocalServiceStandard[]>();
  if (caseIds.length === 0 || types.length === 0) return byCase;
  const cases = await tx.case.findMany({ where: { id: { in: caseIds } }, select: { id: true, areaId: true } });
  const standards = await tx.localServiceStandard.findMany({
    where: { areaId: { in: [...new Set(cases.map((c) => c.areaId))] }, startsOnUpdateType: { in: types }, ...inForce(now) },
  });
  for (const c of cases) byCase.set(c.id, standards.filter((s) => s.areaId === c.areaId));
  return byCase;
}

export function localClockForUpdate(
  standard: LocalServiceStandard,
  update: { receivedAt: Date },
  recordedBy: OrganisationKind,
  enhanced: boolean,
  now: Date,
): LocalClock {
  const startedAt = standard.owedByKind === recordedBy ? update.receivedAt : now;
  return { duty: localDutyName(standard.id), localStandardId: standard.id, owedByKind: standard.owedByKind, startedAt, dueAt: localDue(standard, startedAt, enhanced, "receivedAt") };
}

/**
 * A case entering a stage starts the local standards its area keeps for that stage (the CPS
 * contacts her when the police file reaches it: the case enters CHARGING_DECISION), from the
 * moment it entered. Returns how many started.
 */
export async function startStageClocks(tx: Tx, change: { id: string; caseId: string; toStage: CaseStage; at: Date }, areaId: string): Promise<number> {
  const standards = await tx.localServiceStandard.findMany({ where: { areaId, startsOnStage: change.toStage, ...inForce(change.at) } });
  if (standards.length === 0) return 0;
  const enhanced = (await hasEnhancedRights(tx, [change.caseId])).get(change.caseId) ?? false;
  const { count } = await tx.statutoryClock.createMany({
    data: standards.map((s) => ({
      caseId: change.caseId,
      duty: localDutyName(s.id),
      localStandardId: s.id,
      owedByKind: s.owedByKind,
      enhanced,
      startedAt: change.at,
      dueAt: localDue(s, change.at, enhanced, "stage"),
      startedByStageChangeId: change.id,
    })),
    skipDuplicates: true,
  });
  return count;
}
