import assert from 'node:assert/strict';
import { drawDemos, randomDemoSteps, type DemoDraw } from '../../../../src/core/run/demoSearch';

const POOL = Array.from({ length: 30 }, (_, i) => i * 2);
const BASE: DemoDraw = { count: 4, step: 1, ordinal: 0, totalSteps: 10, seed: 7, pool: POOL, best: [] };

describe('drawing a candidate’s demonstrations', () => {
  it('draws a seeded random subset of K distinct pool rows in the first half of the steps', () => {
    const demos = drawDemos(BASE);
    assert.equal(demos.length, 4);
    assert.equal(new Set(demos).size, 4);
    assert.ok(demos.every((row) => POOL.includes(row)));
    assert.deepEqual(drawDemos({ ...BASE }), demos);
    assert.notDeepEqual(drawDemos({ ...BASE, ordinal: 1 }), demos);
    assert.notDeepEqual(drawDemos({ ...BASE, step: 2 }), demos);
    assert.equal(randomDemoSteps(10), 5);
    assert.equal(randomDemoSteps(1), 1);
    // Step 5 of 10 is still random even when a best exists.
    assert.deepEqual(drawDemos({ ...BASE, step: 5, best: [0, 2, 4, 6] }), drawDemos({ ...BASE, step: 5, best: [] }));
  });

  it('swaps exactly one of the best candidate’s demonstrations for a row it does not show, afterwards', () => {
    const best = [10, 20, 30, 40];
    for (let ordinal = 0; ordinal < 8; ordinal++) {
      const demos = drawDemos({ ...BASE, step: 6, ordinal, best });
      const kept = demos.filter((row, i) => row === best[i]);
      assert.equal(kept.length, 3, JSON.stringify(demos));
      const added = demos.find((row) => !best.includes(row));
      assert.ok(added !== undefined && POOL.includes(added));
    }
  });

  it('falls back to a random subset when the best shows no demonstrations', () => {
    assert.deepEqual(drawDemos({ ...BASE, step: 6, best: [] }).length, 4);
  });

  it('keeps a row to score on: never more demonstrations than the pool less one', () => {
    assert.equal(drawDemos({ ...BASE, pool: [1, 2, 3] }).length, 2);
    assert.deepEqual(drawDemos({ ...BASE, pool: [1] }), []);
    assert.deepEqual(drawDemos({ ...BASE, count: 0 }), []);
  });
});
