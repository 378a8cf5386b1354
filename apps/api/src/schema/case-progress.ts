import { acknowledgeCaseUpdate, breachedRulesShown, caseTimeline, checkContact, clocksSatisfiedBy, ContactAgreementBreachError, type ContactCheck, contactAnswers, listContacts, moveCaseStage, recordCaseUpdate, recordContact } from "@hub/core";
import { CaseUpdateType, ContactChannel, ContactOutcome, OutsideAgreementReason, type CaseUpdate, type CaseUpdateAcknowledgement, type ContactRecord } from "@hub/db";
import { builder } from "../builder.js";
import { CaseRef } from "./cases.js";
import { CaseStageEnum } from "./enums.js";
import { ErrorInterface, MUTATION_ERRORS } from "./errors.js";

export const CaseUpdateTypeEnum = builder.enumType(CaseUpdateType, { name: "CaseUpdateType" });
export const ContactChannelEnum = builder.enumType(ContactChannel, { name: "ContactChannel" });
const ContactOutcomeEnum = builder.enumType(ContactOutcome, { name: "ContactOutcome" });
const OutsideAgreementReasonEnum = builder.enumType(OutsideAgreementReason, {
  name: "OutsideAgreementReason",
  description: "Why a contact that did not fit her contact agreement happened.",
  values: {
    SHE_CONTACTED_US: { description: "She got in touch with us." },
    EMERGENCY: { description: "It was an emergency." },
    SAFE_FACE_TO_FACE: { description: "Face to face, somewhere safe for her." },
    MISTAKE: { description: "It was a mistake." },
  },
});

const AgreementBreachRef = builder.objectRef<{ rule: string; message: string }>("ContactAgreementBreach").implement({
  description: "One rule of her contact agreement a contact does not fit.",
  fields: (t) => ({
    rule: t.exposeString("rule", { description: "REFUSED_CHANNEL, NO_LETTERS_TO_HOME, NO_VOICEMAIL, SAFE_DAYS or SAFE_HOURS; CONTACT_AGREEMENT when you are not in her contact circle (her rules are not shown)." }),
    message: t.exposeString("message"),
  }),
});

builder.objectType(ContactAgreementBreachError, {
  name: "ContactAgreementBreachError",
  description:
    "The contact does not fit her contact agreement and nothing was recorded. Every rule it does not fit is listed at once. If it has already happened, record it again with outsideAgreementReason; a planned contact must fit.",
  interfaces: [ErrorInterface],
  isTypeOf: (value) => value instanceof ContactAgreementBreachError,
  fields: (t) => ({
    field: t.exposeString("field", { nullable: true }),
    breaches: t.field({ type: [AgreementBreachRef], resolve: (e) => [...e.breaches] }),
  }),
});

export const ContactAgreementStateEnum = builder.enumType("ContactAgreementState", {
  description: "Whether she has agreed how to be contacted, and whether you may see it.",
  values: {
    AGREED: { description: "She has an agreement and you are in her contact circle: her rules are shown to you." },
    NOT_SHOWN: { description: "She has an agreement, but you are not in her contact circle: speak to her named contact before contacting her." },
    NONE: { description: "Nobody has agreed one with her yet: ask her how she wants to be contacted, and record it." },
  } as const,
});

const ContactCheckRef = builder.objectRef<ContactCheck>("ContactCheck").implement({
  description: "Whether a contact would fit her contact agreement, by the rules recordContact applies. Nothing is recorded.",
  fields: (t) => ({
    agreement: t.field({ type: ContactAgreementStateEnum, resolve: (c) => c.agreement }),
    planned: t.exposeBoolean("planned", { description: "The time is still to come: a planned contact must fit her agreement, whatever the reason." }),
    breaches: t.field({ type: [AgreementBreachRef], description: "Every rule it does not fit, all at once (empty: it fits, or her rules are not shown to you).", resolve: (c) => c.breaches }),
  }),
});

builder.queryField("contactCheck", (t) =>
  t.field({
    type: ContactCheckRef,
    description: "Check a contact against her contact agreement before you record it (the portal asks as the form is filled). A case you may not see is not found.",
    args: {
      caseId: t.arg.id({ required: true }),
      at: t.arg({ type: "DateTime", required: true }),
      channel: t.arg({ type: ContactChannelEnum, required: true }),
      outcome: t.arg({ type: ContactOutcomeEnum, required: true }),
    },
    resolve: (_r, args, ctx) => checkContact(ctx, { caseId: String(args.caseId), at: args.at, channel: args.channel, outcome: args.outcome }),
  }),
);

const SatisfiedRef = builder.objectRef<{ clockId: string; duty: string }>("SatisfiedDuty").implement({
  description: "A Victims' Code clock this contact satisfied, and its duty.",
  fields: (t) => ({ clockId: t.exposeID("clockId"), duty: t.exposeString("duty") }),
});

const AcknowledgementRef = builder.objectRef<CaseUpdateAcknowledgement>("CaseUpdateAcknowledgement").implement({
  description: "A partner organisation has seen this update.",
  fields: (t) => ({
    organisationId: t.exposeID("organisationId"),
    at: t.field({ type: "DateTime", resolve: (a) => a.at }),
  }),
});

type UpdateView = CaseUpdate & { acknowledgements: CaseUpdateAcknowledgement[]; supersededById: string | null };

export const CaseUpdateRef = builder.objectRef<UpdateView>("CaseUpdate").implement({
  description: "Something that happened on the case. Never edited: corrections supersede.",
  fields: (t) => ({
    id: t.exposeID("id"),
    type: t.field({ type: CaseUpdateTypeEnum, resolve: (u) => u.type }),
    occurredAt: t.field({ type: "DateTime", resolve: (u) => u.occurredAt }),
    receivedAt: t.field({ type: "DateTime", description: "When the recording organisation received it.", resolve: (u) => u.receivedAt }),
    recordedByOrganisationId: t.exposeID("recordedByOrganisationId"),
    internalNote: t.exposeString("internalNote", { nullable: true, description: "For partners only, never for the victim." }),
    victimExplanation: t.exposeString("victimExplanation", { description: "What the victim should be told, in plain English." }),
    supersedesId: t.exposeID("supersedesId", { nullable: true }),
    supersededById: t.exposeID("supersededById", { nullable: true, description: "Set when a later correction replaces this update." }),
    acknowledgements: t.field({ type: [AcknowledgementRef], resolve: (u) => u.acknowledgements }),
  }),
});

export const ContactRecordRef = builder.objectRef<ContactRecord>("ContactRecord").implement({
  description: "A contact with the victim, by any agency: the communication ledger.",
  fields: (t) => ({
    id: t.exposeID("id"),
    at: t.field({ type: "DateTime", resolve: (c) => c.at }),
    byUserId: t.exposeID("byUserId"),
    organisationId: t.exposeID("organisationId"),
    channel: t.field({ type: ContactChannelEnum, resolve: (c) => c.channel }),
    summary: t.exposeString("summary"),
    answersUpdateId: t.exposeID("answersUpdateId", { nullable: true }),
    statutoryDuty: t.exposeString("statutoryDuty", { nullable: true }),
    outcome: t.field({ type: ContactOutcomeEnum, resolve: (c) => c.outcome }),
    victimResponse: t.exposeString("victimResponse", { nullable: true }),
    answersUpdateIds: t.field({ type: ["ID"], description: "Every update it answers (answersUpdateId is the first).", resolve: (c, _a, ctx) => contactAnswers(ctx, c.id) }),
    statutoryDuties: t.exposeStringList("statutoryDuties", { description: "Every Victims' Code right it answers (statutoryDuty is the first)." }),
    satisfied: t.field({
      type: [SatisfiedRef],
      description: "The Victims' Code clocks it satisfied. A hand-off through her advocate satisfies none until a later contact records she was reached.",
      resolve: (c, _a, ctx) => clocksSatisfiedBy(ctx, c.id),
    }),
    outsideAgreement: t.exposeBoolean("outsideAgreement", { description: "It did not fit her contact agreement, and was recorded because it happened." }),
    outsideAgreementReason: t.field({ type: OutsideAgreementReasonEnum, nullable: true, resolve: (c) => c.outsideAgreementReason }),
    outsideAgreementNote: t.exposeString("outsideAgreementNote", { nullable: true }),
    breachedRules: t.stringList({
      nullable: true,
      description: "Which rules of her agreement it did not fit, by name; null when you are not in her contact circle.",
      resolve: (c, _a, ctx) => breachedRulesShown(ctx, c),
    }),
  }),
});

builder.objectFields(CaseRef, (t) => ({
  timeline: t.field({ type: [CaseUpdateRef], description: "Everything that has happened, oldest first.", resolve: (c, _a, ctx) => caseTimeline(ctx, c.id, c.victimId) }),
  contacts: t.field({ type: [ContactRecordRef], description: "What the victim has been told, by whom and how, newest first.", resolve: (c, _a, ctx) => listContacts(ctx, c.id, c.victimId) }),
}));

const MovedCase = builder.objectRef<{ id: string; stage: string; version: number }>("MovedCase").implement({
  fields: (t) => ({ id: t.exposeID("id"), stage: t.field({ type: CaseStageEnum, resolve: (c) => c.stage as never }), version: t.exposeInt("version") }),
});

const RecordCaseUpdateInput = builder.inputType("RecordCaseUpdateInput", {
  fields: (t) => ({
    caseId: t.id({ required: true }),
    type: t.field({ type: CaseUpdateTypeEnum, required: true }),
    occurredAt: t.field({ type: "DateTime", required: true }),
    receivedAt: t.field({ type: "DateTime" }),
    internalNote: t.string(),
    victimExplanation: t.string({ required: true }),
    supersedesId: t.id(),
  }),
});

const RecordContactInput = builder.inputType("RecordContactInput", {
  fields: (t) => ({
    caseId: t.id({ required: true }),
    at: t.field({ type: "DateTime", required: true }),
    channel: t.field({ type: ContactChannelEnum, required: true }),
    summary: t.string({ required: true }),
    answersUpdateId: t.id({ description: "The update it answers; answersUpdateIds for several." }),
    answersUpdateIds: t.idList({ description: "Every update it answers (one call can cover bail and the interview)." }),
    statutoryDuty: t.string({ description: "The Victims' Code right it answers; statutoryDuties for several." }),
    statutoryDuties: t.stringList({ description: "Every Victims' Code right it answers." }),
    outcome: t.field({ type: ContactOutcomeEnum, required: true }),
    victimResponse: t.string(),
    outsideAgreementReason: t.field({
      type: OutsideAgreementReasonEnum,
      description: "When a contact that has happened did not fit her contact agreement: why. It is then recorded, flagged, and her contact circle is told.",
    }),
    outsideAgreementNote: t.string({ description: "Anything more about why (optional)." }),
  }),
});

const ids = <T extends Record<string, unknown>>(input: T, keys: (keyof T)[]) =>
  Object.fromEntries(Object.entries(input).map(([k, v]) => [k, keys.includes(k as keyof T) && v != null ? String(v) : v])) as T;

builder.mutationFields((t) => ({
  moveCaseStage: t.field({
    type: MovedCase,
    description: "Move a case to its next stage. Send the version you last saw: if someone changed the case since, you get a ConflictError and nothing changes.",
    args: { caseId: t.arg.id({ required: true }), to: t.arg({ type: CaseStageEnum, required: true }), expectedVersion: t.arg.int({ required: true }) },
    errors: { types: MUTATION_ERRORS, directResult: true },
    resolve: (_r, args, ctx) => moveCaseStage(ctx, { caseId: String(args.caseId), to: args.to, expectedVersion: args.expectedVersion }),
  }),
  recordCaseUpdate: t.field({
    type: CaseUpdateRef,
    args: { input: t.arg({ type: RecordCaseUpdateInput, required: true }) },
    errors: { types: MUTATION_ERRORS, directResult: true },
    resolve: (_r, { input }, ctx) => recordCaseUpdate(ctx, ids(input, ["caseId", "supersedesId"]) as never),
  }),
  acknowledgeCaseUpdate: t.field({
    type: AcknowledgementRef,
    description: "Say your organisation has seen this update.",
    args: { updateId: t.arg.id({ required: true }) },
    errors: { types: MUTATION_ERRORS, directResult: true },
    resolve: (_r, args, ctx) => acknowledgeCaseUpdate(ctx, String(args.updateId)),
  }),
  recordContact: t.field({
    type: ContactRecordRef,
    description:
      "Record a contact with the victim in the shared ledger. One that has happened and does not fit her contact agreement needs outsideAgreementReason: without it you get a ContactAgreementBreachError listing every rule it does not fit.",
    args: { input: t.arg({ type: RecordContactInput, required: true }) },
    errors: { types: [...MUTATION_ERRORS, ContactAgreementBreachError], directResult: true },
    resolve: (_r, { input }, ctx) => recordContact(ctx, { ...ids(input, ["caseId", "answersUpdateId"]), answersUpdateIds: input.answersUpdateIds?.map(String) } as never),
  }),
}));
