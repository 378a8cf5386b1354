// Making a referral: from an organisation on the case to another organisation or a
// directory service, carrying exactly the information the victim has agreed may go there
// (or that a recorded sharing decision allows). Starts the acknowledgement clock for the recipient
// to acknowledge it within 2 working days. Records whether she agreed that what comes of it
// may be told in the agreed message (off unless she said yes).
import { DataCategory, ReferralUrgency } from "@hub/db";
import { decisionWhere, grantWhere, isStatutory, referralPayloadFields, subject } from "@hub/policy";
import { z } from "zod";
import { writeAuditEntries } from "../audit/write-audit-entries.js";
import { loadCaseForChecks } from "../case-progress/load-case-for-checks.js";
import { dueDateFor } from "../clocks/index.js";
import { type CoreContext, nowOf } from "../shared/context.js";
import { BadInputError, NotFoundError } from "../shared/errors.js";
import { requirePurpose } from "../shared/purpose.js";
import { validate } from "../shared/validate.js";
import { meetReferralDuty } from "../statutory-clocks/right-4-referral.js";

const MakeReferralInput = z
  .object({
    caseId: z.uuid({ message: "That is not a case reference the hub gave out." }),
    toOrganisationId: z.uuid().nullish(),
    toServiceId: z.uuid().nullish(),
    reason: z.string().trim().min(10, "Say why you are referring, in a sentence or two.").max(4000),
    urgency: z.enum(ReferralUrgency).default("ROUTINE"),
    shares: z.array(z.enum(DataCategory)).default([]),
    /** She agreed that what comes of it may be told in the agreed message every agency on her case sees. */
    outcomeInAgreedMessage: z.boolean().default(false),
  })
  .refine((r) => r.toOrganisationId || r.toServiceId, { message: "Choose who the referral is for: an organisation or a service from the directory.", path: ["toOrganisationId"] });
export type MakeReferralInput = z.input<typeof MakeReferralInput>;

/** Victims' details need her consent or a recorded decision to travel; case progress too for voluntary recipients. */
const PERSONAL: DataCategory[] = ["IDENTITY", "CONTACT_DETAILS", "SAFE_CONTACT_RULES", "NEEDS_AND_VULNERABILITIES", "SPECIAL_CATEGORY", "CASE_PROGRESS"];

export async function makeReferral(ctx: CoreContext, input: MakeReferralInput) {
  requirePurpose(ctx);
  const data = validate(MakeReferralInput, input);
  const found = await loadCaseForChecks(ctx, data.caseId);
  // Made from a case the organisation works on, under any purpose (the referral purpose opens
  // nothing of the case itself, so the case is not read here).
  if (!found || !ctx.ability.can("create", subject("Referral", { case: found } as never))) {
    ctx.audit.record({ action: "DENIED", entityType: "Referral", caseId: found?.id ?? null, victimId: found?.victimId ?? null, outcome: "not-permitted" });
    throw new NotFoundError("case");
  }
  const service = data.toServiceId ? await ctx.prisma.directoryService.findUnique({ where: { id: data.toServiceId }, include: { organization: true } }) : null;
  if (data.toServiceId && !service) throw new BadInputError("Choose the service from the directory.", "toServiceId");
  const toOrganisationId = data.toOrganisationId ?? service?.organization.hubOrganisationId ?? null;
  const recipient = toOrganisationId ? await ctx.prisma.organisation.findFirst({ where: { id: toOrganisationId, active: true } }) : null;
  if (toOrganisationId && !recipient) throw new BadInputError("Choose an active organisation from the partnership's list.", "toOrganisationId");
  if (toOrganisationId === ctx.actor.organisationId) throw new BadInputError("You cannot refer a case to your own organisation.", "toOrganisationId");
  // The police, the Witness Care Unit and the CPS are not referred to: they join a case by duty
  // (or are added to it), so a made-up referral never starts an acknowledgement clock for them.
  if (recipient && isStatutory(recipient.kind)) {
    throw new BadInputError(`${recipient.name} is not a support service: it joins a case by its duty, or an organisation admin or casework lead adds it as an agency on the case.`, "toOrganisationId");
  }
  if (service && !service.acceptingReferrals) throw new BadInputError(`${service.name} is not accepting referrals at the moment${service.alert ? `: ${service.alert}` : ""}.`, "toServiceId");

  // What may travel: each personal category needs consent for this recipient, for referral, or a decision.
  let consentId: string | null = null;
  let sharingDecisionId: string | null = null;
  for (const category of data.shares.filter((c) => PERSONAL.includes(c))) {
    if (!recipient) {
      throw new BadInputError("A service outside the partnership cannot receive the victim's details through the hub. Send the referral without them, or give her the service's details.", "shares");
    }
    // What she has said, as it stands now: her latest word for this recipient, category and referral.
    const asRecipient = { organisationId: recipient.id };
    const grant = await ctx.prisma.consentGrant.findFirst({ where: { victimId: found.victimId, ...grantWhere(asRecipient, category, "REFERRAL") }, select: { consentId: true } });
    const consent = grant ? { id: grant.consentId } : null;
    const decision = consent ? null : await ctx.prisma.sharingDecision.findFirst({ where: { caseId: found.id, ...decisionWhere(asRecipient, category, "REFERRAL", nowOf(ctx)) }, select: { id: true } });
    if (!consent && !decision) {
      throw new BadInputError(
        `The victim has not agreed that ${category.toLowerCase().replaceAll("_", " ")} may go to ${recipient.name}, and no sharing decision allows it. Ask her, or send the referral without it.`,
        "shares",
      );
    }
    consentId ??= consent?.id ?? null;
    sharingDecisionId ??= decision?.id ?? null;
  }

  return ctx.prisma.$transaction(async (tx) => {
    const referral = await tx.referral.create({
      data: {
        caseId: found.id,
        fromOrganisationId: ctx.actor.organisationId,
        toOrganisationId,
        toServiceId: data.toServiceId ?? null,
        reason: data.reason,
        urgency: data.urgency,
        consentId,
        sharingDecisionId,
        outcomeInAgreedMessage: data.outcomeInAgreedMessage,
        createdByUserId: ctx.actor.userId,
        createdAt: nowOf(ctx),
        shares: { create: data.shares.map((category) => ({ category })) },
        events: { create: { toStatus: "REQUESTED", byUserId: ctx.actor.userId, byOrganisationId: ctx.actor.organisationId, at: nowOf(ctx) } },
      },
      include: { shares: true, events: true },
    });
    await meetReferralDuty(tx, { caseId: found.id, createdAt: referral.createdAt }, ctx.actor.organisationKind);
    if (recipient) {
      // The partnership's service standard: the recipient answers within 2 working days. The
      // clock names the referral as the event that started it.
      const startedAt = referral.createdAt;
      await tx.statutoryClock.create({
        data: { caseId: found.id, duty: "REFERRAL_ACKNOWLEDGEMENT", owedByKind: recipient.kind, enhanced: false, startedAt, dueAt: dueDateFor("REFERRAL_ACKNOWLEDGEMENT", startedAt, false), startedByUpdateId: referral.id },
      });
    }
    await writeAuditEntries(tx, [
      ctx.audit.entry({
        action: "DISCLOSURE",
        entityType: "Referral",
        entityId: referral.id,
        caseId: found.id,
        victimId: found.victimId,
        consentId,
        sharingDecisionId,
        lawfulBasisCode: consentId ? "CONSENT" : null,
        fields: referralPayloadFields(data.shares),
        recipientOrganisationIds: recipient ? [recipient.id] : [],
      }),
    ]);
    return referral;
  });
}
