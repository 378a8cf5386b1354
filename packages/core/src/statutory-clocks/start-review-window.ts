// The victim's own Victims' Right to Review window (shared/domain/victims-code.md): from being
// told of a decision she may ask to have reviewed, as long as that decision's scheme gives her
// (clocks/review-schemes.ts: the CPS's 10 working days, the police's 3 months). It starts inside the
// transaction that records the ledger contact which told her. No agency owes it, so it has no
// owedByKind: the clock scan never marks it breached, the ledger never "satisfies" it, and
// the compliance report leaves it out. It simply runs out (status WINDOW_CLOSED).
import type { ContactOutcome, Prisma } from "@hub/db";
import { REVIEWABLE_DECISIONS } from "../clocks/duties.js";
import { reviewSchemeFor, reviewWindowEnds } from "../clocks/review-schemes.js";
import { hasEnhancedRights, REACHES_VICTIM, withinCalendar } from "./start-clocks.js";

/**
 * Starts her VRR window when this contact reached her and answers a current (not corrected)
 * reviewable decision on the same case. Telling her again does nothing: the window runs from
 * the first telling (one clock per decision update, @@unique([startedByUpdateId, duty])).
 *
 * A contact that names no update starts nothing: the hub cannot know that it told her of the
 * decision, and a guessed start date would give her a wrong deadline. Whoever tells her
 * should record the contact as answering the decision.
 */
export async function startReviewWindow(
  tx: Prisma.TransactionClient,
  contact: { caseId: string; at: Date; outcome: ContactOutcome; answersUpdateId: string | null },
): Promise<number> {
  if (!contact.answersUpdateId || !REACHES_VICTIM.includes(contact.outcome)) return 0;
  const decision = await tx.caseUpdate.findFirst({
    where: { id: contact.answersUpdateId, caseId: contact.caseId, type: { in: [...REVIEWABLE_DECISIONS] }, supersededBy: null },
    select: { id: true, type: true },
  });
  const scheme = decision ? reviewSchemeFor(decision.type) : null;
  if (!decision || !scheme) return 0;
  const enhanced = (await hasEnhancedRights(tx, [contact.caseId])).get(contact.caseId) ?? false;
  const { count } = await tx.statutoryClock.createMany({
    data: [
      {
        caseId: contact.caseId,
        duty: "VRR_REQUEST_WINDOW",
        owedByKind: null,
        enhanced,
        startedAt: contact.at,
        dueAt: withinCalendar("at", () => reviewWindowEnds(scheme, contact.at)),
        startedByUpdateId: decision.id,
      },
    ],
    skipDuplicates: true,
  });
  return count;
}

