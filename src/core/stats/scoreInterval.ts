import { bootstrapMeanInterval } from './bootstrap';
import { wilsonInterval, type Interval } from './wilson';

/** What one example's result contributes to an interval (an `ExampleResult`). */
export interface IntervalResult {
  correct: boolean;
  /** Partial credit in [0, 1]; absent for a plain right or wrong. */
  score?: number;
  /** Set when the example has no verdict (truncated, errored): it is left out, as it is of the score. */
  status?: string;
}

/** What an interval is computed from: a split's score, counts and per-example results (a `SplitScore`). */
export interface ScoredCounts {
  score: number;
  correct: number;
  /** Graded examples, the score's denominator. */
  total: number;
  /** Absent in a run's light view, where `ci95` (computed when the split was scored) stands in. */
  results?: readonly IntervalResult[];
  /** The interval saved with the split, when it was computed at scoring time. */
  ci95?: Interval;
}

function isBinary(result: IntervalResult): boolean {
  return result.score === undefined || result.score === 0 || result.score === 1;
}

/**
 * The 95% interval of a split's score. An accuracy (every graded example right or wrong) gets the
 * Wilson interval on `correct / total`; partial credit (json fields, a judge, a custom scorer) the
 * seeded percentile bootstrap of the mean credit. Examples without a verdict are left out. A split
 * that carries its `ci95` gets that one; without results, only an accuracy's interval can be told
 * from the counts. Undefined when nothing was graded.
 */
export function scoreInterval(split: ScoredCounts): Interval | undefined {
  if (split.ci95 !== undefined) {
    return split.ci95;
  }
  if (split.total === 0) {
    return undefined;
  }
  if (split.results === undefined) {
    const isAccuracy = Math.abs(split.score - split.correct / split.total) < 1e-9;
    return isAccuracy ? wilsonInterval(split.correct, split.total) : undefined;
  }
  const graded = split.results.filter((r) => r.status === undefined);
  if (graded.every(isBinary)) {
    return wilsonInterval(split.correct, split.total);
  }
  return bootstrapMeanInterval(graded.map((r) => r.score ?? Number(r.correct)));
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
