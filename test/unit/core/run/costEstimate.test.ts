import assert from 'node:assert/strict';
import type { RunConfig } from '../../../../src/core/config';
import type { Example } from '../../../../src/core/dataset/types';
import { withDefaults, type RunConfigInput } from '../../../../src/core/defaults';
import { costUsd, LIST_PRICES } from '../../../../src/core/pricing';
import { ADAPTIVE_FIRST_BATCH } from '../../../../src/core/run/adaptiveScoring';
import { estimateRun } from '../../../../src/core/run/costEstimate';
import { describeEstimate, headlineOf } from '../../../../src/core/run/estimateText';

const rows: Example[] = Array.from({ length: 100 }, (_, i) => ({ index: i, line: i + 1, input: `What is ${i} + ${i}? Show the sum.`, target: String(2 * i), fields: {} }));

const REMOTE = 'https://api.openai.com/v1';

function config(overrides: Partial<RunConfigInput> = {}): RunConfig {
  return withDefaults({
    seedInstructions: ['Add the two numbers.'],
    dataset: { path: 'd.jsonl', validation: 0.2 },
    scorer: { baseUrl: REMOTE, model: 'gpt-4o-mini' },
    optimizer: { baseUrl: REMOTE, model: 'gpt-4o' },
    steps: 10,
    candidatesPerStep: 8,
    ...overrides,
  });
}

describe('the cost estimate before a run', () => {
  it('bounds the calls by steps × candidates × rows, with every answer at its token limit, and prices each role', () => {
    const estimate = estimateRun(config(), rows);
    assert.deepEqual([estimate.trainRows, estimate.validationRows], [80, 20]);
    const [scorer, optimizer] = estimate.upper.byRole;
    assert.equal(scorer?.calls, 81 * 80 + 3 * 20);
    assert.equal(scorer?.completionTokens, (81 * 80 + 3 * 20) * 1024);
    assert.equal(optimizer?.calls, 80);
    assert.equal(optimizer?.completionTokens, 80 * 512);
    assert.equal(scorer?.costUsd, costUsd(scorer!, LIST_PRICES['gpt-4o-mini']!));
    assert.equal(estimate.upper.costUsd, (scorer?.costUsd ?? 0) + (optimizer?.costUsd ?? 0));
    assert.deepEqual([estimate.unpriced, estimate.isRequestsOnly], [[], false]);
  });

  it('expects one optimizer request per step with n, paying each meta-prompt once, and answers shorter than the limit', () => {
    const estimate = estimateRun(config(), rows);
    const upper = estimate.upper.byRole[1]!;
    const expected = estimate.expected.byRole[1]!;
    assert.equal(estimate.isBatchingSamples, true);
    assert.equal(expected.calls, 10);
    assert.ok(expected.promptTokens * 8 < upper.promptTokens, 'the input is paid once per step, not per sample');
    assert.ok(estimate.expected.completionTokens < estimate.upper.completionTokens / 10);
    assert.ok((estimate.expected.costUsd ?? 0) < (estimate.upper.costUsd ?? 0));
  });

  it('expects fewer scorer calls under adaptive evaluation: a losing candidate races two rungs', () => {
    const full = estimateRun(config(), rows).expected.byRole[0]!;
    const adaptive = estimateRun(config({ evaluation: 'adaptive' }), rows);
    assert.equal(adaptive.expected.byRole[0]?.calls, 80 + 80 * 2 * ADAPTIVE_FIRST_BATCH + 3 * 20);
    assert.equal(adaptive.upper.byRole[0]?.calls, full.calls, 'the bound stays the full evaluation');
  });

  it('asks for each sample on its own where the preset takes one per request, and through VS Code', () => {
    const groq = estimateRun(config({ optimizer: { provider: 'groq', baseUrl: 'https://api.groq.com/openai/v1', model: 'llama-3.3-70b-versatile' } }), rows);
    assert.deepEqual([groq.isBatchingSamples, groq.expected.byRole[1]?.calls], [false, 80]);
  });

  it('says "not priced" for a model without a price, never $0, and a local server is free', () => {
    const unpriced = estimateRun(config({ optimizer: { baseUrl: REMOTE, model: 'my-finetune' } }), rows);
    assert.deepEqual([unpriced.upper.costUsd, unpriced.expected.costUsd, unpriced.unpriced], [undefined, undefined, ['optimizer my-finetune']]);
    assert.match(headlineOf(unpriced), /^about [\d,]+ calls \(at most [\d,]+\), not priced$/);
    assert.ok(describeEstimate(config(), unpriced).some((line) => line.startsWith('Not priced: optimizer my-finetune. Give it a price in opro.prices')));
    const local = estimateRun(config({ scorer: { baseUrl: 'http://127.0.0.1:11434/v1', model: 'llama3.1:8b' }, optimizer: { baseUrl: 'http://127.0.0.1:11434/v1', model: 'llama3.1:8b' } }), rows);
    assert.deepEqual([local.upper.costUsd, local.expected.costUsd], [0, 0]);
    const priced = estimateRun(config({ prices: { 'my-finetune': { input: 1, output: 4 } }, optimizer: { baseUrl: REMOTE, model: 'my-finetune' } }), rows);
    assert.ok((priced.upper.costUsd ?? 0) > 0);
  });

  it("counts VS Code's language models in requests, with no dollar figure", () => {
    const lm = { provider: 'vscode-lm', model: 'gpt-5-mini' };
    const estimate = estimateRun(config({ scorer: lm, optimizer: lm }), rows);
    assert.equal(estimate.isRequestsOnly, true);
    const lines = describeEstimate(config({ scorer: lm, optimizer: lm }), estimate);
    assert.ok(lines.every((line) => !line.includes('$')), lines.join('\n'));
    assert.match(lines[1] ?? '', /^ {2}at most: {2}[\d,]+ requests, /);
    assert.match(headlineOf(estimate), /^about [\d,]+ requests \(at most [\d,]+\)$/);
  });

  it('adds the judge: one grading call per answer', () => {
    const judged = estimateRun(config({ grader: { kind: 'judge', rubric: 'Is the sum right?' } }), rows);
    assert.deepEqual(judged.upper.byRole.map((r) => [r.role, r.calls]), [['scorer', 6540], ['optimizer', 80], ['judge', 6540]]);
  });

  it('states the figures, their assumptions, the limits and the price date in plain lines', () => {
    const c = config({ maxCost: 2, maxCalls: 5000 });
    const estimate = estimateRun(c, rows);
    const lines = describeEstimate(c, estimate);
    assert.equal(lines[0], 'Estimate for 10 steps × 8 candidates on 80 training rows (+20 validation):');
    assert.match(lines[1] ?? '', /^ {2}at most: {2}6,620 calls, [\d.]+M input \+ [\d.]+M output tokens, \$\d+\.\d{2}$/);
    assert.match(lines[2] ?? '', /^ {2}expected: 6,550 calls, .* \(every candidate on every training row, the optimizer's 8 samples in one request \(n\), answers of a typical length\)$/);
    assert.equal(lines[3], 'The run stops at 5,000 calls or $2.00, whichever comes first, and can be resumed.');
    assert.equal(lines[4], `List prices as of ${estimate.pricesAsOf}; answers already cached are free.`);
  });
});
