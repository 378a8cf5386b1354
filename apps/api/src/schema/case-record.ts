// The rest of the case record: the agreed victim message, hearings and the victim's questions.
import {
  acceptCourtResultPlainLanguage,
  acceptPlainLanguage,
  type AgreedMessageSentence,
  answerQuestion,
  askQuestion,
  type AgreedVictimMessage,
  getAgreedMessage,
  type HeldBackWording,
  listHearings,
  listQuestions,
  recordCourtResult,
  recordHearing,
} from "@hub/core";
import type { CaseUpdatePlainLanguageAcceptance, Hearing, VictimQuestion } from "@hub/db";
import { builder } from "../builder.js";
import { CaseRef } from "./cases.js";
import { OrganisationKindEnum } from "./enums.js";
import { MUTATION_ERRORS } from "./errors.js";

const CourtResultKindEnum = builder.enumType("CourtResultKind", {
  description: "What the court decided, as far as her rights go: it decides which duty the result starts.",
  values: {
    OUTCOME: { description: "A verdict or a sentence: the WCU tells her, with an explanation (Right 9)." },
    BAIL_DECISION: { description: "The court decided bail: the WCU tells her the decision and any conditions (Right 8)." },
    ADJOURNED: { description: "The hearing was adjourned or moved: the WCU tells her the new date, time and place (Right 8)." },
  } as const,
});

const NamedContactSummary = builder.objectRef<{ name: string; organisation: string }>("VictimNamedContact").implement({
  fields: (t) => ({ name: t.exposeString("name"), organisation: t.exposeString("organisation") }),
});

const SourceKindEnum = builder.enumType("AgreedMessageSourceKind", {
  description: "The standing fact a sentence of the agreed message comes from.",
  values: {
    STAGE: { description: "The case's stage (sourceId: the stage's name)." },
    UPDATE: { description: "A case update that is news since the latest decision." },
    HEARING: { description: "A hearing: the next one, or the result of (or wait for) the last one." },
    BAIL: { description: "The bail update whose conditions are in force." },
    DECISION: { description: "The latest decision: charge, no further action, verdict, sentence…" },
    REFERRAL: { description: "A referral she agreed may be told here." },
    REVIEW_WINDOW: { description: "Her window to ask for a decision to be reviewed." },
    CONTACT: { description: "Her named contact (sourceId: their user id)." },
  } as const,
});
const PartEnum = builder.enumType("AgreedMessagePart", {
  description: "Which field of the agreed message the sentence is part of.",
  values: ["WHERE_THINGS_STAND", "WHAT_HAPPENS_NEXT", "ROUGHLY_WHEN", "SUPPORT", "RIGHT_TO_REVIEW", "NAMED_CONTACT"] as const,
});
const SentenceRef = builder.objectRef<AgreedMessageSentence>("AgreedMessageSentence").implement({
  fields: (t) => ({
    text: t.exposeString("text"),
    part: t.field({ type: PartEnum, resolve: (s) => s.part }),
    sourceKind: t.field({ type: SourceKindEnum, resolve: (s) => s.source.kind }),
    sourceId: t.id({ nullable: true, resolve: (s) => s.source.id }),
  }),
});
const HeldBackFindingRef = builder.objectRef<HeldBackWording["findings"][number]>("AgreedMessageFinding").implement({
  fields: (t) => ({
    kind: t.exposeString("kind", { description: "LEGAL_TERM, BLAMING or LONG_SENTENCE, as the plain-language check names them." }),
    term: t.exposeString("term", { description: "The words found." }),
    suggestion: t.exposeString("suggestion", { nullable: true }),
  }),
});
const HeldBackRef = builder.objectRef<HeldBackWording>("AgreedMessageHeldBack").implement({
  description:
    "Words written for her that failed the plain-language check, so the message uses its own wording of the fact instead. To use them, rewrite them (a correction of the update, or the court result recorded again), or the recording organisation accepts them: acceptPlainLanguage for an update (UPDATE, BAIL, DECISION), acceptCourtResultPlainLanguage for a court result (HEARING).",
  fields: (t) => ({
    sourceKind: t.field({ type: SourceKindEnum, resolve: (h) => h.sourceKind }),
    sourceId: t.exposeID("sourceId"),
    findings: t.field({ type: [HeldBackFindingRef], resolve: (h) => h.findings }),
    readingEase: t.float({ nullable: true, resolve: (h) => h.readingEase }),
  }),
});

const AgreedMessageRef = builder.objectRef<AgreedVictimMessage>("AgreedVictimMessage").implement({
  description: "Where things stand, what happens next and roughly when, and who to contact: the same for every organisation allowed to see the case.",
  fields: (t) => ({
    whereThingsStand: t.exposeString("whereThingsStand"),
    whatHappensNext: t.exposeString("whatHappensNext"),
    roughlyWhen: t.exposeString("roughlyWhen", { nullable: true }),
    namedContact: t.field({ type: NamedContactSummary, nullable: true, resolve: (m) => m.namedContact }),
    sourceUpdateIds: t.exposeIDList("sourceUpdateIds"),
    sourceHearingId: t.exposeID("sourceHearingId", { nullable: true }),
    support: t.exposeStringList("support", { description: "Where each referral stands, one sentence each, for referrals she agreed may be told here." }),
    sourceReferralIds: t.exposeIDList("sourceReferralIds"),
    rightToReview: t.exposeString("rightToReview", { nullable: true, description: "While she can still ask for a decision not to charge, to stop the case or to take no further action to be reviewed: how, and by when." }),
    sourceReviewWindowId: t.exposeID("sourceReviewWindowId", { nullable: true, description: "The VRR_REQUEST_WINDOW clock the rightToReview sentence comes from." }),
    lastChangedAt: t.field({ type: "DateTime", nullable: true, resolve: (m) => m.lastChangedAt }),
    sentences: t.field({ type: [SentenceRef], description: "Every sentence of the message, in reading order, each with the fact it comes from.", resolve: (m) => m.sentences }),
    heldBack: t.field({ type: [HeldBackRef], description: "Words not used until someone rewrites them, with what the plain-language check found.", resolve: (m) => m.heldBack }),
  }),
});

const HearingRef = builder.objectRef<Hearing>("Hearing").implement({
  fields: (t) => ({
    id: t.exposeID("id"),
    court: t.exposeString("court"),
    startsAt: t.field({ type: "DateTime", resolve: (h) => h.startsAt }),
    type: t.exposeString("type"),
    outcome: t.exposeString("outcome", { nullable: true }),
    resultReceivedAt: t.field({ type: "DateTime", nullable: true, description: "When the WCU received the result: Victims' Code clocks start here.", resolve: (h) => h.resultReceivedAt }),
    resultKind: t.field({ type: CourtResultKindEnum, nullable: true, resolve: (h) => h.resultKind }),
    resultWordsAcceptedAt: t.field({ type: "DateTime", nullable: true, description: "When the recording organisation accepted the result's words as they are (acceptCourtResultPlainLanguage).", resolve: (h) => h.resultWordsAcceptedAt }),
  }),
});

const QuestionRef = builder.objectRef<VictimQuestion>("VictimQuestion").implement({
  description: "A question the victim asked, for the CPS or the WCU to answer by a date.",
  fields: (t) => ({
    id: t.exposeID("id"),
    askedAt: t.field({ type: "DateTime", resolve: (q) => q.askedAt }),
    relayedByOrganisationId: t.exposeID("relayedByOrganisationId"),
    forKind: t.field({ type: OrganisationKindEnum, resolve: (q) => q.forKind }),
    question: t.exposeString("question"),
    dueBy: t.field({ type: "DateTime", resolve: (q) => q.dueBy }),
    answer: t.exposeString("answer", { nullable: true }),
    answeredAt: t.field({ type: "DateTime", nullable: true, resolve: (q) => q.answeredAt }),
    overdue: t.boolean({ resolve: (q) => !q.answeredAt && q.dueBy.getTime() < Date.now() }),
  }),
});

builder.objectFields(CaseRef, (t) => ({
  agreedMessage: t.field({ type: AgreedMessageRef, resolve: (c, _a, ctx) => getAgreedMessage(ctx, c) }),
  hearings: t.field({ type: [HearingRef], resolve: (c, _a, ctx) => listHearings(ctx, c.id, c.victimId) }),
  questions: t.field({ type: [QuestionRef], description: "Unanswered first.", resolve: (c, _a, ctx) => listQuestions(ctx, c.id, c.victimId) }),
}));

const AcceptanceRef = builder.objectRef<CaseUpdatePlainLanguageAcceptance>("PlainLanguageAcceptance").implement({
  description: "The recording organisation accepted an update's words for the victim as they are, so the agreed message uses them.",
  fields: (t) => ({
    updateId: t.exposeID("updateId"),
    organisationId: t.exposeID("organisationId"),
    userId: t.exposeID("userId"),
    at: t.field({ type: "DateTime", resolve: (a) => a.at }),
  }),
});

const CourtResultAcceptanceRef = builder.objectRef<{ hearingId: string; organisationId: string; userId: string; at: Date }>("CourtResultPlainLanguageAcceptance").implement({
  description: "The organisation that recorded a court result accepted its words for the victim as they are, so the agreed message uses them. Recording the result again with other words needs a fresh acceptance.",
  fields: (t) => ({
    hearingId: t.exposeID("hearingId"),
    organisationId: t.exposeID("organisationId"),
    userId: t.exposeID("userId"),
    at: t.field({ type: "DateTime", resolve: (a) => a.at }),
  }),
});

builder.mutationFields((t) => ({
  acceptCourtResultPlainLanguage: t.field({
    type: CourtResultAcceptanceRef,
    description:
      "Accept a court result's words for the victim as they are, after reading what the plain-language check found (agreedMessage.heldBack, sourceKind HEARING), so the agreed message stops holding them back. Only the organisation that recorded the result can. To change the words, record the result again instead.",
    args: { hearingId: t.arg.id({ required: true }) },
    errors: { types: MUTATION_ERRORS, directResult: true },
    resolve: (_r, args, ctx) => acceptCourtResultPlainLanguage(ctx, String(args.hearingId)),
  }),
  acceptPlainLanguage: t.field({
    type: AcceptanceRef,
    description:
      "Accept an update's words for the victim as they are, after reading what the plain-language check found, so the agreed message stops holding them back. Only the organisation that recorded the update can. To change the words, record a correction instead.",
    args: { updateId: t.arg.id({ required: true }) },
    errors: { types: MUTATION_ERRORS, directResult: true },
    resolve: (_r, args, ctx) => acceptPlainLanguage(ctx, String(args.updateId)),
  }),
  recordHearing: t.field({
    type: HearingRef,
    args: { caseId: t.arg.id({ required: true }), court: t.arg.string({ required: true }), startsAt: t.arg({ type: "DateTime", required: true }), type: t.arg.string({ required: true }) },
    errors: { types: MUTATION_ERRORS, directResult: true },
    resolve: (_r, args, ctx) => recordHearing(ctx, { ...args, caseId: String(args.caseId) }),
  }),
  recordCourtResult: t.field({
    type: HearingRef,
    description:
      "Record what the court decided and when the WCU received it. This starts the WCU's clock to tell her: Right 9 for an outcome or sentence, Right 8 for a bail decision or an adjournment, from the WCU's receipt (when the CPS records it, from the moment it is recorded here). Recording a result again moves that clock; it never adds a second.",
    args: {
      hearingId: t.arg.id({ required: true }),
      outcome: t.arg.string({ required: true }),
      resultReceivedAt: t.arg({ type: "DateTime" }),
      kind: t.arg({ type: CourtResultKindEnum, description: "Default: OUTCOME." }),
    },
    errors: { types: MUTATION_ERRORS, directResult: true },
    resolve: (_r, args, ctx) => recordCourtResult(ctx, { ...args, hearingId: String(args.hearingId) }),
  }),
  askQuestion: t.field({
    type: QuestionRef,
    description: "Relay a victim's question to the CPS, the WCU or the police, with a date to answer by (default: a week).",
    args: { caseId: t.arg.id({ required: true }), forKind: t.arg({ type: OrganisationKindEnum, required: true }), question: t.arg.string({ required: true }), dueBy: t.arg({ type: "DateTime" }) },
    errors: { types: MUTATION_ERRORS, directResult: true },
    resolve: (_r, args, ctx) => askQuestion(ctx, { ...args, caseId: String(args.caseId), forKind: args.forKind as never }),
  }),
  answerQuestion: t.field({
    type: QuestionRef,
    args: { questionId: t.arg.id({ required: true }), answer: t.arg.string({ required: true }) },
    errors: { types: MUTATION_ERRORS, directResult: true },
    resolve: (_r, args, ctx) => answerQuestion(ctx, { questionId: String(args.questionId), answer: args.answer }),
  }),
}));
