import { wilsonInterval, type Interval } from './wilson';

/** What an interval is computed from: a split's score, counts and per-example credit (a `SplitScore`). */
export interface ScoredCounts {
  score: number;
  correct: number;
  total: number;
  /** `score` is set only for partial credit. */
  results: readonly { score?: number }[];
}

/**
 * The 95% interval of a split's score when it is an accuracy (every example right or wrong): the
 * Wilson interval on `correct / total`. Undefined for partial-credit scores (json fields, a judge, a
 * custom scorer), where a proportion's interval does not apply.
 */
export function scoreInterval(split: ScoredCounts): Interval | undefined {
  const isAccuracy = split.results.every((r) => r.score === undefined || r.score === 0 || r.score === 1);
  if (!isAccuracy || split.total === 0) {
    return undefined;
  }
  return wilsonInterval(split.correct, split.total);
}

/** `81.0% (95% CI 70.2–88.6%, 34/42)`, or the score and counts alone when no interval applies. */
export function formatScore(split: ScoredCounts): string {
  return formatScoreWith(split, scoreInterval(split));
}

/** {@link formatScore} with an interval computed elsewhere (or none). */
export function formatScoreWith(counts: Pick<ScoredCounts, 'score' | 'correct' | 'total'>, interval: Interval | null | undefined): string {
  const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;
  const tally = `${counts.correct}/${counts.total}`;
  return interval === null || interval === undefined ? `${pct(counts.score)} (${tally})` : `${pct(counts.score)} (95% CI ${(interval[0] * 100).toFixed(1)}–${pct(interval[1])}, ${tally})`;
}
