// The plain-language and no-blame check, for anything written for a victim. It warns;
// it never rewrites the text. Each area's own glossary is merged over the default one, and
// kept here by the organisation admins serving the area (not personal data: no stated
// purpose, no audit entry).
import {
  type AreaGlossaryView,
  addAreaGlossaryTerm,
  BadInputError,
  checkPlainLanguageForCase,
  checkPlainLanguageInArea,
  getAreaGlossary,
  mayMaintainAreaGlossary,
  NotFoundError,
  type PlainLanguageFinding,
  type PlainLanguageReport,
  removeAreaGlossaryTerm,
  replacesDefaultTerm,
  updateAreaGlossaryTerm,
} from "@hub/core";
import type { AreaGlossaryTerm } from "@hub/db";
import { subject } from "@hub/policy";
import { builder } from "../builder.js";
import { CaseUpdateRef } from "./case-progress.js";
import { MUTATION_ERRORS } from "./errors.js";
import { AreaRef } from "./organisations.js";

const FindingKind = builder.enumType("PlainLanguageFindingKind", { values: ["LEGAL_TERM", "BLAMING", "LONG_SENTENCE"] as const });

const FindingRef = builder.objectRef<PlainLanguageFinding>("PlainLanguageFinding").implement({
  fields: (t) => ({
    kind: t.field({ type: FindingKind, resolve: (f) => f.kind }),
    start: t.exposeInt("start", { description: "Character offset where the finding starts." }),
    end: t.exposeInt("end"),
    text: t.exposeString("text"),
    message: t.exposeString("message", { description: "For the caseworker: what to change and why." }),
    suggestion: t.string({ nullable: true, resolve: (f) => f.suggestion ?? null }),
    explanation: t.string({ nullable: true, description: "A plain explanation of a legal term that could be added for the victim.", resolve: (f) => f.explanation ?? null }),
  }),
});

const ReadabilityRef = builder.objectRef<PlainLanguageReport["readability"]>("Readability").implement({
  fields: (t) => ({
    fleschReadingEase: t.float({ nullable: true, resolve: (r) => r.fleschReadingEase }),
    readingAge: t.float({ nullable: true, resolve: (r) => r.readingAge }),
    averageSentenceLength: t.exposeFloat("averageSentenceLength"),
    longestSentenceWords: t.exposeInt("longestSentenceWords"),
  }),
});

const ReportRef = builder.objectRef<PlainLanguageReport>("PlainLanguageReport").implement({
  fields: (t) => ({
    ok: t.exposeBoolean("ok", { description: "No legal terms left unexplained, no blaming wording, and easy enough to read." }),
    findings: t.field({ type: [FindingRef], resolve: (r) => r.findings }),
    readability: t.field({ type: ReadabilityRef, resolve: (r) => r.readability }),
  }),
});

builder.queryField("checkPlainLanguage", (t) =>
  t.field({
    type: ReportRef,
    description:
      "Check words meant for a victim: unexplained legal terms, blaming wording, readability. Legal terms come from the default glossary and the area's own (areaId, or your organisation's area when it serves exactly one). Nothing is stored.",
    args: {
      text: t.arg.string({ required: true }),
      areaId: t.arg.id({ description: "Whose glossary to add to the default one. Default: your organisation's area, when it serves exactly one." }),
    },
    resolve: (_r, args, ctx) => {
      if (args.text.length > 20_000) throw new BadInputError("Check up to 20,000 characters at a time.", "text");
      return checkPlainLanguageInArea(ctx, args.text, args.areaId == null ? null : String(args.areaId));
    },
  }),
);

builder.objectField(CaseUpdateRef, "plainLanguage", (t) =>
  t.field({
    type: ReportRef,
    description: "The plain-language check of the victim explanation, with the glossary of the case's area.",
    resolve: (u, _a, ctx) => checkPlainLanguageForCase(ctx, u.caseId, u.victimExplanation),
  }),
);

const AreaGlossaryTermRef = builder.objectRef<AreaGlossaryTerm>("AreaGlossaryTerm").implement({
  description: "A term an area adds to the plain-language glossary, with plain words for the victim. Not personal data.",
  fields: (t) => ({
    id: t.exposeID("id"),
    areaId: t.exposeID("areaId"),
    term: t.exposeString("term"),
    variants: t.exposeStringList("variants", { description: "Other spellings and abbreviations, found as the term." }),
    explanation: t.exposeString("explanation", { description: "One or two calm, plain sentences for the victim." }),
    replacesDefault: t.boolean({
      description: "The default glossary has this term too: in this area, this explanation is used instead (the default's other spellings still count).",
      resolve: (g) => replacesDefaultTerm(g.term),
    }),
    addedByUserId: t.exposeID("addedByUserId"),
    addedByOrganisationId: t.exposeID("addedByOrganisationId"),
    createdAt: t.field({ type: "DateTime", resolve: (g) => g.createdAt }),
    updatedAt: t.field({ type: "DateTime", resolve: (g) => g.updatedAt }),
    canEdit: t.boolean({ description: "Whether you may change or remove this term.", resolve: (g, _a, ctx) => ctx.ability.can("update", subject("AreaGlossaryTerm", g as never)) }),
  }),
});

const AreaGlossaryRef = builder.objectRef<AreaGlossaryView>("AreaGlossary").implement({
  description: "An area's own glossary, merged over the default one when text for a victim in the area is checked.",
  fields: (t) => ({
    area: t.field({ type: AreaRef, resolve: (g) => g.area }),
    terms: t.field({ type: [AreaGlossaryTermRef], description: "A to Z.", resolve: (g) => g.terms }),
    canMaintain: t.boolean({ description: "Whether you may add, change and remove its terms.", resolve: (g, _a, ctx) => mayMaintainAreaGlossary(ctx, g.area.id) }),
  }),
});

builder.queryField("areaGlossary", (t) =>
  t.field({
    type: AreaGlossaryRef,
    description: "An area's own plain-language terms. Any signed-in partner may read them; no stated purpose is needed.",
    args: { areaId: t.arg.id({ required: true }) },
    errors: { types: [NotFoundError], directResult: true },
    resolve: (_r, args, ctx) => getAreaGlossary(ctx, String(args.areaId)),
  }),
);

const AddTermInput = builder.inputType("AddAreaGlossaryTermInput", {
  fields: (t) => ({
    areaId: t.id({ required: true }),
    term: t.string({ required: true, description: 'As a caseworker would write it, e.g. "ABE interview".' }),
    variants: t.stringList({ description: 'Other spellings and abbreviations, e.g. "ABE".' }),
    explanation: t.string({ required: true, description: "Plain words for the victim. It is checked too: no legal terms, no blaming words." }),
  }),
});

const UpdateTermInput = builder.inputType("UpdateAreaGlossaryTermInput", {
  description: "Only the fields given change; null variants clears them.",
  fields: (t) => ({ id: t.id({ required: true }), term: t.string(), variants: t.stringList(), explanation: t.string() }),
});

builder.mutationFields((t) => ({
  addAreaGlossaryTerm: t.field({
    type: AreaGlossaryTermRef,
    description:
      "Add a term to your area's glossary (organisation admins of an organisation serving the area). A term the default glossary has already is allowed: the area's explanation is then used instead. A term the area has already, in any case, is refused.",
    args: { input: t.arg({ type: AddTermInput, required: true }) },
    errors: { types: MUTATION_ERRORS, directResult: true },
    resolve: (_r, { input }, ctx) => addAreaGlossaryTerm(ctx, { ...input, areaId: String(input.areaId) }),
  }),
  updateAreaGlossaryTerm: t.field({
    type: AreaGlossaryTermRef,
    description: "Change a term of your area's glossary. A term you may not change is not found.",
    args: { input: t.arg({ type: UpdateTermInput, required: true }) },
    errors: { types: MUTATION_ERRORS, directResult: true },
    resolve: (_r, { input }, ctx) => updateAreaGlossaryTerm(ctx, { ...input, id: String(input.id) }),
  }),
  removeAreaGlossaryTerm: t.field({
    type: AreaGlossaryTermRef,
    description: "Take a term out of your area's glossary; answers with the term as it was. A term you may not change is not found.",
    args: { id: t.arg.id({ required: true }) },
    errors: { types: MUTATION_ERRORS, directResult: true },
    resolve: (_r, args, ctx) => removeAreaGlossaryTerm(ctx, String(args.id)),
  }),
}));
