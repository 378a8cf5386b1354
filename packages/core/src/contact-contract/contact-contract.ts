// The victim's contact contract: set with her by someone in her contact circle, read only
// by her contact circle. Each change is a new version; the audit log keeps who changed it.
import { ContactChannel, DetailLevel, UpdateFrequency, type VictimContactContract } from "@hub/db";
import { accessibleWhere, auditFieldNames, CONTRACT_FIELDS, permittedFieldsOf, subject } from "@hub/policy";
import { z } from "zod";
import { writeAuditEntries } from "../audit/write-audit-entries.js";
import { casePolicyInclude, loadCaseForChecks, victimOfCase } from "../case-progress/load-case-for-checks.js";
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

/**
 * Sets her contact agreement with her. Each part is written only by those who may read it:
 * the rules for reaching her safely by her contact circle, her language and interpreter needs
 * and her health needs only with those categories. A part the caller may not see is kept as
 * it is (on a first agreement, left empty), never overwritten by someone who cannot see it.
 */
export async function setContactContract(ctx: CoreContext, input: ContactContractInput) {
  requirePurpose(ctx);
  const { caseId, expectedVersion, ...data } = validate(ContactContractInput, input);
  const found = await loadCaseForChecks(ctx, caseId);
  const existing = found ? await ctx.prisma.victimContactContract.findUnique({ where: { victimId: found.victimId } }) : null;
  const action = existing ? "update" : "create";
  const writable = found ? permittedFieldsOf(ctx.ability, action, subject("VictimContactContract", victimOfCase(found)), { fieldsFrom: (rule) => rule.fields ?? CONTRACT_FIELD_NAMES }) : [];
  // Setting the agreement at all is for her contact circle: those who may reach her.
  if (!found || !CONTRACT_FIELDS.SAFE_CONTACT_RULES.every((f) => writable.includes(f))) {
    ctx.audit.record({ action: "DENIED", entityType: "VictimContactContract", caseId: found?.id ?? null, victimId: found?.victimId ?? null, outcome: "not-permitted" });
    throw new NotFoundError("case");
  }
  const changes = Object.fromEntries(Object.entries(data).filter(([field]) => writable.includes(field))) as Partial<typeof data>;
  if (changes.namedContactUserId) {
    // The contact she chooses works for an organisation on her case.
    const onCase = found.involvements.filter((i) => i.until === null).map((i) => i.organisationId);
    const [candidate] = await namedContactCandidates(ctx.prisma, onCase, { id: changes.namedContactUserId });
    if (!candidate) throw new BadInputError("Choose her named contact from the caseworkers of the organisations on her case.", "namedContactUserId");
  }
  if (existing && expectedVersion !== existing.version) {
    throw new ConflictError("Her contact agreement was changed after you opened it. Nothing was changed: reload it and try again.");
  }
  const stamp = { agreedAt: nowOf(ctx), agreedByUserId: ctx.actor.userId, agreedByOrganisationId: ctx.actor.organisationId };
  return ctx.prisma.$transaction(async (tx) => {
    const saved = existing
      ? await tx.victimContactContract.update({ where: { victimId: found.victimId, version: existing.version }, data: { ...changes, ...stamp, version: { increment: 1 } } })
      : await tx.victimContactContract.create({ data: { victimId: found.victimId, ...changes, channels: data.channels, updateFrequency: data.updateFrequency, ...stamp } });
    // Changed language, interpreter or accessibility needs call for a reassessment offer (a
    // first agreement changes nothing; raiseReassessmentOffers skips a victim never assessed).
    if (existing && needsChanged(existing, saved)) {
      await raiseReassessmentOffers(tx, [{ victimId: found.victimId, reason: "NEEDS_CHANGED" }], ctx.actor.organisationId);
    }
    await writeAuditEntries(tx, [
      ctx.audit.entry({
        action: existing ? "ALTERATION" : "COLLECTION",
        entityType: "VictimContactContract",
        entityId: found.victimId,
        caseId: found.id,
        victimId: found.victimId,
        fields: auditFieldNames("VictimContactContract", Object.keys(changes)),
      }),
    ]);
    return cutToReadable(ctx, saved, victimOfCase(found));
  });
}

/** Every field of her agreement the catalogue puts in a category (what the policy's field rules name). */
const CONTRACT_FIELD_NAMES = [...CONTRACT_FIELDS.SAFE_CONTACT_RULES, ...CONTRACT_FIELDS.NEEDS_AND_VULNERABILITIES, ...CONTRACT_FIELDS.SPECIAL_CATEGORY];

/** Her agreement as the caller may see it: parts it may not read are null. */
export type ContactContractView = { [K in keyof VictimContactContract]: K extends "victimId" | "version" | "agreedAt" | "agreedByUserId" | "agreedByOrganisationId" ? VictimContactContract[K] : VictimContactContract[K] | null };

function cutToReadable(ctx: CoreContext, row: VictimContactContract, policySubject: object): ContactContractView {
  const readable = permittedFieldsOf(ctx.ability, "read", subject("VictimContactContract", policySubject as never), { fieldsFrom: (rule) => rule.fields ?? CONTRACT_FIELD_NAMES });
  return Object.fromEntries(Object.entries(row).map(([field, value]) => [field, !CONTRACT_FIELD_NAMES.includes(field) || readable.includes(field) ? value : null])) as ContactContractView;
}

/** The fields of a view that were readable, as the audit log names them. */
const shownFields = (view: ContactContractView) => auditFieldNames("VictimContactContract", CONTRACT_FIELD_NAMES.filter((f) => view[f as keyof ContactContractView] !== null));

/** Her agreement with what makes the caller's field rules (her case conditions, what she said). */
async function readableContract(ctx: CoreContext, victimId: string) {
  const row = await ctx.prisma.victimContactContract.findFirst({
    where: { AND: [{ victimId }, accessibleWhere(ctx.ability, "VictimContactContract")] },
    include: { victim: { include: { consentGrants: { where: { organisationId: ctx.actor.organisationId } }, cases: { include: casePolicyInclude(ctx) } } } },
  });
  if (!row) return null;
  const { victim, ...contract } = row;
  return cutToReadable(ctx, contract, { victimId, victim });
}

/**
 * Her contact agreement, for those who may reach her (her contact circle, or what a referral to
 * them carries): null for anyone else. Her language, interpreter and health needs in it are
 * null unless the caller may know them.
 */
export async function getContactContract(ctx: CoreContext, victimId: string): Promise<ContactContractView | null> {
  requirePurpose(ctx);
  const view = await readableContract(ctx, victimId);
  if (!view || view.channels === null) return null;
  ctx.audit.record({ action: "DISCLOSURE", entityType: "VictimContactContract", entityId: victimId, victimId, fields: shownFields(view), recipientOrganisationIds: [ctx.actor.organisationId] });
  return view;
}

/** May the caller know how to reach her safely (her contact circle)? Nothing is disclosed or logged. */
export async function knowsHerContactRules(ctx: CoreContext, victimId: string): Promise<boolean> {
  return ((await readableContract(ctx, victimId))?.channels ?? null) !== null;
}

export interface VictimNeedsView {
  language: string | null;
  interpreterNeeded: boolean | null;
  accessibilityNeeds: string | null;
}

/**
 * What she needs to take part (language, interpreter) and her health needs, for those who may
 * know them, whether or not they may contact her (the police and CPS, by their duty). Null
 * when nothing of it may be shown.
 */
export async function getVictimNeeds(ctx: CoreContext, victimId: string): Promise<VictimNeedsView | null> {
  requirePurpose(ctx);
  const view = await readableContract(ctx, victimId);
  const fields = [...CONTRACT_FIELDS.NEEDS_AND_VULNERABILITIES, ...CONTRACT_FIELDS.SPECIAL_CATEGORY] as (keyof ContactContractView)[];
  if (!view || fields.every((f) => view[f] === null)) return null;
  ctx.audit.record({
    action: "DISCLOSURE",
    entityType: "VictimContactContract",
    entityId: victimId,
    victimId,
    fields: auditFieldNames("VictimContactContract", fields.filter((f) => view[f] !== null)),
    recipientOrganisationIds: [ctx.actor.organisationId],
  });
  return { language: view.language, interpreterNeeded: view.interpreterNeeded, accessibilityNeeds: view.accessibilityNeeds };
}
