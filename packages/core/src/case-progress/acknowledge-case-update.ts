import { accessibleWhere } from "@hub/policy";
import { type CoreContext, nowOf } from "../shared/context.js";
import { NotFoundError } from "../shared/errors.js";
import { isUuid } from "../shared/ids.js";
import { requirePurpose } from "../shared/purpose.js";

/** "Seen by <organisation>": idempotent, the first acknowledgement per organisation stands. */
export async function acknowledgeCaseUpdate(ctx: CoreContext, updateId: string) {
  requirePurpose(ctx);
  const update = isUuid(updateId)
    ? await ctx.prisma.caseUpdate.findFirst({ where: { AND: [{ id: updateId }, accessibleWhere(ctx.ability, "CaseUpdate")] }, select: { id: true } })
    : null;
  if (!update) throw new NotFoundError("update");
  return ctx.prisma.caseUpdateAcknowledgement.upsert({
    where: { updateId_organisationId: { updateId, organisationId: ctx.actor.organisationId } },
    create: { updateId, organisationId: ctx.actor.organisationId, userId: ctx.actor.userId, at: nowOf(ctx) },
    update: {},
  });
}
