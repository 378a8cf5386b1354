// Every change of a case's stage goes through here, inside the caller's transaction: the case
// moves (optimistic version bumped), the change is kept in CaseStageChange with who, why and
// which update caused it, it is logged, and the agencies whose duty the case now is join it.
// Stages follow their events where the law makes it so (a charge moves the case to CHARGED);
// they can still be moved by hand within the state machine (move-case-stage.ts).
import type { CaseStage, CaseUpdateType, Prisma, StageChangeCause } from "@hub/db";
import { writeAuditEntries } from "../audit/write-audit-entries.js";
import { joinByDuty } from "../involvements/join-by-duty.js";
import { startStageClocks } from "../statutory-clocks/local-standard-clocks.js";
import { type CoreContext, nowOf } from "../shared/context.js";
import { ConflictError } from "../shared/errors.js";

type Tx = Prisma.TransactionClient;

/** The stage an event puts the case at, and the stages it can be at for that to follow. */
const EVENT_STAGES: Partial<Record<CaseUpdateType, { to: CaseStage; from: readonly CaseStage[] }>> = {
  // The police are investigating once they arrest, interview, bail or release a suspect.
  SUSPECT_ARRESTED: { to: "UNDER_INVESTIGATION", from: ["REPORTED"] },
  SUSPECT_INTERVIEWED: { to: "UNDER_INVESTIGATION", from: ["REPORTED"] },
  SUSPECT_BAILED: { to: "UNDER_INVESTIGATION", from: ["REPORTED"] },
  SUSPECT_RELEASED_UNDER_INVESTIGATION: { to: "UNDER_INVESTIGATION", from: ["REPORTED"] },
  // A charge, including a charge after a review overturned a decision not to go on.
  SUSPECT_CHARGED: { to: "CHARGED", from: ["REPORTED", "UNDER_INVESTIGATION", "CHARGING_DECISION", "NO_FURTHER_ACTION", "DISCONTINUED"] },
  POLICE_NO_FURTHER_ACTION: { to: "NO_FURTHER_ACTION", from: ["REPORTED", "UNDER_INVESTIGATION"] },
  CPS_DECISION_NOT_TO_CHARGE: { to: "NO_FURTHER_ACTION", from: ["CHARGING_DECISION", "UNDER_INVESTIGATION"] },
  CPS_DISCONTINUED: { to: "DISCONTINUED", from: ["CHARGED", "AWAITING_TRIAL", "TRIAL"] },
  VERDICT: { to: "VERDICT", from: ["CHARGED", "AWAITING_TRIAL", "TRIAL"] },
  SENTENCE: { to: "SENTENCED", from: ["CHARGED", "AWAITING_TRIAL", "TRIAL", "VERDICT"] },
};

/** The stage this event moves a case at `current` to, or null when the stage stays. */
export function stageAfterEvent(type: CaseUpdateType, current: CaseStage): CaseStage | null {
  const rule = EVENT_STAGES[type];
  return rule?.from.includes(current) ? rule.to : null;
}

export interface StageChange {
  kase: { id: string; areaId: string; victimId: string; stage: CaseStage };
  to: CaseStage;
  cause: StageChangeCause;
  reason?: string | null;
  causedByUpdateId?: string | null;
  /** The version the caller decided on; a case changed since is a conflict. Omitted for events. */
  expectedVersion?: number;
}

export const staleCase = () =>
  new ConflictError("Someone else changed this case after you opened it. Nothing was changed: reload the case, check its stage, and try again.");

/** Moves the case, keeps the change, logs it, and lets the agencies on duty join. Returns the new stage and version. */
export async function changeStage(tx: Tx, ctx: CoreContext, change: StageChange): Promise<{ id: string; stage: CaseStage; version: number }> {
  const at = nowOf(ctx);
  const { kase, to } = change;
  const { count } = await tx.case.updateMany({
    where: { id: kase.id, ...(change.expectedVersion !== undefined ? { version: change.expectedVersion } : {}) },
    data: { stage: to, version: { increment: 1 }, closedAt: to === "CLOSED" ? at : null },
  });
  if (count === 0) throw staleCase();
  const stageChange = await tx.caseStageChange.create({
    data: {
      caseId: kase.id,
      fromStage: kase.stage,
      toStage: to,
      cause: change.cause,
      reason: change.reason ?? null,
      causedByUpdateId: change.causedByUpdateId ?? null,
      at,
      byUserId: ctx.actor.userId,
      byOrganisationId: ctx.actor.organisationId,
    },
  });
  await writeAuditEntries(tx, [
    ctx.audit.entry({ action: "ALTERATION", entityType: "Case", entityId: kase.id, caseId: kase.id, victimId: kase.victimId, fields: ["Case.stage", "Case.version"], outcome: `${change.cause}:${to}` }),
  ]);
  await joinByDuty(tx, { id: kase.id, areaId: kase.areaId, stage: to }, at);
  // Reopening returns the case to where it was: not a new event for a local standard to time.
  if (change.cause !== "REOPENED") await startStageClocks(tx, stageChange, kase.areaId);
  return tx.case.findUniqueOrThrow({ where: { id: kase.id }, select: { id: true, stage: true, version: true } });
}

/** After updates are written: each whose event decides the stage moves its case, in the order given. */
export async function followEventStages(tx: Tx, ctx: CoreContext, written: readonly { id: string; caseId: string; type: CaseUpdateType }[]): Promise<void> {
  const moving = written.filter((u) => EVENT_STAGES[u.type]);
  if (moving.length === 0) return;
  const cases = await tx.case.findMany({ where: { id: { in: [...new Set(moving.map((u) => u.caseId))] } }, select: { id: true, areaId: true, victimId: true, stage: true } });
  const current = new Map(cases.map((c) => [c.id, c]));
  for (const update of moving) {
    const kase = current.get(update.caseId);
    if (!kase || kase.stage === "CLOSED") continue;
    const to = stageAfterEvent(update.type, kase.stage);
    if (!to || to === kase.stage) continue;
    const moved = await changeStage(tx, ctx, { kase, to, cause: "EVENT", causedByUpdateId: update.id });
    current.set(kase.id, { ...kase, stage: moved.stage });
  }
}
