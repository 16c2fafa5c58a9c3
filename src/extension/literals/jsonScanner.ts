import { ScanCursor } from './scanCursor';
import type { StringLiteral } from './types';

/** Every string (keys and values) of JSON or JSON with comments, in source order. */
export function scanJsonLiterals(text: string): StringLiteral[] {
  const c = new ScanCursor(text);
  const found: StringLiteral[] = [];
  while (!c.isDone) {
    if (c.startsWith('//')) {
      c.skipLine();
    } else if (c.startsWith('/*')) {
      c.skipPast('*/');
    } else if (c.peek() === '"') {
      const start = c.pos;
      if (c.skipQuoted('"')) {
        found.push({ start, end: c.pos, syntax: { language: 'json', prefix: '', quote: '"' }, content: { start: start + 1, end: c.pos - 1 }, fields: [] });
      }
    } else {
      c.pos++;
    }
  }
  return found;
}
