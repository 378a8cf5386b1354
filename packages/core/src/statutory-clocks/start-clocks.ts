// Starting and satisfying Victims' Code clocks, inside the transaction that records the
// event: an update starts the duties it triggers; a ledger entry that reaches the victim
// satisfies them. The clock scan (packages/jobs) marks what is left past due as breached.
import type { CaseUpdateType, ContactChannel, ContactOutcome, CourtResultKind, OrganisationKind, Prisma } from "@hub/db";
import { type ClockStartField, DUTY_FOR_COURT_RESULT, type DutyName, dueDateFor, dutiesStartedBy, OutsideBankHolidayCalendarError } from "../clocks/index.js";
import { BadInputError } from "../shared/errors.js";
import { localClockForUpdate, localStandardsForUpdates } from "./local-standard-clocks.js";

type Tx = Prisma.TransactionClient;

export interface StartedBy {
  id: string;
  caseId: string;
  type: CaseUpdateType;
  occurredAt: Date;
  receivedAt: Date;
  /** The update this one corrects: its clocks move to this one rather than a second set starting. */
  supersedesId?: string | null;
}

/** Is the victim on this case entitled to Enhanced Rights, as last assessed? */
export async function hasEnhancedRights(tx: Tx, caseIds: string[]): Promise<Map<string, boolean>> {
  const cases = await tx.case.findMany({
    where: { id: { in: caseIds } },
    select: { id: true, victim: { select: { enhancedRightsAssessments: { orderBy: { assessedAt: "desc" }, take: 1, select: { eligible: true } } } } },
  });
  return new Map(cases.map((c) => [c.id, c.victim.enhancedRightsAssessments[0]?.eligible ?? false]));
}

/**
 * Starts the clocks these updates start (nothing for a progress note). A correction moves the
 * clocks of the update it corrects to its own times instead: one late arrest, corrected, is
 * still one duty and at most one breach. Returns how many clocks started or moved.
 */
export async function startClocks(tx: Tx, updates: StartedBy[], recordedBy: OrganisationKind, now: Date): Promise<number> {
  if (updates.length === 0) return 0;
  const caseIds = [...new Set(updates.map((u) => u.caseId))];
  const enhanced = await hasEnhancedRights(tx, caseIds);
  const local = await localStandardsForUpdates(tx, caseIds, [...new Set(updates.map((u) => u.type))], now);
  const corrected = updates.flatMap((u) => (u.supersedesId ? [u.supersedesId] : []));
  const earlierClocks = corrected.length ? await tx.statutoryClock.findMany({ where: { startedByUpdateId: { in: corrected } } }) : [];
  const rows: Prisma.StatutoryClockCreateManyInput[] = [];
  let moved = 0;
  for (const u of updates) {
    const isEnhanced = enhanced.get(u.caseId) ?? false;
    const wanted = dutiesStartedBy(u.type, recordedBy).map((started) => {
      const owedByKind = ownerOf(started.duty, recordedBy);
      const startedAt = clockStart(u[started.clockStartsAt], started.clockStartsAt, owedByKind, recordedBy, now);
      return { duty: started.duty as string, owedByKind, startedAt, dueAt: dueOrRefuse(started.duty, startedAt, isEnhanced, "occurredAt") };
    });
    // The partnership's own standards for this kind of update in the case's area, timed beside the Code's.
    for (const standard of local.get(u.caseId) ?? []) {
      if (standard.startsOnUpdateType === u.type) wanted.push(localClockForUpdate(standard, u, recordedBy, isEnhanced, now));
    }
    const earlier = u.supersedesId ? earlierClocks.filter((c) => c.startedByUpdateId === u.supersedesId) : [];
    for (const clock of wanted) {
      const before = earlier.find((c) => c.duty === clock.duty);
      if (!before) {
        if (clock.duty === OUTCOME_DUTY && (await joinedOutcomeClock(tx, u.caseId, { startedByUpdateId: u.id }))) {
          moved++;
          continue;
        }
        rows.push({ caseId: u.caseId, ...clock, enhanced: isEnhanced, startedByUpdateId: u.id });
        continue;
      }
      await tx.statutoryClock.update({ where: { id: before.id }, data: movedClock(before, { ...clock, enhanced: isEnhanced, startedByUpdateId: u.id }, now) });
      moved++;
    }
    // What the corrected update started and the correction does not is no longer owed.
    for (const gone of earlier.filter((c) => !wanted.some((w) => w.duty === c.duty) && c.satisfiedAt === null && c.stoppedAt === null)) {
      // A clock the court's result started too is still owed for the result: only the update lets go of it.
      const data = gone.startedByHearingId ? { startedByUpdateId: null } : { stoppedAt: now, stoppedReason: "update-corrected" };
      await tx.statutoryClock.update({ where: { id: gone.id }, data });
    }
  }
  if (rows.length) await tx.statutoryClock.createMany({ data: rows, skipDuplicates: true });
  return rows.length + moved;
}

/**
 * Starts (or, when the result is recorded again, moves) the WCU's clock for a court result:
 * Right 9 for an outcome or sentence, Right 8 for a bail decision or an adjourned hearing.
 */
export async function startCourtResultClock(
  tx: Tx,
  hearing: { id: string; caseId: string },
  kind: CourtResultKind,
  receivedAt: Date,
  recordedBy: OrganisationKind,
  now: Date,
): Promise<void> {
  const started = DUTY_FOR_COURT_RESULT[kind];
  const enhanced = (await hasEnhancedRights(tx, [hearing.caseId])).get(hearing.caseId) ?? false;
  const owedByKind = ownerOf(started.duty, recordedBy);
  const startedAt = clockStart(receivedAt, started.clockStartsAt, owedByKind, recordedBy, now);
  const clock = { duty: started.duty, owedByKind, startedAt, enhanced, dueAt: dueOrRefuse(started.duty, startedAt, enhanced, "resultReceivedAt") };
  const earlier = await tx.statutoryClock.findMany({ where: { startedByHearingId: hearing.id } });
  const before = earlier.find((c) => c.duty === clock.duty);
  if (before) await tx.statutoryClock.update({ where: { id: before.id }, data: movedClock(before, clock, now) });
  else if (clock.duty === OUTCOME_DUTY && (await joinedOutcomeClock(tx, hearing.caseId, { startedByHearingId: hearing.id }))) {
    // The verdict or sentence update already started her clock for this news: it is the same news.
  } else await tx.statutoryClock.create({ data: { caseId: hearing.caseId, ...clock, startedByHearingId: hearing.id } });
  for (const gone of earlier.filter((c) => c.duty !== clock.duty && c.satisfiedAt === null && c.stoppedAt === null)) {
    // A clock a verdict or sentence update started too is still owed for it: only the result lets go.
    const data = gone.startedByUpdateId ? { startedByHearingId: null } : { stoppedAt: now, stoppedReason: "result-corrected" };
    await tx.statutoryClock.update({ where: { id: gone.id }, data });
  }
}

const OUTCOME_DUTY: DutyName = "RIGHT_9_OUTCOME_AND_SENTENCE";

/**
 * One outcome, told once. The WCU may record the court's result on the hearing and a verdict
 * or sentence update for the same news; while she has not been told, that is one duty, not
 * two. A Right 9 clock still open on the case that only the other record started takes this
 * one too (a clock can name both its update and its hearing), so a contact answering either
 * meets it and re-recording either moves it. True when it joined one.
 */
async function joinedOutcomeClock(tx: Tx, caseId: string, link: { startedByUpdateId: string } | { startedByHearingId: string }): Promise<boolean> {
  const otherIsUnset = "startedByUpdateId" in link ? { startedByUpdateId: null, startedByHearingId: { not: null } } : { startedByHearingId: null, startedByUpdateId: { not: null } };
  const open = await tx.statutoryClock.findFirst({
    where: { caseId, duty: OUTCOME_DUTY, satisfiedAt: null, stoppedAt: null, ...otherIsUnset },
    orderBy: { startedAt: "desc" },
    select: { id: true },
  });
  if (!open) return false;
  await tx.statutoryClock.update({ where: { id: open.id }, data: link });
  return true;
}

/**
 * A WCU clock starts when the WCU receives the news. When another agency (the CPS) records it,
 * the WCU receives it through the hub as it is recorded, not when the CPS heard it.
 */
function clockStart(at: Date, field: ClockStartField, owedByKind: OrganisationKind, recordedBy: OrganisationKind, now: Date): Date {
  if (field === "receivedAt" && owedByKind !== recordedBy) return now;
  return at;
}

/** A clock moved to corrected times; a breach the corrected deadline has not reached yet is undone. */
function movedClock(
  before: { breachedAt: Date | null },
  clock: { startedAt: Date; dueAt: Date; enhanced: boolean; startedByUpdateId?: string; localStandardId?: string },
  now: Date,
): Prisma.StatutoryClockUpdateInput {
  const { startedByUpdateId, localStandardId: _sameStandard, ...times } = clock;
  return {
    ...times,
    ...(startedByUpdateId ? { startedByUpdateId } : {}),
    ...(before.breachedAt && clock.dueAt.getTime() > now.getTime() ? { breachedAt: null } : {}),
  };
}

/** The deadline, or a refusal the user can act on when the year is past the bank holiday calendar. */
export function dueOrRefuse(duty: DutyName, startedAt: Date, enhanced: boolean, field: string): Date {
  return withinCalendar(field, () => dueDateFor(duty, startedAt, enhanced));
}

/** A deadline worked out, or the refusal to give when its year is past the bank holiday calendar. */
export function withinCalendar(field: string, deadline: () => Date): Date {
  try {
    return deadline();
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
 * A hand-off: a message passed to her advocate to give her ("through her advocate", sent or
 * left). It has not reached her yet, so it satisfies nothing; the duty is met when a later
 * contact records that she was reached (satisfyClocks below). A letter, email or text sent to
 * her is different: it reaches her (the Victims' Code counts a VCL letter sent on time).
 */
export const handsOff = (contact: { channel: ContactChannel; outcome: ContactOutcome }) => contact.channel === "THROUGH_ADVOCATE" && contact.outcome !== "REACHED";

/**
 * A contact that reached the victim satisfies the open clocks its organisation owes: those
 * started by each update it answers and those for each duty it states (one call can cover bail
 * and the interview), or, when it names none, every open clock it owes on the case that had
 * started by then. Each clock it satisfies keeps it (satisfiedByContactId). A hand-off
 * satisfies nothing; when a later contact reaches her on what was handed off, the clocks of the
 * organisation that handed it off are met too, then. Never her own VRR window: no organisation
 * owes it (owedByKind is null), so `owedByKind` leaves it alone.
 */
export async function satisfyClocks(
  tx: Tx,
  contact: { id: string; caseId: string; at: Date; outcome: ContactOutcome; channel: ContactChannel; answersUpdateIds: string[]; statutoryDuties: string[] },
  by: OrganisationKind,
): Promise<number> {
  if (!REACHES_VICTIM.includes(contact.outcome) || handsOff(contact)) return 0;
  const named = (updateIds: string[], duties: string[]): Prisma.StatutoryClockWhereInput[] => [
    ...updateIds.map((startedByUpdateId) => ({ startedByUpdateId })),
    ...duties.map((duty) => ({ duty })),
  ];
  const open = { caseId: contact.caseId, satisfiedAt: null, stoppedAt: null, startedAt: { lte: contact.at } };
  const mine = named(contact.answersUpdateIds, contact.statutoryDuties);
  const data = { satisfiedAt: contact.at, satisfiedByContactId: contact.id };
  let { count } = await tx.statutoryClock.updateMany({ where: { ...open, owedByKind: by, ...(mine.length ? { OR: mine } : {}) }, data });
  if (mine.length === 0) return count;
  // What other organisations handed off through her advocate on the same updates or duties.
  const handedOff = await tx.contactRecord.findMany({
    where: {
      caseId: contact.caseId,
      id: { not: contact.id },
      at: { lte: contact.at },
      channel: "THROUGH_ADVOCATE",
      outcome: { in: REACHES_VICTIM.filter((o) => o !== "REACHED") },
      OR: [{ answers: { some: { updateId: { in: contact.answersUpdateIds } } } }, { statutoryDuties: { hasSome: contact.statutoryDuties } }],
    },
    select: { organisationId: true, statutoryDuties: true, answers: { select: { updateId: true } } },
  });
  if (handedOff.length === 0) return count;
  const kinds = new Map((await tx.organisation.findMany({ where: { id: { in: [...new Set(handedOff.map((h) => h.organisationId))] } }, select: { id: true, kind: true } })).map((o) => [o.id, o.kind]));
  for (const h of handedOff) {
    const kind = kinds.get(h.organisationId);
    const both = named(
      h.answers.map((a) => a.updateId).filter((id) => contact.answersUpdateIds.includes(id)),
      h.statutoryDuties.filter((d) => contact.statutoryDuties.includes(d)),
    );
    if (!kind || kind === by || both.length === 0) continue;
    count += (await tx.statutoryClock.updateMany({ where: { ...open, owedByKind: kind, OR: both }, data })).count;
  }
  return count;
}
