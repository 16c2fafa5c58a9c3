import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { RunEvent } from '../../../../src/core/events';
import type { RunRecord } from '../../../../src/core/runRecord';
import { startFakeLlmServer, type FakeServer, type FakeServerOptions } from '../../../support/fakeLlmServer';
import { scratchDir } from '../../../support/scratchDir';
import { runToRecord, syntheticConfig, syntheticWorkspace, type SyntheticWorkspace } from '../../../support/syntheticRun';

/** Each optimizer request as the server saw it: the samples it asked for (`n`, absent = 1). */
function optimizerRequests(server: FakeServer): Array<number | undefined> {
  return server.stats.answered.filter((r) => r.role === 'optimizer').map((r) => r.n);
}

function proposals(record: RunRecord): string[] {
  return record.steps.flatMap((s) => s.replies);
}

describe("the optimizer's samples in one request (n)", () => {
  let server: FakeServer;
  let ws: SyntheticWorkspace;
  const start = async (options: FakeServerOptions = {}): Promise<void> => {
    server = await startFakeLlmServer(options);
  };

  beforeEach(() => {
    ws = syntheticWorkspace(20);
  });
  afterEach(async () => {
    await server.close();
  });

  it('asks for every candidate of a step in one request where the endpoint honours n, paying the meta-prompt once', async () => {
    await start();
    const record = await runToRecord(syntheticConfig(server.url, ws.datasetPath, { steps: 3, candidatesPerStep: 4, targetScore: 1 }));
    assert.deepEqual(optimizerRequests(server), [4, 4, 4]);
    assert.deepEqual(record.steps.map((s) => s.replies.length), [4, 4, 4]);
    // One prompt per step was paid: the run's optimizer input tokens are those of the three meta-prompts.
    const optimizer = record.usage.byModel['optimizer:optimizer-model'];
    const sent = server.stats.answered.filter((r) => r.role === 'optimizer').reduce((sum, r) => sum + r.promptTokens, 0);
    assert.deepEqual([optimizer?.calls, optimizer?.promptTokens], [3, sent]);
  });

  it('falls back to one request per sample where n is refused with a 400, learning it once for the endpoint and model', async () => {
    await start({ provider: 'groq' });
    const events: RunEvent[] = [];
    const record = await runToRecord(syntheticConfig(server.url, ws.datasetPath, { steps: 2, candidatesPerStep: 3, targetScore: 1 }), { onEvent: (e) => events.push(e) });
    assert.equal(record.status, 'finished');
    // Step 1: the batch is refused and asked again without n (one answer), then two singles; step 2 never sends n.
    assert.deepEqual(server.stats.refused.map((r) => r.status), [400]);
    assert.deepEqual(optimizerRequests(server), [undefined, undefined, undefined, undefined, undefined, undefined]);
    assert.deepEqual(record.steps.map((s) => s.replies.length), [3, 3]);
    const notes = events.flatMap((e) => (e.type === 'runWarning' ? [e.warning.message] : []));
    assert.equal(notes.filter((m) => m.includes('refused `n`')).length, 1, notes.join('\n'));
  });

  it('falls back where n is ignored (fewer choices than asked), and never asks that endpoint with n again', async () => {
    await start({ provider: 'ollama' });
    // A generic OpenAI-compatible endpoint: nothing tells the engine that this one ignores n.
    const config = syntheticConfig(server.url, ws.datasetPath, { steps: 2, candidatesPerStep: 3, targetScore: 1 });
    const record = await runToRecord(config);
    assert.deepEqual(optimizerRequests(server), [3, undefined, undefined, undefined, undefined, undefined]);
    assert.deepEqual(record.steps.map((s) => s.replies.length), [3, 3]);
  });

  it('sends no n at all to a preset that takes one sample per request (Groq)', async () => {
    await start({ provider: 'groq' });
    const base = syntheticConfig(server.url, ws.datasetPath, { steps: 1, candidatesPerStep: 3, targetScore: 1 });
    await runToRecord({ ...base, optimizer: { ...base.optimizer, provider: 'groq' }, scorer: { ...base.scorer, provider: 'groq' } });
    assert.deepEqual(server.stats.refused, []);
    assert.deepEqual(optimizerRequests(server), [undefined, undefined, undefined]);
  });

  it('replays a run from the cache exactly: the same proposals, no request sent, with n or without', async () => {
    for (const provider of ['openai', 'ollama'] as const) {
      await start({ provider });
      const cacheDir = scratchDir('opro-n-cache-');
      const config = syntheticConfig(server.url, ws.datasetPath, { steps: 2, candidatesPerStep: 3, targetScore: 1 });
      const first = await runToRecord(config, { cacheDir, runFile: join(scratchDir('opro-n-'), 'a.json') });
      const sent = server.stats.requests;
      const again = await runToRecord(config, { cacheDir, runFile: join(scratchDir('opro-n-'), 'b.json') });
      assert.equal(server.stats.requests, sent, `${provider}: the replay sent nothing`);
      assert.deepEqual(proposals(again), proposals(first), provider);
      assert.deepEqual(again.candidates.map((c) => [c.instruction, c.score]), first.candidates.map((c) => [c.instruction, c.score]), provider);
      await server.close();
    }
    await start();
  });
});
