// Adding an agency to a case, by the leads (organisation admins and casework leads) of an
// organisation already on it. A statutory agency joins on a recorded lawful basis; a support
// service only on the victim's consent naming it (or its kind) for her case progress. The
// agency must serve the case's area. Its leads are told, and name a contact if none was named.
import { InvolvementCapacity } from "@hub/db";
import { isStatutory, subject } from "@hub/policy";
import { z } from "zod";
import { writeAuditEntries } from "../audit/write-audit-entries.js";
import { loadCaseForChecks } from "../case-progress/load-case-for-checks.js";
import { type CoreContext, nowOf } from "../shared/context.js";
import { BadInputError, NotFoundError } from "../shared/errors.js";
import { requirePurpose } from "../shared/purpose.js";
import { validate } from "../shared/validate.js";
import { CAPACITY_OF_KIND, CAPACITY_WORDS } from "./capacities.js";
import { recordNaming } from "./hand-over-contact.js";
import { tellOrganisationItJoined } from "./involvement-notices.js";
import { requireNamedContactCandidate } from "./named-contact-candidates.js";

const AddInvolvementInput = z.object({
  caseId: z.uuid({ message: "That is not a case reference the hub gave out." }),
  organisationId: z.uuid({ message: "Choose the organisation from the partnership's list." }),
  capacity: z.enum(InvolvementCapacity).nullish(),
  /** For a statutory agency: the lawful basis it relies on (e.g. PUBLIC_TASK). */
  lawfulBasisCode: z.string().trim().max(60).nullish(),
  /** For a support service: the victim's consent that lets it see her case. */
  consentId: z.uuid({ message: "Choose the victim's consent from her consent record." }).nullish(),
  namedContactUserId: z.uuid().nullish(),
});
export type AddInvolvementInput = z.input<typeof AddInvolvementInput>;

export async function addCaseInvolvement(ctx: CoreContext, input: AddInvolvementInput) {
  requirePurpose(ctx);
  const data = validate(AddInvolvementInput, input);
  const found = await loadCaseForChecks(ctx, data.caseId);
  if (!found || !ctx.ability.can("read", subject("Case", found))) {
    ctx.audit.record({ action: "DENIED", entityType: "CaseInvolvement", entityId: data.caseId, caseId: found?.id ?? null, victimId: found?.victimId ?? null, outcome: "not-permitted" });
    throw new NotFoundError("case");
  }
  if (!ctx.ability.can("create", subject("CaseInvolvement", { case: found } as never))) {
    throw new BadInputError("Only the organisation admins and casework leads of an organisation on this case can add an agency to it.", "organisationId");
  }
  const target = await ctx.prisma.organisation.findFirst({ where: { id: data.organisationId, active: true }, include: { areas: { select: { areaId: true } } } });
  if (!target) throw new BadInputError("Choose an active organisation from the partnership's list.", "organisationId");
  if (!target.areas.some((a) => a.areaId === found.areaId)) throw new BadInputError(`${target.name} does not serve this case's area, so it cannot be added to it.`, "organisationId");
  if (found.involvements.some((i) => i.organisationId === target.id && i.until === null)) throw new BadInputError(`${target.name} is already on this case.`, "organisationId");
  const capacity = data.capacity ?? CAPACITY_OF_KIND[target.kind];
  if (capacity !== CAPACITY_OF_KIND[target.kind]) throw new BadInputError(`${target.name} works on cases in the capacity of ${CAPACITY_WORDS[CAPACITY_OF_KIND[target.kind]]}.`, "capacity");

  let basis: { basis: "LAWFUL_BASIS"; lawfulBasisCode: string; consentId: null } | { basis: "CONSENT"; lawfulBasisCode: "CONSENT"; consentId: string };
  if (isStatutory(target.kind)) {
    if (data.consentId) throw new BadInputError(`${target.name} is a statutory agency: it works on the case for its duties, on a lawful basis, not on her consent.`, "consentId");
    if (!data.lawfulBasisCode) throw new BadInputError(`Say the lawful basis ${target.name} relies on (for example PUBLIC_TASK).`, "lawfulBasisCode");
    const known = await ctx.prisma.lawfulBasis.findFirst({ where: { code: data.lawfulBasisCode, active: true, consentBased: false } });
    if (!known) throw new BadInputError("Choose the lawful basis from the partnership's list (not consent: a statutory agency does not rely on it).", "lawfulBasisCode");
    basis = { basis: "LAWFUL_BASIS", lawfulBasisCode: known.code, consentId: null };
  } else {
    // What she has said must add up to "yes, it may see my case" for this organisation now,
    // whichever record she said it in (the one named, when it is one of them).
    const grants = await ctx.prisma.consentGrant.findMany({ where: { victimId: found.victimId, organisationId: target.id, category: "CASE_PROGRESS" }, select: { consentId: true } });
    const consent = grants.find((g) => g.consentId === data.consentId) ?? grants[0];
    if (!consent) throw new BadInputError(`She has not agreed that ${target.name} may see her case, or has since withdrawn it. Ask her, and record her consent first.`, "consentId");
    basis = { basis: "CONSENT", lawfulBasisCode: "CONSENT", consentId: consent.consentId };
  }
  const contact = data.namedContactUserId ? await requireNamedContactCandidate(ctx.prisma, target.id, data.namedContactUserId, "namedContactUserId") : null;
  const now = nowOf(ctx);
  return ctx.prisma.$transaction(async (tx) => {
    const involvement = await tx.caseInvolvement.create({
      data: { caseId: found.id, organisationId: target.id, capacity, since: now, ...basis, namedContactUserId: contact?.id ?? null, addedByUserId: ctx.actor.userId, addedByOrganisationId: ctx.actor.organisationId },
    });
    await tellOrganisationItJoined(tx, [involvement.id]);
    if (contact) await recordNaming(tx, ctx, { involvementId: involvement.id, fromUserId: null, toUserId: contact.id, reason: "Named when the organisation was added to the case.", at: now });
    await writeAuditEntries(tx, [
      ctx.audit.entry({
        action: "DISCLOSURE",
        entityType: "CaseInvolvement",
        entityId: involvement.id,
        caseId: found.id,
        victimId: found.victimId,
        lawfulBasisCode: basis.lawfulBasisCode,
        consentId: basis.consentId,
        fields: ["CaseInvolvement.organisationId", "CaseInvolvement.capacity"],
        recipientOrganisationIds: [target.id],
        outcome: "added",
      }),
    ]);
    return involvement;
  });
}
