import { encodeParts, hexEscape, isControl, splitFields } from './fieldSplit';

const SIMPLE_DECODE: Record<string, string> = { n: '\n', t: '\t', r: '\r', b: '\b', f: '\f', v: '\v' };
const LINE_CONTINUATIONS = ['\r\n', '\n', '\r', '\u2028', '\u2029'];

/** The cooked value of the source text between a JS literal's delimiters (one text part, no substitutions). */
export function decodeJsText(source: string, isTemplate: boolean): string {
  const text = isTemplate ? source.replace(/\r\n?/g, '\n') : source;
  let out = '';
  let i = 0;
  while (i < text.length) {
    const char = text.charAt(i);
    if (char !== '\\') {
      out += char;
      i++;
      continue;
    }
    const [decoded, length] = decodeEscape(text, i + 1);
    out += decoded;
    i += 1 + length;
  }
  return out;
}

/** Decodes the escape whose first character after the backslash is at `at`: [text, characters consumed]. */
function decodeEscape(text: string, at: number): [string, number] {
  const next = text.charAt(at);
  const continuation = LINE_CONTINUATIONS.find((lc) => text.startsWith(lc, at));
  if (continuation !== undefined) {
    return ['', continuation.length];
  }
  if (next in SIMPLE_DECODE) {
    return [SIMPLE_DECODE[next] as string, 1];
  }
  const hex = /^x([0-9a-fA-F]{2})/.exec(text.slice(at, at + 3));
  if (hex) {
    return [String.fromCharCode(parseInt(hex[1] as string, 16)), 3];
  }
  const unicode = /^u(?:\{([0-9a-fA-F]+)\}|([0-9a-fA-F]{4}))/.exec(text.slice(at, at + 12));
  if (unicode) {
    return [String.fromCodePoint(parseInt((unicode[1] ?? unicode[2]) as string, 16)), unicode[0].length];
  }
  const octal = /^[0-7]{1,3}/.exec(text.slice(at, at + 3));
  if (octal) {
    const digits = parseInt(octal[0], 8) > 0xff ? octal[0].slice(0, 2) : octal[0];
    return [String.fromCharCode(parseInt(digits, 8)), digits.length];
  }
  return [next, next === '' ? 0 : 1];
}

/** Source text (without delimiters) of a `'`/`"` string holding `value`. */
export function encodeJsQuoted(value: string, quote: string): string {
  let out = '';
  for (const char of value) {
    out += escapeQuotedChar(char, quote);
  }
  return out;
}

function escapeQuotedChar(char: string, quote: string): string {
  switch (char) {
    case '\\':
      return '\\\\';
    case quote:
      return '\\' + quote;
    case '\n':
      return '\\n';
    case '\r':
      return '\\r';
    case '\t':
      return '\\t';
    case '\u2028':
      return '\\u2028';
    case '\u2029':
      return '\\u2029';
    default:
      return isControl(char) ? hexEscape(char) : char;
  }
}

/** Source text (without backticks) of a template literal holding `value`; `fields` stay substitutions. */
export function encodeJsTemplate(value: string, fields: readonly string[]): string {
  return encodeParts(splitFields(value, fields), (text) =>
    text
      .replace(/[\\`]/g, (c) => '\\' + c)
      .replace(/\$\{/g, '\\${')
      .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, (c) => (c === '\r' ? '\\r' : hexEscape(c))),
  );
}
