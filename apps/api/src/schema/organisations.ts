import { listOrganisations } from "@hub/core";
import type { Area, Organisation as OrganisationRow } from "@hub/db";
import { builder } from "../builder.js";
import { LegalTypeEnum, OrganisationKindEnum } from "./enums.js";

export const AreaRef = builder.objectRef<Area>("Area").implement({
  description: "A police force area or CPS area.",
  fields: (t) => ({
    id: t.exposeID("id"),
    code: t.exposeString("code"),
    name: t.exposeString("name"),
  }),
});

type OrganisationWithAreas = OrganisationRow & { areas?: { area: Area }[] };

export const OrganisationRef = builder.objectRef<OrganisationWithAreas>("Organisation").implement({
  description: "A member organisation of the partnership.",
  fields: (t) => ({
    id: t.exposeID("id"),
    name: t.exposeString("name"),
    kind: t.field({ type: OrganisationKindEnum, resolve: (o) => o.kind }),
    legalType: t.field({ type: LegalTypeEnum, resolve: (o) => o.legalType }),
    active: t.exposeBoolean("active"),
    areas: t.field({
      type: [AreaRef],
      resolve: async (o, _args, ctx) =>
        o.areas?.map((a) => a.area) ??
        ctx.prisma.area.findMany({ where: { organisations: { some: { organisationId: o.id } } }, orderBy: { name: "asc" } }),
    }),
  }),
});

builder.queryField("organisations", (t) =>
  t.field({
    type: [OrganisationRef],
    description: "The partnership's member organisations.",
    resolve: (_root, _args, ctx) => listOrganisations(ctx),
  }),
);
