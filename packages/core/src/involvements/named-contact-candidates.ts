// Who can be an organisation's named contact for a victim: one of its own people, active, who
// does casework there. (Roles are an enum array, which Prisma's driver adapters cannot filter
// on in SQL, so the role check is made here, on the few members loaded.)
import type { Prisma, PrismaClient } from "@hub/db";
import { BadInputError } from "../shared/errors.js";
import { isUuid } from "../shared/ids.js";
import { CASEWORK_ROLES } from "./capacities.js";

type Db = PrismaClient | Prisma.TransactionClient;

/** The active people of these organisations who do casework there, by name. `where` narrows further (e.g. the policy's rows). */
export async function namedContactCandidates(db: Db, organisationIds: readonly string[], where: Prisma.UserWhereInput = {}) {
  if (organisationIds.length === 0) return [];
  const members = { organisationId: { in: [...organisationIds] }, active: true, organisation: { active: true } };
  const users = await db.user.findMany({
    where: { AND: [{ active: true, memberships: { some: members } }, where] },
    select: { id: true, name: true, email: true, memberships: { where: members, select: { roles: true } } },
    orderBy: { name: "asc" },
  });
  return users
    .filter((u) => u.memberships.some((m) => m.roles.some((r) => (CASEWORK_ROLES as readonly string[]).includes(r))))
    .map(({ memberships: _roles, ...user }) => user);
}

/** The user, when they can be this organisation's named contact; a plain refusal otherwise. */
export async function requireNamedContactCandidate(db: Db, organisationId: string, userId: string, field: string) {
  const [user] = isUuid(userId) ? await namedContactCandidates(db, [organisationId], { id: userId }) : [];
  if (!user) throw new BadInputError("Choose the named contact from the organisation's own caseworkers (someone active who does casework there).", field);
  return user;
}
