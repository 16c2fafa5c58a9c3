import type { ExampleResult } from '../core/runRecord';
import { el } from './dom';
import { formatCount, formatScore } from './format';
import type { CandidateDetailsValue, ExampleRow } from './protocol';

/** What an ungraded example shows instead of ✓/✗, and what to do about it. */
const STATUS_TEXT: Record<NonNullable<ExampleResult['status']>, { verdict: string; answer: string }> = {
  truncated: { verdict: 'cut off', answer: 'cut at the token limit: not counted (raise the max tokens setting, or lower the reasoning effort)' },
  errored: { verdict: 'failed', answer: 'the call failed after retries: not counted (resume the run to ask again)' },
};

/** ✓ or ✗, with the partial credit when a grader (a judge, json fields) gives one; or why there is no verdict. */
function verdictText(row: ExampleRow): string {
  if (row.status !== undefined) {
    return STATUS_TEXT[row.status].verdict;
  }
  const isPartial = row.score !== undefined && row.score > 0 && row.score < 1;
  return `${row.correct ? '✓' : '✗'}${isPartial ? ` ${formatScore(row.score)}` : ''}`;
}

function answerCell(row: ExampleRow): HTMLTableCellElement {
  const status = row.status === undefined ? undefined : STATUS_TEXT[row.status].answer;
  const answer = status ?? (row.error === undefined ? row.answer : `error: ${row.error}`);
  return el('td', { class: 'col-answer' }, [answer, row.reason !== undefined && el('div', { class: 'reason muted' }, [row.reason])]);
}

function exampleRow(row: ExampleRow, hasSplits: boolean): HTMLTableRowElement {
  return el(
    'tr',
    {
      class: row.status ?? (row.correct ? 'correct' : 'wrong'),
      tabindex: 0,
      'data-action': 'openExample',
      'data-example': row.example,
      'data-focus-key': `example:${row.split}:${row.example}`,
      title: `Open line ${row.line} of the dataset`,
    },
    [
      el('td', { class: 'col-line' }, [String(row.line)]),
      hasSplits && el('td', { class: 'col-split' }, [row.split]),
      el('td', { class: 'col-input' }, [el('div', { class: 'clamp' }, [row.input])]),
      el('td', { class: 'col-expected' }, [row.target]),
      answerCell(row),
      el('td', { class: 'col-ok', 'aria-label': row.status === undefined ? (row.correct ? 'correct' : 'wrong') : verdictText(row) }, [verdictText(row)]),
      el('td', { class: 'col-output' }, [el('div', { class: 'clamp', title: row.output }, [row.output])]),
    ],
  );
}

/** Per-example results of one candidate as the host sent them (failures first); each row opens its line in the dataset. */
export function buildExamplesTable(details: CandidateDetailsValue): HTMLElement {
  const { rows } = details;
  const hasSplits = rows.some((r) => r.split === 'validation');
  const names = ['Line', hasSplits && 'Split', 'Input', 'Expected', 'Answer', 'OK', 'Output'].filter((n): n is string => n !== false);
  const head = el('thead', {}, [el('tr', {}, names.map((n) => el('th', { scope: 'col', class: `col-${n.toLowerCase()}` }, [n])))]);
  const body = el('tbody', {}, rows.map((row) => exampleRow(row, hasSplits)));
  return el('div', { class: 'examples' }, [
    el('p', { class: 'muted' }, [
      `${formatCount(details.wrong)} wrong of ${formatCount(details.total - details.ungraded)}`,
      details.ungraded > 0 ? `, ${formatCount(details.ungraded)} not graded (cut off or failed)` : '',
      rows.length < details.total ? ` (first ${formatCount(rows.length)} shown)` : '',
    ]),
    el('div', { class: 'table-wrap' }, [el('table', { class: 'examples-table' }, [head, body])]),
  ]);
}
