import { createRandom, mixSeed, type Random } from '../random';
import type { Interval } from './wilson';

/** Resamples of a bootstrap interval, before the work cap below. */
export const BOOTSTRAP_RESAMPLES = 2000;

/**
 * Most values drawn by one bootstrap (resamples × values): about 10 ms of work, so scoring a large
 * split never holds the extension host's event loop for long. Past it, fewer resamples are drawn.
 */
export const BOOTSTRAP_MAX_DRAWS = 2_000_000;

/** The fewest resamples a bootstrap draws, whatever the size of the data. */
export const BOOTSTRAP_MIN_RESAMPLES = 200;

export interface BootstrapOptions {
  /** @default BOOTSTRAP_RESAMPLES */
  resamples?: number;
  /** Seeds the draws. @default a hash of the values, so the same data always gets the same interval */
  seed?: number;
}

/** How many resamples to draw for `n` values: `wanted`, lowered so `n × resamples ≤ BOOTSTRAP_MAX_DRAWS`. */
export function resampleCount(n: number, wanted: number = BOOTSTRAP_RESAMPLES): number {
  const affordable = Math.floor(BOOTSTRAP_MAX_DRAWS / Math.max(1, n));
  return Math.max(Math.min(wanted, BOOTSTRAP_MIN_RESAMPLES), Math.min(wanted, affordable));
}

/** A seed from the values themselves (to 6 decimals): the same data gives the same draws on every machine. */
export function seedOfValues(values: readonly number[]): number {
  let seed = mixSeed(values.length);
  for (const value of values) {
    seed = mixSeed(seed, Math.round(value * 1e6));
  }
  return seed;
}

/** The means of `count` resamples (with replacement) of `values`, sorted ascending. */
export function resampledMeans(values: readonly number[], count: number, random: Random): Float64Array {
  const n = values.length;
  const means = new Float64Array(count);
  for (let b = 0; b < count; b++) {
    let sum = 0;
    for (let i = 0; i < n; i++) {
      sum += values[Math.floor(random() * n)] as number;
    }
    means[b] = sum / n;
  }
  return means.sort();
}

/** The `q` quantile of sorted values, linearly interpolated between order statistics (R's type 7). */
export function quantile(sorted: ArrayLike<number>, q: number): number {
  const position = (sorted.length - 1) * q;
  const below = Math.floor(position);
  const low = sorted[below] as number;
  const high = sorted[Math.min(sorted.length - 1, below + 1)] as number;
  return low + (high - low) * (position - below);
}

/**
 * The 95% percentile-bootstrap interval of the mean of `values` (per-example credit in [0, 1] from a
 * judge, json fields or a custom scorer). Seeded, so it is reproducible. No values gives the
 * uninformative [0, 1]; identical values give the point itself (the data show no spread).
 */
export function bootstrapMeanInterval(values: readonly number[], options: BootstrapOptions = {}): Interval {
  if (values.length === 0) {
    return [0, 1];
  }
  if (values.every((v) => v === values[0])) {
    return [values[0] as number, values[0] as number];
  }
  const random = createRandom(options.seed ?? seedOfValues(values));
  const means = resampledMeans(values, resampleCount(values.length, options.resamples), random);
  return [quantile(means, 0.025), quantile(means, 0.975)];
}
