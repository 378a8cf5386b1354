// Checks text meant for a victim before it is sent: unexplained legal terms, words that
// blame or doubt the victim, and long or hard sentences. It only warns; the caseworker
// decides what to change, and the text is never rewritten.
import { z } from "zod";
import { validate } from "../shared/validate.js";
import { type BlamingPhrase, blamingPhraseSchema, defaultBlamingPhrases, findBlamingPhrases } from "./blaming-phrases.js";
import { DEFAULT_EXPLAINED_WITHIN, defaultGlossary, findLegalTerms, type GlossaryEntry, glossaryEntrySchema, mergeGlossary } from "./glossary.js";
import { DEFAULT_LONG_SENTENCE_WORDS, measureReadability, type Readability } from "./readability.js";

export type PlainLanguageFindingKind = "LEGAL_TERM" | "BLAMING" | "LONG_SENTENCE";

export interface PlainLanguageFinding {
  kind: PlainLanguageFindingKind;
  /** Offsets into the original text (string indexes): text.slice(start, end) === this.text. */
  start: number;
  end: number;
  text: string;
  /** For the caseworker, in plain English. */
  message: string;
  /** Words that could be used instead. */
  suggestion?: string;
  /** For a legal term: the plain explanation that could be added for the victim. */
  explanation?: string;
}

export interface PlainLanguageReport {
  findings: PlainLanguageFinding[];
  readability: Readability;
  /** No unexplained legal terms, no blaming words, and reading ease at least the minimum. */
  ok: boolean;
}

/**
 * 50 is the bottom of "fairly difficult" on the Flesch scale; below it, many adults (and
 * more so people in shock or distress) struggle. Plain English guidance aims for 60 or more.
 */
export const DEFAULT_MIN_READING_EASE = 50;

export interface PlainLanguageOptions {
  /** Replaces the default glossary. */
  glossary?: readonly GlossaryEntry[];
  /** An area's own terms, merged over the glossary: the same term here replaces the default. */
  extraGlossary?: readonly GlossaryEntry[];
  /** Replaces the default blaming phrases. */
  blamingPhrases?: readonly BlamingPhrase[];
  /** Flesch reading ease the text must reach to be ok (default 50). */
  minReadingEase?: number;
  /** Sentences with more words than this are flagged (default 25). */
  longSentenceWords?: number;
  /** How many characters after a term to look for "this means" and the like (default 80). */
  explainedWithin?: number;
}

const Options = z.object({
  glossary: z.array(glossaryEntrySchema).optional(),
  extraGlossary: z.array(glossaryEntrySchema).optional(),
  blamingPhrases: z.array(blamingPhraseSchema).optional(),
  minReadingEase: z.number().optional(),
  longSentenceWords: z.number().int().positive().optional(),
  explainedWithin: z.number().int().nonnegative().optional(),
});

const KIND_ORDER: PlainLanguageFindingKind[] = ["LEGAL_TERM", "BLAMING", "LONG_SENTENCE"];

export function checkPlainLanguage(text: string, options: PlainLanguageOptions = {}): PlainLanguageReport {
  const o = validate(Options, options);
  const glossary = mergeGlossary(o.glossary ?? defaultGlossary, o.extraGlossary ?? []);
  const longSentenceWords = o.longSentenceWords ?? DEFAULT_LONG_SENTENCE_WORDS;
  const readability = measureReadability(text, longSentenceWords);

  const legalTerms = findLegalTerms(text, glossary, o.explainedWithin ?? DEFAULT_EXPLAINED_WITHIN).map(
    ({ start, end, text: found, entry }): PlainLanguageFinding => ({
      kind: "LEGAL_TERM",
      start,
      end,
      text: found,
      message: `“${found}” is a legal term. Explain it: ${entry.explanation}${entry.suggestion ? ` Or say “${entry.suggestion}” instead.` : ""}`,
      explanation: entry.explanation,
      ...(entry.suggestion ? { suggestion: entry.suggestion } : {}),
    }),
  );
  const blaming = findBlamingPhrases(text, o.blamingPhrases ?? defaultBlamingPhrases).map(
    ({ start, end, text: found, phrase }): PlainLanguageFinding => ({
      kind: "BLAMING",
      start,
      end,
      text: found,
      message: `“${found}” may read as blaming or doubting the victim. ${phrase.why}`,
      suggestion: phrase.alternative,
    }),
  );
  const longSentences = readability.longSentences.map(
    (s): PlainLanguageFinding => ({
      kind: "LONG_SENTENCE",
      start: s.start,
      end: s.end,
      text: s.text,
      message: `This sentence has ${s.words} words. Sentences of ${longSentenceWords} words or fewer are easier to follow: try splitting it.`,
    }),
  );

  const findings = [...legalTerms, ...blaming, ...longSentences].sort(
    (a, b) => a.start - b.start || KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) || a.end - b.end,
  );
  const minReadingEase = o.minReadingEase ?? DEFAULT_MIN_READING_EASE;
  const easyEnough = readability.fleschReadingEase === null || readability.fleschReadingEase >= minReadingEase;
  return { findings, readability, ok: legalTerms.length === 0 && blaming.length === 0 && easyEnough };
}
