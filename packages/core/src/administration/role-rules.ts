// Which roles may be given, by whom, where. Partnership roles (administrator, auditor) are
// given only by a partnership administrator, and only within their own partnership body; an
// organisation admin gives the casework and admin roles of their own organisation. A role is
// named for what it is; nothing is inferred from an organisation's kind.
import type { OrganisationKind, Role } from "@hub/db";
import { PARTNERSHIP_ROLES } from "@hub/policy";
import type { CoreContext } from "../shared/context.js";
import { BadInputError } from "../shared/errors.js";

/** Roles that make sense only in some kinds of organisation. */
const ONLY_IN: Partial<Record<Role, readonly OrganisationKind[]>> = {
  PROSECUTOR: ["CPS"],
  VICTIM_LIAISON_OFFICER: ["CPS", "POLICE", "POLICE_WCU"],
  ADVOCATE: ["ISVA_SERVICE", "IDVA_SERVICE", "VICTIM_SUPPORT_CHARITY", "OTHER"],
};

export const ROLE_WORDS: Readonly<Record<Role, string>> = {
  CASEWORKER: "caseworker",
  VICTIM_LIAISON_OFFICER: "victim liaison officer",
  PROSECUTOR: "prosecutor",
  ADVOCATE: "advocate (ISVA or IDVA)",
  ORGANISATION_ADMIN: "organisation admin",
  PARTNERSHIP_AUDITOR: "partnership auditor",
  CASEWORK_LEAD: "casework lead",
  PARTNERSHIP_ADMIN: "partnership administrator",
};

/** Refuses roles the caller may not give in this organisation. */
export function checkRolesToGive(ctx: CoreContext, organisation: { id: string; kind: OrganisationKind; name: string }, roles: readonly Role[], field = "roles"): void {
  if (roles.length === 0) throw new BadInputError("Give the person at least one role (to take all their roles away, end their membership instead).", field);
  for (const role of roles) {
    if ((PARTNERSHIP_ROLES as readonly Role[]).includes(role)) {
      if (!ctx.actor.roles.includes("PARTNERSHIP_ADMIN") || organisation.id !== ctx.actor.organisationId) {
        throw new BadInputError(`Only a partnership administrator can make someone a ${ROLE_WORDS[role]}, and only in their own partnership body.`, field);
      }
    }
    const only = ONLY_IN[role];
    if (only && !only.includes(organisation.kind)) throw new BadInputError(`A ${ROLE_WORDS[role]} does not work at ${organisation.name}: choose another role.`, field);
  }
}

/** An administrator may not take away their own power to administer (ask another administrator). */
export function checkNotLockingOut(ctx: CoreContext, userId: string, organisationId: string, rolesAfter: readonly Role[] | null, field = "roles"): void {
  if (userId !== ctx.actor.userId || organisationId !== ctx.actor.organisationId) return;
  const keeps = (role: Role) => !ctx.actor.roles.includes(role) || (rolesAfter?.includes(role) ?? false);
  if (!keeps("ORGANISATION_ADMIN") || !keeps("PARTNERSHIP_ADMIN")) {
    throw new BadInputError("You cannot take away your own administrator role or membership. Ask another administrator to do it.", field);
  }
}
