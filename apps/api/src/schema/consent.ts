import { type ConsentView, consentNow, listConsents, recordConsent, type StatementView, withdrawConsent } from "@hub/core";
import type { ConsentGrant } from "@hub/db";
import { builder } from "../builder.js";
import { AccessPurposeEnum, ConsentGivenByEnum, DataCategoryEnum, OrganisationKindEnum } from "./enums.js";
import { MUTATION_ERRORS } from "./errors.js";

export const ConsentDecisionEnum = builder.enumType("ConsentDecision", {
  values: {
    GIVEN: { description: "She agreed it may be shared." },
    WITHHELD: { description: "She asked for it to be kept back." },
    WITHDRAWN: { description: "She took back an agreement she had given." },
  } as const,
});

export const ConsentSaidHowEnum = builder.enumType("ConsentSaidHow", {
  description: "How she told the person who recorded it.",
  values: ["IN_PERSON", "PHONE", "VIDEO_CALL", "SIGNED_FORM", "IN_WRITING", "THROUGH_REPRESENTATIVE"] as const,
});

const ConsentStatementRef = builder.objectRef<StatementView>("ConsentStatement").implement({
  description:
    "One thing she said: this kind of information, to this organisation (or every organisation of a kind, or everyone), for this purpose (or every purpose). For each, her most recent statement stands, whoever recorded it.",
  fields: (t) => ({
    id: t.exposeID("id"),
    decision: t.field({ type: ConsentDecisionEnum, resolve: (s) => s.decision }),
    category: t.field({ type: DataCategoryEnum, resolve: (s) => s.category }),
    purpose: t.field({ type: AccessPurposeEnum, nullable: true, description: "Null: every purpose.", resolve: (s) => s.purpose }),
    recipientOrganisationId: t.exposeID("recipientOrganisationId", { nullable: true }),
    recipientKind: t.field({ type: OrganisationKindEnum, nullable: true, resolve: (s) => s.recipientKind }),
    toEveryone: t.boolean({ description: "True when it names no organisation and no kind: it is about everyone.", resolve: (s) => s.recipientOrganisationId === null && s.recipientKind === null }),
    statedAt: t.field({ type: "DateTime", description: "When she said it.", resolve: (s) => s.statedAt }),
    reason: t.exposeString("reason", { nullable: true, description: "Why it is kept back, when she said. Only the organisation that recorded it sees it." }),
    supersededAt: t.field({
      type: "DateTime",
      nullable: true,
      description: "When something she said later took this statement's place for everyone it spoke about; null while it still stands.",
      resolve: (s) => s.supersededAt,
    }),
  }),
});

const ConsentScopeRef = builder.objectRef<StatementView>("ConsentScope").implement({
  description: "One thing the victim agreed to in this record: this kind of information, to this organisation (or kind of organisation), for this purpose.",
  fields: (t) => ({
    category: t.field({ type: DataCategoryEnum, resolve: (s) => s.category }),
    purpose: t.field({ type: AccessPurposeEnum, resolve: (s) => s.purpose! }),
    recipientOrganisationId: t.exposeID("recipientOrganisationId", { nullable: true }),
    recipientKind: t.field({ type: OrganisationKindEnum, nullable: true, resolve: (s) => s.recipientKind }),
  }),
});

const ConsentWithholdingRef = builder.objectRef<StatementView>("ConsentWithholding").implement({
  description: "Something the victim asked in this record to keep back from an organisation (or a kind of organisation, or everyone).",
  fields: (t) => ({
    category: t.field({ type: DataCategoryEnum, resolve: (w) => w.category }),
    fromOrganisationId: t.exposeID("recipientOrganisationId", { nullable: true }),
    fromKind: t.field({ type: OrganisationKindEnum, nullable: true, resolve: (w) => w.recipientKind }),
    purpose: t.field({ type: AccessPurposeEnum, nullable: true, description: "Null: for every purpose.", resolve: (w) => w.purpose }),
    reason: t.exposeString("reason", { nullable: true, description: "Only the organisation that recorded it sees why." }),
  }),
});

export const ConsentRef = builder.objectRef<ConsentView>("Consent").implement({
  description:
    "One occasion on which the victim said what may be shared, kept back or taken back, as recorded. Never edited: what she says later is a new record, and her latest word on each thing stands.",
  fields: (t) => ({
    id: t.exposeID("id"),
    givenBy: t.field({ type: ConsentGivenByEnum, resolve: (c) => c.givenBy }),
    capturedByOrganisationId: t.exposeID("capturedByOrganisationId"),
    capturedAt: t.field({ type: "DateTime", resolve: (c) => c.capturedAt }),
    evidence: t.exposeString("evidence", { nullable: true, description: "Where the evidence is kept. Only the organisation that recorded it sees it." }),
    explicit: t.exposeBoolean("explicit"),
    reviewDate: t.field({ type: "DateTime", nullable: true, resolve: (c) => c.reviewDate }),
    saidHow: t.field({ type: ConsentSaidHowEnum, nullable: true, resolve: (c) => c.saidHow }),
    saidAt: t.field({ type: "DateTime", nullable: true, resolve: (c) => c.saidAt }),
    selfRecorded: t.exposeBoolean("selfRecorded", {
      description: "The organisation that recorded it is one she agreed to share with: it gave its own access, so how and when she said it is recorded, and her named contact and the agency holding her data were told.",
    }),
    withdrawal: t.boolean({ description: "True for a record of her taking something back.", resolve: (c) => c.statements.length > 0 && c.statements.every((s) => s.decision === "WITHDRAWN") }),
    withdrawnAt: t.field({
      type: "DateTime",
      nullable: true,
      description: "When the last thing this record agreed to was taken back or kept back since (null while any of it stands).",
      resolve: (c) => c.withdrawnAt,
    }),
    statements: t.field({ type: [ConsentStatementRef], description: "Everything she said in this record, in the order she said it.", resolve: (c) => c.statements }),
    scopes: t.field({ type: [ConsentScopeRef], description: "What she agreed to in this record.", resolve: (c) => c.statements.filter((s) => s.decision === "GIVEN") }),
    withholdings: t.field({ type: [ConsentWithholdingRef], description: "What she asked in this record to keep back.", resolve: (c) => c.statements.filter((s) => s.decision === "WITHHELD") }),
  }),
});

export const ConsentGrantRef = builder.objectRef<ConsentGrant>("ConsentGrant").implement({
  description: "What her statements add up to now: this organisation may see this kind of information for this purpose.",
  fields: (t) => ({
    organisationId: t.exposeID("organisationId"),
    category: t.field({ type: DataCategoryEnum, resolve: (g) => g.category }),
    purpose: t.field({ type: AccessPurposeEnum, resolve: (g) => g.purpose }),
    consentId: t.exposeID("consentId", { description: "The record she said it in." }),
    selfRecorded: t.exposeBoolean("selfRecorded", {
      description: "The record it stands on is marked self-recorded: the organisation that recorded it included its own access (see Consent.selfRecorded and Consent.capturedByOrganisationId; that organisation may not be this grant's).",
    }),
  }),
});

/** Consent history and what it adds up to now on a case (added to Case in cases.ts). */
export const consentsOnCase = (caseId: string, victimId: string, ctx: Parameters<typeof listConsents>[0]) => listConsents(ctx, caseId, victimId);
export const consentNowOnCase = (caseId: string, victimId: string, ctx: Parameters<typeof consentNow>[0]) => consentNow(ctx, caseId, victimId);

const ConsentScopeInput = builder.inputType("ConsentScopeInput", {
  fields: (t) => ({
    category: t.field({ type: DataCategoryEnum, required: true }),
    purpose: t.field({ type: AccessPurposeEnum, required: true }),
    recipientOrganisationId: t.id(),
    recipientKind: t.field({ type: OrganisationKindEnum }),
  }),
});

const ConsentWithholdingInput = builder.inputType("ConsentWithholdingInput", {
  fields: (t) => ({
    category: t.field({ type: DataCategoryEnum, required: true }),
    fromOrganisationId: t.id({ description: "Keep it back from this organisation." }),
    fromKind: t.field({ type: OrganisationKindEnum, description: "Keep it back from every organisation of this kind. With neither: from everyone." }),
    purpose: t.field({ type: AccessPurposeEnum, description: "For this purpose only; empty: for every purpose." }),
    reason: t.string({ required: true }),
  }),
});

const howSheSaidIt = (t: Parameters<Parameters<typeof builder.inputType>[1]["fields"]>[0]) => ({
  givenBy: t.field({ type: ConsentGivenByEnum, required: true }),
  evidence: t.string({ required: true, description: "Where the evidence is kept (a form reference), not its content." }),
  saidHow: t.field({ type: ConsentSaidHowEnum, description: "How she said it. Required when your organisation is among those she agreed to share with." }),
  saidAt: t.field({ type: "DateTime", description: "When she said it (defaults to now). Required when your organisation is among those she agreed to share with." }),
});

const RecordConsentInput = builder.inputType("RecordConsentInput", {
  fields: (t) => ({
    caseId: t.id({ required: true }),
    ...howSheSaidIt(t),
    explicit: t.boolean({ required: true }),
    reviewDate: t.field({ type: "DateTime" }),
    scopes: t.field({ type: [ConsentScopeInput], description: "What she agreed may be shared." }),
    withholdings: t.field({ type: [ConsentWithholdingInput], description: "What she asked to keep back." }),
  }),
});

const WithdrawConsentInput = builder.inputType("WithdrawConsentInput", {
  description: "What she is taking back: from whom, which kinds of information (all, when none are named) and for which purposes (all, when none are named).",
  fields: (t) => ({
    caseId: t.id({ required: true }),
    ...howSheSaidIt(t),
    recipientOrganisationId: t.id({ description: "Take it back from this organisation." }),
    recipientKind: t.field({ type: OrganisationKindEnum, description: "Take it back from every organisation of this kind." }),
    fromEveryone: t.boolean({ description: "Take it back from everyone." }),
    categories: t.field({ type: [DataCategoryEnum] }),
    purposes: t.field({ type: [AccessPurposeEnum] }),
    reason: t.string(),
  }),
});

const idOrNull = (id: string | number | null | undefined) => (id ? String(id) : null);

builder.mutationFields((t) => ({
  recordConsent: t.field({
    type: ConsentRef,
    description:
      "Record what the victim said: what may be shared, with whom, for what, and what she wants kept back. Her latest word on each thing stands. Recording a consent for your own organisation needs saidHow and saidAt, and is shown to her named contact and to the agency holding her data.",
    args: { input: t.arg({ type: RecordConsentInput, required: true }) },
    errors: { types: MUTATION_ERRORS, directResult: true },
    resolve: (_root, { input }, ctx) =>
      recordConsent(ctx, {
        ...input,
        caseId: String(input.caseId),
        scopes: (input.scopes ?? []).map((s) => ({ ...s, recipientOrganisationId: idOrNull(s.recipientOrganisationId) })),
        withholdings: (input.withholdings ?? []).map((w) => ({ ...w, fromOrganisationId: idOrNull(w.fromOrganisationId) })),
      }),
  }),
  withdrawConsent: t.field({
    type: ConsentRef,
    description:
      "Record that she took something back, naming from whom, which kinds of information and which purposes. It stands from the very next request; nothing else she said changes. Recorded by the organisation she is taking it back from, the organisation that recorded her agreement, or her named contact.",
    args: { input: t.arg({ type: WithdrawConsentInput, required: true }) },
    errors: { types: MUTATION_ERRORS, directResult: true },
    resolve: (_root, { input }, ctx) =>
      withdrawConsent(ctx, {
        ...input,
        caseId: String(input.caseId),
        recipientOrganisationId: idOrNull(input.recipientOrganisationId),
        fromEveryone: input.fromEveryone ?? false,
        categories: input.categories ?? [],
        purposes: input.purposes ?? [],
      }),
  }),
}));
