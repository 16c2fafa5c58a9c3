import assert from 'node:assert/strict';
import { mcnemarExactP } from '../../../../src/core/stats/mcnemar';

/** C(n, k) exactly, as a BigInt. */
function choose(n: number, k: number): bigint {
  let value = 1n;
  for (let i = 1; i <= k; i++) {
    value = (value * BigInt(n - k + i)) / BigInt(i);
  }
  return value;
}

/**
 * The two-sided exact McNemar p-value computed from scratch: sum the Binomial(n, 1/2) probabilities
 * of every split of the discordant rows at most as likely as the one observed, as an exact fraction.
 */
function exactByEnumeration(b: number, c: number): number {
  const n = b + c;
  const observed = choose(n, b);
  let total = 0n;
  for (let k = 0; k <= n; k++) {
    if (choose(n, k) <= observed) {
      total += choose(n, k);
    }
  }
  return Math.min(1, Number(total) / 2 ** n);
}

function assertClose(actual: number, expected: number): void {
  assert.ok(Math.abs(actual - expected) <= 1e-12 * Math.max(1, expected), `${actual} vs ${expected}`);
}

describe('the exact McNemar test', () => {
  it('gives the textbook p-values of small tables', () => {
    // 0 vs 5 discordant rows: 2 · (1/2)^5.
    assert.equal(mcnemarExactP(0, 5), 0.0625);
    // 1 vs 9: 2 · (1 + 10) / 2^10.
    assert.equal(mcnemarExactP(1, 9), 22 / 1024);
    assert.equal(mcnemarExactP(9, 1), 22 / 1024);
    // 2 vs 2, and no discordant rows at all: nothing against "no difference".
    assert.equal(mcnemarExactP(2, 2), 1);
    assert.equal(mcnemarExactP(0, 0), 1);
  });

  it('agrees with an exact enumeration for every table with up to 30 discordant rows', () => {
    for (let b = 0; b <= 30; b++) {
      for (let c = 0; b + c <= 30; c++) {
        assertClose(mcnemarExactP(b, c), exactByEnumeration(b, c));
      }
    }
  });

  it('is exact, to the last bit, for every table with up to 50 discordant rows', () => {
    for (let n = 0; n <= 50; n++) {
      for (let b = 0; b <= n; b++) {
        assert.equal(mcnemarExactP(b, n - b), exactByEnumeration(b, n - b), `b=${b} c=${n - b}`);
      }
    }
  });

  it('stays finite for thousands of discordant rows, where 2^-n underflows', () => {
    const p = mcnemarExactP(1000, 1100);
    assertClose(mcnemarExactP(600, 700), mcnemarExactP(700, 600));
    // Normal approximation with continuity correction: z = (|1000 − 1100| − 1) / sqrt(2100) ≈ 2.160, p ≈ 0.0307.
    assert.ok(p > 0.029 && p < 0.033, String(p));
    assert.equal(mcnemarExactP(1050, 1050), 1);
  });

  it('refuses counts that are not whole numbers', () => {
    assert.throws(() => mcnemarExactP(-1, 3), RangeError);
    assert.throws(() => mcnemarExactP(1.5, 3), RangeError);
  });
});
