import type { ExampleResult, RunRecord, ScoredCandidate } from '../core/runRecord';
import { el } from './dom';
import { formatCount, formatScore } from './format';

/** A long validation split would make a huge table; the rest is in the exports. */
const MAX_ROWS = 500;

interface ExampleRow {
  result: ExampleResult;
  split: 'train' | 'validation';
}

function rowsOf(candidate: ScoredCandidate): ExampleRow[] {
  const rows: ExampleRow[] = candidate.results.map((result) => ({ result, split: 'train' }));
  for (const result of candidate.validation?.results ?? []) {
    rows.push({ result, split: 'validation' });
  }
  // Wrong answers first: they are why a candidate scores what it does; then the ungraded, then the right.
  const order = (r: ExampleResult): number => (r.status !== undefined ? 1 : r.correct ? 2 : 0);
  return rows.sort((a, b) => order(a.result) - order(b.result) || a.result.example - b.result.example);
}

/** What an ungraded example shows instead of ✓/✗, and what to do about it. */
const STATUS_TEXT: Record<NonNullable<ExampleResult['status']>, { verdict: string; answer: string }> = {
  truncated: { verdict: 'cut off', answer: 'cut at the token limit: not counted (raise the max tokens setting, or lower the reasoning effort)' },
  errored: { verdict: 'failed', answer: 'the call failed after retries: not counted (resume the run to ask again)' },
};

/** ✓ or ✗, with the partial credit when a grader (a judge, json fields) gives one; or why there is no verdict. */
function verdictText(result: ExampleResult): string {
  if (result.status !== undefined) {
    return STATUS_TEXT[result.status].verdict;
  }
  const isPartial = result.score !== undefined && result.score > 0 && result.score < 1;
  return `${result.correct ? '✓' : '✗'}${isPartial ? ` ${formatScore(result.score)}` : ''}`;
}

function answerCell(result: ExampleResult): HTMLTableCellElement {
  const status = result.status === undefined ? undefined : STATUS_TEXT[result.status].answer;
  const answer = status ?? (result.error === undefined ? result.answer : `error: ${result.error}`);
  return el('td', { class: 'col-answer' }, [answer, result.reason !== undefined && el('div', { class: 'reason muted' }, [result.reason])]);
}

function exampleRow(row: ExampleRow, example: RunRecord['examples'][number] | undefined, hasSplits: boolean): HTMLTableRowElement {
  const { result } = row;
  const line = example === undefined ? '?' : String(example.line);
  return el(
    'tr',
    {
      class: result.status ?? (result.correct ? 'correct' : 'wrong'),
      tabindex: 0,
      'data-action': 'openExample',
      'data-example': result.example,
      'data-focus-key': `example:${row.split}:${result.example}`,
      title: `Open line ${line} of the dataset`,
    },
    [
      el('td', { class: 'col-line' }, [line]),
      hasSplits && el('td', { class: 'col-split' }, [row.split]),
      el('td', { class: 'col-input' }, [el('div', { class: 'clamp' }, [example?.input ?? ''])]),
      el('td', { class: 'col-expected' }, [example?.target ?? '']),
      answerCell(result),
      el('td', { class: 'col-ok', 'aria-label': result.status === undefined ? (result.correct ? 'correct' : 'wrong') : verdictText(result) }, [verdictText(result)]),
      el('td', { class: 'col-output' }, [el('div', { class: 'clamp', title: result.output }, [result.output])]),
    ],
  );
}

/** Per-example results of one candidate, failures first; each row opens its line in the dataset. */
export function buildExamplesTable(record: RunRecord, candidate: ScoredCandidate): HTMLElement {
  const byIndex = new Map(record.examples.map((e) => [e.index, e]));
  const rows = rowsOf(candidate);
  const hasSplits = candidate.validation !== undefined;
  const names = ['Line', hasSplits && 'Split', 'Input', 'Expected', 'Answer', 'OK', 'Output'].filter((n): n is string => n !== false);
  const head = el('thead', {}, [el('tr', {}, names.map((n) => el('th', { scope: 'col', class: `col-${n.toLowerCase()}` }, [n])))]);
  const body = el('tbody', {}, rows.slice(0, MAX_ROWS).map((row) => exampleRow(row, byIndex.get(row.result.example), hasSplits)));
  const ungraded = rows.filter((r) => r.result.status !== undefined).length;
  const failures = rows.filter((r) => !r.result.correct && r.result.status === undefined).length;
  return el('div', { class: 'examples' }, [
    el('p', { class: 'muted' }, [
      `${formatCount(failures)} wrong of ${formatCount(rows.length - ungraded)}`,
      ungraded > 0 ? `, ${formatCount(ungraded)} not graded (cut off or failed)` : '',
      rows.length > MAX_ROWS ? ` (first ${formatCount(MAX_ROWS)} shown)` : '',
    ]),
    el('div', { class: 'table-wrap' }, [el('table', { class: 'examples-table' }, [head, body])]),
  ]);
}
