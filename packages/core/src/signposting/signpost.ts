// Signposting: the victim was told about a local service. It goes in the communication
// ledger like any other contact, through exactly the same checks (a stated purpose, the case
// visible to the caller, her contact agreement), so the next person to call her knows.
import { ContactChannel, type ContactOutcome } from "@hub/db";
import { accessibleWhere } from "@hub/policy";
import { z } from "zod";
import { recordContact } from "../ledger/record-contact.js";
import { type CoreContext, nowOf } from "../shared/context.js";
import { NotFoundError } from "../shared/errors.js";
import { isUuid } from "../shared/ids.js";
import { requirePurpose } from "../shared/purpose.js";
import { validate } from "../shared/validate.js";

/**
 * The ledger's `statutoryDuty` for signposting. A ledger entry with no duty satisfies every
 * open clock its organisation owes on the case; telling the victim about a service does not
 * tell her about a charging decision or a hearing, so it names its own duty, which starts no
 * clock. Nor is it the police's Right 4 referral (passing her details to a service): that is
 * a Referral.
 */
export const SIGNPOSTING_DUTY = "RIGHT_4_SIGNPOSTING";

const SignpostServiceInput = z.object({
  caseId: z.string().refine(isUuid, "That is not a case reference the hub gave out."),
  serviceId: z.string().refine(isUuid, "That is not a service id the hub gave out."),
  channel: z.enum(ContactChannel),
  at: z.coerce.date().nullish(),
  note: z.string().trim().max(2000, "Keep the note to 2,000 characters.").nullish(),
});
export type SignpostServiceInput = z.input<typeof SignpostServiceInput>;

/** Written and spoken contacts reach her; written ones are "sent". */
const OUTCOME: Record<ContactChannel, ContactOutcome> = {
  PHONE: "REACHED",
  FACE_TO_FACE: "REACHED",
  THROUGH_ADVOCATE: "REACHED",
  SMS: "SENT",
  EMAIL: "SENT",
  LETTER: "SENT",
};

export async function signpostService(ctx: CoreContext, input: SignpostServiceInput) {
  requirePurpose(ctx);
  const data = validate(SignpostServiceInput, input);
  const service = await ctx.prisma.directoryService.findFirst({
    where: { AND: [{ id: data.serviceId }, accessibleWhere(ctx.ability, "DirectoryService")] },
    select: { id: true, name: true, organization: { select: { name: true } } },
  });
  if (!service) throw new NotFoundError("service");
  const told = `Told the victim about ${service.name} (${service.organization.name}).`;
  return recordContact(ctx, {
    caseId: data.caseId,
    at: data.at ?? nowOf(ctx),
    channel: data.channel,
    summary: data.note ? `${told} ${data.note}` : told,
    outcome: OUTCOME[data.channel],
    statutoryDuty: SIGNPOSTING_DUTY,
    signpostedServiceId: service.id,
  });
}
