import type { ChatMessage } from '../../core/llm/types';
import { placeholdersOf } from '../../core/prompt/template';

/** The column a new dataset's expected answers go in (the first name core detects as a target). */
export const ANSWER_COLUMN = 'answer';
/** The input column of a new dataset for a prompt without placeholders. */
export const INPUT_COLUMN = 'input';
/** Empty rows a scaffold holds when nothing is drafted. */
export const EMPTY_ROWS = 3;
/** Opens the drafting request's system message (the test server tells drafting calls by it). */
export const DRAFT_OPENING = 'You write test inputs for a prompt.';

/** The input columns of a dataset for `prompt`: its `{{placeholders}}`, or one `input` column. */
export function scaffoldColumns(prompt: string, inputColumn?: string): string[] {
  const placeholders = placeholdersOf(prompt).filter((name) => name !== ANSWER_COLUMN);
  return placeholders.length > 0 ? placeholders : [inputColumn ?? INPUT_COLUMN];
}

/** JSON Lines with `rows` (or {@link EMPTY_ROWS} empty ones), each with an empty `answer` to fill in. */
export function scaffoldText(columns: readonly string[], rows: readonly Record<string, string>[] = []): string {
  const filled: readonly Record<string, string>[] = rows.length > 0 ? rows : Array.from({ length: EMPTY_ROWS }, () => ({}));
  return filled.map((row) => JSON.stringify(Object.fromEntries([...columns.map((c) => [c, row[c] ?? '']), [ANSWER_COLUMN, '']]))).join('\n') + '\n';
}

/** The request asking a model for `count` inputs of `prompt`, one JSON object per line with `columns` as keys. */
export function draftMessages(prompt: string, columns: readonly string[], count: number): ChatMessage[] {
  const keys = columns.map((c) => JSON.stringify(c)).join(', ');
  return [
    {
      role: 'system',
      content: `${DRAFT_OPENING} Reply with JSON Lines only: one JSON object per line, no numbering, no commentary, no code fence.`,
    },
    {
      role: 'user',
      content:
        `An application sends this prompt to a language model:\n<prompt>\n${prompt}\n</prompt>\n\n` +
        `Write ${count} varied, realistic inputs it would be given, from easy to tricky. Each line is a JSON object with the keys ${keys}, ` +
        'each a string. Do not write the expected answers.',
    },
  ];
}

/**
 * The drafted rows of a model's reply: each line that is a JSON object with a string for some of
 * `columns` (other keys dropped), at most `count`. A reply of plain lines fills a single column.
 */
export function parseDraft(reply: string, columns: readonly string[], count: number): Record<string, string>[] {
  const lines = reply.split(/\r?\n/).map((line) => line.trim()).filter((line) => line !== '' && !line.startsWith('```'));
  const rows = lines.flatMap((line) => {
    const row = objectRow(line, columns);
    return row === undefined ? [] : [row];
  });
  if (rows.length === 0 && columns.length === 1) {
    const column = columns[0] as string;
    return lines.slice(0, count).map((line) => ({ [column]: line.replace(/^(\d+[.)]|[-*•])\s+/, '') }));
  }
  return rows.slice(0, count);
}

function objectRow(line: string, columns: readonly string[]): Record<string, string> | undefined {
  let value: unknown;
  try {
    value = JSON.parse(line.replace(/,$/, ''));
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return undefined;
  }
  const entries = columns.flatMap((c) => {
    const cell = (value as Record<string, unknown>)[c];
    return typeof cell === 'string' || typeof cell === 'number' ? [[c, String(cell)] as const] : [];
  });
  return entries.length > 0 ? Object.fromEntries(entries) : undefined;
}
