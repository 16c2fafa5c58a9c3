/** A read position over source text, shared by the language scanners. */
export class ScanCursor {
  pos = 0;

  constructor(readonly text: string) {}

  get isDone(): boolean {
    return this.pos >= this.text.length;
  }

  peek(ahead = 0): string {
    return this.text.charAt(this.pos + ahead);
  }

  startsWith(token: string): boolean {
    return this.text.startsWith(token, this.pos);
  }

  /** Moves past the end of the current line (or to the end of the text). */
  skipLine(): void {
    const newline = this.text.indexOf('\n', this.pos);
    this.pos = newline === -1 ? this.text.length : newline + 1;
  }

  /** Moves past `close`, or to the end of the text when it never comes. */
  skipPast(close: string): void {
    const at = this.text.indexOf(close, this.pos);
    this.pos = at === -1 ? this.text.length : at + close.length;
  }

  /** Moves past a one-line quoted token whose quote is at the cursor; false when it is unterminated. */
  skipQuoted(quote: string): boolean {
    this.pos++;
    while (!this.isDone) {
      const char = this.peek();
      if (char === '\\') {
        this.pos += 2;
      } else if (char === quote) {
        this.pos++;
        return true;
      } else if (isLineBreak(char)) {
        return false;
      } else {
        this.pos++;
      }
    }
    return false;
  }

  /** Consumes a run of identifier characters and returns it ('' when there is none). */
  readWord(): string {
    const start = this.pos;
    while (!this.isDone && isWordChar(this.peek())) {
      this.pos++;
    }
    return this.text.slice(start, this.pos);
  }
}

const WORD_CHAR = /[\p{L}\p{N}_$]/u;

export function isWordChar(char: string): boolean {
  return char !== '' && WORD_CHAR.test(char);
}

export function isLineBreak(char: string): boolean {
  return char === '\n' || char === '\r';
}
