import { getCase, listCases, NotFoundError, type CaseSummary } from "@hub/core";
import { builder } from "../builder.js";
import { connectionOf } from "./connection.js";
import { CaseStageEnum, InvolvementCapacityEnum, OffenceCategoryEnum } from "./enums.js";
import { ConsentRef, consentsOnCase } from "./consent.js";
import { AreaRef, OrganisationRef } from "./organisations.js";
import { VictimRef } from "./victims.js";

type Involvement = CaseSummary["involvements"][number];

const NamedContactRef = builder.objectRef<NonNullable<Involvement["namedContact"]>>("NamedContact").implement({
  description: "The person in an organisation who is the victim's point of contact.",
  fields: (t) => ({ id: t.exposeID("id"), name: t.exposeString("name"), email: t.exposeString("email") }),
});

const CaseInvolvementRef = builder.objectRef<Involvement>("CaseInvolvement").implement({
  description: "An organisation supporting the case, in what capacity and since when.",
  fields: (t) => ({
    id: t.exposeID("id"),
    organisation: t.field({ type: OrganisationRef, resolve: (i) => i.organisation }),
    capacity: t.field({ type: InvolvementCapacityEnum, resolve: (i) => i.capacity }),
    since: t.field({ type: "DateTime", resolve: (i) => i.since }),
    namedContact: t.field({ type: NamedContactRef, nullable: true, resolve: (i) => i.namedContact }),
  }),
});

export const CaseRef = builder.objectRef<CaseSummary>("Case").implement({
  description: "One victim's journey through one criminal case.",
  fields: (t) => ({
    id: t.exposeID("id"),
    policeUrn: t.exposeString("policeUrn", { nullable: true, description: "The police unique reference number." }),
    cpsReference: t.exposeString("cpsReference", { nullable: true }),
    offenceCategory: t.field({ type: OffenceCategoryEnum, resolve: (c) => c.offenceCategory }),
    stage: t.field({ type: CaseStageEnum, resolve: (c) => c.stage }),
    area: t.field({ type: AreaRef, resolve: (c) => c.area }),
    victimReference: t.string({ description: "The victim's pseudonymous reference in the hub.", resolve: (c) => c.victim.reference }),
    victim: t.field({ type: VictimRef, resolve: (c) => c.victim }),
    consents: t.field({
      type: [ConsentRef],
      description: "The victim's consent history: what they agreed to share, with whom and why, including withdrawn consents.",
      resolve: (c, _args, ctx) => consentsOnCase(c.id, c.victimId, ctx),
    }),
    openedAt: t.field({ type: "DateTime", resolve: (c) => c.openedAt }),
    closedAt: t.field({ type: "DateTime", nullable: true, resolve: (c) => c.closedAt }),
    version: t.exposeInt("version", { description: "Bumped by every edit; send it back when you edit the case." }),
    involvements: t.field({ type: [CaseInvolvementRef], resolve: (c) => c.involvements }),
  }),
});

const CaseConnection = connectionOf("Case", CaseRef);

builder.queryFields((t) => ({
  case: t.field({
    type: CaseRef,
    description: "One case. Not found when it does not exist or you may not see it.",
    args: { id: t.arg.id({ required: true }) },
    errors: { types: [NotFoundError], directResult: true },
    resolve: (_root, args, ctx) => getCase(ctx, String(args.id)),
  }),
  cases: t.field({
    type: CaseConnection,
    description: "The cases you may see, newest first.",
    args: {
      first: t.arg.int({ description: "How many cases, 1 to 100 (default 20)." }),
      after: t.arg.string({ description: "The endCursor of the previous page." }),
    },
    resolve: (_root, args, ctx) => listCases(ctx, args),
  }),
}));
