import type { Span } from '../literals/types';

/** One chat message of a Prompty body: the text after a `system:` / `user:` / `assistant:` line. */
export interface PromptySection {
  role: string;
  /** The section's text, trimmed of surrounding blank space. */
  content: Span;
}

/** A role marker line, as Prompty writes them (`system:`, also `# system:`). */
const ROLE_LINE = /^[ \t]*#?[ \t]*(system|developer|user|assistant|function|tool)[ \t]*:[ \t]*$/gim;

/**
 * The sections of a Prompty body starting at `from`. Text before the first marker belongs to the
 * system message, as Prompty reads a body without markers.
 */
export function promptySections(text: string, from: number): PromptySection[] {
  const sections: PromptySection[] = [];
  let role = 'system';
  let start = from;
  ROLE_LINE.lastIndex = from;
  for (let match = ROLE_LINE.exec(text); match !== null; match = ROLE_LINE.exec(text)) {
    push(sections, text, { role, start, end: match.index });
    role = (match[1] ?? '').toLowerCase();
    start = match.index + match[0].length;
  }
  push(sections, text, { role, start, end: text.length });
  return sections;
}

function push(sections: PromptySection[], text: string, section: { role: string; start: number; end: number }): void {
  const content = trimmed(text, section);
  if (content.end > content.start) {
    sections.push({ role: section.role, content });
  }
}

/** `span` without the blank space at either end. */
export function trimmed(text: string, span: Span): Span {
  let { start, end } = span;
  while (start < end && /\s/.test(text[start] ?? '')) {
    start++;
  }
  while (end > start && /\s/.test(text[end - 1] ?? '')) {
    end--;
  }
  return { start, end };
}
