// Connecting the partnership's identity provider (SCIM 2.0 at /scim/v2): its connections and
// their tokens, and which organisation and role each of its groups gives. Partnership
// administrators, for their own partnership body; anyone else sees no connections.
import {
  createProvisioningClient,
  listProvisioningClients,
  mapProvisioningGroup,
  revokeProvisioningClient,
  unmapProvisioningGroup,
  type ProvisioningClientView,
  type ProvisioningGroupView,
} from "@hub/core";
import { builder } from "../builder.js";
import { RoleEnum } from "./enums.js";
import { MUTATION_ERRORS } from "./errors.js";
import { OrganisationRef } from "./organisations.js";

const ProvisioningGroupRef = builder.objectRef<ProvisioningGroupView>("ProvisioningGroup").implement({
  description: "A group your identity provider sent. It gives its members nothing until you map it to an organisation and a role.",
  fields: (t) => ({
    id: t.exposeID("id"),
    displayName: t.exposeString("displayName"),
    memberCount: t.exposeInt("memberCount", { description: "How many people the identity provider has put in it." }),
    organisation: t.field({ type: OrganisationRef, nullable: true, description: "The organisation its members belong to; null while unmapped.", resolve: (g) => g.organisation }),
    role: t.field({ type: RoleEnum, nullable: true, description: "The role its members hold there; null while unmapped.", resolve: (g) => g.role }),
    mappedAt: t.field({ type: "DateTime", nullable: true, resolve: (g) => g.mappedAt }),
  }),
});

const ProvisioningClientRef = builder.objectRef<ProvisioningClientView>("ProvisioningClient").implement({
  description: "A connection from your identity provider: it creates, updates and deactivates people at /scim/v2 with its token.",
  fields: (t) => ({
    id: t.exposeID("id"),
    name: t.exposeString("name"),
    createdAt: t.field({ type: "DateTime", resolve: (c) => c.createdAt }),
    lastUsedAt: t.field({ type: "DateTime", nullable: true, description: "When the identity provider last used the token (to the minute).", resolve: (c) => c.lastUsedAt }),
    revokedAt: t.field({ type: "DateTime", nullable: true, description: "Set once the token is revoked: the identity provider can no longer use it.", resolve: (c) => c.revokedAt }),
    groups: t.field({ type: [ProvisioningGroupRef], resolve: (c) => c.groups }),
  }),
});

const NewProvisioningClientRef = builder.objectRef<{ client: ProvisioningClientView; token: string }>("NewProvisioningClient").implement({
  fields: (t) => ({
    client: t.field({ type: ProvisioningClientRef, resolve: (r) => r.client }),
    token: t.exposeString("token", {
      description: "The bearer token for your identity provider's SCIM settings. It is shown this once and the hub keeps only a hash of it: copy it now. If it is lost, revoke the connection and make a new one.",
    }),
  }),
});

builder.queryField("provisioningClients", (t) =>
  t.field({
    type: [ProvisioningClientRef],
    description: "Your partnership body's identity provider connections, newest first, with their groups (partnership administrators; empty for anyone else).",
    resolve: (_r, _a, ctx) => listProvisioningClients(ctx),
  }),
);

builder.mutationFields((t) => ({
  createProvisioningClient: t.field({
    type: NewProvisioningClientRef,
    description: "Connect your identity provider: makes a connection and its token for /scim/v2. The token is in this answer only, shown once.",
    args: { name: t.arg.string({ required: true }) },
    errors: { types: MUTATION_ERRORS, directResult: true },
    resolve: (_r, args, ctx) => createProvisioningClient(ctx, { name: args.name }),
  }),
  revokeProvisioningClient: t.field({
    type: ProvisioningClientRef,
    description: "Stop a connection's token at once. The people it provisioned keep their access until you change it.",
    args: { id: t.arg.id({ required: true }) },
    errors: { types: MUTATION_ERRORS, directResult: true },
    resolve: (_r, args, ctx) => revokeProvisioningClient(ctx, String(args.id)),
  }),
  mapProvisioningGroup: t.field({
    type: ProvisioningGroupRef,
    description: "Give the group's members a membership of an organisation serving your areas, with this role. Their access changes on their next request.",
    args: { groupId: t.arg.id({ required: true }), organisationId: t.arg.id({ required: true }), role: t.arg({ type: RoleEnum, required: true }) },
    errors: { types: MUTATION_ERRORS, directResult: true },
    resolve: (_r, args, ctx) => mapProvisioningGroup(ctx, { groupId: String(args.groupId), organisationId: String(args.organisationId), role: args.role }),
  }),
  unmapProvisioningGroup: t.field({
    type: ProvisioningGroupRef,
    description: "The group gives nothing any more: the memberships it gave end on its members' next request.",
    args: { groupId: t.arg.id({ required: true }) },
    errors: { types: MUTATION_ERRORS, directResult: true },
    resolve: (_r, args, ctx) => unmapProvisioningGroup(ctx, String(args.groupId)),
  }),
}));
