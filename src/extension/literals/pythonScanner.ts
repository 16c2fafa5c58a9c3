import { ScanCursor, isLineBreak, isWordChar } from './scanCursor';
import type { Span, StringLiteral } from './types';

/** String prefixes Python accepts (any case): raw, bytes, unicode, f-strings and t-strings. */
const PREFIXES = new Set(['r', 'u', 'b', 'f', 't', 'br', 'rb', 'fr', 'rf', 'tr', 'rt']);
const BRACKET_DELTA: Record<string, number> = { '(': 1, '[': 1, '{': 1, ')': -1, ']': -1, '}': -1 };

/**
 * Every string literal of Python source (single, double, triple-quoted; any prefix), including those
 * nested in f-string replacement fields, sorted by start. Comments are skipped; unterminated
 * literals are dropped.
 */
export function scanPythonLiterals(text: string): StringLiteral[] {
  const scanner = new PythonScanner(text);
  while (!scanner.cursor.isDone) {
    scanner.scanToken();
  }
  return scanner.found.sort((a, b) => a.start - b.start);
}

class PythonScanner {
  readonly found: StringLiteral[] = [];
  readonly cursor: ScanCursor;
  /** Open brackets at the top level (outside replacement fields). */
  private depth = 0;
  /** Nothing but spaces since a logical line began (a newline at depth 0 not continued by a backslash). */
  private isAtLineStart = true;

  constructor(text: string) {
    this.cursor = new ScanCursor(text);
  }

  scanToken(): void {
    const c = this.cursor;
    const char = c.peek();
    if (char === '#') {
      c.skipLine();
      this.isAtLineStart ||= this.depth === 0;
    } else if (char === '"' || char === "'") {
      this.scanString(c.pos, '');
    } else if (isWordChar(char)) {
      const start = c.pos;
      const word = c.readWord();
      const next = c.peek();
      if ((next === '"' || next === "'") && PREFIXES.has(word.toLowerCase())) {
        this.scanString(start, word);
      }
      this.isAtLineStart = false;
    } else {
      this.scanPunctuation(char);
    }
  }

  /** Tracks bracket depth and logical line starts, which tell a docstring from a string the code uses. */
  private scanPunctuation(char: string): void {
    const c = this.cursor;
    if (char === '\\' && isLineBreak(c.peek(1))) {
      c.pos += c.startsWith('\\\r\n') ? 3 : 2; // an explicit line continuation
      return;
    }
    if (char === '\n') {
      this.isAtLineStart ||= this.depth === 0;
    } else if (!/\s/.test(char)) {
      this.depth = Math.max(0, this.depth + (BRACKET_DELTA[char] ?? 0));
      this.isAtLineStart = char === ';' && this.depth === 0;
    }
    c.pos++;
  }

  /** Scans the literal whose prefix starts at `start` and whose quote is at the cursor. */
  private scanString(start: number, prefix: string): void {
    const c = this.cursor;
    const char = c.peek();
    const quote = c.startsWith(char.repeat(3)) ? char.repeat(3) : char;
    const isFormatted = /[ft]/i.test(prefix);
    const isStatement = this.isAtLineStart && this.depth === 0;
    this.isAtLineStart = false;
    c.pos += quote.length;
    const contentStart = c.pos;
    const fields: Span[] = [];
    while (!c.isDone) {
      if (c.startsWith(quote)) {
        const contentEnd = c.pos;
        c.pos += quote.length;
        const syntax = { language: 'python' as const, prefix, quote };
        this.found.push({ start, end: c.pos, syntax, content: { start: contentStart, end: contentEnd }, fields, ...(isStatement ? { isStatement } : {}) });
        return;
      }
      if (quote.length === 1 && isLineBreak(c.peek())) {
        return;
      }
      this.scanContentChar(isFormatted, fields);
    }
  }

  /** Moves past one piece of string content: an escape, a doubled brace, a replacement field or a character. */
  private scanContentChar(isFormatted: boolean, fields: Span[]): void {
    const c = this.cursor;
    if (c.peek() === '\\') {
      c.pos += c.startsWith('\\\r\n') ? 3 : 2;
    } else if (isFormatted && (c.startsWith('{{') || c.startsWith('}}'))) {
      c.pos += 2;
    } else if (isFormatted && c.peek() === '{') {
      fields.push(this.scanField());
    } else {
      c.pos++;
    }
  }

  /** Scans an f-string replacement field `{…}` (nested brackets and strings included). */
  private scanField(): Span {
    const c = this.cursor;
    const start = c.pos++;
    let depth = 0;
    while (!c.isDone) {
      const char = c.peek();
      if (char === '}' && depth === 0) {
        c.pos++;
        return { start, end: c.pos };
      }
      if (char === '"' || char === "'" || isWordChar(char)) {
        this.scanToken();
      } else {
        depth += BRACKET_DELTA[char] ?? 0;
        c.pos++;
      }
    }
    return { start, end: c.pos };
  }
}
