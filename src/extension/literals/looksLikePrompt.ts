/** Shortest one-line value that reads like a prompt. */
export const MIN_PROMPT_LENGTH = 40;
/** Fewest words a one-line prompt has. */
export const MIN_PROMPT_WORDS = 6;

/**
 * Whether a string literal's value looks like a prompt worth a CodeLens: prose of at least
 * {@link MIN_PROMPT_LENGTH} characters and {@link MIN_PROMPT_WORDS} words, or several lines of words.
 * Identifiers, paths, URLs and SQL-like strings are not prose.
 */
export function looksLikePrompt(value: string): boolean {
  const text = value.trim();
  const words = text.split(/\s+/).filter((w) => /\p{L}/u.test(w));
  if (words.length < 3 || /^(https?:|file:|\/|\.\/)\S*$/.test(text) || /^(select|insert|update|delete)\s/i.test(text)) {
    return false;
  }
  const isMultiLine = text.includes('\n');
  return isMultiLine || (text.length >= MIN_PROMPT_LENGTH && words.length >= MIN_PROMPT_WORDS);
}
