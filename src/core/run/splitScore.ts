import type { ExampleResult, SplitScore } from '../runRecord';

/** True for an example with a verdict (not truncated, not errored). */
export function isGraded(result: ExampleResult): boolean {
  return result.status === undefined;
}

/** An example's credit: its partial score when the grader gave one, else 1 or 0. */
export function exampleValue(result: ExampleResult): number {
  return result.score ?? Number(result.correct);
}

/**
 * The score of a set of results: mean credit over the graded examples only, so a truncated answer
 * or a failed call neither counts as wrong nor lowers the score; their counts are kept beside it.
 */
export function splitScore(results: ExampleResult[]): SplitScore {
  const graded = results.filter(isGraded);
  const truncated = results.filter((r) => r.status === 'truncated').length;
  const errored = results.filter((r) => r.status === 'errored').length;
  const credit = graded.reduce((sum, r) => sum + exampleValue(r), 0);
  return {
    score: graded.length === 0 ? 0 : credit / graded.length,
    correct: graded.filter((r) => r.correct).length,
    total: graded.length,
    ...(truncated > 0 ? { truncated } : {}),
    ...(errored > 0 ? { errored } : {}),
    results,
  };
}

/** True when a score leaves examples out (see `ScoredCandidate.incomplete`). */
export function isIncomplete(split: Pick<SplitScore, 'truncated' | 'errored'>): boolean {
  return (split.truncated ?? 0) + (split.errored ?? 0) > 0;
}
