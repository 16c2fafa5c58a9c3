import type { ExampleResult, SplitScore } from '../runRecord';
import { scoreInterval } from '../stats/scoreInterval';

/** True for an example with a verdict (not truncated, not errored). */
export function isGraded(result: ExampleResult): boolean {
  return result.status === undefined;
}

/** An example's credit: its partial score when the grader gave one, else 1 or 0. */
export function exampleValue(result: ExampleResult): number {
  return result.score ?? Number(result.correct);
}

/** Mean credit over the graded results (0 when none was graded): a split's score without its interval. */
export function gradedMean(results: readonly ExampleResult[]): number {
  const graded = results.filter(isGraded);
  return graded.length === 0 ? 0 : graded.reduce((sum, r) => sum + exampleValue(r), 0) / graded.length;
}

/**
 * The score of a set of results: mean credit over the graded examples only, so a truncated answer
 * or a failed call neither counts as wrong nor lowers the score; their counts are kept beside it,
 * and so is the score's 95% interval (`ci95`, absent when nothing was graded), computed while the
 * results are at hand so the light view and the run header can show it.
 */
export function splitScore(results: ExampleResult[]): SplitScore {
  const graded = results.filter(isGraded);
  const truncated = results.filter((r) => r.status === 'truncated').length;
  const errored = results.filter((r) => r.status === 'errored').length;
  const split: SplitScore = {
    score: gradedMean(graded),
    correct: graded.filter((r) => r.correct).length,
    total: graded.length,
    ...(truncated > 0 ? { truncated } : {}),
    ...(errored > 0 ? { errored } : {}),
    results,
  };
  const ci95 = scoreInterval(split);
  return ci95 === undefined ? split : { ...split, ci95 };
}

/** True when a score leaves examples out (see `ScoredCandidate.incomplete`). */
export function isIncomplete(split: Pick<SplitScore, 'truncated' | 'errored'>): boolean {
  return (split.truncated ?? 0) + (split.errored ?? 0) > 0;
}
