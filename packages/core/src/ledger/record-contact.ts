// The communication ledger: every contact with the victim, by any agency, so the next
// person to call her knows what she has already been told, by whom and how.
import { ContactChannel, ContactOutcome } from "@hub/db";
import { accessibleWhere } from "@hub/policy";
import { z } from "zod";
import { writeAuditEntries } from "../audit/write-audit-entries.js";
import { contactBreaksContract } from "../contact-contract/breaks-contract.js";
import { knowsHerContactRules } from "../contact-contract/contact-contract.js";
import { closeHeartbeatTasks } from "../keep-in-touch/close-heartbeat-tasks.js";
import { satisfyClocks } from "../statutory-clocks/start-clocks.js";
import { startReviewWindow } from "../statutory-clocks/start-review-window.js";
import { type CoreContext, nowOf } from "../shared/context.js";
import { BadInputError, NotFoundError } from "../shared/errors.js";
import { requirePurpose } from "../shared/purpose.js";
import { validate } from "../shared/validate.js";

const RecordContactInput = z.object({
  caseId: z.uuid({ message: "That is not a case reference the hub gave out." }),
  at: z.coerce.date(),
  channel: z.enum(ContactChannel),
  summary: z.string().trim().min(5, "Say briefly what was said, or paste the message sent.").max(8000),
  answersUpdateId: z.uuid().nullish(),
  statutoryDuty: z.string().trim().max(100).nullish(),
  outcome: z.enum(ContactOutcome),
  victimResponse: z.string().trim().max(8000).nullish(),
  /** Set when the contact told the victim about a directory service (signposting). */
  signpostedServiceId: z.uuid().nullish(),
});
export type RecordContactInput = z.input<typeof RecordContactInput>;

export async function recordContact(ctx: CoreContext, input: RecordContactInput) {
  requirePurpose(ctx);
  const data = validate(RecordContactInput, input);
  if (data.at.getTime() > nowOf(ctx).getTime() + 60_000) throw new BadInputError("A contact is recorded after it happens: the time cannot be in the future.", "at");
  const found = await ctx.prisma.case.findFirst({ where: { AND: [{ id: data.caseId }, accessibleWhere(ctx.ability, "Case")] }, select: { id: true, victimId: true } });
  if (!found) {
    ctx.audit.record({ action: "DENIED", entityType: "ContactRecord", entityId: data.caseId, outcome: "not-permitted" });
    throw new NotFoundError("case");
  }
  if (data.answersUpdateId && !(await ctx.prisma.caseUpdate.findFirst({ where: { id: data.answersUpdateId, caseId: found.id }, select: { id: true } }))) {
    throw new BadInputError("The update this contact answers is not on this case.", "answersUpdateId");
  }
  const contract = await ctx.prisma.victimContactContract.findUnique({ where: { victimId: found.victimId } });
  const breach = contract ? contactBreaksContract(contract, data) : null;
  if (breach) {
    ctx.audit.record({ action: "DENIED", entityType: "ContactRecord", caseId: found.id, victimId: found.victimId, outcome: "breaks-contact-contract" });
    // Only her contact circle learns what the contract says; others are pointed to it.
    const inCircle = await knowsHerContactRules(ctx, found.victimId);
    throw new BadInputError(
      inCircle ? `${breach} Nothing was recorded. Check her contact agreement before trying again.` : "This contact does not fit how the victim has asked to be contacted. Nothing was recorded. Please speak to her named contact.",
      "channel",
    );
  }
  return ctx.prisma.$transaction(async (tx) => {
    const contact = await tx.contactRecord.create({
      data: { ...data, caseId: found.id, byUserId: ctx.actor.userId, organisationId: ctx.actor.organisationId, answersUpdateId: data.answersUpdateId ?? null, statutoryDuty: data.statutoryDuty ?? null, victimResponse: data.victimResponse ?? null, signpostedServiceId: data.signpostedServiceId ?? null },
    });
    // Telling her of a decision she may have reviewed opens her VRR window; it is owed by no
    // agency, so the ledger never satisfies it.
    await startReviewWindow(tx, contact);
    await satisfyClocks(tx, contact, ctx.actor.organisationKind);
    await closeHeartbeatTasks(tx, contact);
    await writeAuditEntries(tx, [
      ctx.audit.entry({ action: "COLLECTION", entityType: "ContactRecord", entityId: contact.id, caseId: found.id, victimId: found.victimId, fields: ["ContactRecord.summary", "ContactRecord.outcome", "ContactRecord.victimResponse"] }),
    ]);
    return contact;
  });
}

/** What the victim has been told, newest first: read this before contacting her. */
export async function listContacts(ctx: CoreContext, caseId: string, victimId: string) {
  requirePurpose(ctx);
  const rows = await ctx.prisma.contactRecord.findMany({
    where: { AND: [{ caseId }, accessibleWhere(ctx.ability, "ContactRecord")] },
    orderBy: [{ at: "desc" }, { id: "desc" }],
  });
  if (rows.length) ctx.audit.record({ action: "CONSULTATION", entityType: "ContactRecord", caseId, victimId, fields: ["ContactRecord.*"] });
  return rows;
}
