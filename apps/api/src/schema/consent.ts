import { listConsents, recordConsent, withdrawConsent } from "@hub/core";
import type { Consent, ConsentScope, ConsentWithholding } from "@hub/db";
import { builder } from "../builder.js";
import { AccessPurposeEnum, ConsentGivenByEnum, DataCategoryEnum, OrganisationKindEnum } from "./enums.js";
import { MUTATION_ERRORS } from "./errors.js";

const ConsentScopeRef = builder.objectRef<ConsentScope>("ConsentScope").implement({
  description: "One thing the victim agreed to: this kind of information, to this organisation (or kind of organisation), for this purpose.",
  fields: (t) => ({
    category: t.field({ type: DataCategoryEnum, resolve: (s) => s.category }),
    purpose: t.field({ type: AccessPurposeEnum, resolve: (s) => s.purpose }),
    recipientOrganisationId: t.exposeID("recipientOrganisationId", { nullable: true }),
    recipientKind: t.field({ type: OrganisationKindEnum, nullable: true, resolve: (s) => s.recipientKind }),
  }),
});

const ConsentWithholdingRef = builder.objectRef<Omit<ConsentWithholding, "reason"> & { reason: string | null }>("ConsentWithholding").implement({
  description: "Something the victim asked to keep from an organisation (or from everyone, when no organisation is named).",
  fields: (t) => ({
    category: t.field({ type: DataCategoryEnum, resolve: (w) => w.category }),
    fromOrganisationId: t.exposeID("fromOrganisationId", { nullable: true }),
    reason: t.exposeString("reason", { nullable: true, description: "Only the organisation that captured the consent sees why." }),
  }),
});

type ConsentView = Omit<Consent, "evidence"> & { evidence: string | null; scopes: ConsentScope[]; withholdings: (Omit<ConsentWithholding, "reason"> & { reason: string | null })[] };

export const ConsentRef = builder.objectRef<ConsentView>("Consent").implement({
  description: "A victim's consent as captured. Never edited: changes are new consents; withdrawal stops sharing at once.",
  fields: (t) => ({
    id: t.exposeID("id"),
    givenBy: t.field({ type: ConsentGivenByEnum, resolve: (c) => c.givenBy }),
    capturedByOrganisationId: t.exposeID("capturedByOrganisationId"),
    capturedAt: t.field({ type: "DateTime", resolve: (c) => c.capturedAt }),
    evidence: t.exposeString("evidence", { nullable: true, description: "Where the evidence is kept. Only the organisation that captured the consent sees it." }),
    explicit: t.exposeBoolean("explicit"),
    reviewDate: t.field({ type: "DateTime", nullable: true, resolve: (c) => c.reviewDate }),
    withdrawnAt: t.field({ type: "DateTime", nullable: true, resolve: (c) => c.withdrawnAt }),
    scopes: t.field({ type: [ConsentScopeRef], resolve: (c) => c.scopes }),
    withholdings: t.field({ type: [ConsentWithholdingRef], resolve: (c) => c.withholdings }),
  }),
});

/** Consent history on a case (added to Case in cases.ts). */
export const consentsOnCase = (caseId: string, victimId: string, ctx: Parameters<typeof listConsents>[0]) => listConsents(ctx, caseId, victimId);

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
    fromOrganisationId: t.id(),
    reason: t.string({ required: true }),
  }),
});

const RecordConsentInput = builder.inputType("RecordConsentInput", {
  fields: (t) => ({
    caseId: t.id({ required: true }),
    givenBy: t.field({ type: ConsentGivenByEnum, required: true }),
    evidence: t.string({ required: true, description: "Where the evidence is kept (a form reference), not its content." }),
    explicit: t.boolean({ required: true }),
    reviewDate: t.field({ type: "DateTime" }),
    scopes: t.field({ type: [ConsentScopeInput], required: true }),
    withholdings: t.field({ type: [ConsentWithholdingInput] }),
  }),
});

builder.mutationFields((t) => ({
  recordConsent: t.field({
    type: ConsentRef,
    description: "Record the victim's consent, as captured by someone supporting them on the case.",
    args: { input: t.arg({ type: RecordConsentInput, required: true }) },
    errors: { types: MUTATION_ERRORS, directResult: true },
    resolve: (_root, { input }, ctx) =>
      recordConsent(ctx, {
        ...input,
        caseId: String(input.caseId),
        scopes: input.scopes.map((s) => ({ ...s, recipientOrganisationId: s.recipientOrganisationId ? String(s.recipientOrganisationId) : null })),
        withholdings: (input.withholdings ?? []).map((w) => ({ ...w, fromOrganisationId: w.fromOrganisationId ? String(w.fromOrganisationId) : null })),
      }),
  }),
  withdrawConsent: t.field({
    type: ConsentRef,
    description: "Withdraw a consent. Sharing on it stops from the very next request; the record is kept.",
    args: { consentId: t.arg.id({ required: true }) },
    errors: { types: MUTATION_ERRORS, directResult: true },
    resolve: (_root, { consentId }, ctx) => withdrawConsent(ctx, String(consentId)),
  }),
}));
