import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { startRun } from '../../../../src/core/engine';
import type { RunEvent } from '../../../../src/core/events';
import type { RecordedRequest } from '../../../support/fakeLlmServer';
import { startFakeLlmServer, type FakeServer } from '../../../support/fakeLlmServer';
import { syntheticConfig, syntheticWorkspace } from '../../../support/syntheticRun';

/** What OpenAI's reasoning models refuse: `max_tokens`, and any temperature but 1. */
function carriesRefused(request: RecordedRequest): boolean {
  return request.params.includes('max_tokens') || (request.temperature !== undefined && request.temperature !== 1);
}

describe('a run with reasoning models as scorer and optimizer', () => {
  let server: FakeServer;
  beforeEach(async () => {
    server = await startFakeLlmServer({ reasoningModels: ['o4-mini', 'prod-reasoner'] });
  });
  afterEach(() => server.close());

  it('finishes when the deployment name does not say so: the first refusals teach it, and no request after them carries a refused parameter', async () => {
    const ws = syntheticWorkspace(24);
    const events: RunEvent[] = [];
    const config = syntheticConfig(server.url, ws.datasetPath, {
      scorer: { baseUrl: server.url, apiKey: 'test-key', model: 'prod-reasoner' },
      optimizer: { baseUrl: server.url, apiKey: 'test-key', model: 'prod-reasoner' },
      steps: 3,
      candidatesPerStep: 4,
      concurrency: 1,
    });
    const record = await startRun(config, { cacheDir: join(ws.dir, 'cache'), onEvent: (e) => events.push(e) });
    assert.equal(record.status, 'finished');
    assert.ok(record.candidates.length > 1, 'the optimizer proposed instructions');
    // One refusal per parameter, at the very first request (scorer and optimizer share the model).
    assert.deepEqual(server.stats.refused.map((r) => r.params), [['max_tokens', 'temperature'], ['max_completion_tokens', 'temperature']]);
    assert.deepEqual(server.stats.answered.filter(carriesRefused), []);
    // Its temperature 1 is the model's default: after the refusal it is left out, which means the same.
    assert.ok(server.stats.answered.some((r) => r.role === 'optimizer' && r.temperature === undefined));
    assert.deepEqual(record.warnings?.map((w) => [w.kind, w.role]), [['parameter', 'scorer'], ['parameter', 'scorer'], ['temperature', 'scorer']]);
    assert.deepEqual(events.filter((e) => e.type === 'runWarning').length, 3);
    assert.ok(existsSync(join(ws.dir, 'cache', 'parameters.json')));
  });

  it('sends a model known by name only what it takes, from the first request, at full concurrency', async () => {
    const ws = syntheticWorkspace(24);
    const config = syntheticConfig(server.url, ws.datasetPath, {
      scorer: { baseUrl: server.url, apiKey: 'test-key', model: 'o4-mini' },
      optimizer: { baseUrl: server.url, apiKey: 'test-key', model: 'o4-mini' },
      steps: 2,
      concurrency: 8,
    });
    const record = await startRun(config, {});
    assert.equal(record.status, 'finished');
    assert.deepEqual([server.stats.refused.length, server.stats.answered.filter(carriesRefused).length], [0, 0]);
    // Reasoning models get room for their hidden reasoning when no limit is set.
    assert.deepEqual([...new Set(server.stats.answered.map((r) => r.maxTokens))], [4096]);
    assert.deepEqual(record.warnings?.map((w) => w.kind), ['temperature']);
  });
});
