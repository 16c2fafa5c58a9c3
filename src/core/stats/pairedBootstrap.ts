import { createRandom } from '../random';
import { quantile, resampleCount, resampledMeans, seedOfValues } from './bootstrap';
import type { Interval } from './wilson';

/** Resamples of the paired bootstrap test (more than an interval needs: its p-value is a tail share). */
export const PAIRED_BOOTSTRAP_RESAMPLES = 10_000;

export interface PairedBootstrapResult {
  /** The mean of the per-row differences. */
  meanDifference: number;
  /** Two-sided p-value of "the mean difference is 0". */
  pValue: number;
  /** 95% percentile interval of the mean difference. */
  interval: Interval;
  resamples: number;
}

/**
 * The paired bootstrap test on per-row differences (one prompt's credit minus the other's on the
 * same row): resample the rows, and count how often the resampled mean strays from the observed one
 * by at least the observed distance from 0, the null shifted onto the data (Efron & Tibshirani 1993,
 * §16.4; Koehn 2004 for the paired form). p = (count + 1) / (resamples + 1), so it is never 0.
 * On a few rows the bootstrap is overconfident (one row would look certain), so p is never below
 * 2^(1 − n), the p-value of an exact sign-flip test when all n rows favour the same prompt.
 * Seeded by the data, so the same rows always give the same p.
 */
export function pairedBootstrapTest(differences: readonly number[], options: { resamples?: number; seed?: number } = {}): PairedBootstrapResult {
  const n = differences.length;
  if (n === 0) {
    return { meanDifference: 0, pValue: 1, interval: [-1, 1], resamples: 0 };
  }
  const observed = differences.reduce((sum, d) => sum + d, 0) / n;
  const floor = Math.min(1, 2 ** (1 - n));
  if (differences.every((d) => d === differences[0])) {
    // No spread: every resample equals the data, so only the sign-flip bound says anything.
    return { meanDifference: observed, pValue: observed === 0 ? 1 : floor, interval: [observed, observed], resamples: 0 };
  }
  const count = resampleCount(n, options.resamples ?? PAIRED_BOOTSTRAP_RESAMPLES);
  const means = resampledMeans(differences, count, createRandom(options.seed ?? seedOfValues(differences)));
  const distance = Math.abs(observed);
  let extreme = 0;
  for (const mean of means) {
    // A hair of tolerance: a resample that equals the data must count as "as extreme".
    if (Math.abs(mean - observed) >= distance - 1e-12) {
      extreme++;
    }
  }
  const pValue = Math.max(floor, (extreme + 1) / (count + 1));
  return { meanDifference: observed, pValue, interval: [quantile(means, 0.025), quantile(means, 0.975)], resamples: count };
}
