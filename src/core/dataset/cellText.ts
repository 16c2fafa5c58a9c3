/**
 * A cell value as text: strings as they are, numbers and booleans via `String`,
 * objects and arrays as compact JSON, and `null`/`undefined` as the empty string.
 */
export function toCellText(value: unknown): string {
  switch (typeof value) {
    case 'string':
      return value;
    case 'number':
    case 'boolean':
    case 'bigint':
      return String(value);
    case 'object':
      return value === null ? '' : JSON.stringify(value);
    default:
      // undefined, and functions or symbols, which JSON and CSV cannot hold.
      return '';
  }
}
