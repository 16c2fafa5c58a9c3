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
  // Failures first: they are why a candidate scores what it does.
  return rows.sort((a, b) => Number(a.result.correct) - Number(b.result.correct) || a.result.example - b.result.example);
}

/** ✓ or ✗, with the partial credit when a grader (a judge, json fields) gives one. */
function verdictText(result: ExampleResult): string {
  const isPartial = result.score !== undefined && result.score > 0 && result.score < 1;
  return `${result.correct ? '✓' : '✗'}${isPartial ? ` ${formatScore(result.score)}` : ''}`;
}

function answerCell(result: ExampleResult): HTMLTableCellElement {
  const answer = result.error === undefined ? result.answer : `error: ${result.error}`;
  return el('td', { class: 'col-answer' }, [answer, result.reason !== undefined && el('div', { class: 'reason muted' }, [result.reason])]);
}

function exampleRow(row: ExampleRow, example: RunRecord['examples'][number] | undefined, hasSplits: boolean): HTMLTableRowElement {
  const { result } = row;
  const line = example === undefined ? '?' : String(example.line);
  return el(
    'tr',
    {
      class: result.correct ? 'correct' : 'wrong',
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
      el('td', { class: 'col-ok', 'aria-label': result.correct ? 'correct' : 'wrong' }, [verdictText(result)]),
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
  const failures = rows.filter((r) => !r.result.correct).length;
  return el('div', { class: 'examples' }, [
    el('p', { class: 'muted' }, [
      `${formatCount(failures)} wrong of ${formatCount(rows.length)}`,
      rows.length > MAX_ROWS ? ` (first ${formatCount(MAX_ROWS)} shown)` : '',
    ]),
    el('div', { class: 'table-wrap' }, [el('table', { class: 'examples-table' }, [head, body])]),
  ]);
}
