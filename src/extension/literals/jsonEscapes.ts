/** The value of a JSON string's content; malformed escapes are kept as written. */
export function decodeJsonText(source: string): string {
  try {
    return JSON.parse('"' + source + '"') as string;
  } catch {
    return source;
  }
}

/** A JSON string literal holding `value`. */
export function encodeJsonLiteral(value: string): string {
  return JSON.stringify(value).replace(/[\u2028\u2029]/g, (c) => '\\u' + c.charCodeAt(0).toString(16));
}
