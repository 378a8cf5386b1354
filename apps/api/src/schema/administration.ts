// Running the partnership: organisations and their areas, people, their memberships and roles.
// Partnership administrators for their own areas; organisation admins for their own people.
// Staff records, not victim data: no X-Access-Purpose needed; every change is audited.
import { addPerson, createOrganisation, listAdministeredOrganisations, listMembers, setMembershipActive, setMembershipRoles, setUserActive, updateOrganisation } from "@hub/core";
import type { Membership, User } from "@hub/db";
import { builder } from "../builder.js";
import { LegalTypeEnum, OrganisationKindEnum, RoleEnum } from "./enums.js";
import { MUTATION_ERRORS } from "./errors.js";
import { AreaRef, OrganisationRef } from "./organisations.js";

const PersonRef = builder.objectRef<User>("Person").implement({
  description: "Someone who works in the partnership.",
  fields: (t) => ({
    id: t.exposeID("id"),
    name: t.exposeString("name"),
    email: t.exposeString("email"),
    active: t.exposeBoolean("active", { description: "False: deactivated, cannot sign in to the hub." }),
    provisioned: t.boolean({ description: "True when the partnership's identity provider manages this person (SCIM).", resolve: (u) => u.provisionedByClientId !== null }),
  }),
});

const MembershipRef = builder.objectRef<Membership & { user: User }>("Membership").implement({
  description: "A person's place in an organisation and the roles they hold there.",
  fields: (t) => ({
    id: t.exposeID("id"),
    person: t.field({ type: PersonRef, resolve: (m) => m.user }),
    organisationId: t.exposeID("organisationId"),
    roles: t.field({ type: [RoleEnum], resolve: (m) => m.roles }),
    active: t.exposeBoolean("active", { description: "False: the membership has ended." }),
    provisioned: t.boolean({ description: "True when the identity provider's groups decide these roles.", resolve: (m) => m.provisionedByClientId !== null }),
  }),
});

builder.objectField(OrganisationRef, "members", (t) =>
  t.field({ type: [MembershipRef], description: "Its people, for those who administer it (empty for anyone else).", resolve: (o, _a, ctx) => listMembers(ctx, o.id) }),
);

builder.queryFields((t) => ({
  administeredOrganisations: t.field({
    type: [OrganisationRef],
    description: "The organisations you administer: those serving only your partnership's areas (partnership administrators), or your own (organisation admins).",
    resolve: (_r, _a, ctx) => listAdministeredOrganisations(ctx),
  }),
  areas: t.field({
    type: [AreaRef],
    description: "The police force and CPS areas the hub knows.",
    resolve: (_r, _a, ctx) => ctx.prisma.area.findMany({ orderBy: { name: "asc" } }),
  }),
}));

const CreateOrganisationInput = builder.inputType("CreateOrganisationInput", {
  fields: (t) => ({
    name: t.string({ required: true }),
    kind: t.field({ type: OrganisationKindEnum, required: true }),
    legalType: t.field({ type: LegalTypeEnum, description: "Default: the one its kind has (police, WCU and CPS: competent authority; support services: voluntary sector)." }),
    areaIds: t.idList({ required: true }),
  }),
});

const UpdateOrganisationInput = builder.inputType("UpdateOrganisationInput", {
  fields: (t) => ({
    id: t.id({ required: true }),
    name: t.string(),
    areaIds: t.idList(),
    active: t.boolean({ description: "False deactivates it: its people cannot act in the hub from their next request." }),
  }),
});

const AddPersonInput = builder.inputType("AddPersonInput", {
  fields: (t) => ({
    organisationId: t.id({ required: true }),
    email: t.string({ required: true }),
    name: t.string({ required: true }),
    oidcSubject: t.string({ required: true, description: "The identifier your identity provider puts in their sign-in token (the sub claim, or the claim OIDC_SUBJECT_CLAIM names). In the demo: demo| and their email." }),
    roles: t.field({ type: [RoleEnum], required: true }),
  }),
});

const nonNull = <T extends Record<string, unknown>>(o: T) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== null && v !== undefined));

builder.mutationFields((t) => ({
  createOrganisation: t.field({
    type: OrganisationRef,
    description: "Add an organisation to the partnership, in your areas (partnership administrators).",
    args: { input: t.arg({ type: CreateOrganisationInput, required: true }) },
    errors: { types: MUTATION_ERRORS, directResult: true },
    resolve: (_r, { input }, ctx) => createOrganisation(ctx, { ...input, areaIds: input.areaIds.map(String) }),
  }),
  updateOrganisation: t.field({
    type: OrganisationRef,
    description: "Rename an organisation, change the areas it serves, or deactivate / reactivate it (partnership administrators, for organisations serving only their areas).",
    args: { input: t.arg({ type: UpdateOrganisationInput, required: true }) },
    errors: { types: MUTATION_ERRORS, directResult: true },
    resolve: (_r, { input }, ctx) => updateOrganisation(ctx, nonNull({ ...input, id: String(input.id), areaIds: input.areaIds?.map(String) }) as never),
  }),
  addPerson: t.field({
    type: MembershipRef,
    description: "Add someone to an organisation with their roles (a new person, or a membership for someone the hub already has).",
    args: { input: t.arg({ type: AddPersonInput, required: true }) },
    errors: { types: MUTATION_ERRORS, directResult: true },
    resolve: (_r, { input }, ctx) => addPerson(ctx, { ...input, organisationId: String(input.organisationId) }),
  }),
  setMembershipRoles: t.field({
    type: MembershipRef,
    args: { userId: t.arg.id({ required: true }), organisationId: t.arg.id({ required: true }), roles: t.arg({ type: [RoleEnum], required: true }) },
    errors: { types: MUTATION_ERRORS, directResult: true },
    resolve: (_r, args, ctx) => setMembershipRoles(ctx, { userId: String(args.userId), organisationId: String(args.organisationId), roles: args.roles }),
  }),
  setMembershipActive: t.field({
    type: MembershipRef,
    description: "End (active: false) or restore someone's membership of one organisation.",
    args: { userId: t.arg.id({ required: true }), organisationId: t.arg.id({ required: true }), active: t.arg.boolean({ required: true }) },
    errors: { types: MUTATION_ERRORS, directResult: true },
    resolve: (_r, args, ctx) => setMembershipActive(ctx, { userId: String(args.userId), organisationId: String(args.organisationId), active: args.active }),
  }),
  setPersonActive: t.field({
    type: PersonRef,
    description: "Deactivate (or reactivate) a person everywhere: from their next request they cannot act in the hub.",
    args: { userId: t.arg.id({ required: true }), active: t.arg.boolean({ required: true }) },
    errors: { types: MUTATION_ERRORS, directResult: true },
    resolve: (_r, args, ctx) => setUserActive(ctx, { userId: String(args.userId), active: args.active }),
  }),
}));
