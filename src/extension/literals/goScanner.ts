import { ScanCursor } from './scanCursor';
import type { StringLiteral } from './types';

/** Every Go string literal, interpreted (`"…"`) and raw (`` `…` ``), in source order. Comments and rune literals are skipped. */
export function scanGoLiterals(text: string): StringLiteral[] {
  const c = new ScanCursor(text);
  const found: StringLiteral[] = [];
  while (!c.isDone) {
    const char = c.peek();
    if (c.startsWith('//')) {
      c.skipLine();
    } else if (c.startsWith('/*')) {
      c.skipPast('*/');
    } else if (char === '`') {
      const start = c.pos++;
      const close = text.indexOf('`', c.pos);
      if (close === -1) {
        break;
      }
      c.pos = close + 1;
      found.push(literal(start, c.pos, '`'));
    } else if (char === '"' || char === "'") {
      const start = c.pos;
      if (c.skipQuoted(char) && char === '"') {
        found.push(literal(start, c.pos, '"'));
      }
    } else {
      c.pos++;
    }
  }
  return found;
}

function literal(start: number, end: number, quote: string): StringLiteral {
  return { start, end, syntax: { language: 'go', prefix: '', quote }, content: { start: start + 1, end: end - 1 }, fields: [] };
}
