// Legal terms victims meet in letters, with a plain explanation a caseworker can use.
// The needs assessment found most failed letters used terms like these without explaining them.
import { z } from "zod";
import defaultGlossaryData from "./default-glossary.json" with { type: "json" };
import { findAll, literalPattern, longestWithoutOverlap, type TextSpan, wholeWords } from "./phrase-match.js";

export interface GlossaryEntry {
  /** The term as a caseworker would write it, e.g. "discontinued". */
  term: string;
  /** Other spellings, abbreviations and inflections, e.g. "NFA", "adjournment". */
  variants?: string[];
  /** One or two calm, plain sentences written for the victim. */
  explanation: string;
  /** Plain words that could replace the term. */
  suggestion?: string;
  /** Everyday phrases in which the term is not legal, e.g. "in charge", "free of charge". */
  ignoreIn?: string[];
}

const phrase = z.string().trim().min(1, "A glossary term or variant cannot be empty.");

export const glossaryEntrySchema: z.ZodType<GlossaryEntry> = z.object({
  term: phrase,
  variants: z.array(phrase).optional(),
  explanation: z.string().trim().min(1, "Give a plain explanation for every glossary term."),
  suggestion: z.string().trim().min(1).optional(),
  ignoreIn: z.array(phrase).optional(),
});

export const defaultGlossary: readonly GlossaryEntry[] = z.array(glossaryEntrySchema).parse(defaultGlossaryData);

/** How two spellings of a term compare: "ABE Interview" and "abe  interview" are one term. */
export const glossaryTermKey = (term: string) => term.trim().toLowerCase().replace(/\u2019/g, "'").replace(/\s+/g, " ");

const union = (a: readonly string[] = [], b: readonly string[] = []) => {
  const seen = new Set(a.map(glossaryTermKey));
  return [...a, ...b.filter((v) => !seen.has(glossaryTermKey(v)))];
};

/**
 * An area's own entries come first, so that they win when both lists match exactly the same
 * words. An entry with the same term as a base entry replaces its explanation (and its
 * suggestion, when it gives one); the base entry's other spellings and everyday phrases
 * still apply, so an area cannot lose "charged" or "free of charge" by re-explaining "charge".
 */
export function mergeGlossary(base: readonly GlossaryEntry[], extra: readonly GlossaryEntry[]): GlossaryEntry[] {
  const byTerm = new Map(base.map((e) => [glossaryTermKey(e.term), e]));
  const own = extra.map((entry): GlossaryEntry => {
    const replaced = byTerm.get(glossaryTermKey(entry.term));
    if (!replaced) return entry;
    byTerm.delete(glossaryTermKey(entry.term));
    const suggestion = entry.suggestion ?? replaced.suggestion;
    return {
      term: entry.term,
      variants: union(replaced.variants, entry.variants),
      explanation: entry.explanation,
      ...(suggestion ? { suggestion } : {}),
      ignoreIn: union(replaced.ignoreIn, entry.ignoreIn),
    };
  });
  return [...own, ...base.filter((e) => byTerm.has(glossaryTermKey(e.term)))];
}

export interface LegalTermMatch extends TextSpan {
  entry: GlossaryEntry;
}

/** How far after a term we look for "this means", "which means" or "meaning". */
export const DEFAULT_EXPLAINED_WITHIN = 80;

// A gloss in brackets right after the term counts, but not a bare abbreviation like "(CPS)".
const BRACKETED_GLOSS = /^\s*\((?!\s*[A-Z]{2,}s?\s*\))/u;
const TERM_THEN_MEANS = /^['\u2019"\u201d]?\s+means\b/iu;
const EXPLAINING_WORDS = /\b(?:this|which|that|it) means\b|\bmeaning\b|\bin other words\b/iu;

/** True when the writer already explains the term that ends at `end`. */
export function isExplained(text: string, end: number, within = DEFAULT_EXPLAINED_WITHIN): boolean {
  const after = text.slice(end, end + within);
  return BRACKETED_GLOSS.test(after) || TERM_THEN_MEANS.test(after) || EXPLAINING_WORDS.test(after);
}

/** Legal terms in the text that are not explained, longest match first, in text order. */
export function findLegalTerms(
  text: string,
  glossary: readonly GlossaryEntry[] = defaultGlossary,
  explainedWithin = DEFAULT_EXPLAINED_WITHIN,
): LegalTermMatch[] {
  const candidates: (LegalTermMatch & { rank: number })[] = [];
  glossary.forEach((entry, rank) => {
    const everyday = (entry.ignoreIn ?? []).flatMap((p) => findAll(text, wholeWords(literalPattern(p))));
    for (const form of [entry.term, ...(entry.variants ?? [])]) {
      for (const span of findAll(text, wholeWords(literalPattern(form)))) {
        if (!everyday.some((e) => e.start <= span.start && span.end <= e.end)) candidates.push({ ...span, entry, rank });
      }
    }
  });
  // Overlaps are settled first, so "conditional bail (this means …)" counts as one explained term.
  return longestWithoutOverlap(candidates)
    .filter((m) => !isExplained(text, m.end, explainedWithin))
    .map(({ rank: _rank, ...match }) => match);
}
