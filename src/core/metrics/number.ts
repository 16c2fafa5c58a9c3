/**
 * GSM8K-style numeric answers: find the one number a free-text output commits to.
 */
import { afterLastMarker, cutAtNewQuestion } from './answerRegion';

/** Options for {@link extractNumber}. */
export interface ExtractNumberOptions {
  /** Decimal places the number is rounded to. @default 2 */
  decimals?: number;
}

const DEFAULT_DECIMALS = 2;
const MAX_DECIMALS = 20;

const UNITS = [
  'zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten',
  'eleven', 'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen',
];
const TENS = ['twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];
const NUMBER_WORD = new RegExp(
  `\\b(?:(?:${TENS.join('|')})(?:[\\s-]+(?:${UNITS.slice(1, 10).join('|')}))?|(?:${UNITS.join('|')}))\\b`,
  'g',
);

// A minus sign only counts when it does not follow a word or digit, so `5-3` reads as 5 and 3.
const NUMBER = /(?<![\p{L}\p{N}_.])-?(?:\d+(?:\.\d+)?|\.\d+)(?:\/\d+(?:\.\d+)?)?/gu;
const ANSWER_PHRASE = /\s*\b(?:is|would be|should be|must be)\s+(?:the\s+)?(?:(?:correct|right|final|best)\s+)?answer\b/gu;

/** Content of the last `\boxed{...}` (or `\fbox{...}`), braces balanced, or undefined. */
function lastBoxed(text: string): string | undefined {
  const start = Math.max(text.lastIndexOf('\\boxed{'), text.lastIndexOf('\\fbox{'));
  if (start < 0) {
    return undefined;
  }
  const open = text.indexOf('{', start);
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    depth += text[i] === '{' ? 1 : text[i] === '}' ? -1 : 0;
    if (depth === 0) {
      return text.slice(open + 1, i);
    }
  }
  return text.slice(open + 1);
}

/** Cuts before the last `is the correct answer` and its kin, which follow the answer itself. */
function cutAnswerPhrase(text: string): string {
  let cut = -1;
  for (const match of text.matchAll(ANSWER_PHRASE)) {
    cut = match.index;
  }
  return cut < 0 ? text : text.slice(0, cut);
}

/** `eighteen` → 18, `twenty-one` / `twenty one` → 21. */
function wordValue(word: string): number {
  const [first = '', second] = word.split(/[\s-]+/u);
  const tens = TENS.indexOf(first);
  if (tens < 0) {
    return UNITS.indexOf(first);
  }
  return (tens + 2) * 10 + (second === undefined ? 0 : UNITS.indexOf(second));
}

function wordsToDigits(text: string): string {
  return text.replace(NUMBER_WORD, (word) => String(wordValue(word)));
}

/** Removes currency, percent signs and thousands separators; other commas become spaces. */
function stripSymbols(text: string): string {
  return text
    .replace(/\\[dt]?frac\{([^{}]*)\}\{([^{}]*)\}/g, '($1)/($2)')
    .replace(/\{,\}/g, ',')
    .replace(/\\?[$%€£¥₹]/gu, '')
    .replace(/(\d),(?=\d{3}(?!\d))/g, '$1')
    .replace(/,/g, ' ')
    .replace(/[−–](?=\d)/gu, '-')
    .replace(/\((-?[\d.]+)\)\/\((-?[\d.]+)\)/g, '$1/$2');
}

/** The numbers in `text`, as written. */
function numbersIn(text: string): string[] {
  return [...text.matchAll(NUMBER)].map((m) => m[0]);
}

/** Picks the number after the last `=` if any, then the first (after a marker) or the last one. */
function pickNumber(text: string, hasMarker: boolean): string | undefined {
  const afterEquals = numbersIn(text.slice(text.lastIndexOf('=') + 1));
  const candidates = afterEquals.length > 0 ? afterEquals : numbersIn(text);
  return hasMarker ? candidates[0] : candidates[candidates.length - 1];
}

function clampDecimals(decimals: number | undefined): number {
  if (decimals === undefined || !Number.isFinite(decimals)) {
    return DEFAULT_DECIMALS;
  }
  return Math.min(MAX_DECIMALS, Math.max(0, Math.trunc(decimals)));
}

/** Numeric value of `12`, `-0.5` or `3/4`; NaN for a fraction over zero. */
function valueOf(written: string): number {
  const [numerator, denominator] = written.split('/');
  const value = Number(numerator);
  return denominator === undefined ? value : value / Number(denominator);
}

function formatRounded(value: number, decimals: number): string {
  const rounded = Number(value.toFixed(decimals));
  return Object.is(rounded, -0) ? '0' : String(rounded);
}

/** The answer region of a lowercased output: a boxed answer wins, else the text after the last marker. */
function answerRegion(lower: string): { text: string; hasMarker: boolean } {
  const boxed = lastBoxed(lower);
  if (boxed !== undefined) {
    return { text: boxed, hasMarker: true };
  }
  return afterLastMarker(lower, true);
}

/**
 * Reads the number an output commits to, GSM8K style: `\boxed{x}` first, else the text after the
 * last answer marker (`answer is`, `answer:`, `####`; case-insensitive), without a following `Q:`
 * or a trailing `is the correct answer`; currency, `%` and thousands separators are dropped and number
 * words (zero..ninety-nine) read as digits. Takes the number after the last `=`, else the first number
 * after a marker, else the last number; fractions become decimals.
 *
 * @returns the number rounded to `decimals` places without trailing zeros (`"46"`, `"0.75"`), or `''`
 *   when the output holds no number.
 */
export function extractNumber(output: string, options: ExtractNumberOptions = {}): string {
  const lower = cutAtNewQuestion(output.normalize('NFKC').toLowerCase());
  const region = answerRegion(lower);
  const cleaned = wordsToDigits(stripSymbols(cutAnswerPhrase(region.text)));
  const written = pickNumber(cleaned, region.hasMarker);
  if (written === undefined) {
    return '';
  }
  const value = valueOf(written);
  return Number.isFinite(value) ? formatRounded(value, clampDecimals(options.decimals)) : '';
}

/**
 * True when both texts hold the same number once each is read by {@link extractNumber} and rounded
 * to `decimals` places, so `"46.0"` equals `"46"` and `"1,000"` equals `"1000"`. False when either has none.
 *
 * @param decimals decimal places both sides are rounded to. @default 2
 */
export function numbersEqual(a: string, b: string, decimals: number = DEFAULT_DECIMALS): boolean {
  const left = extractNumber(a, { decimals });
  const right = extractNumber(b, { decimals });
  return left !== '' && right !== '' && Number(left) === Number(right);
}
