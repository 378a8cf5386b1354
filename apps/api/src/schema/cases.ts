import { closeCase, getCase, listCases, listInvolvementHistory, NotFoundError, openCase, reopenCase, updateCaseDetails, type CaseSummary } from "@hub/core";
import { InvolvementBasis, StageChangeCause, type CaseInvolvement, type CaseStageChange, type ContactHandover, type Organisation } from "@hub/db";
import { builder } from "../builder.js";
import { connectionOf } from "./connection.js";
import { CaseStageEnum, InvolvementCapacityEnum, OffenceCategoryEnum } from "./enums.js";
import { MUTATION_ERRORS } from "./errors.js";
import { ConsentGrantRef, ConsentRef, consentNowOnCase, consentsOnCase } from "./consent.js";
import { AreaRef, OrganisationRef } from "./organisations.js";
import { VictimRef } from "./victims.js";

type Person = { id: string; name: string; email: string };
type HandoverRow = ContactHandover & { fromUser?: Person | null; toUser?: Person; byUser?: Person | null };
type Involvement = CaseInvolvement & { organisation: Organisation; namedContact: Person | null; handovers?: HandoverRow[] };

const NamedContactRef = builder.objectRef<Person>("NamedContact").implement({
  description: "The person in an organisation who is the victim's point of contact.",
  fields: (t) => ({ id: t.exposeID("id"), name: t.exposeString("name"), email: t.exposeString("email") }),
});

const InvolvementBasisEnum = builder.enumType(InvolvementBasis, {
  name: "InvolvementBasis",
  description: "How the organisation came to be on the case: by its duty, added on a lawful basis, added on the victim's consent, or by accepting a referral.",
});

const person = { select: { id: true, name: true, email: true } } as const;

const ContactHandoverRef = builder.objectRef<HandoverRow>("ContactHandover").implement({
  description: "A named contact handed over (or first named): who, to whom, when and why. Never edited.",
  fields: (t) => ({
    id: t.exposeID("id"),
    from: t.field({ type: NamedContactRef, nullable: true, description: "Null when this was the first naming.", resolve: (h) => h.fromUser ?? null }),
    to: t.field({ type: NamedContactRef, resolve: (h) => h.toUser! }),
    by: t.field({ type: NamedContactRef, nullable: true, resolve: (h) => h.byUser ?? null }),
    at: t.field({ type: "DateTime", resolve: (h) => h.at }),
    reason: t.exposeString("reason", { nullable: true }),
  }),
});

const CaseInvolvementRef = builder.objectRef<Involvement>("CaseInvolvement").implement({
  description: "An organisation on the case, in what capacity, since when (and until when), on what basis, and its named contact for the victim.",
  fields: (t) => ({
    id: t.exposeID("id"),
    organisation: t.field({ type: OrganisationRef, resolve: (i) => i.organisation }),
    capacity: t.field({ type: InvolvementCapacityEnum, resolve: (i) => i.capacity }),
    since: t.field({ type: "DateTime", resolve: (i) => i.since }),
    until: t.field({ type: "DateTime", nullable: true, description: "When it ended; null while it is on the case.", resolve: (i) => i.until }),
    endReason: t.exposeString("endReason", { nullable: true }),
    basis: t.field({ type: InvolvementBasisEnum, resolve: (i) => i.basis }),
    lawfulBasisCode: t.exposeString("lawfulBasisCode", { nullable: true }),
    consentId: t.exposeID("consentId", { nullable: true, description: "The victim's consent it joined on (basis CONSENT, or a referral that carried her consent)." }),
    namedContact: t.field({ type: NamedContactRef, nullable: true, resolve: (i) => i.namedContact }),
    handovers: t.field({
      type: [ContactHandoverRef],
      description: "Every naming and hand-over of its named contact, oldest first.",
      resolve: (i, _a, ctx) =>
        i.handovers ?? ctx.prisma.contactHandover.findMany({ where: { involvementId: i.id }, orderBy: { at: "asc" }, include: { fromUser: person, toUser: person, byUser: person } }),
    }),
  }),
});

const StageChangeCauseEnum = builder.enumType(StageChangeCause, { name: "StageChangeCause" });

const StageChangeRef = builder.objectRef<CaseStageChange>("CaseStageChange").implement({
  description: "A stage the case moved to: when, by whom, why, and (for an event) which update.",
  fields: (t) => ({
    fromStage: t.field({ type: CaseStageEnum, nullable: true, resolve: (c) => c.fromStage }),
    toStage: t.field({ type: CaseStageEnum, resolve: (c) => c.toStage }),
    cause: t.field({ type: StageChangeCauseEnum, resolve: (c) => c.cause }),
    reason: t.exposeString("reason", { nullable: true }),
    causedByUpdateId: t.exposeID("causedByUpdateId", { nullable: true }),
    at: t.field({ type: "DateTime", resolve: (c) => c.at }),
    byOrganisationId: t.exposeID("byOrganisationId", { nullable: true }),
  }),
});

export const CaseRef = builder.objectRef<CaseSummary>("Case").implement({
  description: "One victim's journey through one criminal case.",
  fields: (t) => ({
    id: t.exposeID("id"),
    policeUrn: t.exposeString("policeUrn", { nullable: true, description: "The police unique reference number." }),
    cpsReference: t.exposeString("cpsReference", { nullable: true }),
    offenceCategory: t.field({ type: OffenceCategoryEnum, resolve: (c) => c.offenceCategory }),
    stage: t.field({ type: CaseStageEnum, resolve: (c) => c.stage }),
    area: t.field({ type: AreaRef, resolve: (c) => c.area }),
    victimReference: t.string({ description: "The victim's pseudonymous reference in the hub.", resolve: (c) => c.victim.reference }),
    victim: t.field({ type: VictimRef, resolve: (c) => c.victim }),
    consents: t.field({
      type: [ConsentRef],
      description: "The victim's consent history, newest first: each time she said what may be shared, kept back or taken back.",
      resolve: (c, _args, ctx) => consentsOnCase(c.id, c.victimId, ctx),
    }),
    consentNow: t.field({
      type: [ConsentGrantRef],
      description: "What everything she has said adds up to now: which organisation may see which kind of information, for which purpose.",
      resolve: (c, _args, ctx) => consentNowOnCase(c.id, c.victimId, ctx),
    }),
    openedAt: t.field({ type: "DateTime", resolve: (c) => c.openedAt }),
    closedAt: t.field({ type: "DateTime", nullable: true, resolve: (c) => c.closedAt }),
    version: t.exposeInt("version", { description: "Bumped by every edit; send it back when you edit the case." }),
    involvements: t.field({ type: [CaseInvolvementRef], description: "The organisations on the case now.", resolve: (c) => c.involvements as Involvement[] }),
    involvementHistory: t.field({
      type: [CaseInvolvementRef],
      description: "Every organisation that is or was on the case, with the hand-overs of its named contact.",
      resolve: (c, _a, ctx) => listInvolvementHistory(ctx, c.id),
    }),
    stageHistory: t.field({
      type: [StageChangeRef],
      description: "Every stage the case has been at, oldest first.",
      resolve: (c, _a, ctx) => ctx.prisma.caseStageChange.findMany({ where: { caseId: c.id }, orderBy: { at: "asc" } }),
    }),
  }),
});

const CaseConnection = connectionOf("Case", CaseRef);

builder.queryFields((t) => ({
  case: t.field({
    type: CaseRef,
    description: "One case. Not found when it does not exist or you may not see it.",
    args: { id: t.arg.id({ required: true }) },
    errors: { types: [NotFoundError], directResult: true },
    resolve: (_root, args, ctx) => getCase(ctx, String(args.id)),
  }),
  cases: t.field({
    type: CaseConnection,
    description: "The cases you may see, newest first.",
    args: {
      first: t.arg.int({ description: "How many cases, 1 to 100 (default 20)." }),
      after: t.arg.string({ description: "The endCursor of the previous page." }),
    },
    resolve: (_root, args, ctx) => listCases(ctx, args),
  }),
}));

const OpenedCaseRef = builder.objectRef<{ case: CaseSummary; alreadyOpen: boolean }>("OpenedCase").implement({
  fields: (t) => ({
    case: t.field({ type: CaseRef, resolve: (o) => o.case }),
    alreadyOpen: t.exposeBoolean("alreadyOpen", {
      description: "True when the hub already had this case (the same URN for the same victim in the same area): nothing new was made, and your organisation is on it.",
    }),
  }),
});

const VictimRegistrationInput = builder.inputType("VictimRegistrationInput", {
  description: "Who the victim is and how to reach her. Stored in their own protected tables; only those she agreed to share with see them.",
  fields: (t) => ({
    fullName: t.string({ required: true }),
    preferredName: t.string(),
    dateOfBirth: t.field({ type: "Date", description: "Under 18 means Enhanced Rights." }),
    address: t.string(),
    postcode: t.string(),
    phone: t.string(),
    email: t.string(),
  }),
});

const OpenCaseInput = builder.inputType("OpenCaseInput", {
  fields: (t) => ({
    policeUrn: t.string({ required: true }),
    offenceCategory: t.field({ type: OffenceCategoryEnum, required: true }),
    areaId: t.id({ required: true }),
    stage: t.field({ type: CaseStageEnum, description: "Where the case is now (default REPORTED). A case opened at charge or later has the CPS and the Witness Care Unit on it at once." }),
    reportedAt: t.field({ type: "DateTime", description: "When it was reported to the police (default: now)." }),
    cpsReference: t.string(),
    victim: t.field({ type: VictimRegistrationInput, required: true }),
    namedContactUserId: t.id({ description: "Her named contact in your organisation (default: you)." }),
  }),
});

const MovedCaseShape = builder.objectRef<{ id: string; stage: string; version: number }>("ClosedOrReopenedCase").implement({
  fields: (t) => ({ id: t.exposeID("id"), stage: t.field({ type: CaseStageEnum, resolve: (c) => c.stage as never }), version: t.exposeInt("version") }),
});

const CaseVersionRef = builder.objectRef<{ id: string; version: number }>("CaseVersion").implement({
  fields: (t) => ({ id: t.exposeID("id"), version: t.exposeInt("version") }),
});

builder.mutationFields((t) => ({
  openCase: t.field({
    type: OpenedCaseRef,
    description:
      "Open a case for a victim and register her (police and Witness Care Units, in the areas they serve). Idempotent by URN and victim: sending the same URN for the same victim again answers the case already open.",
    args: { input: t.arg({ type: OpenCaseInput, required: true }) },
    errors: { types: MUTATION_ERRORS, directResult: true },
    resolve: (_r, { input }, ctx) =>
      openCase(ctx, { ...input, areaId: String(input.areaId), namedContactUserId: input.namedContactUserId ? String(input.namedContactUserId) : null, stage: input.stage ?? undefined } as never),
  }),
  closeCase: t.field({
    type: MovedCaseShape,
    description: "Close a case, saying why. Everything on it is kept; it can be reopened.",
    args: { caseId: t.arg.id({ required: true }), reason: t.arg.string({ required: true }), expectedVersion: t.arg.int({ required: true }) },
    errors: { types: MUTATION_ERRORS, directResult: true },
    resolve: (_r, args, ctx) => closeCase(ctx, { ...args, caseId: String(args.caseId) }),
  }),
  reopenCase: t.field({
    type: MovedCaseShape,
    description: "Reopen a closed case, saying why. It goes back to the stage it had before it closed (or the stage you name).",
    args: { caseId: t.arg.id({ required: true }), reason: t.arg.string({ required: true }), expectedVersion: t.arg.int({ required: true }), to: t.arg({ type: CaseStageEnum }) },
    errors: { types: MUTATION_ERRORS, directResult: true },
    resolve: (_r, args, ctx) => reopenCase(ctx, { ...args, caseId: String(args.caseId) }),
  }),
  updateCaseDetails: t.field({
    type: CaseVersionRef,
    description: "Record the CPS reference (the CPS) or a changed kind of offence (police or CPS).",
    args: { caseId: t.arg.id({ required: true }), expectedVersion: t.arg.int({ required: true }), cpsReference: t.arg.string(), offenceCategory: t.arg({ type: OffenceCategoryEnum }) },
    errors: { types: MUTATION_ERRORS, directResult: true },
    resolve: (_r, args, ctx) => updateCaseDetails(ctx, { ...args, caseId: String(args.caseId) }),
  }),
}));

