import assert from 'node:assert/strict';
import { paretoFront, showsTradeOff } from '../../../src/webview/paretoFront';

const point = (id: string, tokens: number, score: number): { id: string; tokens: number; score: number } => ({ id, tokens, score });

describe('the Pareto front of score against prompt tokens', () => {
  it('keeps exactly the candidates no other beats on both, cheapest first', () => {
    const points = [point('long-best', 120, 0.9), point('short-weak', 10, 0.5), point('dominated', 60, 0.5), point('mid', 40, 0.7), point('long-worse', 130, 0.85)];
    assert.deepEqual(paretoFront(points).map((p) => p.id), ['short-weak', 'mid', 'long-best']);
  });

  it('keeps one of candidates equal on both, and a cheaper one of equal score wins', () => {
    assert.deepEqual(paretoFront([point('a', 20, 0.6), point('b', 20, 0.6), point('c', 10, 0.6)]).map((p) => p.id), ['c']);
    assert.deepEqual(paretoFront([]), []);
  });

  it('is shown with a length penalty, with demonstrations, or when prompt costs differ materially', () => {
    assert.equal(showsTradeOff([point('a', 20, 0.5), point('b', 22, 0.6)], 0), false);
    assert.equal(showsTradeOff([point('a', 20, 0.5), point('b', 22, 0.6)], 0.001), true);
    assert.equal(showsTradeOff([point('a', 20, 0.5), { ...point('b', 22, 0.6), hasDemos: true }], 0), true);
    // Three times as long but 20 tokens apart: no material difference per call.
    assert.equal(showsTradeOff([point('a', 10, 0.5), point('b', 30, 0.6)], 0), false);
    assert.equal(showsTradeOff([point('a', 20, 0.5), point('b', 80, 0.6)], 0), true);
    assert.equal(showsTradeOff([point('a', 100, 0.5), point('b', 140, 0.6)], 0), false);
    assert.equal(showsTradeOff([point('a', 20, 0.5)], 0.01), false);
  });
});
