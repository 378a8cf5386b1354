import { getVictimContactDetails, getVictimIdentity, updateVictimContactDetails, updateVictimIdentity, victimDetailsHistory } from "@hub/core";
import type { VictimContactDetails, VictimDetailsRevision, VictimIdentity } from "@hub/db";
import { builder } from "../builder.js";
import { MUTATION_ERRORS } from "./errors.js";

const DetailsChangeRef = builder.objectRef<VictimDetailsRevision>("VictimDetailsChange").implement({
  description: "A change to her details: what it replaced (the earlier values, as they were), who changed it and when.",
  fields: (t) => ({
    changedFields: t.exposeStringList("changedFields"),
    previous: t.string({ description: "The earlier values, as JSON (field: value).", resolve: (r) => JSON.stringify(r.previous) }),
    replacedAt: t.field({ type: "DateTime", resolve: (r) => r.replacedAt }),
    replacedByOrganisationId: t.exposeID("replacedByOrganisationId"),
    replacedByName: t.string({
      nullable: true,
      description: "Who changed it (a member of the partnership).",
      resolve: async (r, _a, ctx) => (await ctx.prisma.user.findUnique({ where: { id: r.replacedByUserId }, select: { name: true } }))?.name ?? null,
    }),
  }),
});

const VictimIdentityRef = builder.objectRef<VictimIdentity>("VictimIdentity").implement({
  fields: (t) => ({
    fullName: t.exposeString("fullName"),
    preferredName: t.exposeString("preferredName", { nullable: true }),
    dateOfBirth: t.field({ type: "DateTime", nullable: true, deprecationReason: "Use dateOfBirthDate: a date of birth has no time.", resolve: (v) => v.dateOfBirth }),
    dateOfBirthDate: t.field({ type: "Date", nullable: true, resolve: (v) => v.dateOfBirth }),
    changes: t.field({ type: [DetailsChangeRef], description: "Earlier versions, newest first.", resolve: (v, _a, ctx) => victimDetailsHistory(ctx, v.victimId, "IDENTITY") }),
  }),
});

const VictimContactDetailsRef = builder.objectRef<VictimContactDetails>("VictimContactDetails").implement({
  description: "Only organisations the victim chose as contacts receive these.",
  fields: (t) => ({
    address: t.exposeString("address", { nullable: true }),
    postcode: t.exposeString("postcode", { nullable: true }),
    phone: t.exposeString("phone", { nullable: true }),
    email: t.exposeString("email", { nullable: true }),
    changes: t.field({ type: [DetailsChangeRef], description: "Earlier versions, newest first.", resolve: (v, _a, ctx) => victimDetailsHistory(ctx, v.victimId, "CONTACT_DETAILS") }),
  }),
});

export const VictimRef = builder.objectRef<{ id: string; reference: string }>("Victim").implement({
  description: "The victim on a case. Each part is null where you may not receive it.",
  fields: (t) => ({
    reference: t.exposeString("reference", { description: "The victim's pseudonymous reference in the hub." }),
    identity: t.field({ type: VictimIdentityRef, nullable: true, resolve: (v, _a, ctx) => getVictimIdentity(ctx, v.id) }),
    contactDetails: t.field({ type: VictimContactDetailsRef, nullable: true, resolve: (v, _a, ctx) => getVictimContactDetails(ctx, v.id) }),
  }),
});

builder.mutationFields((t) => ({
  updateVictimIdentity: t.field({
    type: VictimIdentityRef,
    description: "Correct or change who she is (those who may read it). Fields left out stay as they are; the earlier values are kept.",
    args: { caseId: t.arg.id({ required: true }), fullName: t.arg.string(), preferredName: t.arg.string(), dateOfBirth: t.arg({ type: "Date" }) },
    errors: { types: MUTATION_ERRORS, directResult: true },
    resolve: (_r, args, ctx) => updateVictimIdentity(ctx, { ...args, caseId: String(args.caseId), fullName: args.fullName ?? undefined }),
  }),
  updateVictimContactDetails: t.field({
    type: VictimContactDetailsRef,
    description: "Record or change how to reach her (her contact circle only). Fields left out stay as they are; an empty value clears one; the earlier values are kept.",
    args: { caseId: t.arg.id({ required: true }), address: t.arg.string(), postcode: t.arg.string(), phone: t.arg.string(), email: t.arg.string() },
    errors: { types: MUTATION_ERRORS, directResult: true },
    resolve: (_r, args, ctx) => updateVictimContactDetails(ctx, { ...args, caseId: String(args.caseId) }),
  }),
}));
