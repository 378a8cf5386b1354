// A victim's identity and contact details live in their own tables so that each can be
// released only where the policy allows (contact details: only to the organisations the
// victim chose as contacts). Each read that releases something is logged as a disclosure.
import { accessibleWhere } from "@hub/policy";
import type { CoreContext } from "../shared/context.js";
import { basisInclude, basisOf } from "../shared/lawful-basis.js";
import { requirePurpose } from "../shared/purpose.js";

export async function getVictimIdentity(ctx: CoreContext, victimId: string) {
  requirePurpose(ctx);
  const row = await ctx.prisma.victimIdentity.findFirst({ where: { AND: [{ victimId }, accessibleWhere(ctx.ability, "VictimIdentity")] } });
  if (row) await recordDisclosure(ctx, "VictimIdentity", victimId, ["VictimIdentity.fullName", "VictimIdentity.preferredName", "VictimIdentity.dateOfBirth"]);
  return row;
}

export async function getVictimContactDetails(ctx: CoreContext, victimId: string) {
  requirePurpose(ctx);
  const row = await ctx.prisma.victimContactDetails.findFirst({
    where: { AND: [{ victimId }, accessibleWhere(ctx.ability, "VictimContactDetails")] },
  });
  if (row) {
    await recordDisclosure(ctx, "VictimContactDetails", victimId, [
      "VictimContactDetails.address",
      "VictimContactDetails.postcode",
      "VictimContactDetails.phone",
      "VictimContactDetails.email",
    ]);
  }
  return row;
}

async function recordDisclosure(ctx: CoreContext, entityType: "VictimIdentity" | "VictimContactDetails", victimId: string, fields: string[]) {
  const category = entityType === "VictimIdentity" ? "IDENTITY" : "CONTACT_DETAILS";
  const basis = basisInclude(ctx, category);
  const explained = basis
    ? await ctx.prisma.victim.findUnique({
        where: { id: victimId },
        select: { consentGrants: basis.consentGrants, cases: { select: { sharingDecisions: basis.sharingDecisions } } },
      })
    : null;
  ctx.audit.record({
    action: "DISCLOSURE",
    entityType,
    entityId: victimId,
    victimId,
    fields,
    recipientOrganisationIds: [ctx.actor.organisationId],
    ...basisOf(ctx, category, { consentGrants: explained?.consentGrants, sharingDecisions: explained?.cases.flatMap((c) => c.sharingDecisions) }),
  });
}
