import assert from 'node:assert/strict';
import { createRandom } from '../../../../src/core/random';
import { pairedBootstrapTest } from '../../../../src/core/stats/pairedBootstrap';

describe('the paired bootstrap test', () => {
  it('finds no difference when the differences are balanced around 0', () => {
    const result = pairedBootstrapTest([0.5, -0.5, 0.25, -0.25, 0.5, -0.5, 0, 0]);
    assert.equal(result.meanDifference, 0);
    assert.equal(result.pValue, 1);
  });

  it('gives a small p-value for a consistent improvement on many rows, and its interval excludes 0', () => {
    const random = createRandom(3);
    const differences = Array.from({ length: 60 }, () => 0.2 + (random() - 0.5) * 0.6);
    const result = pairedBootstrapTest(differences);
    assert.ok(result.pValue < 0.001, String(result.pValue));
    assert.ok(result.interval[0] > 0 && result.interval[1] > result.interval[0]);
  });

  it('agrees with the normal approximation of a mean difference in the middle range', () => {
    // 40 rows: 14 at +0.5, 10 at −0.5, 16 at 0. Mean 0.05, standard error ≈ 0.0607. Resampled means lie
    // on steps of 0.0125 and "as extreme" includes the boundary step, like a continuity correction of
    // half a step: z = (0.05 − 0.00625) / 0.0607 ≈ 0.72, two-sided p ≈ 0.47.
    const differences = [...Array(14).fill(0.5), ...Array(10).fill(-0.5), ...Array(16).fill(0)] as number[];
    const result = pairedBootstrapTest(differences);
    assert.ok(Math.abs(result.pValue - 0.47) < 0.03, String(result.pValue));
  });

  it('is never surer than an exact sign-flip test: one row, or a few that all agree', () => {
    assert.equal(pairedBootstrapTest([0.8]).pValue, 1);
    assert.equal(pairedBootstrapTest([0.3, 0.3, 0.3, 0.3, 0.3]).pValue, 2 / 32);
    assert.ok(pairedBootstrapTest([0.3, 0.2, 0.3, 0.4]).pValue >= 2 / 16);
  });

  it('is reproducible, and says nothing without rows', () => {
    const differences = [0.1, 0.4, -0.2, 0.3, 0, 0.6, -0.1];
    assert.deepEqual(pairedBootstrapTest(differences), pairedBootstrapTest(differences.slice()));
    assert.deepEqual(pairedBootstrapTest([]), { meanDifference: 0, pValue: 1, interval: [-1, 1], resamples: 0 });
  });
});
