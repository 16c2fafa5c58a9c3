import assert from 'node:assert/strict';
import { withDefaults, type RunConfigInput } from '../../../../src/core/defaults';
import { estimateRunCalls } from '../../../../src/core/run/callEstimate';

const config = (overrides: Partial<RunConfigInput>): ReturnType<typeof withDefaults> =>
  withDefaults({ seedInstructions: ['Solve.'], dataset: { path: 'd.jsonl' }, ...overrides });

describe('the call estimate before a run', () => {
  it('counts every instruction on every training row, the validation top-k, and one optimizer call per candidate', () => {
    // 40 rows, 8 held out: 32 training rows; 1 seed + 10 × 8 proposals; the best 3 on 8 validation rows.
    const estimate = estimateRunCalls(config({ dataset: { path: 'd.jsonl', validation: 0.2 } }), 40);
    assert.deepEqual(estimate, { trainRows: 32, validationRows: 8, scorerCalls: 81 * 32 + 3 * 8, optimizerCalls: 80, totalCalls: 81 * 32 + 24 + 80 });
  });

  it('doubles the scorer calls under an LLM judge and is capped by maxCalls', () => {
    const judged = estimateRunCalls(config({ steps: 1, candidatesPerStep: 2, grader: { kind: 'judge', rubric: 'r' } }), 10);
    assert.equal(judged.scorerCalls, 2 * 3 * 10);
    assert.equal(estimateRunCalls(config({ maxCalls: 100 }), 40).totalCalls, 100);
  });

  it('is the evaluation alone for zero steps', () => {
    assert.deepEqual(estimateRunCalls(config({ steps: 0, seedInstructions: ['a', 'b'] }), 30), { trainRows: 30, validationRows: 0, scorerCalls: 60, optimizerCalls: 0, totalCalls: 60 });
  });
});
