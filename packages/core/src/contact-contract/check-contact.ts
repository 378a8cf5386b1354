// Before a contact is recorded, the form asks: does it fit how she asked to be contacted? The
// answer comes from the same rules recordContact applies (breaks-contract.ts), so what the
// caseworker is shown beside the form is exactly what the hub will refuse or flag.
import { ContactChannel, ContactOutcome } from "@hub/db";
import { accessibleWhere } from "@hub/policy";
import { z } from "zod";
import { type ContactBreach, contactBreaches } from "./breaks-contract.js";
import { knowsHerContactRules } from "./contact-contract.js";
import { type CoreContext, nowOf } from "../shared/context.js";
import { NotFoundError } from "../shared/errors.js";
import { requirePurpose } from "../shared/purpose.js";
import { validate } from "../shared/validate.js";

/**
 * AGREED: she has an agreement and you are in her contact circle (you see her rules).
 * NOT_SHOWN: she has one, but you are not in her contact circle: speak to her named contact.
 * NONE: nobody has agreed one with her yet: the first contact is the moment to ask her.
 */
export type ContactAgreementState = "AGREED" | "NOT_SHOWN" | "NONE";

/** Whether she has a contact agreement, and whether the caller may read it. Nothing is disclosed. */
export async function contactAgreementState(ctx: CoreContext, victimId: string): Promise<ContactAgreementState> {
  // That an agreement exists is no secret from those on her case: what it says is.
  const exists = (await ctx.prisma.victimContactContract.count({ where: { victimId } })) > 0;
  if (!exists) return "NONE";
  return (await knowsHerContactRules(ctx, victimId)) ? "AGREED" : "NOT_SHOWN";
}

const CheckContactInput = z.object({
  caseId: z.uuid({ message: "That is not a case reference the hub gave out." }),
  at: z.coerce.date(),
  channel: z.enum(ContactChannel),
  outcome: z.enum(ContactOutcome),
});
export type CheckContactInput = z.input<typeof CheckContactInput>;

export interface ContactCheck {
  agreement: ContactAgreementState;
  /** The time is still to come: such a contact must fit her agreement, whatever the reason. */
  planned: boolean;
  /** Every rule it does not fit (only for her contact circle: others are not shown her rules). */
  breaches: ContactBreach[];
}

/**
 * Would this contact fit her agreement? Asked as the form is filled, so it writes no audit
 * row: it shows her circle nothing they are not already shown beside the form, and to anyone
 * else it says only that her rules are not theirs to see (never whether a time would fit).
 */
export async function checkContact(ctx: CoreContext, input: CheckContactInput): Promise<ContactCheck> {
  requirePurpose(ctx);
  const data = validate(CheckContactInput, input);
  const found = await ctx.prisma.case.findFirst({ where: { AND: [{ id: data.caseId }, accessibleWhere(ctx.ability, "Case")] }, select: { victimId: true } });
  if (!found) throw new NotFoundError("case");
  const planned = data.at.getTime() > nowOf(ctx).getTime() + 60_000;
  const agreement = await contactAgreementState(ctx, found.victimId);
  if (agreement !== "AGREED") return { agreement, planned, breaches: [] };
  const contract = await ctx.prisma.victimContactContract.findUniqueOrThrow({ where: { victimId: found.victimId } });
  return { agreement, planned, breaches: contactBreaches(contract, data) };
}
