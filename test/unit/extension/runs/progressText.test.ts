import assert from 'node:assert/strict';
import { advanceProgress, formatCount, formatProgress, initialProgress } from '../../../../src/extension/runs/progressText';

describe('progress text', () => {
  it('reads "step i/N · best · calls · tokens"', () => {
    assert.equal(formatProgress({ step: 3, totalSteps: 10, bestScore: 0.634, calls: 412, tokens: 51_234 }), 'step 3/10 · best 63% · 412 calls · 51k tokens');
    assert.equal(formatProgress(initialProgress()), 'scoring the prompt · 0 calls · 0 tokens');
  });

  it('abbreviates large counts', () => {
    assert.deepEqual([950, 1_499, 51_234, 1_250_000].map(formatCount), ['950', '1k', '51k', '1.3M']);
  });

  it('follows step and usage events', () => {
    const usage = { calls: 5, cachedCalls: 0, failedCalls: 0, retries: 0, promptTokens: 100, completionTokens: 20, byModel: {} };
    let progress = advanceProgress(initialProgress(), { type: 'stepStarted', step: 2, totalSteps: 4 });
    progress = advanceProgress(progress, { type: 'stepFinished', step: { step: 2, exemplars: [], replies: 0, failedReplies: 0, accepted: [], rejected: 0, done: true }, bestScore: 0.5, usage });
    assert.deepEqual(progress, { step: 2, totalSteps: 4, bestScore: 0.5, calls: 5, tokens: 120 });
  });
});
