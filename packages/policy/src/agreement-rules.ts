// The partnership's register of data-sharing agreements.
import type { AbilityBuilder } from "@casl/ability";
import type { Actor } from "./actor.js";
import type { HubAbility } from "./casl-prisma.js";
import { isPartnershipAdmin, servesOnly } from "./partnership-admin.js";

/** What preparing a draft changes. None of it binds anyone until the agreement is signed off. */
export const AGREEMENT_DRAFT_FIELDS = ["title", "purposes", "categories", "retention", "reviewDate", "parties"] as const;
/** What a party's withdrawal records on its own row of an agreement. */
export const AGREEMENT_WITHDRAWAL_FIELDS = ["withdrawnAt", "withdrawnByUserId", "withdrawalReason"] as const;

/**
 * The register of data-sharing agreements: who may change what. Which states an agreement
 * may move between is the register's own rule (@hub/core sharing/maintain-data-sharing-agreement.ts).
 * - A draft binds nobody, so the organisation admins of any organisation party to it prepare
 *   it (and may abandon it), as do the partnership's admins for a party in their areas.
 * - Signing an agreement off, suspending, reinstating and ending it bind every party to it, so
 *   they are the partnership's: the partnership administrators whose areas every organisation
 *   still bound by it serves (a Northshire administrator never ends what Southshire relies on).
 *   No party's own admin, statutory or voluntary, can cut off the others.
 * - An agreement that binds only the admin's own organisation is that organisation's to keep.
 * - Any party's organisation admin may withdraw that organisation (and only it): the agreement
 *   stops covering it and still binds the others.
 * The fields that name these powers: AGREEMENT_DRAFT_FIELDS (preparing a draft), `status`
 * (abandoning a draft; suspending, reinstating and ending), `signedOffBy` (sign-off), and
 * AGREEMENT_WITHDRAWAL_FIELDS on the party's own DsaParty row.
 */
export function defineAgreementRules(builder: AbilityBuilder<HubAbility>, actor: Actor) {
  const { can } = builder;
  const preparing = [...AGREEMENT_DRAFT_FIELDS, "status"];
  if (actor.roles.includes("ORGANISATION_ADMIN")) {
    const own = actor.organisationId;
    can("create", "DataSharingAgreement", { parties: { some: { organisationId: own } } });
    can("update", "DataSharingAgreement", preparing, { status: "DRAFT", parties: { some: { organisationId: own } } });
    can("update", "DataSharingAgreement", { parties: { some: { organisationId: own, withdrawnAt: null }, none: { organisationId: { not: own }, withdrawnAt: null } } });
    can("update", "DsaParty", [...AGREEMENT_WITHDRAWAL_FIELDS], { organisationId: own });
  }
  if (isPartnershipAdmin(actor)) {
    const inTheirAreas = { organisation: { is: servesOnly(actor) } };
    can("create", "DataSharingAgreement", { parties: { some: inTheirAreas } });
    can("update", "DataSharingAgreement", preparing, { status: "DRAFT", parties: { some: inTheirAreas } });
    // Every party still bound is in their areas. (`every` is true of an empty list, so it goes
    // with a `some`: one of the parties, bound or withdrawn, is theirs.)
    can("update", "DataSharingAgreement", { parties: { some: inTheirAreas, every: { OR: [{ withdrawnAt: { not: null } }, inTheirAreas] } } });
  }
}
