// Turns a verified token subject into an Actor from the hub's own records. Roles and
// organisation never come from the token or request headers, and a deactivated user,
// membership or organisation stops working on the very next request.
import type { PrismaClient } from "@hub/db";
import type { Actor } from "@hub/policy";

export async function loadActor(prisma: PrismaClient, oidcSubject: string): Promise<Actor | null> {
  const user = await prisma.user.findFirst({
    where: { oidcSubject, active: true },
    include: {
      memberships: {
        where: { active: true, organisation: { active: true } },
        orderBy: { createdAt: "asc" },
        take: 1,
        include: {
          organisation: {
            include: {
              areas: { select: { areaId: true } },
              dsaParties: { where: { withdrawnAt: null, dsa: { status: "ACTIVE" } }, include: { dsa: { select: { id: true, purposes: true, categories: true } } } },
            },
          },
        },
      },
    },
  });
  const membership = user?.memberships[0];
  if (!user || !membership) return null;
  const org = membership.organisation;
  return {
    userId: user.id,
    name: user.name,
    email: user.email,
    organisationId: org.id,
    organisationName: org.name,
    organisationKind: org.kind,
    legalType: org.legalType,
    roles: membership.roles,
    areaIds: org.areas.map((a) => a.areaId),
    agreements: org.dsaParties.map((p) => ({ dsaId: p.dsa.id, purposes: p.dsa.purposes, categories: p.dsa.categories, lawfulBasisCode: p.lawfulBasisCode })),
  };
}
