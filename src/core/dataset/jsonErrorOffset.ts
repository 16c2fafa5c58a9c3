const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const ESCAPABLE = new Set(['"', '\\', '/', 'b', 'f', 'n', 'r', 't']);
const HEX = /^[0-9a-fA-F]{4}$/;
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const LITERALS = ['true', 'false', 'null'];

/** What the scanner waits for next. */
type Expect = 'value' | 'valueOrClose' | 'key' | 'keyOrClose' | 'colon' | 'commaOrClose' | 'end';

/** Thrown inside the scanner with the offset of the character that breaks the grammar. */
class SyntaxAt {
  constructor(readonly offset: number) {}
}

function isBlank(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d;
}

/** Offset just past the string opening at `open`; throws at the first character a JSON string may not hold. */
function skipString(text: string, open: number): number {
  for (let i = open + 1; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === QUOTE) {
      return i + 1;
    }
    if (code < 0x20) {
      throw new SyntaxAt(i);
    }
    if (code === BACKSLASH) {
      const next = text[i + 1] ?? '';
      if (next === 'u' && HEX.test(text.slice(i + 2, i + 6))) {
        i += 5;
      } else if (ESCAPABLE.has(next)) {
        i += 1;
      } else {
        throw new SyntaxAt(Math.min(i + 1, text.length));
      }
    }
  }
  throw new SyntaxAt(text.length);
}

/** Offset just past the number, `true`, `false` or `null` at `start`. */
function skipScalar(text: string, start: number): number {
  const literal = LITERALS.find((word) => text.startsWith(word, start));
  if (literal !== undefined) {
    return start + literal.length;
  }
  NUMBER.lastIndex = start;
  const match = NUMBER.exec(text);
  if (match === null || match[0] === '' || match[0] === '-') {
    throw new SyntaxAt(match?.[0] === '-' ? start + 1 : start);
  }
  return start + match[0].length;
}

/** The JSON grammar as a small state machine over an explicit stack, so nesting depth costs no call stack. */
class JsonScanner {
  private expect: Expect = 'value';
  private readonly closers: string[] = [];

  constructor(private readonly text: string) {}

  scan(): void {
    let i = 0;
    while (i < this.text.length) {
      i = isBlank(this.text.charCodeAt(i)) ? i + 1 : this.step(i);
    }
    if (this.expect !== 'end') {
      throw new SyntaxAt(this.text.length);
    }
  }

  private step(i: number): number {
    const char = this.text[i] as string;
    switch (this.expect) {
      case 'value':
      case 'valueOrClose':
        return this.expect === 'valueOrClose' && char === ']' ? this.close(i, ']') : this.value(i, char);
      case 'key':
      case 'keyOrClose':
        return this.key(i, char);
      case 'colon':
        return this.expectChar(i, ':', 'value');
      case 'commaOrClose':
        return this.commaOrClose(i, char);
      default:
        throw new SyntaxAt(i);
    }
  }

  private value(i: number, char: string): number {
    if (char === '{' || char === '[') {
      this.closers.push(char === '{' ? '}' : ']');
      this.expect = char === '{' ? 'keyOrClose' : 'valueOrClose';
      return i + 1;
    }
    const end = char === '"' ? skipString(this.text, i) : skipScalar(this.text, i);
    this.afterValue();
    return end;
  }

  private key(i: number, char: string): number {
    if (this.expect === 'keyOrClose' && char === '}') {
      return this.close(i, '}');
    }
    if (char !== '"') {
      throw new SyntaxAt(i);
    }
    const end = skipString(this.text, i);
    this.expect = 'colon';
    return end;
  }

  private commaOrClose(i: number, char: string): number {
    const closer = this.closers[this.closers.length - 1];
    if (char === ',') {
      this.expect = closer === '}' ? 'key' : 'value';
      return i + 1;
    }
    return this.close(i, char);
  }

  private close(i: number, char: string): number {
    if (this.closers[this.closers.length - 1] !== char) {
      throw new SyntaxAt(i);
    }
    this.closers.pop();
    this.afterValue();
    return i + 1;
  }

  private expectChar(i: number, char: string, next: Expect): number {
    if (this.text[i] !== char) {
      throw new SyntaxAt(i);
    }
    this.expect = next;
    return i + 1;
  }

  private afterValue(): void {
    this.expect = this.closers.length === 0 ? 'end' : 'commaOrClose';
  }
}

/**
 * The character offset where `text` stops being valid JSON (`text.length` when it ends too
 * early), or `undefined` when it is valid. For the errors `JSON.parse` reports without a
 * position (V8's "Unexpected token"), so the message can still name the right line.
 */
export function jsonErrorOffset(text: string): number | undefined {
  try {
    new JsonScanner(text).scan();
    return undefined;
  } catch (err) {
    if (err instanceof SyntaxAt) {
      return err.offset;
    }
    throw err;
  }
}
