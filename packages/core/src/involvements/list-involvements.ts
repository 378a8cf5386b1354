// Every organisation that is or was on a case, with its named contact and the hand-overs, for
// those who may read the case (the caller has already been allowed to: see getCase).
import type { CoreContext } from "../shared/context.js";

const person = { select: { id: true, name: true, email: true } } as const;

export function listInvolvementHistory(ctx: CoreContext, caseId: string) {
  return ctx.prisma.caseInvolvement.findMany({
    where: { caseId },
    include: {
      organisation: true,
      namedContact: person,
      handovers: { orderBy: { at: "asc" }, include: { fromUser: person, toUser: person, byUser: person } },
    },
    orderBy: [{ since: "asc" }, { id: "asc" }],
  });
}
