import { decodeGoText, encodeGoLiteral } from './goEscapes';
import { decodeJsText, encodeJsQuoted, encodeJsTemplate } from './jsEscapes';
import { decodeJsonText, encodeJsonLiteral } from './jsonEscapes';
import { decodePythonText, encodePythonLiteral } from './pythonEscapes';
import type { DecodedValue, LiteralSyntax, Span, StringLiteral } from './types';

/** Decodes one piece of content without interpolations. */
export function decodeText(syntax: LiteralSyntax, source: string): string {
  switch (syntax.language) {
    case 'js':
      return decodeJsText(source, syntax.quote === '`');
    case 'python':
      return decodePythonText(source, syntax.prefix);
    case 'go':
      return decodeGoText(source, syntax.quote === '`');
    case 'json':
      return decodeJsonText(source);
  }
}

/**
 * The value of the part `range` (default: all) of a literal's content, interpolations kept as
 * source. `range` must not cut through an interpolation (see {@link snapToFields}).
 */
export function decodeLiteral(text: string, literal: StringLiteral, range: Span = literal.content): DecodedValue {
  let value = '';
  let at = range.start;
  const fields: string[] = [];
  for (const field of literal.fields.filter((f) => f.start >= range.start && f.end <= range.end)) {
    value += decodeText(literal.syntax, text.slice(at, field.start));
    const source = text.slice(field.start, field.end);
    fields.push(source);
    value += source;
    at = field.end;
  }
  value += decodeText(literal.syntax, text.slice(at, range.end));
  return { value, fields };
}

/** Widens `range` so neither end falls inside an interpolation. */
export function snapToFields(literal: StringLiteral, range: Span): Span {
  let { start, end } = range;
  for (const field of literal.fields) {
    if (start > field.start && start < field.end) {
      start = field.start;
    }
    if (end > field.start && end < field.end) {
      end = field.end;
    }
  }
  return { start, end };
}

/**
 * The source of a literal written like `syntax` whose value is `value`, with each of `fields` that
 * appears in it kept as an interpolation. Go raw strings and Python raw strings that cannot hold
 * the value change form, so the result always parses and decodes back to `value`.
 */
export function encodeLiteral(syntax: LiteralSyntax, value: string, fields: readonly string[] = []): string {
  switch (syntax.language) {
    case 'js':
      return syntax.quote === '`' ? '`' + encodeJsTemplate(value, fields) + '`' : syntax.quote + encodeJsQuoted(value, syntax.quote) + syntax.quote;
    case 'python':
      return encodePythonLiteral(syntax, value, fields);
    case 'go':
      return encodeGoLiteral(value, syntax.quote);
    case 'json':
      return encodeJsonLiteral(value);
  }
}
