/** The standard normal quantile for a two-sided 95% interval (Φ⁻¹(0.975)). */
export const Z_95 = 1.959963984540054;

/** A confidence interval on a proportion, both ends in [0, 1]. */
export type Interval = readonly [low: number, high: number];

/**
 * The Wilson score interval for `successes` out of `trials` (Wilson 1927). Unlike the normal
 * approximation it stays inside [0, 1] and is not empty at 0/n or n/n, which matters for the small
 * datasets prompts are scored on. No trials gives the uninformative [0, 1].
 * @param z the normal quantile of the confidence level. @default Z_95 (95%)
 */
export function wilsonInterval(successes: number, trials: number, z: number = Z_95): Interval {
  if (!Number.isInteger(trials) || trials < 0 || !Number.isInteger(successes) || successes < 0 || successes > trials) {
    throw new RangeError(`Expected 0 ≤ successes ≤ trials as integers, got ${successes}/${trials}.`);
  }
  if (trials === 0) {
    return [0, 1];
  }
  const p = successes / trials;
  const z2 = z * z;
  const denominator = 1 + z2 / trials;
  const center = (p + z2 / (2 * trials)) / denominator;
  const half = (z / denominator) * Math.sqrt((p * (1 - p)) / trials + z2 / (4 * trials * trials));
  // At 0/n and n/n one end is exactly 0 or 1; floating point would leave it a hair off.
  return [successes === 0 ? 0 : center - half, successes === trials ? 1 : center + half];
}
