/**
 * Finding the part of a model output that holds its final answer: the text after
 * the last answer marker, without a new question the model went on to invent.
 */

/** The part of an output the answer is read from. */
export interface AnswerRegion {
  /** The text after the last answer marker, or the whole text when there is none. */
  text: string;
  /** True when an answer marker was found (so the first candidate after it wins). */
  hasMarker: boolean;
}

// Matched case-insensitively on purpose: the official code looked for `answer is`
// on the original text, so `Answer: 46` slipped through.
const ANSWER_MARKER = /\banswer\s*(?:(?:is|was|would be|should be|will be)\b\s*:?|:)|####/giu;
const FALLBACK_MARKER = /\b(?:is|are)\s*:/giu;
const NEW_QUESTION = /\bq\s*:/giu;

/**
 * Cuts the text where the model starts a new question (`Q:` after some content).
 * A `Q:` at the very start is an echo of the question, not a new one, so it stays.
 */
export function cutAtNewQuestion(text: string): string {
  for (const match of text.matchAll(NEW_QUESTION)) {
    if (text.slice(0, match.index).trim() !== '') {
      return text.slice(0, match.index);
    }
  }
  return text;
}

/** Index just past the last match of `pattern` in `text`, or -1 when it never matches. */
function endOfLastMatch(text: string, pattern: RegExp): number {
  let end = -1;
  for (const match of text.matchAll(pattern)) {
    end = match.index + match[0].length;
  }
  return end;
}

/**
 * The text after the last answer marker (`answer is`, `answer:`, `answer is:`, `####`,
 * case-insensitive). With `useFallback`, `is:` / `are:` count when no real marker exists.
 */
export function afterLastMarker(text: string, useFallback = false): AnswerRegion {
  let end = endOfLastMatch(text, ANSWER_MARKER);
  if (end < 0 && useFallback) {
    end = endOfLastMatch(text, FALLBACK_MARKER);
  }
  return end < 0 ? { text, hasMarker: false } : { text: text.slice(end), hasMarker: true };
}

/**
 * Every segment that follows an answer marker, each running up to the next marker,
 * in order of appearance. Empty when the text has no marker.
 */
export function markerSegments(text: string): string[] {
  const ends = [...text.matchAll(ANSWER_MARKER)].map((m) => ({ start: m.index, end: m.index + m[0].length }));
  return ends.map((marker, i) => text.slice(marker.end, ends[i + 1]?.start ?? text.length));
}
