// Whole-word, case-insensitive phrase matching shared by the glossary and the blaming phrases.
// Offsets are JavaScript string indexes (UTF-16 code units), so text.slice(start, end) is the match.

export interface TextSpan {
  start: number;
  end: number;
  text: string;
}

// A word is letters and digits; an apostrophe or hyphen between two of them keeps the word
// together, so "bail" is not found in "bailiff", "charged" not in "discharged", and
// "defendant" not in "co-defendant" (list such compounds as variants when they matter).
const WORD_CHAR = String.raw`[\p{L}\p{N}]`;
const HYPHEN = "[-\u2010\u2011]";
const JOINER = String.raw`[-\u2010\u2011'\u2019]`;
const WORD_START = `(?<!${WORD_CHAR})(?<!${WORD_CHAR}${JOINER})`;
// A possessive may follow ("the CPS's decision"); a hyphenated word may not ("bail-out").
const WORD_END = `(?!${WORD_CHAR})(?!${HYPHEN}${WORD_CHAR})`;

const REGEX_SYNTAX = /[\\^$.*+?()[\]{}|/]/g;

/**
 * The regular expression source for a literal phrase: any run of spaces matches any
 * whitespace (letters wrap lines), an apostrophe is optional and may be curly
 * ("magistrates court", "magistrates’ court"), and a hyphen may also be a space or nothing
 * ("pre-charge", "pre charge", "precharge").
 */
export function literalPattern(phrase: string): string {
  return phrase
    .trim()
    .replace(REGEX_SYNTAX, (c) => `\\${c}`)
    .replace(/\s+|['\u2019]|[-\u2010\u2011]/g, (c) => {
      if (c === "'" || c === "\u2019") return "['\u2019]?";
      if (/\s/.test(c)) return String.raw`\s+`;
      return String.raw`[-\u2010\u2011\s]?`;
    });
}

/** A case-insensitive, whole-word regular expression for a pattern source. */
export function wholeWords(source: string): RegExp {
  return new RegExp(`${WORD_START}(?:${source})${WORD_END}`, "giu");
}

export function findAll(text: string, pattern: RegExp): TextSpan[] {
  const spans: TextSpan[] = [];
  for (const m of text.matchAll(pattern)) {
    if (m[0].length > 0) spans.push({ start: m.index, end: m.index + m[0].length, text: m[0] });
  }
  return spans;
}

/**
 * Keeps the longest matches that do not overlap ("no further action" wins over "action").
 * Of two matches of the same length, the one with the lower rank wins (an area's own
 * glossary comes first). The result is in text order.
 */
export function longestWithoutOverlap<T extends TextSpan & { rank: number }>(spans: readonly T[]): T[] {
  const byPreference = [...spans].sort((a, b) => b.end - b.start - (a.end - a.start) || a.rank - b.rank || a.start - b.start);
  const kept: T[] = [];
  for (const span of byPreference) {
    if (!kept.some((k) => span.start < k.end && k.start < span.end)) kept.push(span);
  }
  return kept.sort((a, b) => a.start - b.start);
}
