// The compliance report: Victims' Code deadlines met, per area, organisation and right.
// Aggregates only, with no victim data; organisation admins and partnership auditors.
import { type ComplianceRow, complianceReport, type UpdateIntervalRow, updateIntervalReport } from "@hub/core";
import { builder } from "../builder.js";
import { DutySourceEnum } from "./victim-care.js";

const ComplianceRowRef = builder.objectRef<ComplianceRow>("ComplianceRow").implement({
  description:
    "How one organisation met one Victims' Code duty in one area, for the clocks due in the period. Groups with fewer than 3 clocks are suppressed (every number null), so no victim can be singled out.",
  fields: (t) => ({
    areaId: t.exposeID("areaId"),
    areaName: t.exposeString("areaName"),
    organisationId: t.exposeID("organisationId", {
      nullable: true,
      description: "The organisation on the case whose kind owes the duty; null when none of that kind is or was on the case.",
    }),
    organisationName: t.exposeString("organisationName", { nullable: true }),
    duty: t.exposeString("duty", {
      description: "The duty, e.g. RIGHT_8_HEARING_DETAILS. RIGHT_4_REFERRAL rows are the police's and the WCU's referrals to support within 2 working days of her needs assessment; REFERRAL_ACKNOWLEDGEMENT rows (a service standard, not the Code) are the times the organisation referred to took to answer.",
    }),
    what: t.exposeString("what", { description: "What the duty is, in the users' words; a local standard's name, labelled as local." }),
    source: t.field({ type: DutySourceEnum, description: "The Victims' Code, the partnership-wide standard, or a standard the area added.", resolve: (r) => r.source }),
    suppressed: t.exposeBoolean("suppressed", { description: "Fewer than 3 clocks: the numbers are withheld." }),
    clocks: t.exposeInt("clocks", { nullable: true, description: "Clocks due in the period." }),
    onTime: t.exposeInt("onTime", { nullable: true, description: "Satisfied at or before the deadline." }),
    late: t.exposeInt("late", { nullable: true, description: "Satisfied after the deadline." }),
    breachedOpen: t.exposeInt("breachedOpen", { nullable: true, description: "Not satisfied, and past the deadline." }),
    stillOpen: t.exposeInt("stillOpen", { nullable: true, description: "Not satisfied, and not yet due." }),
    onTimePercent: t.exposeFloat("onTimePercent", {
      nullable: true,
      description: "On time as a percentage of on time, late and breached, to 1 decimal place; null when there are none.",
    }),
    medianWorkingDays: t.exposeFloat("medianWorkingDays", {
      nullable: true,
      description: "Median working days (England and Wales) from the clock's start to the contact that satisfied it; null when none was satisfied.",
    }),
  }),
});

const UpdateIntervalRowRef = builder.objectRef<UpdateIntervalRow>("UpdateIntervalRow").implement({
  description:
    "How often one organisation's updates reached victims in one area: the days between one contact that reached her and that organisation's next on the case. Groups with fewer than 3 cases are suppressed (every number null).",
  fields: (t) => ({
    areaId: t.exposeID("areaId"),
    areaName: t.exposeString("areaName"),
    organisationId: t.exposeID("organisationId"),
    organisationName: t.exposeString("organisationName"),
    suppressed: t.exposeBoolean("suppressed", { description: "Fewer than 3 cases: the numbers are withheld." }),
    cases: t.exposeInt("cases", { nullable: true, description: "Cases with a gap ending in the period." }),
    intervals: t.exposeInt("intervals", { nullable: true, description: "Gaps counted: updates that reached the victim in the period after an earlier one." }),
    medianDays: t.exposeFloat("medianDays", { nullable: true, description: "Median calendar days between updates, to 1 decimal place." }),
  }),
});

const reportArgs = (t: Parameters<Parameters<typeof builder.queryField>[1]>[0]) => ({
  from: t.arg({ type: "DateTime", required: true }),
  to: t.arg({ type: "DateTime", required: true }),
  areaId: t.arg.id(),
});
const reportInput = (args: { from: Date; to: Date; areaId?: string | number | null }) => ({
  from: args.from,
  to: args.to,
  areaId: args.areaId == null ? null : String(args.areaId),
});

builder.queryField("complianceReport", (t) =>
  t.field({
    type: [ComplianceRowRef],
    description: "Victims' Code compliance for clocks due from `from` (inclusive) to `to` (exclusive), optionally in one area. Organisation admins and partnership auditors.",
    args: reportArgs(t),
    resolve: (_root, args, ctx) => complianceReport(ctx, reportInput(args)),
  }),
);

builder.queryField("updateIntervalReport", (t) =>
  t.field({
    type: [UpdateIntervalRowRef],
    description:
      "Median days between updates that reached victims, per area and organisation, for updates from `from` (inclusive) to `to` (exclusive), optionally in one area. Organisation admins and partnership auditors.",
    args: reportArgs(t),
    resolve: (_root, args, ctx) => updateIntervalReport(ctx, reportInput(args)),
  }),
);
