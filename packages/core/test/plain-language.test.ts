// The plain-language and no-blame check for letters to victims. No database needed.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { BadInputError } from "../src/shared/errors.js";
import {
  checkPlainLanguage,
  compileBlamingPattern,
  countSyllables,
  defaultBlamingPhrases,
  defaultGlossary,
  measureReadability,
  type PlainLanguageReport,
  splitSentences,
} from "../src/plain-language/index.js";

/** Every finding's offsets slice back to its text. */
function expectOffsetsSliceBack(text: string, report: PlainLanguageReport) {
  for (const f of report.findings) expect(text.slice(f.start, f.end)).toBe(f.text);
}

const found = (report: PlainLanguageReport, kind: string) => report.findings.filter((f) => f.kind === kind).map((f) => f.text);

describe("legal terms", () => {
  it("finds the jargon in a letter that fails the quality standard", () => {
    const letter =
      "The CPS has discontinued the case as there is insufficient evidence for a realistic prospect of conviction. You may seek a VRR.";
    const report = checkPlainLanguage(letter);
    expect(found(report, "LEGAL_TERM")).toEqual(["CPS", "discontinued", "insufficient evidence", "realistic prospect of conviction", "VRR"]);
    expectOffsetsSliceBack(letter, report);
    const discontinued = report.findings.find((f) => f.text === "discontinued")!;
    expect(discontinued).toMatchObject({ start: 12, end: 24, suggestion: "stopped the case" });
    expect(discontinued.message).toMatch(/^“discontinued” is a legal term\. Explain it: The case has been stopped/);
    expect(report.ok).toBe(false);
  });

  it("passes a plain rewrite of the same news", () => {
    const letter = [
      "We are sorry to tell you that the case against the man who hurt you has been stopped.",
      "There is not enough evidence to prove the case in court.",
      "This is not about whether you are telling the truth.",
      "If you want the decision looked at again, please call us on 01234 567890.",
      "There is a time limit, so please call us soon.",
    ].join(" ");
    const report = checkPlainLanguage(letter);
    expect(report.findings).toEqual([]);
    expect(report.readability.fleschReadingEase).toBeGreaterThanOrEqual(50);
    expect(report.ok).toBe(true);
  });

  it.each([
    ["The CPS has discontinued the case (this means the CPS has stopped the case).", "discontinued"],
    ["The hearing was adjourned – this means it has been put off to another day.", "adjourned"],
    ["He was released under investigation, which means he was let go while the police keep working.", "released under investigation"],
    ["The police marked the case NFA, meaning they will not take it further for now.", "NFA"],
    ["NFA means the police have decided not to take the case any further.", "NFA"],
    ["He is on conditional bail (he must follow rules, like not contacting you).", "conditional bail"],
  ])("does not flag a term the writer has explained: %s", (text, term) => {
    const report = checkPlainLanguage(text);
    expect(found(report, "LEGAL_TERM")).not.toContain(term);
    // The explained term is the only thing standing between this text and a finding.
    expect(found(checkPlainLanguage(text.slice(0, text.indexOf(term) + term.length)), "LEGAL_TERM")).toContain(term);
  });

  it("still flags a term when the explanation is too far away or is only an abbreviation", () => {
    const far = `The case was discontinued. ${"We will write to you again about what happens next. ".repeat(2)}This means the case has stopped.`;
    expect(found(checkPlainLanguage(far), "LEGAL_TERM")).toContain("discontinued");
    expect(found(checkPlainLanguage("The Crown Prosecution Service (CPS) will write to you."), "LEGAL_TERM")).toEqual([
      "Crown Prosecution Service",
      "CPS",
    ]);
  });

  it("matches whole words and phrases only, whatever the case, apostrophes or hyphens", () => {
    // "discharged" is a different word from "charged"; a bailiff is not bail; the officer
    // in charge is not a criminal charge.
    expect(found(checkPlainLanguage("He was discharged from hospital. The bailiff called. The officer in charge will ring you."), "LEGAL_TERM")).toEqual([]);
    expect(found(checkPlainLanguage("He was charged with assault and is on bail."), "LEGAL_TERM")).toEqual(["charged", "on bail"]);
    expect(found(checkPlainLanguage("The ADJOURNMENT was short. Her co-defendant and the CPS's lawyer spoke."), "LEGAL_TERM")).toEqual([
      "ADJOURNMENT",
      "co-defendant",
      "CPS",
    ]);
    expect(found(checkPlainLanguage("First the magistrates court, then the Magistrates’ Court again."), "LEGAL_TERM")).toEqual([
      "magistrates court",
      "Magistrates’ Court",
    ]);
    expect(found(checkPlainLanguage("He is on pre-charge bail."), "LEGAL_TERM")).toEqual(["pre-charge bail"]);
    expect(found(checkPlainLanguage("Nothing was undiscontinued or rediscontinued."), "LEGAL_TERM")).toEqual([]);
  });

  it("prefers the longest term and never overlaps two terms", () => {
    const text = "He was remanded in custody. He got a suspended sentence. The plea and trial preparation hearing is next week.";
    const report = checkPlainLanguage(text);
    expect(found(report, "LEGAL_TERM")).toEqual(["remanded in custody", "suspended sentence", "plea and trial preparation hearing"]);
    expectOffsetsSliceBack(text, report);
  });

  it("uses an area's own terms, which replace the default explanation of the same term", () => {
    const extraGlossary = [
      { term: "ABE interview", variants: ["ABE"], explanation: "A video-recorded interview that can be played in court instead of you giving all your evidence live." },
      { term: "discontinued", explanation: "Northshire's own explanation of a stopped case." },
      { term: "NFA", explanation: "Northshire's own words for no further action." },
    ];
    const text = "Your ABE interview is booked. The case was discontinued and marked NFA.";
    const report = checkPlainLanguage(text, { extraGlossary });
    expect(report.findings.map((f) => [f.text, f.explanation])).toEqual([
      ["ABE interview", extraGlossary[0]!.explanation],
      ["discontinued", "Northshire's own explanation of a stopped case."],
      // "NFA" is also a variant of the default "no further action": the area's entry wins.
      ["NFA", "Northshire's own words for no further action."],
    ]);
    expect(checkPlainLanguage(text).findings.find((f) => f.text === "discontinued")!.explanation).toBe(
      defaultGlossary.find((e) => e.term === "discontinued")!.explanation,
    );
  });

  it("uses only the given glossary when one replaces the default", () => {
    const report = checkPlainLanguage("The case was discontinued and adjourned.", { glossary: [{ term: "adjourned", explanation: "Put off." }] });
    expect(found(report, "LEGAL_TERM")).toEqual(["adjourned"]);
  });
});

describe("blaming and doubting words", () => {
  it.each([
    ["Because you didn't attend court on 3 March, the trial could not go ahead.", "Because you didn't attend"],
    ["As you did not attend, the case was closed.", "As you did not attend"],
    ["You failed to respond to our letters.", "You failed to"],
    ["There were inconsistencies in your witness statement.", "inconsistencies in your witness statement"],
    ["Your account wasn't found to be credible.", "Your account wasn't found to be credible"],
    ["Your account was not credible.", "Your account was not credible"],
    ["You did not support the prosecution.", "You did not support the prosecution"],
    ["You withdrew your support in May.", "You withdrew your support"],
    ["You chose not to give evidence.", "You chose not to"],
    ["The case closed due to a lack of co-operation.", "lack of co-operation"],
    ["The case closed due to lack of victim engagement.", "lack of victim engagement"],
    ["You refused to attend the interview.", "You refused to"],
    ["You should have reported it sooner.", "You should have reported it sooner"],
    ["You should’ve told us sooner.", "You should’ve told us sooner"],
    ["You didn't report it straight away.", "You didn't report it straight away"],
    ["The defence will say you were drinking.", "you were drinking"],
    ["They may ask what you were wearing.", "what you were wearing"],
    ["You delayed in reporting this.", "You delayed in reporting"],
    ["The CPS considered you an unreliable witness.", "unreliable witness"],
    ["You claimed that he hit you.", "You claimed that"],
  ])("flags %s", (text, phrase) => {
    const report = checkPlainLanguage(text);
    expectOffsetsSliceBack(text, report);
    const blaming = report.findings.filter((f) => f.kind === "BLAMING");
    if (phrase === null) {
      expect(blaming).toEqual([]);
      return;
    }
    expect(blaming.map((f) => f.text)).toEqual([phrase]);
    expect(blaming[0]!.suggestion).toBeTruthy();
    expect(blaming[0]!.message).toContain("may read as blaming or doubting the victim");
    expect(report.ok).toBe(false);
  });

  it("does not flag the agency owning its own mistakes or respecting a choice", () => {
    const text = "We failed to send you the letter on time, and we are sorry. You told us you did not want to go to court, and we respect that.";
    expect(found(checkPlainLanguage(text), "BLAMING")).toEqual([]);
  });

  it("compiles every default pattern, and refuses a broken one in plain words", () => {
    for (const p of defaultBlamingPhrases) expect(compileBlamingPattern(p.pattern)).toBeInstanceOf(RegExp);
    expect(() => compileBlamingPattern("you (failed to")).toThrow(BadInputError);
    expect(() => compileBlamingPattern("[your] account")).toThrow(/cannot start with an optional part/);
    expect(() => compileBlamingPattern("you (|failed) to")).toThrow(BadInputError);
  });
});

describe("readability", () => {
  it("scores a short plain letter as the formulas say", () => {
    // By hand (a number counts as one syllable):
    //   "Thank you for your let-ter."                                  5 words,  6 syllables
    //   "The tri-al will now start on 3 March 2026."                   9 words, 10 syllables
    //   "Mr. Jones from the po-lice will call you be-fore then."     10 words, 12 syllables
    // 3 sentences, 24 words, 28 syllables: 8 words a sentence, 28/24 = 1.1667 syllables a word.
    //   reading ease = 206.835 - 1.015 × 8 - 84.6 × 1.1667 = 100.0
    //   grade        = 0.39 × 8 + 11.8 × 1.1667 - 15.59     = 1.3, reading age 6.3
    const r = measureReadability("Thank you for your letter. The trial will now start on 3 March 2026. Mr. Jones from the police will call you before then.");
    expect([r.sentences, r.words, r.syllables]).toEqual([3, 24, 28]);
    expect(r.fleschReadingEase).toBeCloseTo(100.0, 1);
    expect(r.fleschKincaidGrade).toBeCloseTo(1.3, 1);
    expect(r.readingAge).toBeCloseTo(6.3, 1);
    expect(r.averageSentenceLength).toBe(8);
    expect(r.longestSentenceWords).toBe(10);
  });

  it("scores a harder letter lower", () => {
    // By hand:
    //   "Your case has been dis-con-tin-ued."                                  5 words,  8 syllables
    //   "The pros-e-cu-tion ser-vice de-cid-ed there was not e-nough ev-i-dence." 9 words, 18 syllables
    // 2 sentences, 14 words, 26 syllables: 7 words a sentence, 26/14 = 1.8571 syllables a word.
    //   reading ease = 206.835 - 1.015 × 7 - 84.6 × 1.8571 = 42.6
    //   grade        = 0.39 × 7 + 11.8 × 1.8571 - 15.59     = 9.1, reading age 14.1
    const r = measureReadability("Your case has been discontinued. The prosecution service decided there was not enough evidence.");
    expect([r.sentences, r.words, r.syllables]).toEqual([2, 14, 26]);
    expect(r.fleschReadingEase).toBeCloseTo(42.6, 1);
    expect(r.fleschKincaidGrade).toBeCloseTo(9.1, 1);
    expect(r.readingAge).toBeCloseTo(14.1, 1);
  });

  it.each([
    ["case", 1],
    ["table", 2],
    ["charged", 1],
    ["decided", 3],
    ["cases", 2],
    ["trial", 2],
    ["statement", 2],
    ["didn't", 2],
    ["co-defendant", 4],
    ["going", 2],
    ["you", 1],
    ["2026", 1],
  ])("counts the syllables in %s", (word, syllables) => {
    expect(countSyllables(word)).toBe(syllables);
  });

  it("splits sentences around titles, abbreviations, decimals, dates and bullet points", () => {
    const text = [
      "Dear Ms Khan,",
      "",
      "Mr. Jones will call you, e.g. on 3 March 2026 at 3.5 hours past noon. No. 3 Court is ready. Is that all right?",
      "You can:",
      "- ask for a screen",
      "- give evidence by video",
      "  from another building",
      "1. Call us first.",
    ].join("\n");
    const sentences = splitSentences(text);
    expect(sentences.map((s) => s.text)).toEqual([
      "Dear Ms Khan,",
      "Mr. Jones will call you, e.g. on 3 March 2026 at 3.5 hours past noon.",
      "No. 3 Court is ready.",
      "Is that all right?",
      "You can:",
      "ask for a screen",
      "give evidence by video\n  from another building",
      "Call us first.",
    ]);
    for (const s of sentences) expect(text.slice(s.start, s.end)).toBe(s.text);
    expect(sentences.map((s) => s.index)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
  });

  it("finds sentences over 25 words, with their index and offsets", () => {
    const long =
      "We are writing to let you know that the hearing that was planned for next week will now take place on a later date because the judge is not able to sit that day.";
    const exactly25 = "One two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty one two three four five.";
    const text = `Thank you for calling us. ${long} ${exactly25}`;
    const report = checkPlainLanguage(text);
    expect(report.readability.longSentences.map((s) => [s.index, s.words, s.text])).toEqual([[1, 34, long]]);
    expect(report.readability.longestSentenceWords).toBe(34);
    const finding = report.findings.find((f) => f.kind === "LONG_SENTENCE")!;
    expect(finding).toMatchObject({ start: text.indexOf(long), end: text.indexOf(long) + long.length, text: long });
    expect(finding.message).toContain("34 words");
    // Long sentences are warnings: they do not make the text fail on their own.
    expect(report.ok).toBe(true);
  });

  it("fails a text that is too hard to read, and the threshold is an option", () => {
    const text = "Notwithstanding considerable investigative activity, the organisation determined that additional information was unavailable.";
    const report = checkPlainLanguage(text);
    expect(report.findings.filter((f) => f.kind !== "LONG_SENTENCE")).toEqual([]);
    expect(report.readability.fleschReadingEase!).toBeLessThan(50);
    expect(report.ok).toBe(false);
    expect(checkPlainLanguage(text, { minReadingEase: -1000 }).ok).toBe(true);
  });

  it("copes with empty text", () => {
    const report = checkPlainLanguage("   \n ");
    expect(report).toMatchObject({ findings: [], ok: true, readability: { sentences: 0, words: 0, fleschReadingEase: null } });
  });
});

describe("the word lists themselves", () => {
  it("has at least 30 legal terms, each listed once, explained in one or two sentences", () => {
    expect(defaultGlossary.length).toBeGreaterThanOrEqual(30);
    const forms = defaultGlossary.flatMap((e) => [e.term, ...(e.variants ?? [])].map((f) => f.toLowerCase().replace("’", "'")));
    expect(forms.filter((f, i) => forms.indexOf(f) !== i)).toEqual([]);
    for (const e of defaultGlossary) expect(splitSentences(e.explanation).length, e.term).toBeLessThanOrEqual(2);
  });

  it("never blames the victim in the words it suggests", () => {
    const victimFacing = [...defaultGlossary.flatMap((e) => [e.explanation, e.suggestion ?? ""]), ...defaultBlamingPhrases.map((p) => p.alternative)];
    for (const words of victimFacing) expect(found(checkPlainLanguage(words), "BLAMING"), words).toEqual([]);
  });

  it("refuses an area glossary entry without a term, in plain words", () => {
    expect(() => checkPlainLanguage("text", { extraGlossary: [{ term: " ", explanation: "x" }] })).toThrow(BadInputError);
  });
});

describe("findings, for any text", () => {
  const forms = defaultGlossary.flatMap((e) => [e.term, ...(e.variants ?? [])]);
  const blaming = ["you did not attend", "you didn't attend", "you failed to", "lack of cooperation", "your account was not credible"];
  const words = ["the", "case", "court", "you", "we", "bailiff", "discharged", "in", "charge", "means", "this", "Mr.", "3.5", "2026"];
  const token = fc.oneof(fc.constantFrom(...forms), fc.constantFrom(...blaming), fc.constantFrom(...words), fc.string({ maxLength: 6 }));
  const separator = fc.constantFrom(" ", "  ", "\n", "\n\n- ", ". ", ", ", "-", "'", "’", " (", ") ", "? ", "");
  const text = fc.array(fc.tuple(token, separator), { maxLength: 40 }).map((parts) => parts.map(([t, s]) => t + s).join(""));

  it("slice back to their text, are in order, and never overlap within a kind", () => {
    fc.assert(
      fc.property(text, (t) => {
        const report = checkPlainLanguage(t);
        for (const [i, f] of report.findings.entries()) {
          expect(t.slice(f.start, f.end)).toBe(f.text);
          expect(f.end).toBeGreaterThan(f.start);
          const previous = report.findings[i - 1];
          if (previous) expect(previous.start).toBeLessThanOrEqual(f.start);
          for (const other of report.findings.slice(i + 1)) {
            if (other.kind === f.kind) expect(other.start >= f.end || other.end <= f.start).toBe(true);
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});
