import assert from 'node:assert/strict';
import { OproError } from '../../../../src/core/errors';
import { detectMetricKind, extractNumber, checkAnswer, isCorrect, METRIC_KINDS } from '../../../../src/core/metrics';

describe('checkAnswer', () => {
  describe('number', () => {
    it('reads `Answer: 46` despite the capital A (official defect: case-sensitive marker)', () => {
      assert.deepEqual(checkAnswer('Answer: 46', '46', { kind: 'number' }), { answer: '46', correct: true });
    });
    it('normalizes the target with the same extractor', () => {
      assert.deepEqual(checkAnswer('The answer is 1000', '$1,000.00', { kind: 'number' }), { answer: '1000', correct: true });
      assert.deepEqual(checkAnswer('#### 0.5', '1/2', { kind: 'number' }), { answer: '0.5', correct: true });
    });
    it('rounds both sides to `decimals`', () => {
      assert.equal(checkAnswer('3.14159', '3.14', { kind: 'number' }).correct, true);
      assert.equal(checkAnswer('3.14159', '3.14', { kind: 'number', decimals: 3 }).correct, false);
    });
    it('is wrong when the output has no number', () => {
      assert.deepEqual(checkAnswer('I do not know', '7', { kind: 'number' }), { answer: '', correct: false });
    });
    it('reads a target written in words', () => {
      assert.deepEqual(checkAnswer('7', 'seven', { kind: 'number' }), { answer: '7', correct: true });
    });
    it('is wrong when the target has no number', () => {
      assert.deepEqual(checkAnswer('7', 'unknown', { kind: 'number' }), { answer: '7', correct: false });
    });
  });

  it('does not accept `(a) or (b)` for `(A)` (official defect: target contained in prediction)', () => {
    assert.deepEqual(checkAnswer('(a) or (b)', '(A)', { kind: 'choice' }), { answer: '', correct: false });
  });
  it('passes the context input to `choice`', () => {
    assert.deepEqual(checkAnswer('London', 'B', { kind: 'choice' }, { input: '(A) Paris (B) London' }), { answer: '(B)', correct: true });
  });
  it('does not accept `valid` for the target `invalid` (official defect: target contained in prediction)', () => {
    assert.deepEqual(checkAnswer('valid', 'invalid', { kind: 'boolean' }), { answer: 'valid', correct: false });
    assert.equal(checkAnswer('valid', 'invalid', { kind: 'contains' }).correct, false);
  });
  it('dispatches `exact`, `contains` and `regex`', () => {
    assert.equal(checkAnswer(' "Paris." ', 'paris', { kind: 'exact' }).correct, true);
    assert.equal(checkAnswer('It is Paris.', 'paris', { kind: 'contains' }).correct, true);
    assert.deepEqual(checkAnswer('Final: 42', '42', { kind: 'regex', pattern: 'final:\\s*(\\d+)' }), { answer: '42', correct: true });
  });
  it('throws a config OproError for an invalid regex', () => {
    assert.throws(() => checkAnswer('x', 'x', { kind: 'regex', pattern: '*bad' }), (err: unknown) => err instanceof OproError && err.kind === 'config');
  });
  it('never throws on curly apostrophes or other non-ASCII text, whatever the kind (official defect: non-ASCII crash)', () => {
    const output = 'Let’s see — the answer’s “B” ✓ 😀';
    for (const kind of METRIC_KINDS) {
      assert.doesNotThrow(() => checkAnswer(output, 'it’s', { kind }, { input: 'Which one’s right? (A) it’s (B) isn’t' }));
    }
  });
});

describe('isCorrect', () => {
  it('checks with the default options of the kind', () => {
    assert.equal(isCorrect('The answer is $1,234.50.', '1234.5', 'number'), true);
    assert.equal(isCorrect('(B)', 'b', 'choice'), true);
    assert.equal(isCorrect('no', 'yes', 'boolean'), false);
    assert.equal(isCorrect('Paris', 'PARIS', 'exact'), true);
  });
});

describe('metrics index', () => {
  it('re-exports the library entry points', () => {
    assert.deepEqual([typeof checkAnswer, typeof isCorrect, typeof detectMetricKind, typeof extractNumber], Array(4).fill('function'));
  });
});
