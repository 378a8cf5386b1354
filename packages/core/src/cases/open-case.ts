// Opening a case: a police or Witness Care Unit system (or the portal) opens a case for a
// victim with the police URN, offence, area and stage, and registers the victim. The hub makes
// her pseudonymous reference; who she is and how to reach her go into their own protected
// tables. The opening organisation is on the case from the start, by duty.
//
// Idempotent by URN and victim: a URN can cover several victims (one case each), but the same
// URN for the same victim (the same name, and the same date of birth when both give one) in
// the same area is the case already open, whoever sends it again. A second system sending it
// joins that case by duty instead of making a second one.
import { randomInt } from "node:crypto";
import { CaseStage, OffenceCategory, type Prisma } from "@hub/db";
import { agreementCovers, subject } from "@hub/policy";
import { z } from "zod";
import { writeAuditEntries } from "../audit/write-audit-entries.js";
import { suggestEnhancedRightsGrounds } from "../enhanced-rights/enhanced-rights.js";
import { startStageClocks } from "../statutory-clocks/local-standard-clocks.js";
import { joinByDuty } from "../involvements/join-by-duty.js";
import { CAPACITY_OF_KIND } from "../involvements/capacities.js";
import { recordNaming } from "../involvements/hand-over-contact.js";
import { requireNamedContactCandidate } from "../involvements/named-contact-candidates.js";
import { type CoreContext, nowOf } from "../shared/context.js";
import { BadInputError } from "../shared/errors.js";
import { requirePurpose } from "../shared/purpose.js";
import { validate } from "../shared/validate.js";
import { ContactDetailsFields, CONTACT_DETAIL_FIELDS, IdentityFields, sameDay, sameName } from "../victims/victim-details-input.js";
import { getCase } from "./get-case.js";

const OpenCaseInput = z.object({
  policeUrn: z
    .string({ error: "Give the police URN." })
    .trim()
    .toUpperCase()
    .regex(/^[0-9A-Z/-]{5,40}$/, "Give the police URN as it is on your system: letters, digits, / and - only, 5 to 40 of them."),
  offenceCategory: z.enum(OffenceCategory, { error: "Choose the kind of offence from the list." }),
  areaId: z.uuid({ message: "Choose the area from the list." }),
  stage: z.enum(CaseStage, { error: "Choose the stage from the list." }).refine((s) => s !== "CLOSED", "A case is opened to be worked on: choose the stage it is at now.").default("REPORTED"),
  /** When the crime was reported to the police; defaults to now. */
  reportedAt: z.date().nullish(),
  cpsReference: z.string().trim().toUpperCase().regex(/^[0-9A-Z/-]{3,40}$/, "Give the CPS reference as it is on the CPS's system.").nullish(),
  victim: z.object({ ...IdentityFields, ...ContactDetailsFields }, { error: "Give the victim's details." }),
  /** Who in the opening organisation is her point of contact; defaults to the person opening it. */
  namedContactUserId: z.uuid({ message: "Choose her named contact from your organisation's list." }).nullish(),
});
export type OpenCaseInput = z.input<typeof OpenCaseInput>;

// Crockford's base 32: no I, L, O or U, so a reference read over the phone is not misheard.
const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
const randomChars = (n: number) => Array.from({ length: n }, () => ALPHABET[randomInt(ALPHABET.length)]).join("");

/** A pseudonymous reference: the area's code and random characters, nothing about her. */
export const newVictimReference = (areaCode: string) => `V-${areaCode}-${randomChars(4)}-${randomChars(4)}`;

export async function openCase(ctx: CoreContext, input: OpenCaseInput) {
  const purpose = requirePurpose(ctx);
  const data = validate(OpenCaseInput, input);
  const now = nowOf(ctx);
  if (data.reportedAt && data.reportedAt.getTime() > now.getTime() + 60_000) throw new BadInputError("The date it was reported cannot be in the future.", "reportedAt");
  if (!ctx.ability.can("create", subject("Case", { areaId: data.areaId } as never))) {
    throw new BadInputError("Cases are opened by the police or the Witness Care Unit, in an area your organisation serves. Choose one of your areas.", "areaId");
  }
  const area = await ctx.prisma.area.findUnique({ where: { id: data.areaId } });
  if (!area) throw new BadInputError("Choose the area from the list.", "areaId");
  const namedContactUserId = data.namedContactUserId ?? ctx.actor.userId;
  if (data.namedContactUserId) await requireNamedContactCandidate(ctx.prisma, ctx.actor.organisationId, data.namedContactUserId, "namedContactUserId");
  const { fullName, preferredName, dateOfBirth, ...contact } = data.victim;
  const lawfulBasisCode = agreementCovers(ctx.actor, "CASE_PROGRESS", purpose)?.lawfulBasisCode ?? null;

  const opened = await ctx.prisma.$transaction(async (tx) => {
    // Two systems sending the same URN at once: the second waits here, then finds the first's case.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`open-case:${data.areaId}:${data.policeUrn}`}, 0))`;
    const sameUrn = await tx.case.findMany({
      where: { policeUrn: data.policeUrn, areaId: data.areaId },
      select: { id: true, victimId: true, stage: true, areaId: true, victim: { select: { identity: { select: { fullName: true, dateOfBirth: true } } } }, involvements: { where: { until: null }, select: { organisationId: true } } },
    });
    const existing = sameUrn.find((c) => {
      const identity = c.victim.identity;
      if (!identity || !sameName(identity.fullName, fullName)) return false;
      return !identity.dateOfBirth || !dateOfBirth || sameDay(identity.dateOfBirth, dateOfBirth);
    });
    if (existing) {
      if (!existing.involvements.some((i) => i.organisationId === ctx.actor.organisationId)) {
        const joined = await tx.caseInvolvement.create({
          data: { caseId: existing.id, organisationId: ctx.actor.organisationId, capacity: CAPACITY_OF_KIND[ctx.actor.organisationKind], since: now, basis: "DUTY", lawfulBasisCode, namedContactUserId, addedByUserId: ctx.actor.userId, addedByOrganisationId: ctx.actor.organisationId },
        });
        await recordNaming(tx, ctx, { involvementId: joined.id, fromUserId: null, toUserId: namedContactUserId, reason: "Named when the organisation joined the case.", at: now });
        await writeAuditEntries(tx, [
          ctx.audit.entry({ action: "ALTERATION", entityType: "CaseInvolvement", entityId: joined.id, caseId: existing.id, victimId: existing.victimId, fields: ["CaseInvolvement.organisationId"], outcome: "joined-by-duty" }),
        ]);
      }
      return { id: existing.id, alreadyOpen: true };
    }

    const victim = await createVictim(tx, area.code, now);
    await tx.victimIdentity.create({ data: { victimId: victim.id, fullName, preferredName: preferredName ?? null, dateOfBirth: dateOfBirth ?? null } });
    const given = Object.fromEntries(CONTACT_DETAIL_FIELDS.map((k) => [k, contact[k] ?? null]));
    const hasContact = Object.values(given).some((v) => v !== null);
    if (hasContact) await tx.victimContactDetails.create({ data: { victimId: victim.id, ...given } });
    const kase = await tx.case.create({
      data: {
        policeUrn: data.policeUrn,
        cpsReference: data.cpsReference ?? null,
        offenceCategory: data.offenceCategory,
        stage: data.stage,
        areaId: area.id,
        victimId: victim.id,
        openedAt: data.reportedAt ?? now,
        openedByUserId: ctx.actor.userId,
        openedByOrganisationId: ctx.actor.organisationId,
      },
    });
    const opener = await tx.caseInvolvement.create({
      data: { caseId: kase.id, organisationId: ctx.actor.organisationId, capacity: CAPACITY_OF_KIND[ctx.actor.organisationKind], since: now, basis: "DUTY", lawfulBasisCode, namedContactUserId, addedByUserId: ctx.actor.userId, addedByOrganisationId: ctx.actor.organisationId },
    });
    const opened = await tx.caseStageChange.create({ data: { caseId: kase.id, fromStage: null, toStage: data.stage, cause: "OPENED", at: now, byUserId: ctx.actor.userId, byOrganisationId: ctx.actor.organisationId } });
    // Enhanced Rights from the facts given at report: every child is vulnerable, and victims of
    // the most serious crimes are entitled, so her first deadlines are already the shorter ones.
    // Later assessments (by whoever assesses her needs) replace this one.
    const grounds = suggestEnhancedRightsGrounds({ offenceCategory: data.offenceCategory, dateOfBirth: dateOfBirth ?? null }, data.reportedAt ?? now);
    const assessment = grounds.length
      ? await tx.enhancedRightsAssessment.create({
          data: { victimId: victim.id, eligible: true, grounds, serviceTier: "ENHANCED", assessedByUserId: ctx.actor.userId, assessedByOrganisationId: ctx.actor.organisationId, assessedAt: now },
        })
      : null;
    // A case opened at charge or later is already the CPS's and the Witness Care Unit's.
    await joinByDuty(tx, { id: kase.id, areaId: area.id, stage: data.stage }, now);
    // A case opened at a stage its area times (a file already with the CPS) starts that clock now.
    await startStageClocks(tx, opened, area.id);
    await recordNaming(tx, ctx, { involvementId: opener.id, fromUserId: null, toUserId: namedContactUserId, reason: "Named when the case was opened.", at: now });
    const collected = (entityType: string, fields: string[]) =>
      ctx.audit.entry({ action: "COLLECTION", entityType, entityId: entityType === "Case" ? kase.id : victim.id, caseId: kase.id, victimId: victim.id, fields, lawfulBasisCode });
    await writeAuditEntries(tx, [
      collected("Case", ["Case.policeUrn", "Case.cpsReference", "Case.offenceCategory", "Case.stage", "Case.areaId", "Case.openedAt"]),
      collected("VictimIdentity", ["VictimIdentity.fullName", ...(preferredName ? ["VictimIdentity.preferredName"] : []), ...(dateOfBirth ? ["VictimIdentity.dateOfBirth"] : [])]),
      ...(hasContact ? [collected("VictimContactDetails", CONTACT_DETAIL_FIELDS.filter((k) => given[k] !== null).map((k) => `VictimContactDetails.${k}`))] : []),
      ...(assessment ? [{ ...collected("EnhancedRightsAssessment", ["EnhancedRightsAssessment.eligible", "EnhancedRightsAssessment.grounds", "EnhancedRightsAssessment.serviceTier"]), entityId: assessment.id }] : []),
    ]);
    return { id: kase.id, alreadyOpen: false };
  });
  return { case: await getCase(ctx, opened.id), alreadyOpen: opened.alreadyOpen };
}

/** A victim with a fresh reference (drawn again in the very unlikely case it is taken). */
async function createVictim(tx: Prisma.TransactionClient, areaCode: string, now: Date) {
  for (let attempt = 0; ; attempt++) {
    const reference = newVictimReference(areaCode);
    if (attempt < 5 && (await tx.victim.count({ where: { reference } }))) continue;
    return tx.victim.create({ data: { reference, createdAt: now } });
  }
}
