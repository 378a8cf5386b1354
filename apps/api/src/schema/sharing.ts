import { listDataSharingAgreements, recordSharingDecision } from "@hub/core";
import type { DataSharingAgreement, DsaParty, Organisation, SharingDecision, SharingDecisionCategory } from "@hub/db";
import { builder } from "../builder.js";
import { AccessPurposeEnum, ControllerRoleEnum, DataCategoryEnum, DsaStatusEnum, SharingDecisionOutcomeEnum } from "./enums.js";
import { MUTATION_ERRORS } from "./errors.js";
import { OrganisationRef } from "./organisations.js";

const DsaPartyRef = builder.objectRef<DsaParty & { organisation: Organisation }>("DataSharingAgreementParty").implement({
  fields: (t) => ({
    organisation: t.field({ type: OrganisationRef, resolve: (p) => p.organisation }),
    controllerRole: t.field({ type: ControllerRoleEnum, resolve: (p) => p.controllerRole }),
    lawfulBasisCode: t.exposeString("lawfulBasisCode"),
    specialCategoryCondition: t.exposeString("specialCategoryCondition", { nullable: true }),
  }),
});

const DataSharingAgreementRef = builder
  .objectRef<DataSharingAgreement & { parties: (DsaParty & { organisation: Organisation })[] }>("DataSharingAgreement")
  .implement({
    description: "An entry in the partnership's register. A flow no active agreement covers is refused.",
    fields: (t) => ({
      id: t.exposeID("id"),
      reference: t.exposeString("reference"),
      title: t.exposeString("title"),
      purposes: t.field({ type: [AccessPurposeEnum], resolve: (d) => d.purposes }),
      categories: t.field({ type: [DataCategoryEnum], resolve: (d) => d.categories }),
      status: t.field({ type: DsaStatusEnum, resolve: (d) => d.status }),
      retention: t.exposeString("retention"),
      reviewDate: t.field({ type: "DateTime", resolve: (d) => d.reviewDate }),
      signedOffBy: t.exposeString("signedOffBy", { nullable: true }),
      signedOffAt: t.field({ type: "DateTime", nullable: true, resolve: (d) => d.signedOffAt }),
      version: t.exposeInt("version"),
      parties: t.field({ type: [DsaPartyRef], resolve: (d) => d.parties }),
    }),
  });

const SharingDecisionRef = builder.objectRef<SharingDecision & { categories: SharingDecisionCategory[] }>("SharingDecision").implement({
  description: "A recorded decision to share without consent (the ICO request form).",
  fields: (t) => ({
    id: t.exposeID("id"),
    caseId: t.exposeID("caseId"),
    receivingOrganisationId: t.exposeID("receivingOrganisationId"),
    categories: t.field({ type: [DataCategoryEnum], resolve: (d) => d.categories.map((c) => c.category) }),
    purpose: t.field({ type: AccessPurposeEnum, resolve: (d) => d.purpose }),
    lawfulBasisCode: t.exposeString("lawfulBasisCode"),
    outcome: t.field({ type: SharingDecisionOutcomeEnum, resolve: (d) => d.outcome }),
    decidedAt: t.field({ type: "DateTime", resolve: (d) => d.decidedAt }),
    expiresAt: t.field({ type: "DateTime", nullable: true, resolve: (d) => d.expiresAt }),
  }),
});

const RecordSharingDecisionInput = builder.inputType("RecordSharingDecisionInput", {
  fields: (t) => ({
    caseId: t.id({ required: true }),
    requestingOrganisationId: t.id({ required: true }),
    receivingOrganisationId: t.id({ required: true }),
    requesterName: t.string({ required: true }),
    requesterRole: t.string({ required: true }),
    categories: t.field({ type: [DataCategoryEnum], required: true }),
    purpose: t.field({ type: AccessPurposeEnum, required: true }),
    lawfulBasisCode: t.string({ required: true }),
    necessity: t.string({ required: true }),
    specialCategoryCondition: t.string(),
    dsaId: t.id(),
    dpiaConsidered: t.boolean({ required: true }),
    retention: t.string({ required: true }),
    outcome: t.field({ type: SharingDecisionOutcomeEnum, required: true }),
    reasons: t.string({ required: true }),
    expiresAt: t.field({ type: "DateTime" }),
  }),
});

builder.queryField("dataSharingAgreements", (t) =>
  t.field({ type: [DataSharingAgreementRef], description: "The partnership's register of data-sharing agreements.", resolve: (_r, _a, ctx) => listDataSharingAgreements(ctx) }),
);

builder.mutationField("recordSharingDecision", (t) =>
  t.field({
    type: SharingDecisionRef,
    description: "Record a decision to share (or not) without the victim's consent. Organisation admins of an organisation on the case only.",
    args: { input: t.arg({ type: RecordSharingDecisionInput, required: true }) },
    errors: { types: MUTATION_ERRORS, directResult: true },
    resolve: (_root, { input }, ctx) =>
      recordSharingDecision(ctx, {
        ...input,
        caseId: String(input.caseId),
        requestingOrganisationId: String(input.requestingOrganisationId),
        receivingOrganisationId: String(input.receivingOrganisationId),
        dsaId: input.dsaId ? String(input.dsaId) : null,
      }),
  }),
);
