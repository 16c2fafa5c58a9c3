const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const NEWLINE = 0x0a;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const COMMA = 0x2c;

interface ScanState {
  line: number;
  depth: number;
  /** Inside the top-level array, after `[` or `,`, before the next element begins. */
  isAwaitingElement: boolean;
}

/**
 * The 1-based line where each element of a top-level JSON array starts, in one
 * pass. `text` must already be known to be valid JSON (it was parsed first), so
 * the scan only tracks nesting, strings and newlines.
 */
export function arrayElementLines(text: string): number[] {
  const lines: number[] = [];
  const state: ScanState = { line: 1, depth: 0, isAwaitingElement: false };
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === NEWLINE) {
      state.line++;
    } else if (!isBlank(code)) {
      if (startsElement(state, code)) {
        lines.push(state.line);
        state.isAwaitingElement = false;
      }
      i = code === QUOTE ? closingQuote(text, i) : i;
      track(state, code);
    }
  }
  return lines;
}

function isBlank(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === 0x0d;
}

function startsElement(state: ScanState, code: number): boolean {
  return state.isAwaitingElement && state.depth === 1 && code !== CLOSE_BRACKET;
}

function track(state: ScanState, code: number): void {
  if (code === OPEN_BRACKET || code === OPEN_BRACE) {
    state.depth++;
  } else if (code === CLOSE_BRACKET || code === CLOSE_BRACE) {
    state.depth--;
  }
  if (state.depth === 1 && (code === OPEN_BRACKET || code === COMMA)) {
    state.isAwaitingElement = true;
  }
}

/** Offset of the quote closing the string that opens at `open` (a quote preceded by an even run of backslashes). */
function closingQuote(text: string, open: number): number {
  let from = open + 1;
  for (;;) {
    const quote = text.indexOf('"', from);
    if (quote === -1) {
      return text.length;
    }
    let backslashes = 0;
    while (text.charCodeAt(quote - 1 - backslashes) === BACKSLASH) {
      backslashes++;
    }
    if (backslashes % 2 === 0) {
      return quote;
    }
    from = quote + 1;
  }
}
