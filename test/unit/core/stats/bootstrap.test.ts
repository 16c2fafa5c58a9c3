import assert from 'node:assert/strict';
import { createRandom } from '../../../../src/core/random';
import { BOOTSTRAP_MAX_DRAWS, bootstrapMeanInterval, quantile, resampleCount } from '../../../../src/core/stats/bootstrap';
import { Z_95 } from '../../../../src/core/stats/wilson';

function mean(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0) / values.length;
}

/** The normal-theory 95% interval of a mean, mean ± z · s / √n (with the n-divisor the bootstrap estimates). */
function normalInterval(values: readonly number[]): [number, number] {
  const m = mean(values);
  const sd = Math.sqrt(values.reduce((a, v) => a + (v - m) ** 2, 0) / values.length);
  const half = (Z_95 * sd) / Math.sqrt(values.length);
  return [m - half, m + half];
}

describe('the bootstrap interval of a mean', () => {
  it('is the same every time for the same data, and differs with another seed', () => {
    const values = [0.2, 1, 0.5, 0.75, 0.2, 1, 1, 0];
    assert.deepEqual(bootstrapMeanInterval(values), bootstrapMeanInterval(values.slice()));
    assert.notDeepEqual(bootstrapMeanInterval(values, { seed: 1 }), bootstrapMeanInterval(values, { seed: 2 }));
  });

  it('matches the normal interval on 400 rows of partial credit to within a point', () => {
    const random = createRandom(11);
    const values = Array.from({ length: 400 }, () => Math.round(random() * 10) / 10);
    const [low, high] = bootstrapMeanInterval(values);
    const [nLow, nHigh] = normalInterval(values);
    assert.ok(Math.abs(low - nLow) < 0.01 && Math.abs(high - nHigh) < 0.01, `${low}–${high} vs ${nLow}–${nHigh}`);
    assert.ok(low < mean(values) && mean(values) < high);
  });

  it('covers the true mean about 95% of the time', () => {
    // 300 datasets of 40 rows with known mean 0.5 (credit uniform on 0, 0.25, …, 1).
    const random = createRandom(5);
    let covered = 0;
    for (let trial = 0; trial < 300; trial++) {
      const values = Array.from({ length: 40 }, () => Math.floor(random() * 5) / 4);
      const [low, high] = bootstrapMeanInterval(values, { resamples: 1000 });
      covered += Number(low <= 0.5 && 0.5 <= high);
    }
    // Binomial(300, 0.95) lies in 273..297 with probability > 0.999; the percentile bootstrap runs a little narrow.
    assert.ok(covered >= 273 && covered <= 297, `${covered}/300`);
  });

  it('is the point itself for identical values and [0, 1] for none', () => {
    assert.deepEqual(bootstrapMeanInterval([0.4, 0.4, 0.4]), [0.4, 0.4]);
    assert.deepEqual(bootstrapMeanInterval([]), [0, 1]);
  });

  it('draws fewer resamples on large data so one interval stays a small synchronous task', () => {
    assert.equal(resampleCount(100), 2000);
    assert.equal(resampleCount(10_000), BOOTSTRAP_MAX_DRAWS / 10_000);
    assert.equal(resampleCount(1_000_000), 200);
  });

  it('interpolates quantiles between order statistics', () => {
    assert.equal(quantile([0, 10], 0.25), 2.5);
    assert.equal(quantile([1, 2, 3, 4, 5], 0.5), 3);
    assert.equal(quantile([1, 2, 3, 4, 5], 1), 5);
  });
});
