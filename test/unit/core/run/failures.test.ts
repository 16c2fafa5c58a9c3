import assert from 'node:assert/strict';
import { failuresForMetaPrompt, pickFailures } from '../../../../src/core/run/failures';
import type { ExampleResult } from '../../../../src/core/runRecord';

function result(example: number, correct: boolean, extra: Partial<ExampleResult> & { status?: string } = {}): ExampleResult {
  return { example, output: `out ${example}`, answer: '', correct, ...extra };
}

describe('picking the failures the feedback meta-prompt shows', () => {
  const results = [result(0, true), result(1, false), result(2, false), result(3, true), result(4, false), result(5, false), result(6, false)];

  it('takes at most M wrong examples, never a right one, the same for the same seed and step', () => {
    const picked = pickFailures(results, { count: 3, seed: 1, step: 2 });
    assert.equal(picked.length, 3);
    assert.ok(picked.every((r) => !r.correct));
    assert.deepEqual(pickFailures(results, { count: 3, seed: 1, step: 2 }), picked);
    assert.equal(new Set(picked.map((r) => r.example)).size, 3);
  });

  it('shows other failures at other steps (a seeded order among equals)', () => {
    const orders = new Set([1, 2, 3, 4, 5, 6].map((step) => pickFailures(results, { count: 5, seed: 1, step }).map((r) => r.example).join(',')));
    assert.ok(orders.size > 1, [...orders].join(' | '));
  });

  it('puts the lowest partial credit first', () => {
    const partial = [result(0, false, { score: 0.6 }), result(1, false, { score: 0.1 }), result(2, false, { score: 0.4 }), result(3, true, { score: 0.9 })];
    assert.deepEqual(pickFailures(partial, { count: 5, seed: 3, step: 1 }).map((r) => r.example), [1, 2, 0]);
  });

  it('leaves out examples without a verdict and the excluded rows', () => {
    const mixed = [result(0, false, { status: 'truncated' }), result(1, false, { status: 'errored' }), result(2, false), result(3, false)];
    assert.deepEqual(pickFailures(mixed, { count: 5, seed: 0, step: 1, exclude: new Set([3]) }).map((r) => r.example), [2]);
    assert.deepEqual(pickFailures(mixed, { count: 0, seed: 0, step: 1 }), []);
  });

  it('pairs each failure with its row’s input and expected answer, and the reason when there is one', () => {
    const examples = new Map([
      [2, { index: 2, line: 3, input: 'What is 1 + 1?', target: '2' }],
      [4, { index: 4, line: 5, input: 'What is 2 + 2?', target: '4' }],
    ]);
    assert.deepEqual(failuresForMetaPrompt([result(2, false), result(4, false, { reason: 'Off by one.' }), result(9, false)], examples), [
      { input: 'What is 1 + 1?', output: 'out 2', target: '2' },
      { input: 'What is 2 + 2?', output: 'out 4', target: '4', reason: 'Off by one.' },
    ]);
  });
});
