// Who can be an organisation's named contact for a victim: one of its own people, active, who
// does casework there.
import type { PrismaClient, Prisma } from "@hub/db";
import { BadInputError } from "../shared/errors.js";
import { isUuid } from "../shared/ids.js";
import { CASEWORK_ROLES } from "./capacities.js";

type Db = PrismaClient | Prisma.TransactionClient;

export const namedContactCandidatesWhere = (organisationId: string) => ({
  active: true,
  memberships: { some: { organisationId, active: true, roles: { hasSome: [...CASEWORK_ROLES] } } },
});

/** The user, when they can be this organisation's named contact; a plain refusal otherwise. */
export async function requireNamedContactCandidate(db: Db, organisationId: string, userId: string, field: string) {
  const user = isUuid(userId) ? await db.user.findFirst({ where: { id: userId, ...namedContactCandidatesWhere(organisationId) }, select: { id: true, name: true } }) : null;
  if (!user) throw new BadInputError("Choose the named contact from the organisation's own caseworkers (someone active who does casework there).", field);
  return user;
}
