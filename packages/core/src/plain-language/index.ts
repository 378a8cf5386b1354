// Plain-language and no-blame check for text written to victims.
export {
  checkPlainLanguage,
  DEFAULT_MIN_READING_EASE,
  type PlainLanguageFinding,
  type PlainLanguageFindingKind,
  type PlainLanguageOptions,
  type PlainLanguageReport,
} from "./check-plain-language.js";
export {
  DEFAULT_EXPLAINED_WITHIN,
  defaultGlossary,
  findLegalTerms,
  type GlossaryEntry,
  glossaryEntrySchema,
  glossaryTermKey,
  isExplained,
  type LegalTermMatch,
  mergeGlossary,
} from "./glossary.js";
export {
  type BlamingMatch,
  type BlamingPhrase,
  blamingPhraseSchema,
  compileBlamingPattern,
  defaultBlamingPhrases,
  findBlamingPhrases,
} from "./blaming-phrases.js";
export {
  countSyllables,
  DEFAULT_LONG_SENTENCE_WORDS,
  measureReadability,
  type Readability,
  type SentenceSpan,
  splitSentences,
} from "./readability.js";
export {
  addAreaGlossaryTerm,
  type AddAreaGlossaryTermInput,
  type AreaGlossaryView,
  caseAreaGlossary,
  checkPlainLanguageForCase,
  checkPlainLanguageInArea,
  getAreaGlossary,
  mayMaintainAreaGlossary,
  removeAreaGlossaryTerm,
  replacesDefaultTerm,
  updateAreaGlossaryTerm,
  type UpdateAreaGlossaryTermInput,
} from "./area-glossary.js";
