// The partnership's register of data-sharing agreements.
import type { AbilityBuilder } from "@casl/ability";
import type { Actor } from "./actor.js";
import type { HubAbility } from "./casl-prisma.js";
import { isPartnershipAdmin, servesOnly } from "./partnership-admin.js";

/** What a party's withdrawal records on its own row of an agreement. */
export const AGREEMENT_WITHDRAWAL_FIELDS = ["withdrawnAt", "withdrawnByUserId", "withdrawalReason"] as const;

/**
 * The register of data-sharing agreements: who may change what. Which states an agreement
 * may move between is the register's own rule (@hub/core sharing/maintain-data-sharing-agreement.ts).
 * - An agreement that binds, or a draft that names, other organisations as well as the
 *   admin's own is the partnership's: changing it (its purposes, categories, parties,
 *   retention, review date), signing it off, suspending, reinstating and ending it are for
 *   the partnership administrators whose areas every organisation still party to it serves
 *   (a Northshire administrator never changes what Southshire relies on). No party's own
 *   admin, statutory or voluntary, can change it for the others, so none can cut another off.
 * - An agreement (or draft) that binds only the admin's own organisation is that
 *   organisation's to keep. Any party's admin may draft one naming their own organisation
 *   and others, for the partnership to take on.
 * - Any party's organisation admin may withdraw that organisation, and only it: the agreement
 *   stops covering it and still binds the others.
 * A party that has withdrawn is no longer counted as one the agreement binds.
 */
export function defineAgreementRules(builder: AbilityBuilder<HubAbility>, actor: Actor) {
  const { can } = builder;
  if (actor.roles.includes("ORGANISATION_ADMIN")) {
    const own = actor.organisationId;
    can("create", "DataSharingAgreement", { parties: { some: { organisationId: own } } });
    can("update", "DataSharingAgreement", { parties: { some: { organisationId: own, withdrawnAt: null }, none: { organisationId: { not: own }, withdrawnAt: null } } });
    can("update", "DsaParty", [...AGREEMENT_WITHDRAWAL_FIELDS], { organisationId: own });
  }
  if (isPartnershipAdmin(actor)) {
    const inTheirAreas = { organisation: { is: servesOnly(actor) } };
    // Every party still bound is in their areas. (`every` is true of an empty list, so it goes
    // with a `some`: one of the parties, bound or withdrawn, is theirs.)
    const theirs = { parties: { some: inTheirAreas, every: { OR: [{ withdrawnAt: { not: null } }, inTheirAreas] } } };
    can(["create", "update"], "DataSharingAgreement", theirs);
  }
}
