import { mayOpenCases } from "@hub/core";
import type { Actor } from "@hub/policy";
import { builder } from "../builder.js";
import { RoleEnum } from "./enums.js";
import { OrganisationRef } from "./organisations.js";

export const ViewerRef = builder.objectRef<Actor>("Viewer").implement({
  description: "You: the signed-in user and the organisation you act for.",
  fields: (t) => ({
    id: t.exposeID("userId"),
    name: t.exposeString("name"),
    email: t.exposeString("email"),
    roles: t.field({ type: [RoleEnum], resolve: (actor) => actor.roles }),
    mayOpenCases: t.boolean({ description: "You may open cases (police and Witness Care Units, for your stated purpose, in your areas).", resolve: (_actor, _a, ctx) => mayOpenCases(ctx) }),
    organisation: t.field({
      type: OrganisationRef,
      resolve: (actor, _args, ctx) => ctx.prisma.organisation.findUniqueOrThrow({ where: { id: actor.organisationId } }),
    }),
  }),
});

builder.queryField("viewer", (t) => t.field({ type: ViewerRef, resolve: (_root, _args, ctx) => ctx.actor }));
