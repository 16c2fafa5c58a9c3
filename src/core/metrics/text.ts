/**
 * Text answers: exact match, contains and regex, all on Unicode-normalized text.
 */
import { OproError } from '../errors';
import type { AnswerCheck } from './types';

const QUOTE_PAIRS: ReadonlyArray<readonly [string, string]> = [['"', '"'], ["'", "'"], ['`', '`']];
const WORD_CHAR = /[\p{L}\p{N}_]/u;

/** NFKC form with curly quotes made straight; whitespace and case are kept. */
export function unifyCharacters(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[\u2018\u2019\u201A\u201B\u2032]/gu, "'")
    .replace(/[\u201C\u201D\u201E\u201F\u2033]/gu, '"');
}

/**
 * {@link unifyCharacters} with whitespace collapsed and trimmed; case is kept.
 * Never throws, whatever the characters.
 */
export function tidyText(text: string): string {
  return unifyCharacters(text).replace(/\s+/gu, ' ').trim();
}

function stripQuotesOnce(text: string): string {
  for (const [open, close] of QUOTE_PAIRS) {
    if (text.length >= 2 && text.startsWith(open) && text.endsWith(close)) {
      return text.slice(1, -1).trim();
    }
  }
  return text;
}

/**
 * The comparable form of a text answer: {@link tidyText}, lowercased, without surrounding quotes
 * and without a trailing period (in either order, so `"Paris".` and `"Paris."` both give `paris`).
 */
export function normalizeText(text: string): string {
  let result = tidyText(text).toLowerCase();
  for (let pass = 0; pass < 2; pass++) {
    result = stripQuotesOnce(result.replace(/\.$/u, '').trim());
  }
  return result;
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * True when the normalized `needle` occurs in the normalized `haystack`; where the needle starts
 * (ends) with a letter, digit or `_`, the character before (after) it must not be one, so `valid`
 * is not found in `invalid`. An empty needle is found only in an empty haystack.
 */
export function containsText(haystack: string, needle: string): boolean {
  const target = normalizeText(needle);
  const text = normalizeText(haystack);
  if (target === '') {
    return text === '';
  }
  const before = WORD_CHAR.test(target[0] ?? '') ? '(?<![\\p{L}\\p{N}_])' : '';
  const after = WORD_CHAR.test(target[target.length - 1] ?? '') ? '(?![\\p{L}\\p{N}_])' : '';
  return new RegExp(`${before}${escapeRegex(target)}${after}`, 'u').test(text);
}

/** `exact`: the normalized output equals the normalized target. */
export function checkExact(output: string, target: string): AnswerCheck {
  return { answer: tidyText(output), correct: normalizeText(output) === normalizeText(target) };
}

/** `contains`: the normalized target occurs in the normalized output, see {@link containsText}. */
export function checkContains(output: string, target: string): AnswerCheck {
  return { answer: tidyText(output), correct: containsText(output, target) };
}

/**
 * Compiles a user pattern, case-insensitive.
 * @throws OproError `config` naming the pattern when it is not a valid regular expression.
 */
export function compilePattern(pattern: string): RegExp {
  try {
    return new RegExp(pattern, 'i');
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    throw new OproError('config', `The regex metric pattern \`${pattern}\` is not a valid regular expression: ${reason}`, {
      hint: 'Fix the pattern (JavaScript regular expression syntax) or choose another metric.',
      cause: err,
    });
  }
}

/**
 * `regex`: with `pattern`, its first capture group (or whole match) is read from the output and
 * compared to the target like `exact`; without it, the target is a case-insensitive pattern the
 * output must match.
 * @throws OproError `config` when the pattern (or the target used as one) is invalid.
 */
export function checkRegex(output: string, target: string, pattern?: string): AnswerCheck {
  const text = unifyCharacters(output);
  if (pattern === undefined || pattern === '') {
    const match = compilePattern(target).exec(text);
    return { answer: match?.[0] ?? '', correct: match !== null };
  }
  const match = compilePattern(pattern).exec(text);
  const answer = match === null ? '' : tidyText(match[1] ?? match[0]);
  return { answer, correct: match !== null && normalizeText(answer) === normalizeText(target) };
}
