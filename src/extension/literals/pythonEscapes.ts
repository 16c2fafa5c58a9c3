import { encodeParts, hexEscape, isControl, splitFields } from './fieldSplit';
import type { LiteralSyntax } from './types';

const SIMPLE_DECODE: Record<string, string> = {
  '\\': '\\', "'": "'", '"': '"', n: '\n', t: '\t', r: '\r', a: '\x07', b: '\b', f: '\f', v: '\v',
};

export function isRawPrefix(prefix: string): boolean {
  return /r/i.test(prefix);
}

export function isBytesPrefix(prefix: string): boolean {
  return /b/i.test(prefix);
}

export function isFormattedPrefix(prefix: string): boolean {
  return /[ft]/i.test(prefix);
}

/** The value of one text part of a Python literal (no replacement fields inside). */
export function decodePythonText(source: string, prefix: string): string {
  const text = source.replace(/\r\n?/g, '\n');
  const unbraced = isFormattedPrefix(prefix) ? text.replace(/\{\{/g, '{').replace(/\}\}/g, '}') : text;
  if (isRawPrefix(prefix)) {
    return unbraced;
  }
  if (!isBytesPrefix(prefix)) {
    return decodeEscapes(unbraced, false);
  }
  // Bytes hold ASCII and \x escapes: read them as bytes, then as UTF-8 text.
  return Buffer.from(decodeEscapes(unbraced, true), 'latin1').toString('utf8');
}

function decodeEscapes(text: string, isBytes: boolean): string {
  return text.replace(/\\(\n|[\\'"ntrabfv]|[0-7]{1,3}|x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8})/g, (whole, body: string) => {
    if (body === '\n') {
      return '';
    }
    if (body in SIMPLE_DECODE) {
      return SIMPLE_DECODE[body] as string;
    }
    if (/^[0-7]/.test(body)) {
      return String.fromCharCode(parseInt(body, 8));
    }
    if (body.startsWith('x')) {
      return String.fromCharCode(parseInt(body.slice(1), 16));
    }
    return isBytes ? whole : String.fromCodePoint(parseInt(body.slice(1), 16));
  });
}

/**
 * A Python literal (prefix and quotes included) holding `value`, written like `syntax` where it can
 * be: a raw string that cannot hold the value loses its `r`.
 */
export function encodePythonLiteral(syntax: LiteralSyntax, value: string, fields: readonly string[]): string {
  const { quote } = syntax;
  const isBytes = isBytesPrefix(syntax.prefix);
  const isRaw = isRawPrefix(syntax.prefix) && canBeRaw(value, quote, isBytes);
  const prefix = isRaw ? syntax.prefix : syntax.prefix.replace(/r/gi, '');
  const parts = isFormattedPrefix(prefix) ? splitFields(value, fields) : [{ kind: 'text' as const, text: value }];
  const body = encodeParts(parts, (text) => {
    const braced = isFormattedPrefix(prefix) ? text.replace(/[{}]/g, (b) => b + b) : text;
    return isRaw ? braced : escapeText(braced, quote, isBytes);
  });
  return prefix + quote + body + quote;
}

/** Raw strings have no escapes: the value must avoid the delimiter, a trailing backslash, CR and (one-line) newlines. */
function canBeRaw(value: string, quote: string, isBytes: boolean): boolean {
  const char = quote.charAt(0);
  const isTriple = quote.length === 3;
  const hasBadChar = [...value].some((c) => c === '\r' || (isControl(c) && c !== '\n' && c !== '\t') || (isBytes && c.charCodeAt(0) > 0x7f));
  return !hasBadChar && !/\\$/.test(value) && !value.includes('\\' + char)
    && (isTriple ? !value.includes(char) : !value.includes(char) && !value.includes('\n'));
}

function escapeText(text: string, quote: string, isBytes: boolean): string {
  const char = quote.charAt(0);
  const isTriple = quote.length === 3;
  const chars = Array.from(text);
  return chars
    .map((c, i) => {
      if (c !== char) {
        return escapeChar(c, isTriple, isBytes);
      }
      // In a triple-quoted string a quote only needs escaping where it could close the literal.
      const isRisky = !isTriple || chars[i + 1] === char || i === chars.length - 1;
      return isRisky ? '\\' + c : c;
    })
    .join('');
}

function escapeChar(c: string, isTriple: boolean, isBytes: boolean): string {
  if (c === '\\') {
    return '\\\\';
  }
  if (c === '\n') {
    return isTriple ? '\n' : '\\n';
  }
  if (c === '\t') {
    return '\\t';
  }
  if (isControl(c)) {
    return c === '\r' ? '\\r' : hexEscape(c);
  }
  if (isBytes && c.charCodeAt(0) > 0x7f) {
    return [...Buffer.from(c, 'utf8')].map((byte) => '\\x' + byte.toString(16).padStart(2, '0')).join('');
  }
  return c;
}
