import type { Span } from '../literals/types';

/**
 * Finds `token` in `text`: at `hint` when it is still there, else the occurrence nearest to `hint`.
 * Undefined when the token is gone (the prompt was edited), so nothing else gets overwritten.
 */
export function locateToken(text: string, token: string, hint: number): Span | undefined {
  if (token === '') {
    return undefined;
  }
  if (text.startsWith(token, hint)) {
    return { start: hint, end: hint + token.length };
  }
  let best: number | undefined;
  for (let at = text.indexOf(token); at !== -1; at = text.indexOf(token, at + 1)) {
    if (best === undefined || Math.abs(at - hint) < Math.abs(best - hint)) {
      best = at;
    }
  }
  return best === undefined ? undefined : { start: best, end: best + token.length };
}

/** A document change as offsets into the text before it. */
export interface TextChange {
  rangeOffset: number;
  rangeLength: number;
  text: string;
}

/**
 * Where a tracked range starts after `change`: shifted when the change is before it, unchanged when
 * after, undefined when the change touches the range itself (then it must be found again by text).
 */
export function shiftOffset(offset: number, length: number, change: TextChange): number | undefined {
  const changeEnd = change.rangeOffset + change.rangeLength;
  if (changeEnd <= offset) {
    return offset + change.text.length - change.rangeLength;
  }
  if (change.rangeOffset >= offset + length) {
    return offset;
  }
  return undefined;
}
