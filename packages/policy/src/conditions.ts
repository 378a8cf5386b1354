// The building blocks of the rules, as Prisma where-conditions, so that CASL can check a
// loaded row in memory and also turn the same rule into SQL with accessibleBy.
// Relations use `some` / `none`, never `every`: `every` is true on an empty list.
import type { AccessPurpose, DataCategory } from "@hub/db";
import type { Actor } from "./actor.js";

/** The actor's organisation supports the case now (not an ended involvement). */
export const currentlyInvolved = (actor: Actor) => ({ involvements: { some: { organisationId: actor.organisationId, until: null } } });

/**
 * On a Victim: what she has said adds up to "yes" for this organisation, category and
 * purpose. ConsentGrant is worked out by the database from her statements (her most recent
 * applicable statement stands; special category only on explicit consent), so in memory
 * the loaded victim needs its `consentGrants` (loadConsentGrants in @hub/core does it).
 */
export const grantCovers = (actor: Pick<Actor, "organisationId">, category: DataCategory, purpose: AccessPurpose) => ({
  consentGrants: { some: grantWhere(actor, category, purpose) },
});

/** The same, as a where-condition on one ConsentGrant row. */
export const grantWhere = (actor: Pick<Actor, "organisationId">, category: DataCategory, purpose: AccessPurpose) => ({
  organisationId: actor.organisationId,
  category,
  purpose,
});

/** An approved, unexpired sharing decision letting this organisation receive this category. */
export const decisionCovers = (actor: Pick<Actor, "organisationId">, category: DataCategory, purpose: AccessPurpose, now: Date) => ({
  sharingDecisions: { some: decisionWhere(actor, category, purpose, now) },
});

/** The same, as a where-condition on one SharingDecision row. */
export function decisionWhere(actor: Pick<Actor, "organisationId">, category: DataCategory, purpose: AccessPurpose, now: Date) {
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

/** Referral states in which its recipient holds what it carries: sent, seen, taken on. */
export const REFERRAL_HOLDS_STATUSES = ["REQUESTED", "RECEIVED", "ACCEPTED", "IN_PROGRESS", "ON_HOLD"] as const;

/** On a Case: an open referral to the actor's organisation carries this category. */
export const referralCarries = (actor: Pick<Actor, "organisationId">, category: DataCategory) => ({
  referrals: { some: { toOrganisationId: actor.organisationId, status: { in: [...REFERRAL_HOLDS_STATUSES] }, shares: { some: { category } } } },
});
