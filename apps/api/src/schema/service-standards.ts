// The partnership's own local service standards: read by every signed-in partner, added and
// retired by the partnership body's administrators for their areas. Their clocks appear on
// cases and in the compliance report beside the Victims' Code's, labelled as local.
import { addLocalServiceStandard, listLocalServiceStandards, retireLocalServiceStandard } from "@hub/core";
import type { LocalServiceStandard } from "@hub/db";
import { subject } from "@hub/policy";
import { builder } from "../builder.js";
import { CaseUpdateTypeEnum } from "./case-progress.js";
import { CaseStageEnum, OrganisationKindEnum } from "./enums.js";
import { MUTATION_ERRORS } from "./errors.js";

export const LocalServiceStandardRef = builder.objectRef<LocalServiceStandard>("LocalServiceStandard").implement({
  description:
    "A standard the partnership keeps in one area beyond the Victims' Code (e.g. the CPS contacts the victim when the police file reaches it). Timed on every case in the area like the Code's rights, and reported as local. Not personal data.",
  fields: (t) => ({
    id: t.exposeID("id"),
    areaId: t.exposeID("areaId"),
    name: t.exposeString("name", { description: "What must happen, in the partnership's words." }),
    startsOnStage: t.field({ type: CaseStageEnum, nullable: true, description: "The clock starts when a case enters this stage...", resolve: (s) => s.startsOnStage }),
    startsOnUpdateType: t.field({ type: CaseUpdateTypeEnum, nullable: true, description: "...or when an update of this kind is recorded.", resolve: (s) => s.startsOnUpdateType }),
    owedByKind: t.field({ type: OrganisationKindEnum, resolve: (s) => s.owedByKind }),
    workingDays: t.exposeInt("workingDays"),
    enhancedWorkingDays: t.exposeInt("enhancedWorkingDays", { description: "For a victim with Enhanced Rights: never more than workingDays." }),
    addedByOrganisationId: t.exposeID("addedByOrganisationId"),
    createdAt: t.field({ type: "DateTime", resolve: (s) => s.createdAt }),
    retiredAt: t.field({ type: "DateTime", nullable: true, description: "From then on it starts no clock; those it started run on.", resolve: (s) => s.retiredAt }),
    retiredReason: t.exposeString("retiredReason", { nullable: true }),
    canRetire: t.boolean({ description: "Whether you may retire it.", resolve: (s, _a, ctx) => s.retiredAt === null && ctx.ability.can("update", subject("LocalServiceStandard", s as never)) }),
  }),
});

builder.queryField("localServiceStandards", (t) =>
  t.field({
    type: [LocalServiceStandardRef],
    description: "The partnership's local service standards, in force first. Any signed-in partner may read them; no stated purpose is needed.",
    args: { areaId: t.arg.id(), includeRetired: t.arg.boolean({ description: "Retired standards too (default: only those in force)." }) },
    resolve: (_r, args, ctx) => listLocalServiceStandards(ctx, { areaId: args.areaId == null ? null : String(args.areaId), includeRetired: args.includeRetired }),
  }),
);

const AddStandardInput = builder.inputType("AddLocalServiceStandardInput", {
  description: "Give exactly one event that starts the clock: startsOnStage or startsOnUpdateType.",
  fields: (t) => ({
    areaId: t.id({ required: true }),
    name: t.string({ required: true, description: "What must happen, e.g. “The CPS contacts the victim when the police file reaches it”." }),
    startsOnStage: t.field({ type: CaseStageEnum }),
    startsOnUpdateType: t.field({ type: CaseUpdateTypeEnum }),
    owedByKind: t.field({ type: OrganisationKindEnum, required: true }),
    workingDays: t.int({ required: true, description: "1 to 60 working days (England and Wales)." }),
    enhancedWorkingDays: t.int({ description: "For a victim with Enhanced Rights; default the same as workingDays, never more." }),
  }),
});

builder.mutationFields((t) => ({
  addLocalServiceStandard: t.field({
    type: LocalServiceStandardRef,
    description: "Add a local service standard for one of your areas (partnership administrators). Cases whose event happens from now on are timed by it.",
    args: { input: t.arg({ type: AddStandardInput, required: true }) },
    errors: { types: MUTATION_ERRORS, directResult: true },
    resolve: (_r, { input }, ctx) => addLocalServiceStandard(ctx, { ...input, areaId: String(input.areaId) }),
  }),
  retireLocalServiceStandard: t.field({
    type: LocalServiceStandardRef,
    description: "Retire a local service standard: it starts no new clock; those it started run on. A standard you may not retire is not found.",
    args: { id: t.arg.id({ required: true }), reason: t.arg.string({ required: true }) },
    errors: { types: MUTATION_ERRORS, directResult: true },
    resolve: (_r, args, ctx) => retireLocalServiceStandard(ctx, { id: String(args.id), reason: args.reason }),
  }),
}));
