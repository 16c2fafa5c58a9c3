import { hexEscape, isControl } from './fieldSplit';

const SIMPLE_DECODE: Record<string, number> = { a: 7, b: 8, f: 12, n: 10, r: 13, t: 9, v: 11, '\\': 92, '"': 34, "'": 39 };

/** The value of a Go literal's content: raw strings drop carriage returns, interpreted ones decode escapes. */
export function decodeGoText(source: string, isRaw: boolean): string {
  if (isRaw) {
    return source.replace(/\r/g, '');
  }
  // \x and octal escapes are bytes: collect UTF-8 bytes and decode them together.
  const bytes: number[] = [];
  const pattern = /\\(?:([abfnrtv\\'"])|x([0-9a-fA-F]{2})|([0-7]{3})|u([0-9a-fA-F]{4})|U([0-9a-fA-F]{8}))|([\s\S])/gu;
  for (const m of source.matchAll(pattern)) {
    const [, simple, hex, octal, u4, u8, plain] = m;
    if (simple !== undefined) {
      bytes.push(SIMPLE_DECODE[simple] as number);
    } else if (hex !== undefined || octal !== undefined) {
      bytes.push(hex !== undefined ? parseInt(hex, 16) : parseInt(octal as string, 8));
    } else {
      const char = plain ?? String.fromCodePoint(parseInt((u4 ?? u8) as string, 16));
      bytes.push(...Buffer.from(char, 'utf8'));
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

/**
 * What a raw string cannot hold: its closing backtick, a CR (Go drops it), and what the Go scanner
 * refuses anywhere in source: NUL and a byte-order mark.
 */
const NOT_RAW = /[`\r\0\uFEFF]/;

/** A Go literal holding `value`: raw when asked and possible, interpreted otherwise. */
export function encodeGoLiteral(value: string, quote: string): string {
  if (quote === '`' && !NOT_RAW.test(value)) {
    return '`' + value + '`';
  }
  let out = '';
  for (const c of value) {
    out += escapeGoChar(c);
  }
  return '"' + out + '"';
}

function escapeGoChar(c: string): string {
  switch (c) {
    case '\\':
      return '\\\\';
    case '"':
      return '\\"';
    case '\n':
      return '\\n';
    case '\r':
      return '\\r';
    case '\t':
      return '\\t';
    case '\uFEFF':
      return '\\ufeff';
    default:
      return isControl(c) ? hexEscape(c) : c;
  }
}
