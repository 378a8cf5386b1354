// An agreement as the register shows it: its parties (with any withdrawal, and who recorded
// it) and whether it is due for review.
import type { DataSharingAgreement, DsaParty, Organisation } from "@hub/db";
import type { CoreContext } from "../shared/context.js";

export type AgreementPartyView = DsaParty & { organisation: Organisation; withdrawnByName: string | null };
export type DataSharingAgreementView = DataSharingAgreement & { parties: AgreementPartyView[]; reviewDue: boolean };

/** Midnight UTC of the day: review dates are calendar dates. */
export const dayOf = (date: Date) => new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));

/** The review date has come (today or earlier): the agreement is due for review. */
export const isReviewDue = (reviewDate: Date, now = new Date()) => dayOf(reviewDate).getTime() <= dayOf(now).getTime();

/** What the policy needs to decide who may change an agreement: each party's areas and whether it is still bound. */
export const agreementInclude = { parties: { include: { organisation: { include: { areas: { select: { areaId: true } } } } } } } as const;

type Db = Pick<CoreContext["prisma"], "user">;

/** Adds whether each agreement is due for review and the name of whoever recorded each party's withdrawal. */
export async function agreementViews<T extends DataSharingAgreement & { parties: (DsaParty & { organisation: Organisation })[] }>(
  db: Db,
  rows: T[],
  now = new Date(),
): Promise<(T & { parties: (T["parties"][number] & { withdrawnByName: string | null })[]; reviewDue: boolean })[]> {
  const ids = [...new Set(rows.flatMap((r) => r.parties.flatMap((p) => (p.withdrawnByUserId ? [p.withdrawnByUserId] : []))))];
  const names = new Map(ids.length ? (await db.user.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } })).map((u) => [u.id, u.name]) : []);
  return rows.map((row) => ({
    ...row,
    reviewDue: isReviewDue(row.reviewDate, now),
    parties: row.parties.map((p) => ({ ...p, withdrawnByName: p.withdrawnByUserId ? (names.get(p.withdrawnByUserId) ?? null) : null })),
  }));
}
