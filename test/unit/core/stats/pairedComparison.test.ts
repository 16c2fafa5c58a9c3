import assert from 'node:assert/strict';
import { comparePaired, describeComparison, formatPValue, type PairedResult } from '../../../../src/core/stats/pairedComparison';

/** Results on rows 0..n−1 from a string of verdicts: `1` right, `0` wrong, `t` truncated, `e` errored. */
function verdicts(pattern: string): PairedResult[] {
  return [...pattern].map((ch, example) => {
    if (ch === 't' || ch === 'e') {
      return { example, correct: false, status: ch === 't' ? 'truncated' : 'errored' };
    }
    return { example, correct: ch === '1' };
  });
}

describe('comparing the best prompt with the seed on the same rows', () => {
  it('uses the exact McNemar test on right/wrong results, counting the discordant rows', () => {
    // 9 rows only the candidate gets right, 1 only the seed does, 30 both: p = 2 · 11 / 1024.
    const candidate = verdicts('1111111110' + '1'.repeat(30));
    const seed = verdicts('0000000001' + '1'.repeat(30));
    const comparison = comparePaired(candidate, seed);
    assert.deepEqual({ ...comparison, pValue: Number(comparison.pValue.toFixed(6)) }, {
      test: 'mcnemar',
      rows: 40,
      difference: 8 / 40,
      pValue: Number((22 / 1024).toFixed(6)),
      wins: 9,
      losses: 1,
      verdict: 'better',
    });
    assert.equal(describeComparison(comparison), 'better than your prompt on 40 validation rows (p = 0.021)');
  });

  it('says a small sample cannot tell them apart, and asks for rows', () => {
    const comparison = comparePaired(verdicts('111111110000'), verdicts('111100001111'));
    assert.equal(comparison.verdict, 'indistinguishable');
    assert.equal(comparison.pValue, 1);
    assert.equal(describeComparison(comparison), 'not distinguishable from your prompt on 12 validation rows (p = 1): add rows to tell them apart');
  });

  it('calls a significantly lower score worse', () => {
    const comparison = comparePaired(verdicts('0'.repeat(12) + '1'.repeat(8)), verdicts('1'.repeat(20)));
    assert.equal(comparison.verdict, 'worse');
    assert.equal(describeComparison(comparison), 'worse than your prompt on 20 validation rows (p < 0.001)');
  });

  it('leaves out rows that either side has no verdict for (truncated, errored)', () => {
    // Row 0 truncated for the candidate, row 1 errored for the seed: 6 of 8 rows are compared.
    const comparison = comparePaired(verdicts('t1111111'), verdicts('1e000000'));
    assert.equal(comparison.rows, 6);
    assert.equal(comparison.wins, 6);
    assert.equal(comparison.pValue, 2 / 64);
  });

  it('pairs rows by example, whatever order the results come in', () => {
    const candidate = verdicts('1100');
    const seed = verdicts('0011').reverse();
    assert.equal(comparePaired(candidate, seed).wins, 2);
    assert.equal(comparePaired(candidate, seed).losses, 2);
  });

  it('uses the paired bootstrap for partial credit', () => {
    const candidate = Array.from({ length: 30 }, (_, example) => ({ example, correct: true, score: 0.9 }));
    const seed = Array.from({ length: 30 }, (_, example) => ({ example, correct: false, score: example % 3 === 0 ? 1 : 0.2 }));
    const comparison = comparePaired(candidate, seed);
    assert.equal(comparison.test, 'pairedBootstrap');
    assert.equal(comparison.verdict, 'better');
    assert.ok(comparison.pValue < 0.01);
    assert.equal(comparison.wins, undefined);
  });

  it('says when there was nothing to compare on', () => {
    assert.equal(describeComparison(comparePaired([], verdicts('11'))), 'not compared with your prompt: no validation rows both were graded on');
  });

  it('writes p-values with two significant digits', () => {
    assert.deepEqual([0.0004, 0.001, 0.0107, 0.049, 0.38, 0.996].map(formatPValue), ['p < 0.001', 'p = 0.001', 'p = 0.011', 'p = 0.049', 'p = 0.38', 'p = 1']);
  });
});
