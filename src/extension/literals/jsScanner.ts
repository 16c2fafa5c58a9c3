import { ScanCursor, isLineBreak, isWordChar } from './scanCursor';
import type { Span, StringLiteral } from './types';

/** Tokens after which a `/` starts a regular expression rather than a division. */
const REGEX_AFTER_WORDS = new Set(['return', 'typeof', 'instanceof', 'in', 'of', 'new', 'delete', 'void', 'throw', 'case', 'do', 'else', 'yield', 'await']);
const REGEX_AFTER_PUNCT = '(,=:[!&|?{};+-*%<>~^';

/**
 * Every string and template literal of JavaScript/TypeScript source, nested ones (inside `${}`)
 * included, in source order of their start. Comments and regular expressions are skipped;
 * an unterminated literal is dropped.
 */
export function scanJsLiterals(text: string): StringLiteral[] {
  const scanner = new JsScanner(text);
  scanner.scanCode(false);
  return scanner.found.sort((a, b) => a.start - b.start);
}

class JsScanner {
  readonly found: StringLiteral[] = [];
  private readonly cursor: ScanCursor;
  /** The last significant token, to tell a regex from a division. */
  private previous = '';

  constructor(text: string) {
    this.cursor = new ScanCursor(text);
  }

  /** Scans code until the end, or until the `}` closing a template substitution when `isInSubstitution`. */
  scanCode(isInSubstitution: boolean): void {
    const c = this.cursor;
    let depth = 0;
    while (!c.isDone) {
      const char = c.peek();
      if (char === '}' && depth === 0 && isInSubstitution) {
        return;
      }
      depth += char === '{' ? 1 : char === '}' ? -1 : 0;
      this.scanToken(char);
    }
  }

  private scanToken(char: string): void {
    const c = this.cursor;
    if (c.startsWith('//')) {
      c.skipLine();
    } else if (c.startsWith('/*')) {
      c.skipPast('*/');
    } else if (char === '"' || char === "'") {
      this.scanQuoted(char);
    } else if (char === '`') {
      this.scanTemplate();
    } else if (char === '/' && this.isRegexAllowed()) {
      this.skipRegex();
    } else if (isWordChar(char)) {
      this.previous = c.readWord();
    } else {
      if (!/\s/.test(char)) {
        this.previous = char;
      }
      c.pos++;
    }
  }

  private isRegexAllowed(): boolean {
    return this.previous === '' || REGEX_AFTER_PUNCT.includes(this.previous) || REGEX_AFTER_WORDS.has(this.previous);
  }

  private scanQuoted(quote: string): void {
    const c = this.cursor;
    const start = c.pos++;
    while (!c.isDone) {
      const char = c.peek();
      if (char === '\\') {
        c.pos += c.startsWith('\\\r\n') ? 3 : 2;
      } else if (char === quote) {
        c.pos++;
        this.add(start, quote, []);
        return;
      } else if (isLineBreak(char)) {
        return; // unterminated: resume on the next line
      } else {
        c.pos++;
      }
    }
  }

  private scanTemplate(): void {
    const c = this.cursor;
    const start = c.pos++;
    const fields: Span[] = [];
    while (!c.isDone) {
      if (c.peek() === '\\') {
        c.pos += 2;
      } else if (c.peek() === '`') {
        c.pos++;
        this.add(start, '`', fields);
        return;
      } else if (c.startsWith('${')) {
        const fieldStart = c.pos;
        c.pos += 2;
        this.previous = '{';
        this.scanCode(true);
        c.pos++; // the closing brace
        fields.push({ start: fieldStart, end: Math.min(c.pos, c.text.length) });
      } else {
        c.pos++;
      }
    }
  }

  private skipRegex(): void {
    const c = this.cursor;
    c.pos++;
    let isInClass = false;
    while (!c.isDone && !isLineBreak(c.peek())) {
      const char = c.peek();
      if (char === '\\') {
        c.pos += 2;
        continue;
      }
      c.pos++;
      if (char === '[') {
        isInClass = true;
      } else if (char === ']') {
        isInClass = false;
      } else if (char === '/' && !isInClass) {
        break;
      }
    }
    c.readWord(); // flags
    this.previous = 'regex';
  }

  private add(start: number, quote: string, fields: Span[]): void {
    const end = this.cursor.pos;
    this.previous = 'string';
    this.found.push({
      start,
      end,
      syntax: { language: 'js', prefix: '', quote },
      content: { start: start + 1, end: end - 1 },
      fields,
    });
  }
}
