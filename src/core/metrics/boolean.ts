/**
 * Yes/no answers: the decisive word an output commits to, as true or false.
 */
import { cutAtNewQuestion, markerSegments } from './answerRegion';
import { tidyText } from './text';
import type { AnswerCheck } from './types';

/** Words that decide anywhere in the output. */
const PRIMARY_WORDS: Readonly<Record<string, boolean>> = {
  yes: true,
  no: false,
  true: true,
  false: false,
  valid: true,
  invalid: false,
};

/** Words too common in reasoning to decide on their own; they count after a marker or as the whole output. */
const SECONDARY_WORDS: Readonly<Record<string, boolean>> = {
  correct: true,
  incorrect: false,
  right: true,
  wrong: false,
  '1': true,
  '0': false,
};

const ALL_WORDS: Readonly<Record<string, boolean>> = { ...PRIMARY_WORDS, ...SECONDARY_WORDS };

/** Matches any of `words` as a whole word (never `valid` inside `invalid`). */
function wordPattern(words: Readonly<Record<string, boolean>>): RegExp {
  return new RegExp(`(?<![\\p{L}\\p{N}_])(?:${Object.keys(words).join('|')})(?![\\p{L}\\p{N}_])`, 'iu');
}

const PRIMARY_PATTERN = wordPattern(PRIMARY_WORDS);
const ANY_PATTERN = wordPattern(ALL_WORDS);

/** A decisive word as found, with its meaning. */
export interface BooleanAnswer {
  word: string;
  value: boolean;
}

function firstWord(text: string, pattern: RegExp): BooleanAnswer | undefined {
  const word = pattern.exec(text)?.[0];
  if (word === undefined) {
    return undefined;
  }
  return { word, value: ALL_WORDS[word.toLowerCase()] ?? false };
}

/** The output is one decisive word, give or take quotes, brackets and punctuation. */
function wholeWord(text: string): BooleanAnswer | undefined {
  const bare = tidyText(text).replace(/^[\p{P}\s]+|[\p{P}\s]+$/gu, '');
  const value = ALL_WORDS[bare.toLowerCase()];
  return value === undefined ? undefined : { word: bare, value };
}

/**
 * The decisive word of an output: the first one after the last answer marker that is followed by one
 * (`answer is`, `answer:`, `####`), else the output itself when it is a single decisive word, else the
 * first of yes/no, true/false, valid/invalid. Words match whole, so `invalid` never reads as `valid`.
 * `correct`/`incorrect`, `right`/`wrong` and `1`/`0` only count after a marker or as the whole output.
 */
export function extractBoolean(output: string): BooleanAnswer | undefined {
  const text = cutAtNewQuestion(output.normalize('NFKC'));
  const afterMarkers = markerSegments(text)
    .map((segment) => firstWord(segment, ANY_PATTERN))
    .filter((answer): answer is BooleanAnswer => answer !== undefined);
  return afterMarkers[afterMarkers.length - 1] ?? wholeWord(text) ?? firstWord(text, PRIMARY_PATTERN);
}

/** `boolean`: output and target both read as true/false and agree; a target that is neither is never met. */
export function checkBoolean(output: string, target: string): AnswerCheck {
  const predicted = extractBoolean(output);
  const wanted = extractBoolean(target);
  const isMatch = predicted !== undefined && wanted !== undefined && predicted.value === wanted.value;
  return { answer: predicted?.word.toLowerCase() ?? '', correct: isMatch };
}
