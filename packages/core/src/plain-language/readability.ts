// Readability of English text, worked out by hand: Flesch reading ease and the
// Flesch-Kincaid grade, with a UK "reading age" (the US school grade plus 5 years).
//   reading ease = 206.835 - 1.015 × (words / sentences) - 84.6 × (syllables / words)
//   grade        = 0.39 × (words / sentences) + 11.8 × (syllables / words) - 15.59
// 60 to 70 is plain English; below 50 most people find a text hard.

export interface SentenceSpan {
  /** Position among the sentences, from 0. */
  index: number;
  start: number;
  end: number;
  text: string;
  words: number;
}

export interface Readability {
  sentences: number;
  words: number;
  syllables: number;
  /** 0 (very hard) to 100 (very easy), one decimal place; null when there are no words. */
  fleschReadingEase: number | null;
  /** US school grade, one decimal place; null when there are no words. */
  fleschKincaidGrade: number | null;
  /** Years of age a reader needs: the grade plus 5. */
  readingAge: number | null;
  /** Words per sentence, one decimal place. */
  averageSentenceLength: number;
  /** Words in the longest sentence. */
  longestSentenceWords: number;
  /** Sentences with more than the long-sentence limit of words. */
  longSentences: SentenceSpan[];
}

export const DEFAULT_LONG_SENTENCE_WORDS = 25;

// A word is letters or digits, kept together by an apostrophe, hyphen, or (between
// characters) a full stop, comma, colon or slash: "didn't", "co-defendant", "e.g", "3.5",
// "1,200", "24/00123". So a date like "3 March 2026" is three words.
const WORD = /[\p{L}\p{N}]+(?:[.,:/'\u2019\-\u2010\u2011][\p{L}\p{N}]+)*/gu;

export function wordsIn(text: string): string[] {
  return text.match(WORD) ?? [];
}

/**
 * Syllables in an English word, by the usual rules of thumb (silent "e", "-ed", "-es",
 * vowel groups), not a dictionary: right for most everyday words, which is enough for a score.
 * A number counts as one syllable, so dates and references do not make a letter look hard.
 */
export function countSyllables(word: string): number {
  const total = word
    .toLowerCase()
    .split(/[-\u2010\u2011]/)
    .reduce((sum, part) => sum + syllablesInPart(part), 0);
  return Math.max(total, 1);
}

function syllablesInPart(part: string): number {
  const shortForm = /[^aeiouy]n['\u2019]t$/.test(part) ? 1 : 0; // "didn't" is two syllables, "don't" one
  let w = part.replace(/[^a-z]/g, "");
  if (w === "") return /\p{N}/u.test(part) ? 1 : 0;
  if (w.length <= 3) return 1 + shortForm;
  w = w.replace(/([^aeiouy])e(ly|ment|ful|ness|less)$/, "$1$2"); // "likely", "statement"
  if (/[^aeiouy]e$/.test(w) && !/[^aeiouy]le$/.test(w)) w = w.slice(0, -1); // "case"; not "table"
  else if (/[^aeiouy]es$/.test(w) && !/(?:[sxzcg]|ch|sh)es$/.test(w)) w = w.slice(0, -2); // "makes"; not "cases"
  else if (/[^td]ed$/.test(w)) w = w.slice(0, -2); // "charged"; not "decided"
  w = w.replace(/^y/, ""); // "you", "year": a consonant here
  let count = w.match(/[aeiouy]+/g)?.length ?? 0;
  count += w.match(/(?<![cgstlnx])i[ao]/g)?.length ?? 0; // "trial", "period"; not "-tion", "special"
  if (/[aeiouy]ing$/.test(w)) count++; // "going", "saying"
  if (/ea$/.test(w)) count++; // "area", "idea"
  return Math.max(count, 1) + shortForm;
}

// Full stops after these do not end a sentence.
const ABBREVIATIONS = new Set(["mr", "mrs", "ms", "mx", "dr", "prof", "rev", "st", "e.g", "eg", "i.e", "ie", "cf", "vs", "approx", "dept", "ltd", "co", "inc"]);
// Nor after these when a number follows: "No. 3 Court", "ref. 24/001".
const BEFORE_NUMBER = new Set(["no", "nos", "ref", "tel", "para", "p", "pp"]);
const BULLET = /^[ \t]*(?:[-*\u2022\u2013\u2014]|\d{1,2}[.)]|[a-z][.)])[ \t]+/;
const END_MARK = /[.!?]+['"\u2019\u201d)\]]*(?=\s|$)/g;

/**
 * Splits text into sentences with their offsets. Copes with "Mr.", "e.g.", "3.5" and dates.
 * Each bullet point is its own sentence, and a line break ends a sentence unless the next
 * line starts with a small letter (a sentence wrapped onto the next line).
 */
export function splitSentences(text: string): SentenceSpan[] {
  const sentences: SentenceSpan[] = [];
  for (const block of lineBlocks(text)) {
    let from = block.start;
    for (const m of text.slice(block.start, block.end).matchAll(END_MARK)) {
      const end = block.start + m.index + m[0].length;
      if (m[0].startsWith(".") && m[0].length === 1 && !endsSentence(text, block.start + m.index, end)) continue;
      addSentence(sentences, text, from, end);
      from = end;
    }
    addSentence(sentences, text, from, block.end);
  }
  return sentences;
}

function endsSentence(text: string, dot: number, after: number): boolean {
  const before = (/[\p{L}.]+$/u.exec(text.slice(Math.max(0, dot - 12), dot))?.[0] ?? "").toLowerCase();
  const next = /\S/u.exec(text.slice(after))?.[0] ?? "";
  if (/\p{Ll}/u.test(next)) return false; // "approx. three": a new sentence starts with a capital
  if (ABBREVIATIONS.has(before) || /^\p{L}$/u.test(before)) return false; // "Mr. Jones", "J. Smith"
  return !(BEFORE_NUMBER.has(before) && /\d/.test(next));
}

function addSentence(sentences: SentenceSpan[], text: string, from: number, to: number) {
  const raw = text.slice(from, to);
  const start = from + (raw.length - raw.trimStart().length);
  const end = to - (raw.length - raw.trimEnd().length);
  const words = wordsIn(text.slice(start, end)).length;
  if (words > 0) sentences.push({ index: sentences.length, start, end, text: text.slice(start, end), words });
}

/** Paragraph-like runs of lines, without bullet markers. */
function lineBlocks(text: string): { start: number; end: number }[] {
  const blocks: { start: number; end: number }[] = [];
  let offset = 0;
  for (const line of text.split("\n")) {
    const lineStart = offset;
    offset += line.length + 1;
    const content = line.trim();
    if (content === "") continue;
    const bullet = BULLET.exec(line);
    const last = blocks.at(-1);
    const continues = last !== undefined && last.end === lineStart - 1 && !bullet && /^\p{Ll}/u.test(content);
    if (continues) last.end = lineStart + line.length;
    else blocks.push({ start: lineStart + (bullet?.[0].length ?? 0), end: lineStart + line.length });
  }
  return blocks;
}

const oneDecimal = (n: number) => Math.round(n * 10) / 10;

export function measureReadability(text: string, longSentenceWords = DEFAULT_LONG_SENTENCE_WORDS): Readability {
  const sentences = splitSentences(text);
  const words = sentences.flatMap((s) => wordsIn(s.text));
  const syllables = words.reduce((sum, w) => sum + countSyllables(w), 0);
  const wordsPerSentence = sentences.length ? words.length / sentences.length : 0;
  const syllablesPerWord = words.length ? syllables / words.length : 0;
  const grade = words.length ? 0.39 * wordsPerSentence + 11.8 * syllablesPerWord - 15.59 : null;
  return {
    sentences: sentences.length,
    words: words.length,
    syllables,
    fleschReadingEase: words.length ? oneDecimal(206.835 - 1.015 * wordsPerSentence - 84.6 * syllablesPerWord) : null,
    fleschKincaidGrade: grade === null ? null : oneDecimal(grade),
    readingAge: grade === null ? null : oneDecimal(grade + 5),
    averageSentenceLength: oneDecimal(wordsPerSentence),
    longestSentenceWords: sentences.reduce((most, s) => Math.max(most, s.words), 0),
    longSentences: sentences.filter((s) => s.words > longSentenceWords),
  };
}
