import { candidatePrompt, type PromptParts } from '../../core/run/candidatePrompt';
import type { ExampleResult, RecordedExample } from '../../core/runRecord';
import type { RunView } from '../../core/runView';
import { MAX_EXAMPLE_ROWS, type CandidateDetailsValue, type ExampleRow } from '../../webview/protocol';

/** Per-example results on each split, and the rows they answered. */
export interface CandidateResults {
  candidateId: string;
  train: readonly ExampleResult[];
  validation: readonly ExampleResult[];
  examples: readonly RecordedExample[];
}

function rowsOf(results: readonly ExampleResult[], split: ExampleRow['split'], byIndex: ReadonlyMap<number, RecordedExample>): ExampleRow[] {
  return results.map((result) => {
    const example = byIndex.get(result.example);
    return { ...result, split, line: example?.line ?? 0, input: example?.input ?? '', target: example?.target ?? '' };
  });
}

/** Wrong answers first (they are why a candidate scores what it does), then the ungraded, then the right. */
function rowOrder(row: ExampleResult): number {
  return row.status !== undefined ? 1 : row.correct ? 2 : 0;
}

/**
 * A candidate's results joined with the rows they answered, in `rowOrder`, at most
 * `MAX_EXAMPLE_ROWS`: what the panel's table shows.
 */
export function candidateDetailsValue(input: CandidateResults): CandidateDetailsValue {
  const byIndex = new Map(input.examples.map((e) => [e.index, e]));
  const rows = [...rowsOf(input.train, 'train', byIndex), ...rowsOf(input.validation, 'validation', byIndex)].sort(
    (a, b) => rowOrder(a) - rowOrder(b) || a.example - b.example,
  );
  const ungraded = rows.filter((r) => r.status !== undefined).length;
  const wrong = rows.filter((r) => !r.correct && r.status === undefined).length;
  return { kind: 'candidateDetails', candidateId: input.candidateId, rows: rows.slice(0, MAX_EXAMPLE_ROWS), total: rows.length, wrong, ungraded };
}

/** A candidate's demonstrations with the rows they came from, and its whole prompt; nothing without demonstrations. */
export function demoDetails(candidate: PromptParts, run: { examples: readonly RecordedExample[]; config: RunView['config'] }): Pick<CandidateDetailsValue, 'demos' | 'prompt'> {
  const rows = candidate.demos ?? [];
  if (rows.length === 0) {
    return {};
  }
  const byIndex = new Map(run.examples.map((e) => [e.index, e]));
  const demos = rows.map((row) => {
    const example = byIndex.get(row);
    return { example: row, line: example?.line ?? 0, input: example?.input ?? '', target: example?.target ?? '' };
  });
  return { demos, prompt: candidatePrompt(candidate, run) };
}
