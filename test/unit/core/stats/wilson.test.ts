import assert from 'node:assert/strict';
import { bootstrapMeanInterval } from '../../../../src/core/stats/bootstrap';
import { formatScore, scoreInterval } from '../../../../src/core/stats/scoreInterval';
import { wilsonInterval, Z_95 } from '../../../../src/core/stats/wilson';

/** The Wilson bounds as the two roots of (p − k/n)² = z²·p(1 − p)/n, solved independently of the module. */
function rootsOfWilsonQuadratic(k: number, n: number, z: number): [number, number] {
  const phat = k / n;
  const a = 1 + (z * z) / n;
  const b = -(2 * phat + (z * z) / n);
  const c = phat * phat;
  const disc = Math.sqrt(b * b - 4 * a * c);
  return [(-b - disc) / (2 * a), (-b + disc) / (2 * a)];
}

function assertClose(actual: readonly number[], expected: readonly number[], tolerance: number): void {
  actual.forEach((value, i) => assert.ok(Math.abs(value - (expected[i] as number)) <= tolerance, `${JSON.stringify(actual)} vs ${JSON.stringify(expected)}`));
}

describe('the Wilson score interval', () => {
  it('matches published 95% bounds for fixed counts', () => {
    // Newcombe (1998), Table I, method 3 (Wilson, no continuity correction).
    assertClose(wilsonInterval(81, 263), [0.2553, 0.3662], 5e-5);
    assertClose(wilsonInterval(15, 148), [0.0624, 0.1605], 5e-5);
    assertClose(wilsonInterval(0, 20), [0, 0.1611], 5e-5);
    assertClose(wilsonInterval(1, 29), [0.0061, 0.1718], 5e-5);
  });

  it('agrees with the roots of its defining quadratic for every count up to 60 rows', () => {
    for (let n = 1; n <= 60; n++) {
      for (let k = 0; k <= n; k++) {
        assertClose(wilsonInterval(k, n), rootsOfWilsonQuadratic(k, n, Z_95), 1e-12);
      }
    }
  });

  it('is exactly 0 or 1 at the edges, symmetric in k and n − k, and narrows as rows are added', () => {
    assert.equal(wilsonInterval(0, 10)[0], 0);
    assert.equal(wilsonInterval(10, 10)[1], 1);
    const [low, high] = wilsonInterval(3, 10);
    assertClose(wilsonInterval(7, 10), [1 - high, 1 - low], 1e-12);
    const width = (k: number, n: number): number => wilsonInterval(k, n)[1] - wilsonInterval(k, n)[0];
    assert.ok(width(40, 50) < width(8, 10));
  });

  it('gives [0, 1] without trials and refuses impossible counts', () => {
    assert.deepEqual(wilsonInterval(0, 0), [0, 1]);
    assert.throws(() => wilsonInterval(11, 10), RangeError);
    assert.throws(() => wilsonInterval(2.5, 10), RangeError);
  });
});

describe('a score with its interval', () => {
  const results = (credits: number[]): { example: number; output: string; answer: string; correct: boolean; score?: number }[] =>
    credits.map((credit, i) => ({ example: i, output: '', answer: '', correct: credit === 1, ...(credit === 0 || credit === 1 ? {} : { score: credit }) }));

  it('is the Wilson interval for an accuracy and is written as percent, interval and counts', () => {
    const split = { score: 0.8, correct: 8, total: 10, results: results([1, 1, 1, 1, 1, 1, 1, 1, 0, 0]) };
    assert.deepEqual(scoreInterval(split), wilsonInterval(8, 10));
    assert.equal(formatScore(split), '80.0% (95% CI 49.0–94.3%, 8/10)');
  });

  it('is the bootstrap interval of the mean credit for partial credit', () => {
    const split = { score: 0.6, correct: 3, total: 5, results: results([1, 0.2, 1, 0.8, 0]) };
    assert.deepEqual(scoreInterval(split), bootstrapMeanInterval([1, 0.2, 1, 0.8, 0]));
    const [low, high] = scoreInterval(split) as [number, number];
    assert.ok(low < 0.6 && 0.6 < high && low >= 0 && high <= 1);
  });

  it('leaves out examples without a verdict, and keeps an interval saved with the split', () => {
    const graded = results([1, 0.5, 0]);
    const split = { score: 0.5, correct: 1, total: 3, results: [...graded, { example: 9, output: '', answer: '', correct: false, status: 'errored' }] };
    assert.deepEqual(scoreInterval(split), bootstrapMeanInterval([1, 0.5, 0]));
    assert.deepEqual(scoreInterval({ score: 0.5, correct: 1, total: 3, ci95: [0.1, 0.9] }), [0.1, 0.9]);
  });

  it('tells an accuracy from its counts in a light view, and has none for partial credit without results', () => {
    assert.deepEqual(scoreInterval({ score: 0.8, correct: 8, total: 10 }), wilsonInterval(8, 10));
    const split = { score: 0.6, correct: 1, total: 2 };
    assert.equal(scoreInterval(split), undefined);
    assert.equal(formatScore(split), '60.0% (1/2)');
  });
});
