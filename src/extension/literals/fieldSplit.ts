/** A piece of a literal's value: plain text to escape, or an interpolation to write back as code. */
export type ValuePart = { kind: 'text'; text: string } | { kind: 'field'; text: string };

/**
 * Splits `value` into text and the verbatim occurrences of `fields` (longest first), so an encoder
 * can keep `${name}` / `{name}` as interpolations and escape everything else.
 */
export function splitFields(value: string, fields: readonly string[]): ValuePart[] {
  const candidates = [...new Set(fields)].filter((f) => f.length > 0).sort((a, b) => b.length - a.length);
  const parts: ValuePart[] = [];
  let text = '';
  let i = 0;
  while (i < value.length) {
    const field = candidates.find((f) => value.startsWith(f, i));
    if (field === undefined) {
      text += value.charAt(i++);
      continue;
    }
    if (text !== '') {
      parts.push({ kind: 'text', text });
      text = '';
    }
    parts.push({ kind: 'field', text: field });
    i += field.length;
  }
  if (text !== '') {
    parts.push({ kind: 'text', text });
  }
  return parts;
}

/** Encodes the text parts with `escape` and joins them with the fields. */
export function encodeParts(parts: readonly ValuePart[], escape: (text: string) => string): string {
  return parts.map((part) => (part.kind === 'field' ? part.text : escape(part.text))).join('');
}

/** `\xHH` for a character code below 256. */
export function hexEscape(char: string): string {
  return '\\x' + char.charCodeAt(0).toString(16).padStart(2, '0');
}

/** True for C0 controls and DEL, which no encoder writes raw. */
export function isControl(char: string): boolean {
  const code = char.charCodeAt(0);
  return code < 0x20 || code === 0x7f;
}
