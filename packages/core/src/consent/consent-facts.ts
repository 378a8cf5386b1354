// What the policy's consent rules look at before a statement is recorded: everything her
// statements add up to now (with who recorded each), and her named contact.
import type { ConsentFacts } from "@hub/policy";
import type { CoreContext } from "../shared/context.js";

export async function loadConsentFacts(prisma: CoreContext["prisma"], victimId: string): Promise<ConsentFacts> {
  const [grants, contract] = await Promise.all([
    prisma.consentGrant.findMany({ where: { victimId }, select: { organisationId: true, category: true, purpose: true, consentId: true } }),
    prisma.victimContactContract.findUnique({ where: { victimId }, select: { namedContactUserId: true } }),
  ]);
  const organisationIds = [...new Set(grants.map((g) => g.organisationId))];
  const consentIds = [...new Set(grants.map((g) => g.consentId))];
  const [organisations, consents] = await Promise.all([
    prisma.organisation.findMany({ where: { id: { in: organisationIds } }, select: { id: true, kind: true, name: true } }),
    prisma.consent.findMany({ where: { id: { in: consentIds } }, select: { id: true, capturedByOrganisationId: true } }),
  ]);
  const organisation = new Map(organisations.map((o) => [o.id, o]));
  const recorder = new Map(consents.map((c) => [c.id, c.capturedByOrganisationId]));
  return {
    namedContactUserId: contract?.namedContactUserId ?? null,
    grants: grants.map((g) => ({
      organisationId: g.organisationId,
      organisationKind: organisation.get(g.organisationId)!.kind,
      organisationName: organisation.get(g.organisationId)!.name,
      category: g.category,
      purpose: g.purpose,
      recordedByOrganisationId: recorder.get(g.consentId)!,
    })),
  };
}
