// The plain-language and no-blame check, for anything written for a victim. It warns;
// it never rewrites the text.
import { BadInputError, checkPlainLanguage, type PlainLanguageFinding, type PlainLanguageReport } from "@hub/core";
import { builder } from "../builder.js";
import { CaseUpdateRef } from "./case-progress.js";

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
    description: "Check words meant for a victim: unexplained legal terms, blaming wording, readability. Nothing is stored.",
    args: { text: t.arg.string({ required: true }) },
    resolve: (_r, args) => {
      if (args.text.length > 20_000) throw new BadInputError("Check up to 20,000 characters at a time.", "text");
      return checkPlainLanguage(args.text);
    },
  }),
);

builder.objectField(CaseUpdateRef, "plainLanguage", (t) =>
  t.field({ type: ReportRef, description: "The plain-language check of the victim explanation.", resolve: (u) => checkPlainLanguage(u.victimExplanation) }),
);
