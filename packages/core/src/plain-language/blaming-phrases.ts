// Phrasings that blame or doubt the victim, each with a kinder alternative and the reason.
import { z } from "zod";
import { BadInputError } from "../shared/errors.js";
import defaultBlamingPhraseData from "./blaming-phrases.json" with { type: "json" };
import { findAll, literalPattern, longestWithoutOverlap, type TextSpan, wholeWords } from "./phrase-match.js";

export interface BlamingPhrase {
  /** A phrase pattern, see the syntax below. */
  pattern: string;
  /** What to write instead, for the caseworker. */
  alternative: string;
  /** Why the phrase can hurt, for the caseworker. */
  why: string;
}

export const blamingPhraseSchema: z.ZodType<BlamingPhrase> = z.object({
  pattern: z.string().trim().min(1, "A blaming phrase pattern cannot be empty."),
  alternative: z.string().trim().min(1),
  why: z.string().trim().min(1),
});

export const defaultBlamingPhrases: readonly BlamingPhrase[] = z.array(blamingPhraseSchema).parse(defaultBlamingPhraseData);

/*
 * Pattern syntax, kept small so that non-programmers can add phrases:
 *
 *   you failed to                  words in order, any whitespace between them
 *   you (chose|decided) not to     (a|b)  exactly one of the choices
 *   your [witness] account         [a]    an optional word; [a|b] optionally one of the choices
 *   you * to                       *      any one word
 *
 * Matching is case-insensitive and on whole words. Apostrophes and hyphens behave as in the
 * glossary. "did not", "was not", "could not" and the like also match "didn't", "wasn't",
 * "couldn't" (and "will not" "won't", "can not" "can't" and "cannot"), and "should have" also
 * matches "should've". A pattern cannot start with an optional part.
 */
const ANY_WORD = String.raw`[\p{L}\p{N}]+(?:['\u2019-][\p{L}\p{N}]+)*`;
const APOSTROPHE = "['\u2019]";
const SHORT_FORMS: Record<string, string> = {
  will: `won${APOSTROPHE}t`,
  can: `can${APOSTROPHE}t|cannot`,
};
for (const verb of ["do", "does", "did", "is", "are", "was", "were", "has", "have", "had", "could", "would", "should", "must"]) {
  SHORT_FORMS[verb] = `${verb}n${APOSTROPHE}t`;
}

const WITH_HAVE = new Set(["should", "could", "would", "must"]);

/** A choice of words, with "did not" also matching "didn't". */
function wordsPattern(words: string): string {
  const list = words.trim().split(/\s+/);
  const parts: string[] = [];
  for (let i = 0; i < list.length; i++) {
    const word = list[i]!;
    const short = SHORT_FORMS[word.toLowerCase()];
    const next = list[i + 1]?.toLowerCase();
    if (short && next === "not") {
      parts.push(`(?:${literalPattern(word)}\\s+not|${short})`);
      i++;
    } else if (WITH_HAVE.has(word.toLowerCase()) && next === "have") {
      parts.push(`(?:${literalPattern(word)}\\s+have|${literalPattern(word)}${APOSTROPHE}ve)`);
      i++;
    } else {
      parts.push(word === "*" ? ANY_WORD : literalPattern(word));
    }
  }
  return parts.join(String.raw`\s+`);
}

// [optional], (choice), or a run of plain words (kept together so "did not" can pair up).
const TOKEN = /\[([^[\]()]*)\]|\(([^[\]()]*)\)|([^[\]()]*[^\s[\]()][^[\]()]*)/g;

/** Compiles a pattern (syntax above) to a whole-word regular expression. */
export function compileBlamingPattern(pattern: string): RegExp {
  const tokens = [...pattern.trim().matchAll(TOKEN)];
  const unspaced = (s: string) => s.replace(/\s+/g, "");
  const emptyChoice = tokens.some(([, optional, choice]) => (optional ?? choice)?.split("|").some((c) => c.trim() === ""));
  if (tokens.length === 0 || emptyChoice || unspaced(tokens.map((t) => t[0]).join("")) !== unspaced(pattern)) {
    throw new BadInputError(`The phrase pattern “${pattern}” has a bracket that is not closed, or an empty choice.`, "blamingPhrases");
  }
  if (tokens[0]![1] !== undefined) {
    throw new BadInputError(`The phrase pattern “${pattern}” cannot start with an optional part.`, "blamingPhrases");
  }
  const source = tokens
    .map(([, optional, choice, words], i) => {
      const choices = optional ?? choice;
      const part = choices === undefined ? wordsPattern(words!) : `(?:${choices.split("|").map(wordsPattern).join("|")})`;
      const gap = i === 0 ? "" : String.raw`\s+`;
      // An optional part brings its own leading space, so "your [witness] account" matches both.
      return optional === undefined ? `${gap}${part}` : `(?:${gap}${part})?`;
    })
    .join("");
  return wholeWords(source);
}

export interface BlamingMatch extends TextSpan {
  phrase: BlamingPhrase;
}

/** Blaming phrasings in the text, longest match first, in text order. */
export function findBlamingPhrases(text: string, phrases: readonly BlamingPhrase[] = defaultBlamingPhrases): BlamingMatch[] {
  const candidates = phrases.flatMap((phrase, rank) =>
    findAll(text, compileBlamingPattern(phrase.pattern)).map((span) => ({ ...span, phrase, rank })),
  );
  return longestWithoutOverlap(candidates).map(({ rank: _rank, ...match }) => match);
}
