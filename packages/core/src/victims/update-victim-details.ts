// Correcting or changing a victim's identity and contact details. A change keeps what it
// replaced (VictimDetailsRevision: the old values, who changed them and when), so the record
// can show what each partner was told. Identity: whoever may read it (statutory agencies on her
// case, a support service she consented to) may correct it. Contact details: only her contact
// circle. Someone outside that is told "not found".
import type { Prisma, VictimDetailsKind } from "@hub/db";
import { accessibleWhere, subject } from "@hub/policy";
import { z } from "zod";
import { writeAuditEntries } from "../audit/write-audit-entries.js";
import { loadCaseForChecks } from "../case-progress/load-case-for-checks.js";
import { raiseReassessmentOffers } from "../enhanced-rights/reassessment-offers.js";
import { type CoreContext, nowOf } from "../shared/context.js";
import { BadInputError, NotFoundError } from "../shared/errors.js";
import { requirePurpose } from "../shared/purpose.js";
import { validate } from "../shared/validate.js";
import { CONTACT_DETAIL_FIELDS, ContactDetailsFields, IDENTITY_FIELDS, IdentityFields, sameDay } from "./victim-details-input.js";

const caseId = z.uuid({ message: "That is not a case reference the hub gave out." });

const IdentityChange = z.object({ caseId, ...IdentityFields, fullName: IdentityFields.fullName.optional() });
export type VictimIdentityChange = z.input<typeof IdentityChange>;

const ContactDetailsChange = z.object({ caseId, ...ContactDetailsFields });
export type VictimContactDetailsChange = z.input<typeof ContactDetailsChange>;

/** The case, when the caller may read it; "not found" otherwise (and the look-up logged). */
async function caseOfVictim(ctx: CoreContext, id: string, entityType: string) {
  const found = await loadCaseForChecks(ctx, id);
  if (!found || !ctx.ability.can("read", subject("Case", found))) {
    ctx.audit.record({ action: "DENIED", entityType, entityId: id, caseId: found?.id ?? null, victimId: found?.victimId ?? null, outcome: "not-permitted" });
    throw new NotFoundError("case");
  }
  return found;
}

const asJson = (row: Record<string, unknown>, fields: readonly string[]) =>
  Object.fromEntries(fields.map((f) => [f, row[f] instanceof Date ? (row[f] as Date).toISOString().slice(0, 10) : (row[f] ?? null)]));

const differs = (a: unknown, b: unknown) => (a instanceof Date || b instanceof Date ? !sameDay(a as Date | null, b as Date | null) && (a ?? null) !== (b ?? null) : (a ?? null) !== (b ?? null));

async function keepRevision(tx: Prisma.TransactionClient, ctx: CoreContext, victimId: string, kind: VictimDetailsKind, previous: Record<string, unknown>, changed: string[]) {
  await tx.victimDetailsRevision.create({
    data: { victimId, kind, previous: previous as Prisma.InputJsonValue, changedFields: changed, replacedAt: nowOf(ctx), replacedByUserId: ctx.actor.userId, replacedByOrganisationId: ctx.actor.organisationId },
  });
}

export async function updateVictimIdentity(ctx: CoreContext, input: VictimIdentityChange) {
  requirePurpose(ctx);
  const { caseId: id, ...data } = validate(IdentityChange, input);
  const found = await caseOfVictim(ctx, id, "VictimIdentity");
  const current = await ctx.prisma.victimIdentity.findFirst({ where: { AND: [{ victimId: found.victimId }, accessibleWhere(ctx.ability, "VictimIdentity", "update")] } });
  if (!current) throw new NotFoundError("victim's identity");
  const changes = Object.fromEntries(Object.entries(data).filter(([k, v]) => v !== undefined && differs(v, current[k as keyof typeof current])));
  const changed = Object.keys(changes);
  if (changed.length === 0) throw new BadInputError("Nothing has changed: change at least one of her details.", "fullName");
  return ctx.prisma.$transaction(async (tx) => {
    await keepRevision(tx, ctx, found.victimId, "IDENTITY", asJson(current, IDENTITY_FIELDS), changed);
    const saved = await tx.victimIdentity.update({ where: { victimId: found.victimId }, data: changes });
    // Her age decides Enhanced Rights (every child is vulnerable): offer a reassessment.
    if (changed.includes("dateOfBirth")) await raiseReassessmentOffers(tx, [{ victimId: found.victimId, reason: "CASE_FACTS_CHANGED" }], ctx.actor.organisationId);
    await writeAuditEntries(tx, [
      ctx.audit.entry({ action: "ALTERATION", entityType: "VictimIdentity", entityId: found.victimId, caseId: found.id, victimId: found.victimId, fields: changed.map((f) => `VictimIdentity.${f}`) }),
    ]);
    return saved;
  });
}

export async function updateVictimContactDetails(ctx: CoreContext, input: VictimContactDetailsChange) {
  requirePurpose(ctx);
  const { caseId: id, ...data } = validate(ContactDetailsChange, input);
  const found = await caseOfVictim(ctx, id, "VictimContactDetails");
  const mine = accessibleWhere(ctx.ability, "VictimContactDetails", "update");
  const existing = await ctx.prisma.victimContactDetails.findUnique({ where: { victimId: found.victimId } });
  if (existing && !(await ctx.prisma.victimContactDetails.count({ where: { AND: [{ victimId: found.victimId }, mine] } }))) throw new NotFoundError("victim's contact details");
  const changes = Object.fromEntries(Object.entries(data).filter(([k, v]) => v !== undefined && differs(v, existing?.[k as keyof typeof existing] ?? null)));
  const changed = Object.keys(changes);
  if (changed.length === 0) throw new BadInputError("Nothing has changed: change at least one of her contact details.", "address");
  return ctx.prisma.$transaction(async (tx) => {
    if (existing) {
      await keepRevision(tx, ctx, found.victimId, "CONTACT_DETAILS", asJson(existing, CONTACT_DETAIL_FIELDS), changed);
      await tx.victimContactDetails.update({ where: { victimId: found.victimId }, data: changes });
    } else {
      await tx.victimContactDetails.create({ data: { victimId: found.victimId, ...changes } });
    }
    // Only her contact circle may hold these: checked on the row as written, so a caller
    // outside it leaves nothing behind (the transaction rolls back).
    if (!(await tx.victimContactDetails.count({ where: { AND: [{ victimId: found.victimId }, mine] } }))) throw new NotFoundError("victim's contact details");
    await writeAuditEntries(tx, [
      ctx.audit.entry({ action: existing ? "ALTERATION" : "COLLECTION", entityType: "VictimContactDetails", entityId: found.victimId, caseId: found.id, victimId: found.victimId, fields: changed.map((f) => `VictimContactDetails.${f}`) }),
    ]);
    return tx.victimContactDetails.findUniqueOrThrow({ where: { victimId: found.victimId } });
  });
}

/** Earlier versions of her details of one kind, newest first, for a caller who may read that kind now. */
export async function victimDetailsHistory(ctx: CoreContext, victimId: string, kind: VictimDetailsKind) {
  requirePurpose(ctx);
  const entity = kind === "IDENTITY" ? "VictimIdentity" : "VictimContactDetails";
  const allowed =
    kind === "IDENTITY"
      ? await ctx.prisma.victimIdentity.count({ where: { AND: [{ victimId }, accessibleWhere(ctx.ability, "VictimIdentity")] } })
      : await ctx.prisma.victimContactDetails.count({ where: { AND: [{ victimId }, accessibleWhere(ctx.ability, "VictimContactDetails")] } });
  if (!allowed) return [];
  const rows = await ctx.prisma.victimDetailsRevision.findMany({ where: { victimId, kind }, orderBy: { replacedAt: "desc" } });
  if (rows.length) ctx.audit.record({ action: "DISCLOSURE", entityType: `${entity}History`, entityId: victimId, victimId, fields: [`${entity}.*`], recipientOrganisationIds: [ctx.actor.organisationId] });
  return rows;
}
