// A contact that reached her closes the keep-in-touch tasks still open on her case: she heard
// from the partnership, whichever organisation it was. Called in recordContact's transaction;
// the scheduler does the same for contacts recorded any other way.
import type { ContactChannel, ContactOutcome, Prisma } from "@hub/db";
import { handsOff, REACHES_VICTIM } from "../statutory-clocks/start-clocks.js";

/**
 * Marks DONE every OPEN or ESCALATED task on the contact's case whose interval started before
 * the contact, recording which contact closed it. Nothing for a contact that did not reach her
 * (a hand-off through her advocate included: she has not heard yet).
 * Returns how many tasks it closed.
 */
export async function closeHeartbeatTasks(tx: Prisma.TransactionClient, contact: { id: string; caseId: string; at: Date; channel: ContactChannel; outcome: ContactOutcome }): Promise<number> {
  if (!REACHES_VICTIM.includes(contact.outcome) || handsOff(contact)) return 0;
  const { count } = await tx.keepInTouchTask.updateMany({
    where: { caseId: contact.caseId, status: { in: ["OPEN", "ESCALATED"] }, windowStartsAt: { lt: contact.at } },
    data: { status: "DONE", completedAt: contact.at, closedByContactId: contact.id },
  });
  return count;
}
