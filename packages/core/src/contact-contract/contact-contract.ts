// The victim's contact contract: set with her by someone in her contact circle, read only
// by her contact circle. Each change is a new version; the audit log keeps who changed it.
import { ContactChannel, DetailLevel, UpdateFrequency } from "@hub/db";
import { accessibleWhere, subject } from "@hub/policy";
import { z } from "zod";
import { writeAuditEntries } from "../audit/write-audit-entries.js";
import { loadCaseForChecks } from "../case-progress/load-case-for-checks.js";
import { needsChanged, raiseReassessmentOffers } from "../enhanced-rights/reassessment-offers.js";
import { type CoreContext, nowOf } from "../shared/context.js";
import { BadInputError, ConflictError, NotFoundError } from "../shared/errors.js";
import { namedContactCandidates } from "../involvements/named-contact-candidates.js";
import { requirePurpose } from "../shared/purpose.js";
import { validate } from "../shared/validate.js";

const time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "Give times as HH:MM, for example 09:30.");

const ContactContractInput = z
  .object({
    caseId: z.uuid({ message: "That is not a case reference the hub gave out." }),
    channels: z.array(z.enum(ContactChannel)).min(1, "Record at least one way the victim is happy to be contacted."),
    refusedChannels: z.array(z.enum(ContactChannel)).default([]),
    safeDays: z.array(z.number().int().min(1).max(7)).default([]),
    safeFrom: time.nullish(),
    safeUntil: time.nullish(),
    noVoicemail: z.boolean().default(false),
    noLettersToHome: z.boolean().default(false),
    neverFromWithheldNumber: z.boolean().default(false),
    codeword: z.string().trim().max(100).nullish(),
    language: z.string().trim().max(100).nullish(),
    interpreterNeeded: z.boolean().default(false),
    accessibilityNeeds: z.string().trim().max(2000).nullish(),
    updateFrequency: z.enum(UpdateFrequency),
    detailLevel: z.enum(DetailLevel).default("FULL"),
    namedContactUserId: z.uuid().nullish(),
    /** The version last seen, when changing an existing contract. */
    expectedVersion: z.number().int().min(1).nullish(),
  })
  .refine((c) => !c.channels.some((ch) => c.refusedChannels.includes(ch)), { message: "A way of contacting her cannot be both preferred and refused.", path: ["refusedChannels"] })
  .refine((c) => Boolean(c.safeFrom) === Boolean(c.safeUntil) && (!c.safeFrom || c.safeFrom < c.safeUntil!), {
    message: "Give both the start and the end of the safe time, with the start first.",
    path: ["safeFrom"],
  });
export type ContactContractInput = z.input<typeof ContactContractInput>;

export async function setContactContract(ctx: CoreContext, input: ContactContractInput) {
  requirePurpose(ctx);
  const { caseId, expectedVersion, ...data } = validate(ContactContractInput, input);
  const found = await loadCaseForChecks(ctx, caseId);
  const existing = found ? await ctx.prisma.victimContactContract.findUnique({ where: { victimId: found.victimId } }) : null;
  const action = existing ? "update" : "create";
  if (!found || !ctx.ability.can(action, subject("VictimContactContract", { victimId: found.victimId, victim: { ...found.victim, cases: [found] } } as never))) {
    ctx.audit.record({ action: "DENIED", entityType: "VictimContactContract", caseId: found?.id ?? null, victimId: found?.victimId ?? null, outcome: "not-permitted" });
    throw new NotFoundError("case");
  }
  if (data.namedContactUserId) {
    // The contact she chooses works for an organisation on her case.
    const onCase = found.involvements.filter((i) => i.until === null).map((i) => i.organisationId);
    const [candidate] = await namedContactCandidates(ctx.prisma, onCase, { id: data.namedContactUserId });
    if (!candidate) throw new BadInputError("Choose her named contact from the caseworkers of the organisations on her case.", "namedContactUserId");
  }
  if (existing && expectedVersion !== existing.version) {
    throw new ConflictError("Her contact agreement was changed after you opened it. Nothing was changed: reload it and try again.");
  }
  const stamp = { agreedAt: nowOf(ctx), agreedByUserId: ctx.actor.userId, agreedByOrganisationId: ctx.actor.organisationId };
  return ctx.prisma.$transaction(async (tx) => {
    const saved = existing
      ? await tx.victimContactContract.update({ where: { victimId: found.victimId, version: existing.version }, data: { ...data, ...stamp, version: { increment: 1 } } })
      : await tx.victimContactContract.create({ data: { victimId: found.victimId, ...data, ...stamp } });
    // Changed language, interpreter or accessibility needs call for a reassessment offer (a
    // first agreement changes nothing; raiseReassessmentOffers skips a victim never assessed).
    if (existing && needsChanged(existing, saved)) {
      await raiseReassessmentOffers(tx, [{ victimId: found.victimId, reason: "NEEDS_CHANGED" }], ctx.actor.organisationId);
    }
    await writeAuditEntries(tx, [
      ctx.audit.entry({ action: existing ? "ALTERATION" : "COLLECTION", entityType: "VictimContactContract", entityId: found.victimId, caseId: found.id, victimId: found.victimId, fields: Object.keys(data).map((k) => `VictimContactContract.${k}`) }),
    ]);
    return saved;
  });
}

export async function getContactContract(ctx: CoreContext, victimId: string) {
  requirePurpose(ctx);
  const row = await ctx.prisma.victimContactContract.findFirst({ where: { AND: [{ victimId }, accessibleWhere(ctx.ability, "VictimContactContract")] } });
  if (row) ctx.audit.record({ action: "DISCLOSURE", entityType: "VictimContactContract", entityId: victimId, victimId, fields: ["VictimContactContract.*"], recipientOrganisationIds: [ctx.actor.organisationId] });
  return row;
}
