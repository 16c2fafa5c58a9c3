import assert from 'node:assert/strict';
import { join } from 'node:path';
import { readRunRecord, resumeRun, startRun } from '../../../../src/core/engine';
import { OproError } from '../../../../src/core/errors';
import { costUsd } from '../../../../src/core/pricing';
import { startFakeLlmServer, type FakeServer } from '../../../support/fakeLlmServer';
import { scratchDir } from '../../../support/scratchDir';
import { runToRecord, syntheticConfig, syntheticWorkspace, type SyntheticWorkspace } from '../../../support/syntheticRun';

/** Prices for the fake models (USD per million tokens); a loopback server is otherwise free. */
const PRICES = { 'scorer-model': { input: 2, cachedInput: 0.5, output: 8 }, 'optimizer-model': { input: 3, output: 12 } };

describe('the run’s cost: metered as calls come back, and a dollar limit', () => {
  let server: FakeServer;
  let ws: SyntheticWorkspace;

  beforeEach(async () => {
    server = await startFakeLlmServer();
    ws = syntheticWorkspace(20);
  });
  afterEach(async () => {
    await server.close();
  });

  it('meters each model’s tokens at its price, and the run’s cost is their sum', async () => {
    const record = await runToRecord(syntheticConfig(server.url, ws.datasetPath, { steps: 1, prices: PRICES }));
    const scorer = record.usage.byModel['scorer:scorer-model']!;
    const optimizer = record.usage.byModel['optimizer:optimizer-model']!;
    assert.ok(Math.abs((scorer.costUsd ?? 0) - costUsd(scorer, PRICES['scorer-model'])) < 1e-12);
    assert.ok(Math.abs((optimizer.costUsd ?? 0) - costUsd(optimizer, PRICES['optimizer-model'])) < 1e-12);
    assert.ok(Math.abs((record.usage.costUsd ?? 0) - (scorer.costUsd ?? 0) - (optimizer.costUsd ?? 0)) < 1e-12);
    assert.equal(record.usage.unpricedModels, undefined);
  });

  it('counts the provider’s cached prompt tokens at the cached-input price', async () => {
    await server.close();
    server = await startFakeLlmServer({ promptCaching: true, answerChars: 0 });
    const long = `${'Read the problem with care, check each number twice, and only then add them. '.repeat(60)}Solve the problem.`;
    // Without the response cache, the second run sends the same prompts again: the provider serves them from its cache.
    const config = syntheticConfig(server.url, ws.datasetPath, { steps: 0, seedInstructions: [long], prices: PRICES });
    const first = await runToRecord(config);
    assert.equal(first.usage.byModel['scorer:scorer-model']?.cachedPromptTokens, 0);
    const record = await runToRecord(config);
    const scorer = record.usage.byModel['scorer:scorer-model']!;
    assert.ok((scorer.cachedPromptTokens ?? 0) > 0, JSON.stringify(scorer));
    const uncached = costUsd({ ...scorer, cachedPromptTokens: 0 }, PRICES['scorer-model']);
    assert.ok(Math.abs((scorer.costUsd ?? 0) - costUsd(scorer, PRICES['scorer-model'])) < 1e-12);
    assert.ok((scorer.costUsd ?? 0) < uncached, 'cheaper than at the full input price');
  });

  it('ends the run cleanly at --max-cost, with the reason, and a higher limit resumes it', async () => {
    const runFile = join(scratchDir('opro-cost-'), 'run.json');
    // A call in flight counts at its most (prompt + max tokens), so short answers keep the reserve small.
    const config = syntheticConfig(server.url, ws.datasetPath, { steps: 4, prices: PRICES, maxCost: 0.06, scorer: { baseUrl: server.url, apiKey: 'test-key', model: 'scorer-model', maxTokens: 16 } });
    const view = await startRun(config, { runFile });
    assert.deepEqual([view.status, view.stopReason], ['finished', 'maxCost']);
    const stopped = await readRunRecord(runFile);
    assert.ok((stopped.usage.costUsd ?? 1) <= 0.06 && (stopped.usage.costUsd ?? 0) > 0.01, `spent ${stopped.usage.costUsd}`);
    const steps = stopped.steps.filter((s) => s.done).length;
    assert.ok(steps < 4, `stopped after ${steps} steps`);
    const resumed = await resumeRun(runFile, { credentials: { apiKey: 'test-key' }, patchConfig: (c) => ({ ...c, maxCost: 1 }) });
    assert.ok(resumed.stopReason !== 'maxCost', resumed.stopReason);
    assert.ok((resumed.usage.costUsd ?? 0) > (stopped.usage.costUsd ?? 0));
  });

  it('refuses a cost limit on a model without a price before any request, naming it and the setting', async () => {
    const config = syntheticConfig(server.url, ws.datasetPath, { maxCost: 1, optimizer: { baseUrl: 'https://llm.example.com/v1', apiKey: 'k', model: 'my-finetune' } });
    await assert.rejects(runToRecord(config), (err: unknown) => {
      assert.ok(err instanceof OproError && err.kind === 'config');
      assert.match(err.message, /A cost limit needs a price for every model, and optimizer my-finetune has none\. Give the models a price in opro\.prices/);
      return true;
    });
    assert.equal(server.stats.requests, 0);
  });
});
