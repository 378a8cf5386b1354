// How the victim wants to hear (her contact contract), her Enhanced Rights and service
// tier, and the Victims' Code clocks and keep-in-touch tasks on her case.
import {
  contactAgreementState,
  assessEnhancedRights,
  type ClockStatus,
  type ContactContractView,
  currentEnhancedRights,
  type DutySource,
  getContactContract,
  getVictimNeeds,
  heartbeatWordsNow,
  clocksOfCase,
  keepInTouchTasksOfCase,
  nowOf,
  type Reassessment,
  satisfyingContact,
  setContactContract,
  type VictimNeedsView,
} from "@hub/core";
import { DetailLevel, EnhancedRightsGround, KeepInTouchStatus, ReassessmentReason, ServiceTier, UpdateFrequency, type EnhancedRightsAssessment, type KeepInTouchTask, type StatutoryClock } from "@hub/db";
import { builder } from "../builder.js";
import { ContactAgreementStateEnum, ContactChannelEnum, ContactRecordRef } from "./case-progress.js";
import { CaseRef } from "./cases.js";
import { OrganisationKindEnum } from "./enums.js";
import { MUTATION_ERRORS } from "./errors.js";
import { VictimRef } from "./victims.js";

const FrequencyEnum = builder.enumType(UpdateFrequency, { name: "UpdateFrequency" });
const DetailEnum = builder.enumType(DetailLevel, { name: "DetailLevel" });
const GroundEnum = builder.enumType(EnhancedRightsGround, { name: "EnhancedRightsGround" });
const TierEnum = builder.enumType(ServiceTier, { name: "ServiceTier" });
const TaskStatusEnum = builder.enumType(KeepInTouchStatus, { name: "KeepInTouchStatus" });
const ClockStatusEnum = builder.enumType("ClockStatus", {
  description: "An agency's duty is BREACHED, OPEN, MET_LATE or MET. The victim's own window to ask for a review (duty VRR_REQUEST_WINDOW) is owed by nobody, so it is never breached: WINDOW_OPEN, then WINDOW_CLOSED.",
  values: {
    BREACHED: { description: "Not done, and the deadline has passed." },
    OPEN: { description: "Not done yet; the deadline has not passed." },
    WINDOW_OPEN: { description: "The victim can still ask for a review of the decision (Victims' Right to Review)." },
    MET_LATE: { description: "Done after the deadline." },
    MET: { description: "Done on time." },
    WINDOW_CLOSED: { description: "Her window to ask for a review has passed (the CPS scheme: 10 working days; the police scheme: 3 months); a later request is considered only exceptionally." },
    STOPPED: { description: "Withdrawn before it was met (the referral that started it was cancelled): nothing is owed, and it is not counted." },
  } satisfies Record<ClockStatus, unknown>,
});
const ReassessmentReasonEnum = builder.enumType(ReassessmentReason, { name: "ReassessmentReason" });

const ReassessmentRef = builder.objectRef<Reassessment>("Reassessment").implement({
  description: "Whether to offer the victim a reassessment of her Enhanced Rights and service tier, and why. The next assessment closes the offers.",
  fields: (t) => ({
    due: t.exposeBoolean("due", { description: "True when there is any reason below, or her review date has passed." }),
    reasons: t.field({ type: [ReassessmentReasonEnum], resolve: (r) => r.reasons }),
    explanation: t.exposeStringList("explanation", { description: "In plain English, one sentence per reason (and one when her review date has passed)." }),
    raisedAt: t.field({ type: "DateTime", nullable: true, description: "When the earliest open offer was raised.", resolve: (r) => r.raisedAt }),
  }),
});

const ContactContractRef = builder.objectRef<ContactContractView>("VictimContactContract").implement({
  description:
    "How the victim has asked to be contacted. Only those she chose to contact her see it (and an organisation a referral carries it to). Read it before every contact. Her language, interpreter and health needs in it are null unless she agreed you may know them.",
  fields: (t) => ({
    channels: t.field({ type: [ContactChannelEnum], description: "In order of preference.", resolve: (c) => c.channels! }),
    refusedChannels: t.field({ type: [ContactChannelEnum], resolve: (c) => c.refusedChannels! }),
    safeDays: t.intList({ description: "ISO weekdays (1 = Monday); empty means any day.", resolve: (c) => c.safeDays! }),
    safeFrom: t.exposeString("safeFrom", { nullable: true }),
    safeUntil: t.exposeString("safeUntil", { nullable: true }),
    noVoicemail: t.boolean({ resolve: (c) => c.noVoicemail! }),
    noLettersToHome: t.boolean({ resolve: (c) => c.noLettersToHome! }),
    neverFromWithheldNumber: t.boolean({ resolve: (c) => c.neverFromWithheldNumber! }),
    codeword: t.exposeString("codeword", { nullable: true }),
    language: t.exposeString("language", { nullable: true, description: "Null unless you may know her needs." }),
    interpreterNeeded: t.boolean({ nullable: true, description: "Null unless you may know her needs.", resolve: (c) => c.interpreterNeeded }),
    accessibilityNeeds: t.exposeString("accessibilityNeeds", { nullable: true, description: "Health information: null unless she explicitly agreed you may know it (or your duty and agreement cover it)." }),
    updateFrequency: t.field({ type: FrequencyEnum, resolve: (c) => c.updateFrequency! }),
    detailLevel: t.field({ type: DetailEnum, resolve: (c) => c.detailLevel! }),
    namedContactUserId: t.exposeID("namedContactUserId", { nullable: true }),
    agreedAt: t.field({ type: "DateTime", resolve: (c) => c.agreedAt }),
    version: t.exposeInt("version"),
  }),
});

const VictimNeedsRef = builder.objectRef<VictimNeedsView>("VictimNeeds").implement({
  description: "What she needs to take part, and her health needs: each null unless you may know it.",
  fields: (t) => ({
    language: t.exposeString("language", { nullable: true }),
    interpreterNeeded: t.boolean({ nullable: true, resolve: (n) => n.interpreterNeeded }),
    accessibilityNeeds: t.exposeString("accessibilityNeeds", { nullable: true }),
  }),
});

const EnhancedRightsRef = builder.objectRef<EnhancedRightsAssessment & { dueForReview: boolean; reassessment: Reassessment }>("EnhancedRightsAssessment").implement({
  fields: (t) => ({
    eligible: t.exposeBoolean("eligible"),
    grounds: t.field({ type: [GroundEnum], resolve: (a) => a.grounds }),
    serviceTier: t.field({ type: TierEnum, resolve: (a) => a.serviceTier }),
    raisedAtVictimsWish: t.exposeBoolean("raisedAtVictimsWish"),
    assessedByOrganisationId: t.exposeID("assessedByOrganisationId"),
    assessedAt: t.field({ type: "DateTime", resolve: (a) => a.assessedAt }),
    reviewBy: t.field({ type: "DateTime", nullable: true, resolve: (a) => a.reviewBy }),
    dueForReview: t.exposeBoolean("dueForReview"),
    reassessment: t.field({ type: ReassessmentRef, resolve: (a) => a.reassessment }),
  }),
});

export const DutySourceEnum = builder.enumType("DutySource", {
  values: {
    VICTIMS_CODE: { description: "A Victims' Code right: the law requires it." },
    SERVICE_STANDARD: { description: "A standard the partnership agreed beyond the Code (e.g. answering a referral within 2 working days)." },
    LOCAL_STANDARD: { description: "A standard the partnership added for this area (a local service standard): not the law, the partnership's own promise." },
  } as const,
});

const ClockRef = builder.objectRef<StatutoryClock & { status: ClockStatus; what: string; source: DutySource }>("StatutoryClock").implement({
  description: "A deadline on the case: a Victims' Code right, or a standard the partnership keeps (source says which).",
  fields: (t) => ({
    id: t.exposeID("id"),
    duty: t.exposeString("duty", { description: "The right (e.g. RIGHT_8_HEARING_DETAILS), or LOCAL: and the id of a local service standard." }),
    what: t.exposeString("what", { description: "What must happen, in the users' words (a local standard's name, labelled as local)." }),
    localStandardId: t.exposeID("localStandardId", { nullable: true, description: "The local service standard it times." }),
    owedByKind: t.field({ type: OrganisationKindEnum, nullable: true, description: "Who owes the duty; null for the victim's own window to ask for a review.", resolve: (c) => c.owedByKind }),
    enhanced: t.exposeBoolean("enhanced"),
    startedAt: t.field({ type: "DateTime", resolve: (c) => c.startedAt }),
    dueAt: t.field({ type: "DateTime", resolve: (c) => c.dueAt }),
    satisfiedAt: t.field({ type: "DateTime", nullable: true, resolve: (c) => c.satisfiedAt }),
    status: t.field({ type: ClockStatusEnum, resolve: (c) => c.status }),
    source: t.field({
      type: DutySourceEnum,
      description: "Whether the Victims' Code requires it, or it is a standard the partnership keeps beyond the Code.",
      resolve: (c) => c.source,
    }),
    startedByUpdateId: t.exposeID("startedByUpdateId", {
      nullable: true,
      description: "What started it: the case update (after a correction, the correction), the referral (REFERRAL_ACKNOWLEDGEMENT) or her needs assessment (RIGHT_4_REFERRAL).",
    }),
    startedByHearingId: t.exposeID("startedByHearingId", { nullable: true, description: "The hearing whose court result started it." }),
    satisfiedByContactId: t.exposeID("satisfiedByContactId", { nullable: true, description: "The ledger contact that satisfied it." }),
    satisfiedBy: t.field({ type: ContactRecordRef, nullable: true, description: "The ledger contact that satisfied it, if you may read the ledger.", resolve: (c, _a, ctx) => satisfyingContact(ctx, c.satisfiedByContactId) }),
  }),
});

const TaskRef = builder.objectRef<KeepInTouchTask>("KeepInTouchTask").implement({
  description: "Keep in touch: she asked to hear every week, fortnight or four weeks, even when nothing has changed. One task per agreed interval, for her named contact.",
  fields: (t) => ({
    id: t.exposeID("id"),
    organisationId: t.exposeID("organisationId"),
    assignedToUserId: t.exposeID("assignedToUserId", { nullable: true, description: "Her current named contact at that organisation (after a hand-over, the new one)." }),
    dueAt: t.field({ type: "DateTime", resolve: (k) => k.dueAt }),
    suggestedMessage: t.string({
      description: "Suggested words for her. While the task is open they are made again from the case as it stands now: 'no change' only if nothing has happened since she was last reached.",
      resolve: (k, _a, ctx) => heartbeatWordsNow(ctx.prisma, k, nowOf(ctx)),
    }),
    status: t.field({ type: TaskStatusEnum, resolve: (k) => k.status }),
    windowStartsAt: t.field({ type: "DateTime", description: "Where the interval it is for started: her last contact that reached her, or the previous task's due time.", resolve: (k) => k.windowStartsAt }),
    completedAt: t.field({ type: "DateTime", nullable: true, description: "When it was closed (DONE) or cancelled.", resolve: (k) => k.completedAt }),
    closedByContactId: t.exposeID("closedByContactId", { nullable: true, description: "The contact that reached her and closed it (DONE)." }),
    closedReason: t.exposeString("closedReason", { nullable: true, description: "Why it was cancelled: CASE_CLOSED; NO_LONGER_KEEPS_HER_INFORMED (the organisation may no longer contact her, or another keeps her informed now); NO_REGULAR_UPDATES_ASKED (she now asks to hear only when something happens)." }),
  }),
});

builder.objectFields(CaseRef, (t) => ({
  contactContract: t.field({ type: ContactContractRef, nullable: true, description: "Null when there is none, or you are not in her contact circle.", resolve: (c, _a, ctx) => getContactContract(ctx, c.victimId) }),
  contactAgreement: t.field({ type: ContactAgreementStateEnum, description: "Whether she has agreed how to be contacted, and whether you may see it (contactContract is its content).", resolve: (c, _a, ctx) => contactAgreementState(ctx, c.victimId) }),
  enhancedRights: t.field({ type: EnhancedRightsRef, nullable: true, resolve: (c, _a, ctx) => currentEnhancedRights(ctx, c.victimId) }),
  clocks: t.field({ type: [ClockRef], description: "Breached and open first.", resolve: (c, _a, ctx) => clocksOfCase(ctx, c.id) }),
  keepInTouchTasks: t.field({ type: [TaskRef], resolve: (c, _a, ctx) => keepInTouchTasksOfCase(ctx, c.id) }),
}));

const ContactContractInput = builder.inputType("ContactContractInput", {
  fields: (t) => ({
    caseId: t.id({ required: true }),
    channels: t.field({ type: [ContactChannelEnum], required: true }),
    refusedChannels: t.field({ type: [ContactChannelEnum] }),
    safeDays: t.intList(),
    safeFrom: t.string(),
    safeUntil: t.string(),
    noVoicemail: t.boolean(),
    noLettersToHome: t.boolean(),
    neverFromWithheldNumber: t.boolean(),
    codeword: t.string(),
    language: t.string(),
    interpreterNeeded: t.boolean(),
    accessibilityNeeds: t.string(),
    updateFrequency: t.field({ type: FrequencyEnum, required: true }),
    detailLevel: t.field({ type: DetailEnum }),
    namedContactUserId: t.id(),
    expectedVersion: t.int({ description: "The version you last saw, when changing an existing agreement." }),
  }),
});

const strip = <T extends Record<string, unknown>>(o: T) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== null && v !== undefined)) as T;

builder.mutationFields((t) => ({
  setContactContract: t.field({
    type: ContactContractRef,
    description: "Record how the victim wants to be contacted, as agreed with her.",
    args: { input: t.arg({ type: ContactContractInput, required: true }) },
    errors: { types: MUTATION_ERRORS, directResult: true },
    resolve: (_r, { input }, ctx) => setContactContract(ctx, strip({ ...input, caseId: String(input.caseId), namedContactUserId: input.namedContactUserId ? String(input.namedContactUserId) : null }) as never),
  }),
  assessEnhancedRights: t.field({
    type: EnhancedRightsRef,
    args: {
      caseId: t.arg.id({ required: true }),
      grounds: t.arg({ type: [GroundEnum], required: true }),
      serviceTier: t.arg({ type: TierEnum, required: true }),
      raisedAtVictimsWish: t.arg.boolean(),
      reviewBy: t.arg({ type: "DateTime" }),
    },
    errors: { types: MUTATION_ERRORS, directResult: true },
    resolve: (_r, args, ctx) => assessEnhancedRights(ctx, { ...args, caseId: String(args.caseId), raisedAtVictimsWish: args.raisedAtVictimsWish ?? false }),
  }),
}));

builder.objectFields(VictimRef, (t) => ({
  contactAgreement: t.field({
    type: ContactContractRef,
    nullable: true,
    description: "How she has asked to be contacted: null when there is none, or you may not contact her (a referral to you may carry it).",
    resolve: (v, _a, ctx) => getContactContract(ctx, v.id),
  }),
  needs: t.field({ type: VictimNeedsRef, nullable: true, description: "Her language, interpreter and health needs, as far as you may know them.", resolve: (v, _a, ctx) => getVictimNeeds(ctx, v.id) }),
  enhancedRights: t.field({ type: EnhancedRightsRef, nullable: true, description: "Her current Enhanced Rights assessment, if you may know her needs.", resolve: (v, _a, ctx) => currentEnhancedRights(ctx, v.id) }),
}));

