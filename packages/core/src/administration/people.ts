// The partnership's people: users, their memberships of organisations and the roles they hold
// there. Added by hand by administrators (or provisioned by the identity provider: see
// provisioning/). Deactivating a user, or ending a membership, stops them on their next request.
// A user's sign-in identifier is the claim the partnership's identity provider puts in their
// tokens (sub, or OIDC_SUBJECT_CLAIM); people the identity provider provisions keep theirs.
import { Role } from "@hub/db";
import { accessibleWhere, subject } from "@hub/policy";
import { z } from "zod";
import { writeAuditEntries } from "../audit/write-audit-entries.js";
import type { CoreContext } from "../shared/context.js";
import { BadInputError, ConflictError, NotFoundError } from "../shared/errors.js";
import { validate } from "../shared/validate.js";
import { checkNotLockingOut, checkRolesToGive } from "./role-rules.js";

const roles = z.array(z.enum(Role, { error: "Choose the roles from the list." })).max(8).transform((r) => [...new Set(r)]);

const AddPersonInput = z.object({
  organisationId: z.uuid({ message: "Choose the organisation from the list." }),
  email: z.email({ error: "That is not an email address." }).trim().toLowerCase().max(254),
  name: z.string({ error: "Give the person's name." }).trim().min(2, "Give the person's full name.").max(200, "Keep the name to 200 characters."),
  oidcSubject: z
    .string({ error: "Give their sign-in identifier." })
    .trim()
    .min(1, "Give the identifier your identity provider puts in their sign-in (the sub claim).")
    .max(255, "A sign-in identifier is at most 255 characters."),
  roles,
});
export type AddPersonInput = z.input<typeof AddPersonInput>;

const MembershipInput = z.object({
  userId: z.uuid({ message: "That is not a person the hub gave out." }),
  organisationId: z.uuid({ message: "That is not an organisation the hub gave out." }),
});

const SetRolesInput = MembershipInput.extend({ roles });
export type SetMembershipRolesInput = z.input<typeof SetRolesInput>;

const SetMembershipActiveInput = MembershipInput.extend({ active: z.boolean() });
export type SetMembershipActiveInput = z.input<typeof SetMembershipActiveInput>;

const SetUserActiveInput = z.object({ userId: MembershipInput.shape.userId, active: z.boolean() });
export type SetUserActiveInput = z.input<typeof SetUserActiveInput>;

const withAreas = { organisation: { include: { areas: { select: { areaId: true } } } } } as const;

async function organisationToStaff(ctx: CoreContext, organisationId: string) {
  const organisation = await ctx.prisma.organisation.findUnique({ where: { id: organisationId }, include: { areas: { select: { areaId: true } } } });
  if (!organisation || !ctx.ability.can("create", subject("Membership", { organisationId, organisation } as never))) throw new NotFoundError("organisation");
  if (!organisation.active) throw new BadInputError(`${organisation.name} is not active: reactivate it before adding people to it.`, "organisationId");
  return organisation;
}

async function loadMembership(ctx: CoreContext, userId: string, organisationId: string) {
  const membership = await ctx.prisma.membership.findUnique({ where: { userId_organisationId: { userId, organisationId } }, include: { ...withAreas, user: true } });
  if (!membership || !ctx.ability.can("update", subject("Membership", membership))) throw new NotFoundError("membership");
  return membership;
}

const fromIdentityProvider = () =>
  new BadInputError("This person's roles come from your identity provider's groups. Change their groups there; the hub follows on the next sync.", "roles");

/** Adds someone to an organisation: a new user, or a membership for someone the hub already has. */
export async function addPerson(ctx: CoreContext, input: AddPersonInput) {
  const data = validate(AddPersonInput, input);
  const organisation = await organisationToStaff(ctx, data.organisationId);
  checkRolesToGive(ctx, organisation, data.roles);
  const existing = await ctx.prisma.user.findFirst({ where: { OR: [{ email: data.email }, { oidcSubject: data.oidcSubject }] }, include: { memberships: true } });
  if (existing && (existing.email !== data.email || existing.oidcSubject !== data.oidcSubject)) {
    throw new BadInputError("Someone else already has that email address or sign-in identifier. Check both.", existing.email === data.email ? "oidcSubject" : "email");
  }
  if (existing?.memberships.some((m) => m.organisationId === organisation.id)) {
    throw new BadInputError(`${data.name} is already a member of ${organisation.name}: change their roles instead.`, "email");
  }
  return ctx.prisma.$transaction(async (tx) => {
    const user = existing ?? (await tx.user.create({ data: { email: data.email, name: data.name, oidcSubject: data.oidcSubject } }));
    const membership = await tx.membership.create({ data: { userId: user.id, organisationId: organisation.id, roles: data.roles }, include: { user: true } });
    await writeAuditEntries(tx, [
      ...(existing ? [] : [ctx.audit.entry({ action: "COLLECTION", entityType: "User", entityId: user.id, fields: ["User.email", "User.name", "User.oidcSubject"] })]),
      ctx.audit.entry({ action: "COLLECTION", entityType: "Membership", entityId: membership.id, fields: ["Membership.organisationId", "Membership.roles"], outcome: data.roles.join(",") }),
    ]);
    return membership;
  });
}

export async function setMembershipRoles(ctx: CoreContext, input: SetMembershipRolesInput) {
  const data = validate(SetRolesInput, input);
  const membership = await loadMembership(ctx, data.userId, data.organisationId);
  if (membership.provisionedByClientId) throw fromIdentityProvider();
  checkRolesToGive(ctx, membership.organisation, data.roles);
  checkNotLockingOut(ctx, data.userId, data.organisationId, data.roles);
  return ctx.prisma.$transaction(async (tx) => {
    const { count } = await tx.membership.updateMany({ where: { id: membership.id, updatedAt: membership.updatedAt }, data: { roles: data.roles } });
    if (count === 0) throw new ConflictError("Someone else changed this person's roles just now. Nothing was changed: reload and try again.");
    await writeAuditEntries(tx, [ctx.audit.entry({ action: "ALTERATION", entityType: "Membership", entityId: membership.id, fields: ["Membership.roles"], outcome: data.roles.join(",") })]);
    return tx.membership.findUniqueOrThrow({ where: { id: membership.id }, include: { user: true } });
  });
}

/** Ends (or restores) someone's membership of one organisation; their other memberships are untouched. */
export async function setMembershipActive(ctx: CoreContext, input: SetMembershipActiveInput) {
  const data = validate(SetMembershipActiveInput, input);
  const membership = await loadMembership(ctx, data.userId, data.organisationId);
  if (membership.provisionedByClientId && data.active) throw fromIdentityProvider();
  if (!data.active) checkNotLockingOut(ctx, data.userId, data.organisationId, null, "active");
  if (membership.active === data.active) throw new BadInputError(data.active ? "This membership is already active." : "This membership has already ended.", "active");
  return ctx.prisma.$transaction(async (tx) => {
    await tx.membership.update({ where: { id: membership.id }, data: { active: data.active } });
    await writeAuditEntries(tx, [ctx.audit.entry({ action: "ALTERATION", entityType: "Membership", entityId: membership.id, fields: ["Membership.active"], outcome: data.active ? "restored" : "ended" })]);
    return tx.membership.findUniqueOrThrow({ where: { id: membership.id }, include: { user: true } });
  });
}

/** Deactivates (or reactivates) a person everywhere: they cannot act in the hub from their next request. */
export async function setUserActive(ctx: CoreContext, input: SetUserActiveInput) {
  const data = validate(SetUserActiveInput, input);
  const user = await ctx.prisma.user.findUnique({ where: { id: data.userId }, include: { memberships: { include: withAreas } } });
  if (!user || !ctx.ability.can("read", subject("User", user))) throw new NotFoundError("person");
  if (!ctx.ability.can("update", subject("User", user))) {
    throw new BadInputError("This person also works for an organisation you do not administer, so only an administrator for all of them can do this. You can end their membership of your organisation instead.", "userId");
  }
  if (user.id === ctx.actor.userId) throw new BadInputError("You cannot deactivate yourself. Ask another administrator.", "active");
  // In an emergency anyone may be stopped; only the identity provider brings back someone it manages.
  if (user.provisionedByClientId && data.active) throw new BadInputError("Your identity provider manages this person: reactivate them there.", "active");
  if (user.active === data.active) throw new BadInputError(data.active ? "This person is already active." : "This person is already deactivated.", "active");
  return ctx.prisma.$transaction(async (tx) => {
    const saved = await tx.user.update({ where: { id: user.id }, data: { active: data.active } });
    await writeAuditEntries(tx, [ctx.audit.entry({ action: "ALTERATION", entityType: "User", entityId: user.id, fields: ["User.active"], outcome: data.active ? "reactivated" : "deactivated" })]);
    return saved;
  });
}

/** The people of an organisation the caller administers, active first, by name. */
export async function listMembers(ctx: CoreContext, organisationId: string) {
  return ctx.prisma.membership.findMany({
    where: { AND: [{ organisationId }, accessibleWhere(ctx.ability, "Membership")] },
    include: { user: true },
    orderBy: [{ active: "desc" }, { user: { name: "asc" } }],
  });
}
