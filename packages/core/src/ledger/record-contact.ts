// The communication ledger: every contact with the victim, by any agency, so the next
// person to call her knows what she has already been told, by whom and how.
import { ContactChannel, ContactOutcome, OutsideAgreementReason } from "@hub/db";
import { accessibleWhere } from "@hub/policy";
import { z } from "zod";
import { writeAuditEntries } from "../audit/write-audit-entries.js";
import { contactBreaches } from "../contact-contract/breaks-contract.js";
import { knowsHerContactRules } from "../contact-contract/contact-contract.js";
import { closeHeartbeatTasks } from "../keep-in-touch/close-heartbeat-tasks.js";
import { satisfyClocks } from "../statutory-clocks/start-clocks.js";
import { startReviewWindow } from "../statutory-clocks/start-review-window.js";
import { type CoreContext, nowOf } from "../shared/context.js";
import { BadInputError, ContactAgreementBreachError, NotFoundError } from "../shared/errors.js";
import { requirePurpose } from "../shared/purpose.js";
import { validate } from "../shared/validate.js";

const RecordContactInput = z.object({
  caseId: z.uuid({ message: "That is not a case reference the hub gave out." }),
  at: z.coerce.date(),
  channel: z.enum(ContactChannel),
  summary: z.string().trim().min(5, "Say briefly what was said, or paste the message sent.").max(8000),
  /** One update it answers; answersUpdateIds for several (one call covering bail and the interview). */
  answersUpdateId: z.uuid().nullish(),
  answersUpdateIds: z.array(z.uuid()).max(20).nullish(),
  /** One Victims' Code right it answers; statutoryDuties for several. */
  statutoryDuty: z.string().trim().max(100).nullish(),
  statutoryDuties: z.array(z.string().trim().min(1).max(100)).max(20).nullish(),
  outcome: z.enum(ContactOutcome),
  victimResponse: z.string().trim().max(8000).nullish(),
  /** Set when the contact told the victim about a directory service (signposting). */
  signpostedServiceId: z.uuid().nullish(),
  /** Why a contact that did not fit her agreement happened: it is then recorded, flagged. */
  outsideAgreementReason: z.enum(OutsideAgreementReason).nullish(),
  outsideAgreementNote: z.string().trim().max(2000).nullish(),
});
export type RecordContactInput = z.input<typeof RecordContactInput>;

/** The outbox topic telling her contact circle that a contact did not fit her agreement. */
export const CONTACT_OUTSIDE_AGREEMENT_TOPIC = "contact.outside-agreement";

const REASONS_IN_WORDS = "she contacted you, an emergency, face to face somewhere safe, or a mistake";

/**
 * Records a contact with the victim in the ledger. The ledger says what really happened: a
 * contact that has happened and did not fit her contact agreement is recorded when the reason
 * is given (she contacted us, an emergency, face to face somewhere safe, a mistake), flagged
 * with the rules it did not fit, and her contact circle is told. Without a reason it is refused
 * with every rule it did not fit at once. A planned contact (a time still to come) that does
 * not fit is refused whatever the reason: that one can still be made safely.
 */
export async function recordContact(ctx: CoreContext, input: RecordContactInput) {
  requirePurpose(ctx);
  const data = validate(RecordContactInput, input);
  const planned = data.at.getTime() > nowOf(ctx).getTime() + 60_000;
  const found = await ctx.prisma.case.findFirst({ where: { AND: [{ id: data.caseId }, accessibleWhere(ctx.ability, "Case")] }, select: { id: true, victimId: true } });
  if (!found) {
    ctx.audit.record({ action: "DENIED", entityType: "ContactRecord", entityId: data.caseId, outcome: "not-permitted" });
    throw new NotFoundError("case");
  }
  const updateIds = [...new Set([data.answersUpdateId, ...(data.answersUpdateIds ?? [])].filter((id): id is string => Boolean(id)))];
  const duties = [...new Set([data.statutoryDuty, ...(data.statutoryDuties ?? [])].filter((d): d is string => Boolean(d)))];
  if (updateIds.length && (await ctx.prisma.caseUpdate.count({ where: { id: { in: updateIds }, caseId: found.id } })) !== updateIds.length) {
    throw new BadInputError(updateIds.length === 1 ? "The update this contact answers is not on this case." : "One of the updates this contact answers is not on this case.", data.answersUpdateIds?.length ? "answersUpdateIds" : "answersUpdateId");
  }
  const contract = await ctx.prisma.victimContactContract.findUnique({ where: { victimId: found.victimId } });
  const breaches = contract ? contactBreaches(contract, data) : [];
  if (breaches.length && (planned || !data.outsideAgreementReason)) {
    ctx.audit.record({ action: "DENIED", entityType: "ContactRecord", caseId: found.id, victimId: found.victimId, outcome: "breaks-contact-contract" });
    // Only her contact circle learns what the agreement says; others are pointed to her named contact.
    const inCircle = await knowsHerContactRules(ctx, found.victimId);
    const then = planned
      ? "Nothing was recorded: a contact still to come must fit her agreement, whatever the reason."
      : `Nothing was recorded. If it has already happened, record it with the reason (${REASONS_IN_WORDS}).`;
    throw inCircle
      ? new ContactAgreementBreachError(`This contact does not fit her contact agreement. ${breaches.map((b) => b.message).join(" ")} ${then}`, breaches)
      : new ContactAgreementBreachError(`This contact does not fit how the victim has asked to be contacted. ${then} Please speak to her named contact.`, [
          { rule: "CONTACT_AGREEMENT", message: "This contact does not fit how the victim has asked to be contacted. Please speak to her named contact." },
        ]);
  }
  if (planned) throw new BadInputError("A contact is recorded after it happens: the time cannot be in the future.", "at");
  const outside = breaches.length > 0;
  const { answersUpdateIds: _ids, statutoryDuties: _duties, outsideAgreementReason, outsideAgreementNote, ...row } = data;
  return ctx.prisma.$transaction(async (tx) => {
    const contact = await tx.contactRecord.create({
      data: {
        ...row,
        caseId: found.id,
        byUserId: ctx.actor.userId,
        organisationId: ctx.actor.organisationId,
        answersUpdateId: updateIds[0] ?? null,
        statutoryDuty: duties[0] ?? null,
        statutoryDuties: duties,
        victimResponse: data.victimResponse ?? null,
        signpostedServiceId: data.signpostedServiceId ?? null,
        outsideAgreement: outside,
        outsideAgreementReason: outside ? outsideAgreementReason : null,
        outsideAgreementNote: outside ? (outsideAgreementNote ?? null) : null,
        breachedRules: breaches.map((b) => b.rule),
      },
    });
    if (updateIds.length) await tx.contactRecordUpdate.createMany({ data: updateIds.map((updateId) => ({ contactId: contact.id, updateId })) });
    // Telling her of a decision she may have reviewed opens her VRR window; it is owed by no
    // agency, so the ledger never satisfies it.
    for (const answersUpdateId of updateIds) await startReviewWindow(tx, { ...contact, answersUpdateId });
    await satisfyClocks(tx, { ...contact, answersUpdateIds: updateIds }, ctx.actor.organisationKind);
    await closeHeartbeatTasks(tx, contact);
    // Her contact circle hears of it (identifiers only), to check her agreement still works for her.
    if (outside) await tx.outboxMessage.create({ data: { topic: CONTACT_OUTSIDE_AGREEMENT_TOPIC, payload: { contactId: contact.id } } });
    const fields = ["ContactRecord.summary", "ContactRecord.outcome", "ContactRecord.victimResponse"];
    await writeAuditEntries(tx, [
      ctx.audit.entry({
        action: "COLLECTION",
        entityType: "ContactRecord",
        entityId: contact.id,
        caseId: found.id,
        victimId: found.victimId,
        fields: outside ? [...fields, "ContactRecord.outsideAgreementReason", "ContactRecord.outsideAgreementNote", "ContactRecord.breachedRules"] : fields,
        ...(outside ? { outcome: "outside-contact-agreement" } : {}),
      }),
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

/** The updates a contact answers (one call can answer several). */
export async function contactAnswers(ctx: CoreContext, contactId: string): Promise<string[]> {
  const rows = await ctx.prisma.contactRecordUpdate.findMany({ where: { contactId }, select: { updateId: true }, orderBy: { updateId: "asc" } });
  return rows.map((r) => r.updateId);
}

/** The Victims' Code clocks a contact satisfied, as the caller may see them. */
export async function clocksSatisfiedBy(ctx: CoreContext, contactId: string): Promise<{ clockId: string; duty: string }[]> {
  const rows = await ctx.prisma.statutoryClock.findMany({
    where: { AND: [{ satisfiedByContactId: contactId }, accessibleWhere(ctx.ability, "StatutoryClock")] },
    select: { id: true, duty: true },
    orderBy: [{ duty: "asc" }, { id: "asc" }],
  });
  return rows.map((r) => ({ clockId: r.id, duty: r.duty }));
}

/** The contact a clock was satisfied by, if the caller may read the ledger. */
export async function satisfyingContact(ctx: CoreContext, contactId: string | null) {
  if (!contactId) return null;
  return ctx.prisma.contactRecord.findFirst({ where: { AND: [{ id: contactId }, accessibleWhere(ctx.ability, "ContactRecord")] } });
}

/**
 * Which rules of her agreement a contact did not fit, by name: for her contact circle only
 * (null for anyone else, who is not told her rules). Empty for a contact that fitted.
 */
export async function breachedRulesShown(ctx: CoreContext, contact: { caseId: string; outsideAgreement: boolean; breachedRules: string[] }): Promise<string[] | null> {
  if (!contact.outsideAgreement) return [];
  const found = await ctx.prisma.case.findUnique({ where: { id: contact.caseId }, select: { victimId: true } });
  return found && (await knowsHerContactRules(ctx, found.victimId)) ? contact.breachedRules : null;
}
