// Starting and satisfying Victims' Code clocks, inside the transaction that records the
// event: an update starts the duties it triggers; a ledger entry that reaches the victim
// satisfies them. The clock scan (packages/jobs) marks what is left past due as breached.
import type { CaseUpdateType, ContactOutcome, OrganisationKind, Prisma } from "@hub/db";
import { type DutyName, dueDateFor, dutiesStartedBy, OutsideBankHolidayCalendarError } from "../clocks/index.js";
import { BadInputError } from "../shared/errors.js";

type Tx = Prisma.TransactionClient;

export interface StartedBy {
  id: string;
  caseId: string;
  type: CaseUpdateType;
  occurredAt: Date;
  receivedAt: Date;
}

/** Is the victim on this case entitled to Enhanced Rights, as last assessed? */
export async function hasEnhancedRights(tx: Tx, caseIds: string[]): Promise<Map<string, boolean>> {
  const cases = await tx.case.findMany({
    where: { id: { in: caseIds } },
    select: { id: true, victim: { select: { enhancedRightsAssessments: { orderBy: { assessedAt: "desc" }, take: 1, select: { eligible: true } } } } },
  });
  return new Map(cases.map((c) => [c.id, c.victim.enhancedRightsAssessments[0]?.eligible ?? false]));
}

/** The clock rows these updates start (nothing for a progress note). */
export async function startClocks(tx: Tx, updates: StartedBy[], recordedBy: OrganisationKind): Promise<number> {
  if (updates.length === 0) return 0;
  const enhanced = await hasEnhancedRights(tx, [...new Set(updates.map((u) => u.caseId))]);
  const rows = updates.flatMap((u) =>
    dutiesStartedBy(u.type, recordedBy).map((started) => {
      const startedAt = u[started.clockStartsAt];
      const isEnhanced = enhanced.get(u.caseId) ?? false;
      return {
        caseId: u.caseId,
        duty: started.duty,
        owedByKind: ownerOf(started.duty, recordedBy),
        enhanced: isEnhanced,
        startedAt,
        dueAt: dueOrRefuse(started.duty, startedAt, isEnhanced, "occurredAt"),
        startedByUpdateId: u.id,
      };
    }),
  );
  if (rows.length) await tx.statutoryClock.createMany({ data: rows, skipDuplicates: true });
  return rows.length;
}

/** The deadline, or a refusal the user can act on when the year is past the bank holiday calendar. */
export function dueOrRefuse(duty: DutyName, startedAt: Date, enhanced: boolean, field: string): Date {
  try {
    return dueDateFor(duty, startedAt, enhanced);
  } catch (error) {
    if (error instanceof OutsideBankHolidayCalendarError) {
      throw new BadInputError(`The hub cannot work out Victims' Code deadlines for ${error.year} yet. Nothing was recorded. Please tell your administrator.`, field);
    }
    throw error;
  }
}

/** Court bail outcomes are the WCU's to pass on, even when the CPS records them. */
function ownerOf(duty: string, recordedBy: OrganisationKind): OrganisationKind {
  if (duty.startsWith("RIGHT_8") || duty.startsWith("RIGHT_9")) return "POLICE_WCU";
  if (duty === "RIGHT_6_VCL_LETTER") return "CPS";
  if (duty === "RIGHT_6_POLICE_UPDATE") return "POLICE";
  return recordedBy;
}

/** Outcomes that mean the victim got the message. */
export const REACHES_VICTIM: readonly ContactOutcome[] = ["REACHED", "SENT", "MESSAGE_LEFT"];

/**
 * A contact that reached the victim satisfies the open clocks its organisation owes: those
 * started by the update it answers, or (when it names none) those for the duty it states,
 * or else every open clock it owes on the case that had started by then. Never her own VRR
 * window: no organisation owes it (owedByKind is null), so `owedByKind: by` leaves it alone.
 */
export async function satisfyClocks(
  tx: Tx,
  contact: { id: string; caseId: string; at: Date; outcome: ContactOutcome; answersUpdateId: string | null; statutoryDuty: string | null },
  by: OrganisationKind,
): Promise<number> {
  if (!REACHES_VICTIM.includes(contact.outcome)) return 0;
  const { count } = await tx.statutoryClock.updateMany({
    where: {
      caseId: contact.caseId,
      owedByKind: by,
      satisfiedAt: null,
      stoppedAt: null,
      startedAt: { lte: contact.at },
      ...(contact.answersUpdateId ? { startedByUpdateId: contact.answersUpdateId } : contact.statutoryDuty ? { duty: contact.statutoryDuty } : {}),
    },
    data: { satisfiedAt: contact.at, satisfiedByContactId: contact.id },
  });
  return count;
}
