import type { Span } from './types';

/** The paragraph (run of non-blank lines) around `offset`, trimmed of its line breaks; undefined on a blank line. */
export function paragraphAt(text: string, offset: number): Span | undefined {
  const lines = splitLines(text);
  const index = lines.findIndex((line) => offset >= line.start && offset <= line.end);
  if (index === -1 || isBlank(text, lines[index] as Span)) {
    return undefined;
  }
  let first = index;
  let last = index;
  while (first > 0 && !isBlank(text, lines[first - 1] as Span)) {
    first--;
  }
  while (last < lines.length - 1 && !isBlank(text, lines[last + 1] as Span)) {
    last++;
  }
  return { start: (lines[first] as Span).start, end: (lines[last] as Span).end };
}

/** Lines as spans, line breaks excluded. */
function splitLines(text: string): Span[] {
  const lines: Span[] = [];
  const pattern = /\r\n|\n|\r/g;
  let start = 0;
  for (const match of text.matchAll(pattern)) {
    lines.push({ start, end: match.index });
    start = match.index + match[0].length;
  }
  lines.push({ start, end: text.length });
  return lines;
}

function isBlank(text: string, line: Span): boolean {
  return text.slice(line.start, line.end).trim() === '';
}
