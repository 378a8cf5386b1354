// The building blocks of the rules, as Prisma where-conditions, so that CASL can check a
// loaded row in memory and also turn the same rule into SQL with accessibleBy.
// Relations use `some` / `none`, never `every`: `every` is true on an empty list.
import type { AccessPurpose, DataCategory } from "@hub/db";
import type { Actor } from "./actor.js";

/** The actor's organisation supports the case now (not an ended involvement). */
export const currentlyInvolved = (actor: Actor) => ({ involvements: { some: { organisationId: actor.organisationId, until: null } } });

/** A consent, not withdrawn, covering this category for this purpose and recipient, not withheld from them. */
export const consentCovers = (actor: Actor, category: DataCategory, purpose: AccessPurpose) => ({
  consents: { some: consentWhere(actor, category, purpose) },
});

/** The same, as a where-condition on one Consent row. */
export function consentWhere(actor: Actor, category: DataCategory, purpose: AccessPurpose) {
  return {
    withdrawnAt: null,
    scopes: {
      some: {
        category,
        purpose,
        OR: [{ recipientOrganisationId: actor.organisationId }, { recipientKind: actor.organisationKind }],
      },
    },
    withholdings: {
      none: { category, OR: [{ fromOrganisationId: actor.organisationId }, { fromOrganisationId: null }] },
    },
  };
}

/** An approved, unexpired sharing decision letting this organisation receive this category. */
export const decisionCovers = (actor: Actor, category: DataCategory, purpose: AccessPurpose, now: Date) => ({
  sharingDecisions: { some: decisionWhere(actor, category, purpose, now) },
});

/** The same, as a where-condition on one SharingDecision row. */
export function decisionWhere(actor: Actor, category: DataCategory, purpose: AccessPurpose, now: Date) {
  return {
    receivingOrganisationId: actor.organisationId,
    outcome: "APPROVED" as const,
    purpose,
    categories: { some: { category } },
    OR: [{ expiresAt: null }, { expiresAt: { gt: now } }],
  };
}

/** Does an active agreement the actor's organisation is party to cover this flow? */
export const agreementCovers = (actor: Actor, category: DataCategory, purpose: AccessPurpose) =>
  actor.agreements.find((a) => a.purposes.includes(purpose) && a.categories.includes(category));
