import { isWordChar } from './scanCursor';
import type { StringLiteral } from './types';

/** What the code around a string literal says about it, read from the text before (and around) it. */
export interface LiteralContext {
  /** The variable, property, dict key or keyword argument it is the value of (`SYSTEM_PROMPT`, `content`, `system`). */
  name?: string;
  /** The call it is an argument of, as written (`new Error`, `log.info`, `SystemMessage`). */
  callee?: string;
  /** The tag of a tagged template (`gql`, `html`, `dedent`). */
  tag?: string;
  /** The role of the chat message whose content it is (`{ role: 'system', content: … }`, `("system", …)`, `SystemMessage(…)`). */
  role?: string;
  /** Python: a statement of its own (a docstring, or a bare string the code never reads). */
  isStatement: boolean;
}

/** How far back (and forward, for a message object) the context is looked for, in characters. */
const REACH = 2000;
const MESSAGE_CLASS = /(System|Developer|Human|User|AI|Assistant)Message/;
const TUPLE_ROLES = new Set(['system', 'developer', 'user', 'human', 'assistant', 'ai']);
const OPEN = '([{';
const CLOSE = ')]}';

/** Reads the context of literals of one text; build it once per text (it indexes every literal). */
export class ContextReader {
  private readonly byEnd = new Map<number, StringLiteral>();
  private readonly byStart = new Map<number, StringLiteral>();
  /** Top-level commas → the bracket they are inside (undefined: none within reach). */
  private readonly openers = new Map<number, number | undefined>();

  /** `literals`: every literal of `text`, as a scanner returns them. */
  constructor(
    private readonly text: string,
    literals: readonly StringLiteral[],
  ) {
    for (const literal of literals) {
      this.byEnd.set(literal.end, literal);
      this.byStart.set(literal.start, literal);
    }
  }

  /** The context of one of the literals. */
  read(literal: StringLiteral): LiteralContext {
    const first = this.chainStart(literal);
    const context: LiteralContext = { isStatement: first.isStatement === true };
    let start = first.start;
    const tag = literal.syntax.quote === '`' ? this.wordBefore(start) : '';
    if (tag !== '') {
      context.tag = tag;
      start -= tag.length;
    }
    this.readSurroundings(start, context);
    context.role ??= this.messageRole(first.start, context);
    return context;
  }

  /** The first literal of a concatenation (`"a" + "b"`, implicit `"a" "b"`) that ends with `literal`. */
  private chainStart(literal: StringLiteral): StringLiteral {
    let current = literal;
    for (let guard = 0; guard < 100; guard++) {
      let at = this.previous(current.start);
      if (this.text[at] === '+') {
        at = this.previous(at);
      }
      const before = this.byEnd.get(at + 1);
      if (before === undefined) {
        return current;
      }
      current = before;
    }
    return current;
  }

  /** Fills `name` and `callee` from the token before `start`. */
  private readSurroundings(start: number, context: LiteralContext): void {
    const at = this.previous(start);
    const char = this.text[at] ?? '';
    if (char === '=' && !'=!<>'.includes(this.text[at - 1] ?? '')) {
      const operator = this.skipOperator(at);
      context.name = this.assignedName(operator);
      this.readKeywordCall(operator, context);
    } else if (char === ':') {
      context.name = this.keyBefore(at);
    } else if (char === '(') {
      const callee = this.nameBefore(at);
      if (callee === undefined) {
        this.readSurroundings(at, context); // a parenthesized value: `PROMPT = ("…" "…")`
      } else {
        context.callee = callee;
      }
    } else if (char === ',' || char === '[') {
      this.readElement(char === '[' ? at : this.opener(at), context);
    }
  }

  /** A positional argument, tuple or array element whose list opens at `opener`. */
  private readElement(opener: number | undefined, context: LiteralContext): void {
    if (opener === undefined) {
      return;
    }
    const open = this.text[opener];
    if (open === '(') {
      const callee = this.nameBefore(opener);
      if (callee !== undefined) {
        context.callee = callee;
        return;
      }
      const first = this.byStart.get(this.next(opener));
      const value = first === undefined ? '' : this.text.slice(first.content.start, first.content.end).toLowerCase();
      if (TUPLE_ROLES.has(value)) {
        context.role = value;
      }
    } else if (open === '[') {
      this.readSurroundings(opener, context);
    }
  }

  /** The call of a keyword argument whose `=` is at `operator` (`SystemMessage(content="…")`): its name follows `(` or `,`. */
  private readKeywordCall(operator: number, context: LiteralContext): void {
    const nameStart = this.previous(operator) + 1 - (context.name?.length ?? 0);
    const before = this.text[this.previous(nameStart)];
    const opener = before === '(' ? this.previous(nameStart) : before === ',' ? this.opener(this.previous(nameStart)) : undefined;
    if (opener !== undefined && this.text[opener] === '(') {
      const callee = this.nameBefore(opener);
      if (callee !== undefined) {
        context.callee = callee;
      }
    }
  }

  /** The role of the message a `content` value belongs to: a `role` key of the same object, or the message class. */
  private messageRole(start: number, context: LiteralContext): string | undefined {
    const fromClass = MESSAGE_CLASS.exec(context.callee ?? '')?.[1];
    if (fromClass !== undefined) {
      return fromClass.toLowerCase();
    }
    const opener = context.name?.toLowerCase() === 'content' ? this.opener(this.previous(start) + 1) : undefined;
    const close = opener === undefined ? undefined : this.closer(opener);
    if (close === undefined) {
      return undefined;
    }
    const object = this.text.slice(opener, close);
    const match = /\brole["']?\s*[:=]\s*(?:["'`](\w+)["'`]|[\w.]*?(System|Developer|User|Assistant)\w*)/i.exec(object);
    return (match?.[1] ?? match?.[2])?.toLowerCase();
  }

  /** Position of the last non-space character before `pos` (-1 when none). */
  private previous(pos: number): number {
    let at = pos - 1;
    while (at >= 0 && isSpace(this.text.charCodeAt(at))) {
      at--;
    }
    return at;
  }

  /** Position of the first non-space character after `pos`. */
  private next(pos: number): number {
    let at = pos + 1;
    while (at < this.text.length && isSpace(this.text.charCodeAt(at))) {
      at++;
    }
    return at;
  }

  /** Skips back over a compound assignment's operator (`+=`, `||=`) whose `=` is at `at`. */
  private skipOperator(at: number): number {
    let pos = at;
    while (pos > 0 && '+-*/%&|^?'.includes(this.text[pos - 1] ?? '')) {
      pos--;
    }
    return pos;
  }

  /** The name assigned to at `pos` (an `=`), past a type annotation (`const x: string = …`, `x: str = …`). */
  private assignedName(pos: number): string | undefined {
    const word = this.nameBefore(pos);
    if (word === undefined) {
      return undefined;
    }
    const before = this.previous(this.previous(pos) + 1 - word.length);
    return this.text[before] === ':' ? (this.nameBefore(before) ?? word) : word;
  }

  /** The identifier (or dotted path, `new` included) that ends just before `pos`, skipping spaces. */
  private nameBefore(pos: number): string | undefined {
    const end = this.previous(pos) + 1;
    let start = end;
    while (start > 0 && (isWordChar(this.text[start - 1] ?? '') || this.text[start - 1] === '.')) {
      start--;
    }
    const word = this.text.slice(start, end);
    if (!isWordChar(word[0] ?? '')) {
      return undefined;
    }
    const before = this.previous(start);
    const isNew = this.text.slice(before - 2, before + 1) === 'new' && !isWordChar(this.text[before - 3] ?? '');
    return isNew ? `new ${word}` : word;
  }

  /** The key before a `:` at `at`: an identifier, or a quoted key. */
  private keyBefore(at: number): string | undefined {
    const keyEnd = this.previous(at);
    const quoted = this.byEnd.get(keyEnd + 1);
    if (quoted !== undefined) {
      return this.text.slice(quoted.content.start, quoted.content.end);
    }
    return this.nameBefore(at);
  }

  private wordBefore(pos: number): string {
    let start = pos;
    while (start > 0 && isWordChar(this.text[start - 1] ?? '')) {
      start--;
    }
    return this.text.slice(start, pos);
  }

  /**
   * The unclosed bracket before `pos` (literals skipped), within {@link REACH}. Remembered for each
   * top-level comma passed, so the elements of a long array do not each scan back to its `[`.
   */
  private opener(pos: number): number | undefined {
    if (this.openers.has(pos)) {
      return this.openers.get(pos);
    }
    const commas: number[] = [pos];
    let depth = 0;
    let found: number | undefined;
    for (let at = pos - 1; at >= 0 && at > pos - REACH && found === undefined; at--) {
      at = this.byEnd.get(at + 1)?.start ?? at;
      const char = this.text[at] ?? '';
      if (char === ',' && depth === 0) {
        if (this.openers.has(at)) {
          found = this.openers.get(at);
          break;
        }
        commas.push(at);
      }
      depth += bracketDelta(char);
      found = depth < 0 ? at : undefined;
    }
    commas.filter((comma) => this.text[comma] === ',').forEach((comma) => this.openers.set(comma, found));
    return found;
  }

  /** The bracket closing the one at `opener` (literals skipped), within {@link REACH}. */
  private closer(opener: number): number | undefined {
    let depth = 0;
    for (let at = opener; at < this.text.length && at < opener + REACH; at++) {
      const literal = this.byStart.get(at);
      if (literal !== undefined) {
        at = literal.end - 1;
        continue;
      }
      const char = this.text[at] ?? '';
      if (OPEN.includes(char)) {
        depth++;
      } else if (CLOSE.includes(char) && --depth === 0) {
        return at + 1;
      }
    }
    return undefined;
  }
}

/** Space, tab, line breaks (the whitespace code has between tokens). */
function isSpace(code: number): boolean {
  return code === 32 || (code >= 9 && code <= 13);
}

/** +1 for a closing bracket, -1 for an opening one (scanning backwards), else 0. */
function bracketDelta(char: string): number {
  return CLOSE.includes(char) ? 1 : OPEN.includes(char) ? -1 : 0;
}
