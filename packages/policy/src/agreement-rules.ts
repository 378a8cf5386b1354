// The partnership's register of data-sharing agreements.
import type { AbilityBuilder } from "@casl/ability";
import type { Actor } from "./actor.js";
import type { HubAbility } from "./casl-prisma.js";
import { isPartnershipAdmin, servesOnly } from "./partnership-admin.js";

/**
 * The register of data-sharing agreements. The organisation admins of an organisation party
 * to an agreement draft, change, sign off, suspend and end it (and may only draft one their
 * organisation is party to); the partnership's admins (organisation admins of the partnership
 * body, as for the directory) keep any. Which states an agreement may move between is the
 * register's own rule (@hub/core sharing/maintain-data-sharing-agreement.ts).
 */
export function defineAgreementRules(builder: AbilityBuilder<HubAbility>, actor: Actor) {
  const { can } = builder;
  if (actor.roles.includes("ORGANISATION_ADMIN")) {
    can(["create", "update"], "DataSharingAgreement", { parties: { some: { organisationId: actor.organisationId } } });
  }
  // The partnership's administrators: agreements with a party that serves one of their areas.
  if (isPartnershipAdmin(actor)) {
    can(["create", "update"], "DataSharingAgreement", { parties: { some: { organisation: { is: servesOnly(actor) } } } });
  }
}

