import {
  changeDataSharingAgreementStatus,
  draftDataSharingAgreement,
  listDataSharingAgreements,
  recordSharingDecision,
  signOffDataSharingAgreement,
  type DataSharingAgreementView,
  updateDataSharingAgreement,
  withdrawFromDataSharingAgreement,
} from "@hub/core";
import type { SharingDecision, SharingDecisionCategory } from "@hub/db";
import { builder } from "../builder.js";
import { AccessPurposeEnum, ControllerRoleEnum, DataCategoryEnum, DsaStatusEnum, SharingDecisionOutcomeEnum } from "./enums.js";
import { MUTATION_ERRORS } from "./errors.js";
import { OrganisationRef } from "./organisations.js";

type PartyView = DataSharingAgreementView["parties"][number];

const DsaWithdrawalRef = builder.objectRef<PartyView & { withdrawnAt: Date }>("DataSharingAgreementWithdrawal").implement({
  description: "A party's withdrawal from an agreement: from then on the agreement no longer covers it, and still binds the others.",
  fields: (t) => ({
    withdrawnAt: t.field({ type: "DateTime", resolve: (p) => p.withdrawnAt }),
    withdrawnByName: t.string({ nullable: true, description: "The organisation admin who recorded it.", resolve: (p) => p.withdrawnByName }),
    reason: t.string({ resolve: (p) => p.withdrawalReason ?? "" }),
  }),
});

const DsaPartyRef = builder.objectRef<PartyView>("DataSharingAgreementParty").implement({
  fields: (t) => ({
    organisation: t.field({ type: OrganisationRef, resolve: (p) => p.organisation }),
    controllerRole: t.field({ type: ControllerRoleEnum, resolve: (p) => p.controllerRole }),
    lawfulBasisCode: t.exposeString("lawfulBasisCode"),
    specialCategoryCondition: t.exposeString("specialCategoryCondition", { nullable: true }),
    withdrawal: t.field({
      type: DsaWithdrawalRef,
      nullable: true,
      description: "Null while the agreement binds this party; once it has withdrawn, who recorded it, when and why.",
      resolve: (p) => (p.withdrawnAt ? { ...p, withdrawnAt: p.withdrawnAt } : null),
    }),
  }),
});

const DataSharingAgreementRef = builder
  .objectRef<DataSharingAgreementView>("DataSharingAgreement")
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
      reviewDue: t.exposeBoolean("reviewDue", { description: "The review date has come (today or earlier): the agreement is due for review." }),
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

const DsaPartyInput = builder.inputType("DataSharingAgreementPartyInput", {
  fields: (t) => ({
    organisationId: t.id({ required: true }),
    controllerRole: t.field({ type: ControllerRoleEnum, required: true }),
    lawfulBasisCode: t.string({ required: true, description: "A code from the partnership's list of lawful bases, e.g. PUBLIC_TASK." }),
    specialCategoryCondition: t.string({ description: "Needed for every party when the agreement covers SPECIAL_CATEGORY (DPA 2018 Schedule 1 or s.35)." }),
  }),
});

const DraftDsaInput = builder.inputType("DraftDataSharingAgreementInput", {
  fields: (t) => ({
    reference: t.string({ required: true }),
    title: t.string({ required: true }),
    purposes: t.field({ type: [AccessPurposeEnum], required: true }),
    categories: t.field({ type: [DataCategoryEnum], required: true }),
    retention: t.string({ required: true }),
    reviewDate: t.field({ type: "DateTime", required: true }),
    parties: t.field({ type: [DsaPartyInput], required: true }),
  }),
});

const UpdateDsaInput = builder.inputType("UpdateDataSharingAgreementInput", {
  description: "Changes to a draft. Fields left out are unchanged; parties, when given, replace the whole list.",
  fields: (t) => ({
    id: t.id({ required: true }),
    expectedVersion: t.int({ required: true }),
    title: t.string(),
    purposes: t.field({ type: [AccessPurposeEnum] }),
    categories: t.field({ type: [DataCategoryEnum] }),
    retention: t.string(),
    reviewDate: t.field({ type: "DateTime" }),
    parties: t.field({ type: [DsaPartyInput] }),
  }),
});

const SignOffDsaInput = builder.inputType("SignOffDataSharingAgreementInput", {
  fields: (t) => ({
    id: t.id({ required: true }),
    expectedVersion: t.int({ required: true }),
    signedOffBy: t.string({ required: true, description: "The named person signing the agreement off for the partnership." }),
  }),
});

const ChangeDsaStatusInput = builder.inputType("ChangeDataSharingAgreementStatusInput", {
  fields: (t) => ({
    id: t.id({ required: true }),
    expectedVersion: t.int({ required: true }),
    to: t.field({ type: DsaStatusEnum, required: true, description: "SUSPENDED or ENDED; ACTIVE resumes a suspended agreement. ENDED is final." }),
    confirmEnd: t.boolean({ description: "Ending is final and stops the sharing for every party it binds: send true to say you mean it. Without it, ending is refused and nothing changes." }),
  }),
});

const WithdrawFromDsaInput = builder.inputType("WithdrawFromDataSharingAgreementInput", {
  fields: (t) => ({
    id: t.id({ required: true }),
    expectedVersion: t.int({ required: true }),
    reason: t.string({ required: true, description: "Why your organisation is withdrawing, for the partnership's register." }),
  }),
});

/** GraphQL nulls mean "left out". */
const given = <T extends object>(input: T) => Object.fromEntries(Object.entries(input).filter(([, v]) => v !== null && v !== undefined));
const partiesOf = (parties: readonly { organisationId: string | number }[] | null | undefined) => parties?.map((p) => ({ ...given(p), organisationId: String(p.organisationId) }));

builder.mutationFields((t) => ({
  draftDataSharingAgreement: t.field({
    type: DataSharingAgreementRef,
    description:
      "Draft an agreement for the register: an organisation admin naming their own organisation as a party, or a partnership administrator for organisations serving their areas. A draft naming other organisations too is then the partnership's to complete and sign off.",
    args: { input: t.arg({ type: DraftDsaInput, required: true }) },
    errors: { types: MUTATION_ERRORS, directResult: true },
    resolve: (_r, { input }, ctx) => draftDataSharingAgreement(ctx, { ...input, parties: partiesOf(input.parties) } as never),
  }),
  updateDataSharingAgreement: t.field({
    type: DataSharingAgreementRef,
    description: "Change a draft agreement, as of the version you last saw. A draft naming organisations besides your own is changed by the partnership's administrators.",
    args: { input: t.arg({ type: UpdateDsaInput, required: true }) },
    errors: { types: MUTATION_ERRORS, directResult: true },
    resolve: (_r, { input }, ctx) => updateDataSharingAgreement(ctx, { ...given(input), id: String(input.id), parties: partiesOf(input.parties) } as never),
  }),
  signOffDataSharingAgreement: t.field({
    type: DataSharingAgreementRef,
    description:
      "Bring a draft into force (ACTIVE): at least two parties, each with a listed lawful basis, special category conditions where needed, and a review date ahead. The partnership's administrators for the parties' areas sign it off.",
    args: { input: t.arg({ type: SignOffDsaInput, required: true }) },
    errors: { types: MUTATION_ERRORS, directResult: true },
    resolve: (_r, { input }, ctx) => signOffDataSharingAgreement(ctx, { ...input, id: String(input.id) }),
  }),
  changeDataSharingAgreementStatus: t.field({
    type: DataSharingAgreementRef,
    description:
      "Suspend, resume or end an agreement (or abandon a draft). The flows it covers stop or start on the very next request. An agreement that binds other organisations is the partnership's administrators' to change; ending is final and needs confirmEnd: true.",
    args: { input: t.arg({ type: ChangeDsaStatusInput, required: true }) },
    errors: { types: MUTATION_ERRORS, directResult: true },
    resolve: (_r, { input }, ctx) => changeDataSharingAgreementStatus(ctx, { ...input, id: String(input.id), to: input.to as never, confirmEnd: input.confirmEnd ?? undefined }),
  }),
  withdrawFromDataSharingAgreement: t.field({
    type: DataSharingAgreementRef,
    description:
      "Withdraw your own organisation from an agreement (or a draft naming it), with a reason: organisation admins. From your next request it no longer covers your organisation; it still binds and covers every other party. Once an agreement is in force this cannot be undone: to take part again, the partnership drafts a new one.",
    args: { input: t.arg({ type: WithdrawFromDsaInput, required: true }) },
    errors: { types: MUTATION_ERRORS, directResult: true },
    resolve: (_r, { input }, ctx) => withdrawFromDataSharingAgreement(ctx, { ...input, id: String(input.id) }),
  }),
}));
