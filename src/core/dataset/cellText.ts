/**
 * A cell value as text: strings as they are, numbers and booleans via `String`,
 * objects and arrays as compact JSON, and `null`/`undefined` as the empty string.
 */
export function toCellText(value: unknown): string {
  if (value === null || value === undefined) {
    return '';
  }
  if (typeof value === 'string') {
    return value;
  }
  if (typeof value === 'object') {
    return JSON.stringify(value);
  }
  return String(value);
}
