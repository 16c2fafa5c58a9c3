/**
 * Multiple-choice answers: the single option letter an output commits to.
 */
import { afterLastMarker, cutAtNewQuestion } from './answerRegion';
import { parseChoiceOptions, type ChoiceOptions } from './choiceOptions';
import { containsText, normalizeText } from './text';
import type { AnswerContext, AnswerCheck } from './types';

// `(b)` anywhere, or `b)` not preceded by a word character or `(` (so `apple(s)` is no option).
const BRACKETED_LETTER = /(?<![\p{L}\p{N}_])\(([a-z])\)|(?<![\p{L}\p{N}_(])([a-z])\)/giu;
// A bare letter at the start of the answer region: `B`, `**B**`, `option b`, `: b.`.
const LEADING_LETTER = /^[\s*:"'[]*(?:(?:option|choice)\s+)?([a-z])(?![\p{L}\p{N}_])(.?)/iu;
const LETTER_TARGET = /^\s*\(?\s*([a-z])\s*\)?\s*\.?\s*$/iu;

function bracketedLetters(text: string): Set<string> {
  const letters = new Set<string>();
  for (const match of text.matchAll(BRACKETED_LETTER)) {
    letters.add((match[1] ?? match[2] ?? '').toUpperCase());
  }
  return letters;
}

/** An upper-case letter that is a known option (or, with no options known, not the pronoun `I`). */
function isConfidentLetter(letter: string, options: ChoiceOptions): boolean {
  const upper = letter.toUpperCase();
  if (letter !== upper) {
    return false;
  }
  return options.size > 0 ? options.has(upper) : upper !== 'I';
}

/**
 * A bare letter opening the region. Followed by the end or punctuation it counts (when `isStrict`, only
 * if nothing else follows); followed by more text it must be {@link isConfidentLetter}, so `a bird` and
 * `I think…` are no answers.
 */
function leadingLetter(region: string, options: ChoiceOptions, isStrict: boolean): string {
  const match = LEADING_LETTER.exec(region);
  const letter = match?.[1];
  if (match === null || letter === undefined) {
    return '';
  }
  const isClosed = /^[\p{P}\n]?$/u.test(match[2] ?? '');
  const isAccepted = isClosed
    ? !isStrict || region.slice(match[0].length).trim() === ''
    : !isStrict && isConfidentLetter(letter, options);
  return isAccepted ? letter.toUpperCase() : '';
}

/** The one option whose text the region names; texts inside a longer named option are ignored. */
function letterFromOptionText(region: string, options: ChoiceOptions): string {
  const named = [...options].filter(([, text]) => containsText(region, text));
  const distinct = named.filter(([letter, text]) =>
    named.every(([other, otherText]) => other === letter || !containsText(otherText, text)),
  );
  return distinct.length === 1 ? (distinct[0]?.[0] ?? '') : '';
}

/**
 * The option letter (upper case) an output commits to, or `''` when there is none or it is ambiguous.
 * Read from the text after the last answer marker when there is one: a single bracketed letter
 * (`(B)`, `b)`), else a bare letter opening that text, else the one option whose text it names.
 * Two different bracketed letters (`(a) or (b)`) are ambiguous and give `''`.
 */
export function extractChoice(output: string, options: ChoiceOptions = new Map()): string {
  const region = afterLastMarker(cutAtNewQuestion(output.normalize('NFKC')));
  const letters = bracketedLetters(region.text);
  if (letters.size > 1) {
    return '';
  }
  const [only] = letters;
  if (only !== undefined) {
    return only;
  }
  const leading = leadingLetter(region.text, options, !region.hasMarker);
  return leading !== '' ? leading : letterFromOptionText(region.text, options);
}

/**
 * The letter a target stands for: `(A)`, `A` and `a` give `A`; an option's own text gives its
 * letter; anything else gives `''`.
 */
export function parseChoiceTarget(target: string, options: ChoiceOptions = new Map()): string {
  const letter = LETTER_TARGET.exec(target.normalize('NFKC'))?.[1];
  if (letter !== undefined) {
    return letter.toUpperCase();
  }
  const wanted = normalizeText(target);
  const found = [...options].find(([, text]) => normalizeText(text) === wanted);
  return found?.[0] ?? '';
}

/**
 * `choice`: the predicted option letter must equal the target's letter. Option texts come from
 * `context.input`. A target that is neither a letter nor an option's text is compared like `exact`
 * with the text after the output's last answer marker.
 */
export function checkChoice(output: string, target: string, context: AnswerContext = {}): AnswerCheck {
  const options = parseChoiceOptions(context.input);
  const predicted = extractChoice(output, options);
  const answer = predicted === '' ? '' : `(${predicted})`;
  const wanted = parseChoiceTarget(target, options);
  if (wanted !== '') {
    return { answer, correct: predicted === wanted };
  }
  const region = afterLastMarker(cutAtNewQuestion(output.normalize('NFKC'))).text;
  return { answer: answer || region.trim(), correct: normalizeText(region) === normalizeText(target) };
}
