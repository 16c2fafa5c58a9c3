import { createRandom, mixSeed, shuffled } from '../random';

// Keeps the demonstrations' random stream apart from the other uses of the run seed.
const DEMO_STREAM = 0xde30;

export interface DemoDraw {
  /** Demonstrations per candidate (K); fewer when the pool is small. */
  count: number;
  /** The step proposing the candidate, and its position among the step's proposals. */
  step: number;
  ordinal: number;
  /** Steps of the run: the first half draws random subsets, the second swaps around the best. */
  totalSteps: number;
  seed: number;
  /** Training rows that may be shown, in row order. */
  pool: readonly number[];
  /** The demonstrations of the best candidate so far ([] when it has none, e.g. the seed). */
  best: readonly number[];
}

/** Steps that draw random subsets before the search turns to swaps: the first half, at least one. */
export function randomDemoSteps(totalSteps: number): number {
  return Math.max(1, Math.ceil(totalSteps / 2));
}

/**
 * The training rows a new candidate shows as demonstrations (Wan et al. 2024: exemplar search by
 * random subsets, then local moves). In the first half of the run's steps, a seeded random subset
 * of `count` rows; after it, the best candidate's demonstrations with one of them swapped for a
 * random row it does not show (greedy: a swap that scores better becomes the new best, whose
 * demonstrations the next swaps start from). A random subset whenever the best shows none. Each
 * candidate costs the same calls as without demonstrations, less its own demonstration rows, which
 * it is never scored on. Seeded by run seed, step and ordinal, so resuming draws the same rows.
 */
export function drawDemos(draw: DemoDraw): number[] {
  const count = Math.min(draw.count, Math.max(0, draw.pool.length - 1));
  if (count <= 0) {
    return [];
  }
  const random = createRandom(mixSeed(draw.seed, draw.step, draw.ordinal, DEMO_STREAM));
  const best = draw.best.filter((row) => draw.pool.includes(row));
  if (draw.step <= randomDemoSteps(draw.totalSteps) || best.length !== count) {
    return shuffled(draw.pool, random).slice(0, count);
  }
  const shown = new Set(best);
  const outside = draw.pool.filter((row) => !shown.has(row));
  const swapped = best.slice();
  swapped[Math.floor(random() * count)] = outside[Math.floor(random() * outside.length)] as number;
  return swapped;
}
