import assert from 'node:assert/strict';
import { repeatSummaryText, summarizeRepeats, type RepeatedRun } from '../../../src/cli/repeatSummary';

const run = (seed: number, prompt: string, score: number, validationScore?: number): RepeatedRun => ({
  seed,
  runFile: `/runs/${seed}.json`,
  status: 'finished',
  winner: { prompt, score, ...(validationScore === undefined ? {} : { validationScore }) },
});

describe('summing up repeated runs', () => {
  it('gives the spread of the winner’s validation score and how often each prompt won', () => {
    const summary = summarizeRepeats([run(0, 'A', 0.9, 0.8), run(1, 'B', 0.95, 0.7), run(2, 'A', 0.9, 0.8), run(3, 'C', 0.85, 0.9)]);
    assert.deepEqual({ ...summary, sd: Number(summary.sd.toFixed(6)), mean: Number(summary.mean.toFixed(6)) }, {
      runs: 4,
      seeds: [0, 1, 2, 3],
      split: 'validation',
      scores: [0.8, 0.7, 0.8, 0.9],
      mean: 0.8,
      // Sample sd of 0.8, 0.7, 0.8, 0.9: sqrt(0.02 / 3).
      sd: Number(Math.sqrt(0.02 / 3).toFixed(6)),
      min: 0.7,
      max: 0.9,
      winners: [
        { prompt: 'A', wins: 2, seeds: [0, 2] },
        { prompt: 'B', wins: 1, seeds: [1] },
        { prompt: 'C', wins: 1, seeds: [3] },
      ],
    });
    assert.equal(
      repeatSummaryText(summary, (p) => `"${p}"`),
      '4 runs (seeds 0, 1, 2, 3)\nwinner\'s validation score: mean 80.0%, sd 8.2 points, range 70.0–90.0%\nhow often each prompt won:\n  2/4  "A"\n  1/4  "B"\n  1/4  "C"\n',
    );
  });

  it('falls back to the training score when some winner has no validation score, and leaves out runs without a winner', () => {
    const summary = summarizeRepeats([run(5, 'A', 0.6, 0.5), run(6, 'A', 0.7), { seed: 7, runFile: '/runs/7.json', status: 'cancelled' }]);
    assert.equal(summary.split, 'training');
    assert.deepEqual(summary.scores, [0.6, 0.7]);
    assert.equal(summary.runs, 3);
    assert.deepEqual(summary.winners, [{ prompt: 'A', wins: 2, seeds: [5, 6] }]);
  });

  it('says when no run found a best prompt', () => {
    assert.equal(repeatSummaryText(summarizeRepeats([{ seed: 1, runFile: 'x', status: 'failed' }]), (p) => p), '1 run (seed 1)\nno run found a best prompt\n');
  });
});
