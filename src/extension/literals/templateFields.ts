import { decodeText } from './codec';
import type { LiteralSyntax, Span, StringLiteral } from './types';

/** A literal's value with its interpolations turned into `{{column}}` placeholders. */
export interface TemplatedValue {
  value: string;
  /** `column` → the interpolation's source text (`${review}`, `{row['text']}`), to write back on insert. */
  placeholders: Record<string, string>;
}

const IDENTIFIER = /^[\p{L}_$][\p{L}\p{N}_$]*$/u;
const PATH = /^[\p{L}_$][\p{L}\p{N}_$]*(?:\.[\p{L}_$][\p{L}\p{N}_$]*)+$/u;
const STRING_KEY = /^[\p{L}_$][\p{L}\p{N}_$.]*\[\s*(['"])([^'"\\]+)\1\s*\]$/u;

/**
 * The dataset column an interpolation stands for: its variable (`${review}` → `review`), the last
 * name of a path (`${row.review}`, `{self.review}` → `review`) or a string key (`{row["review"]}` →
 * `review`). Undefined for any other expression (a call, an operator), which no column can fill.
 */
export function columnOfField(source: string, syntax: LiteralSyntax): string | undefined {
  const expression = syntax.language === 'js' ? source.slice(2, -1).trim() : pythonExpression(source);
  if (IDENTIFIER.test(expression)) {
    return expression;
  }
  if (PATH.test(expression)) {
    return expression.slice(expression.lastIndexOf('.') + 1);
  }
  return STRING_KEY.exec(expression)?.[2];
}

/** The expression of an f-string field `{expr!r:>10}` / `{expr=}`, without conversion, format spec or `=`. */
function pythonExpression(source: string): string {
  const inner = source.slice(1, -1);
  let depth = 0;
  for (let at = 0; at < inner.length; at++) {
    const char = inner[at] ?? '';
    depth += '([{'.includes(char) ? 1 : ')]}'.includes(char) ? -1 : 0;
    if (depth === 0 && endsExpression(inner, at)) {
      return inner.slice(0, at).trim();
    }
  }
  return inner.trim();
}

/** A format spec `:`, a conversion `!r` (not `!=`) or the debug `=` (not `==`) at `at`. */
function endsExpression(inner: string, at: number): boolean {
  const char = inner[at];
  const next = inner[at + 1];
  return char === ':' || (char === '!' && next !== '=') || (char === '=' && next !== '=' && inner[at - 1] !== '=');
}

/**
 * The value of `range` of a template literal or f-string with every interpolation as a `{{column}}`
 * placeholder, or the interpolations that name no column (then nothing is converted). Two
 * interpolations with the same column but different code (`${a.text}`, `${b.text}`) keep their paths.
 */
export function templatedValue(text: string, literal: StringLiteral, range: Span): TemplatedValue | { unmapped: string[] } {
  const fields = literal.fields.filter((f) => f.start >= range.start && f.end <= range.end);
  const placeholders: Record<string, string> = {};
  const unmapped: string[] = [];
  let value = '';
  let at = range.start;
  for (const field of fields) {
    const source = text.slice(field.start, field.end);
    const column = uniqueColumn(source, literal.syntax, placeholders);
    value += decodeText(literal.syntax, text.slice(at, field.start));
    if (column === undefined) {
      unmapped.push(source);
    } else {
      placeholders[column] = source;
      value += `{{${column}}}`;
    }
    at = field.end;
  }
  value += decodeText(literal.syntax, text.slice(at, range.end));
  return unmapped.length > 0 ? { unmapped } : { value, placeholders };
}

function uniqueColumn(source: string, syntax: LiteralSyntax, taken: Record<string, string>): string | undefined {
  const column = columnOfField(source, syntax);
  if (column === undefined || taken[column] === undefined || taken[column] === source) {
    return column;
  }
  const path = syntax.language === 'js' ? source.slice(2, -1).trim() : pythonExpression(source);
  return PATH.test(path) && (taken[path] === undefined || taken[path] === source) ? path : undefined;
}

