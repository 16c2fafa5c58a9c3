/**
 * The exact (binomial) McNemar test for two prompts graded right/wrong on the same rows. Only the
 * discordant rows carry information: under "neither is better" each is equally likely to favour
 * either prompt, so the count favouring one is Binomial(b + c, 1/2). The two-sided p-value is twice
 * the smaller tail, capped at 1 (the usual definition; Fagerland, Lydersen & Laake 2013).
 * @param b rows only the first prompt gets right
 * @param c rows only the second prompt gets right
 */
export function mcnemarExactP(b: number, c: number): number {
  if (!Number.isInteger(b) || !Number.isInteger(c) || b < 0 || c < 0) {
    throw new RangeError(`Expected two counts as integers ≥ 0, got ${b} and ${c}.`);
  }
  const n = b + c;
  if (n === 0) {
    return 1;
  }
  return Math.min(1, 2 * binomialHalfLowerTail(Math.min(b, c), n));
}

/** P(X ≤ k) for X ~ Binomial(n, 1/2). */
function binomialHalfLowerTail(k: number, n: number): number {
  if (n <= 1000) {
    // C(n, i + 1) = C(n, i) · (n − i) / (i + 1): whole numbers, exact while the sum stays below 2^53 (every n ≤ 52),
    // then one division by a power of two, which is exact too.
    let term = 1;
    let sum = 0;
    for (let i = 0; i <= k; i++) {
      sum += term;
      term = (term * (n - i)) / (i + 1);
    }
    return sum / 2 ** n;
  }
  // 2^n overflows a double past 1023: the same terms in log space.
  const logs: number[] = [];
  let log = -n * Math.LN2;
  for (let i = 0; i <= k; i++) {
    logs.push(log);
    log += Math.log(n - i) - Math.log(i + 1);
  }
  // Below the mode the terms grow, so the last one is the largest.
  const top = logs[logs.length - 1] as number;
  return Math.exp(top) * logs.reduce((sum, term) => sum + Math.exp(term - top), 0);
}
