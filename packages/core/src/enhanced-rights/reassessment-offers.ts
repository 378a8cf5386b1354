// Offers to reassess a victim's Enhanced Rights and service tier. Eligibility "is reassessed
// when needs change" (shared/domain/victims-code.md), so a change that may call for it raises
// an offer in the same transaction as the change; the next assessment closes every open one.
// At most one open offer per victim and reason (partial unique index), so a second change
// before anyone reassesses adds nothing. Only a victim who has been assessed gets offers: a
// first assessment is not a reassessment, and the Right 4 needs assessment covers her.
import type { EnhancedRightsGround, Prisma, ReassessmentReason } from "@hub/db";

type Tx = Prisma.TransactionClient;

/** Something that may call for a reassessment: the victim, or the case it happened on. */
export type WantedOffer = { reason: ReassessmentReason } & ({ victimId: string; caseId?: null } | { victimId?: null; caseId: string });

export const REASSESSMENT_OFFERED_TOPIC = "enhanced-rights.reassessment-offered";

// One statement: the offers not already open (ON CONFLICT on the partial unique index), for
// victims with an assessment, and an outbox row for each offer actually created. The payload
// is the offer's id only.
const RAISE = `
WITH wanted AS (
  SELECT DISTINCT ON (v."victimId", w.reason) v."victimId", w."caseId", w.reason
    FROM jsonb_to_recordset($1::jsonb) AS w("victimId" uuid, "caseId" uuid, reason "ReassessmentReason")
    LEFT JOIN "Case" c ON c.id = w."caseId"
    CROSS JOIN LATERAL (SELECT COALESCE(w."victimId", c."victimId") AS "victimId") v
   WHERE EXISTS (SELECT 1 FROM "EnhancedRightsAssessment" a WHERE a."victimId" = v."victimId")
   ORDER BY v."victimId", w.reason
), raised AS (
  INSERT INTO "ReassessmentOffer" ("victimId", "caseId", reason, "raisedByOrganisationId")
  SELECT "victimId", "caseId", reason, $2::uuid FROM wanted
  ON CONFLICT ("victimId", reason) WHERE "closedAt" IS NULL DO NOTHING
  RETURNING id
), told AS (
  INSERT INTO "OutboxMessage" (topic, payload)
  SELECT '${REASSESSMENT_OFFERED_TOPIC}', jsonb_build_object('offerId', id) FROM raised
  RETURNING 1
)
SELECT COUNT(*)::int AS raised FROM told`;

/** Raises the offers not already open; returns how many were created. */
export async function raiseReassessmentOffers(tx: Tx, wanted: readonly WantedOffer[], raisedByOrganisationId: string): Promise<number> {
  if (wanted.length === 0) return 0;
  const rows = wanted.map((w) => ({ victimId: w.victimId ?? null, caseId: w.caseId ?? null, reason: w.reason }));
  const [result] = await tx.$queryRawUnsafe<{ raised: number }[]>(RAISE, JSON.stringify(rows), raisedByOrganisationId);
  return result?.raised ?? 0;
}

/** A charge altered may change the grounds (e.g. to or from a most serious crime). */
export function offersForUpdates(updates: readonly { caseId: string; type: string }[]): WantedOffer[] {
  return updates.filter((u) => u.type === "CPS_CHARGE_ALTERED").map((u) => ({ caseId: u.caseId, reason: "CASE_FACTS_CHANGED" }));
}

type Needs = { language: string | null; interpreterNeeded: boolean; accessibilityNeeds: string | null };
const said = (s: string | null) => (s ?? "").trim().toLowerCase();

/** Did her language, interpreter or accessibility needs change between two versions of her contact agreement? */
export function needsChanged(before: Needs, after: Needs): boolean {
  return said(before.language) !== said(after.language) || before.interpreterNeeded !== after.interpreterNeeded || said(before.accessibilityNeeds) !== said(after.accessibilityNeeds);
}

/** The new assessment answers every open offer. */
export async function closeReassessmentOffers(tx: Tx, assessment: { id: string; victimId: string; assessedAt: Date }): Promise<number> {
  const { count } = await tx.reassessmentOffer.updateMany({
    where: { victimId: assessment.victimId, closedAt: null },
    data: { closedAt: assessment.assessedAt, closedByAssessmentId: assessment.id },
  });
  return count;
}

export interface Reassessment {
  /** An offer is open, her case facts point to a ground she lacks, or her review date has passed. */
  due: boolean;
  reasons: ReassessmentReason[];
  /** One plain-English sentence per reason, and one when the review date has passed. */
  explanation: string[];
  /** When the earliest open offer was raised; null when none is open. */
  raisedAt: Date | null;
}

const GROUND_WORDS: Record<EnhancedRightsGround, string> = {
  MOST_SERIOUS_CRIME: "victim of the most serious crime",
  UNDER_18: "under 18",
  VULNERABLE_OR_INTIMIDATED: "vulnerable or intimidated",
  PERSISTENTLY_TARGETED: "persistently targeted",
  BEREAVED: "bereaved close relative",
};

const onDay = (d: Date) => d.toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "Europe/London" });
const OFFER = "offer to reassess her Enhanced Rights and service tier.";

/**
 * Why she should be offered a reassessment, from her open offers, the grounds her case facts
 * suggest that her latest assessment lacks (FACTS_SUGGEST_GROUNDS, worked out here rather than
 * stored) and her review date.
 */
export function explainReassessment(
  open: readonly { reason: ReassessmentReason; raisedAt: Date }[],
  missingGrounds: readonly EnhancedRightsGround[],
  review: { reviewBy: Date | null; dueForReview: boolean },
): Reassessment {
  const sorted = [...open].sort((a, b) => a.raisedAt.getTime() - b.raisedAt.getTime());
  const explanation = sorted.map((o) => (o.reason === "NEEDS_CHANGED" ? `Her needs changed on ${onDay(o.raisedAt)}: ${OFFER}` : o.reason === "CASE_FACTS_CHANGED" ? `Her case facts changed on ${onDay(o.raisedAt)}: ${OFFER}` : `Her case facts point to grounds her last assessment lacks: ${OFFER}`));
  const reasons = sorted.map((o) => o.reason);
  if (missingGrounds.length && !reasons.includes("FACTS_SUGGEST_GROUNDS")) {
    reasons.push("FACTS_SUGGEST_GROUNDS");
    explanation.push(`Her case facts point to grounds her last assessment lacks (${missingGrounds.map((g) => GROUND_WORDS[g]).join(", ")}): ${OFFER}`);
  }
  if (review.dueForReview && review.reviewBy) explanation.push(`Her review date, ${onDay(review.reviewBy)}, has passed: ${OFFER}`);
  return { due: explanation.length > 0, reasons, explanation, raisedAt: sorted[0]?.raisedAt ?? null };
}

