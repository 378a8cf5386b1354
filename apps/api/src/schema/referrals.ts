// Closed-loop referrals: make one, work it through its states, see what became of it.
import { changeReferralStatus, makeReferral, referralsInbox, referralsOnCase } from "@hub/core";
import { type DataCategory, ReferralStatus, ReferralUrgency, type Referral, type ReferralEvent, type ReferralShare } from "@hub/db";
import { builder } from "../builder.js";
import { CaseRef } from "./cases.js";
import { DataCategoryEnum } from "./enums.js";
import { MUTATION_ERRORS } from "./errors.js";
import { VictimRef } from "./victims.js";

const StatusEnum = builder.enumType(ReferralStatus, { name: "ReferralStatus" });
const UrgencyEnum = builder.enumType(ReferralUrgency, { name: "ReferralUrgency" });

const EventRef = builder.objectRef<ReferralEvent>("ReferralEvent").implement({
  fields: (t) => ({
    fromStatus: t.field({ type: StatusEnum, nullable: true, resolve: (e) => e.fromStatus }),
    toStatus: t.field({ type: StatusEnum, resolve: (e) => e.toStatus }),
    byOrganisationId: t.exposeID("byOrganisationId"),
    at: t.field({ type: "DateTime", resolve: (e) => e.at }),
    reason: t.exposeString("reason", { nullable: true }),
  }),
});

type ReferralView = Referral & { shares: ReferralShare[]; events: ReferralEvent[]; toService?: { id: string; name: string } | null; case?: { victimId: string } };

const ReferralRef = builder.objectRef<ReferralView>("Referral").implement({
  description: "A referral of a victim from one organisation to another, or to a directory service.",
  fields: (t) => ({
    id: t.exposeID("id"),
    caseId: t.exposeID("caseId"),
    fromOrganisationId: t.exposeID("fromOrganisationId"),
    toOrganisationId: t.exposeID("toOrganisationId", { nullable: true }),
    toServiceName: t.string({ nullable: true, resolve: (r) => r.toService?.name ?? null }),
    reason: t.exposeString("reason"),
    urgency: t.field({ type: UrgencyEnum, resolve: (r) => r.urgency }),
    shares: t.field({ type: [DataCategoryEnum], description: "Exactly which kinds of information travel with it.", resolve: (r) => r.shares.map((s) => s.category) }),
    status: t.field({ type: StatusEnum, resolve: (r) => r.status }),
    statusReason: t.exposeString("statusReason", { nullable: true }),
    outcome: t.exposeString("outcome", { nullable: true }),
    outcomeInAgreedMessage: t.exposeBoolean("outcomeInAgreedMessage", {
      description: "The victim agreed that where this referral stands may be told in the agreed message every organisation on her case sees (never its reason or outcome text).",
    }),
    version: t.exposeInt("version"),
    createdAt: t.field({ type: "DateTime", resolve: (r) => r.createdAt }),
    events: t.field({ type: [EventRef], resolve: (r) => r.events }),
    victim: t.field({
      type: VictimRef,
      nullable: true,
      description: "What the referral carries about the victim; each part is null unless shared with you.",
      resolve: async (r, _a, ctx) => {
        const victimId = r.case?.victimId ?? (await ctx.prisma.case.findUniqueOrThrow({ where: { id: r.caseId }, select: { victimId: true } })).victimId;
        const victim = await ctx.prisma.victim.findUniqueOrThrow({ where: { id: victimId }, select: { id: true, reference: true } });
        return victim;
      },
    }),
  }),
});

builder.objectField(CaseRef, "referrals", (t) => t.field({ type: [ReferralRef], resolve: (c, _a, ctx) => referralsOnCase(ctx, c.id) }));

builder.queryField("referralsInbox", (t) =>
  t.field({
    type: [ReferralRef],
    description: "Referrals sent to your organisation, most urgent and oldest first.",
    args: { status: t.arg({ type: [StatusEnum] }) },
    resolve: (_r, args, ctx) => referralsInbox(ctx, args.status ?? null),
  }),
);

builder.mutationFields((t) => ({
  makeReferral: t.field({
    type: ReferralRef,
    args: {
      caseId: t.arg.id({ required: true }),
      toOrganisationId: t.arg.id(),
      toServiceId: t.arg.id(),
      reason: t.arg.string({ required: true }),
      urgency: t.arg({ type: UrgencyEnum }),
      shares: t.arg({ type: [DataCategoryEnum] }),
      outcomeInAgreedMessage: t.arg.boolean({
        description:
          'Ask her: "Is it all right if everyone supporting you with your case can see whether this service has taken you on, so we can all tell you the same thing?" True only if she says yes. Default false.',
      }),
    },
    errors: { types: MUTATION_ERRORS, directResult: true },
    resolve: (_r, args, ctx) =>
      makeReferral(ctx, {
        caseId: String(args.caseId),
        toOrganisationId: args.toOrganisationId ? String(args.toOrganisationId) : null,
        toServiceId: args.toServiceId ? String(args.toServiceId) : null,
        reason: args.reason,
        urgency: args.urgency ?? "ROUTINE",
        shares: (args.shares ?? []) as DataCategory[],
        outcomeInAgreedMessage: args.outcomeInAgreedMessage ?? false,
      }),
  }),
  changeReferralStatus: t.field({
    type: ReferralRef,
    description: "Move a referral on: received, accepted, rejected (with a reason), in progress, on hold, completed (with the outcome), cancelled, failed.",
    args: { referralId: t.arg.id({ required: true }), to: t.arg({ type: StatusEnum, required: true }), reason: t.arg.string(), outcome: t.arg.string(), expectedVersion: t.arg.int({ required: true }) },
    errors: { types: MUTATION_ERRORS, directResult: true },
    resolve: (_r, args, ctx) => changeReferralStatus(ctx, { ...args, referralId: String(args.referralId) }),
  }),
}));
