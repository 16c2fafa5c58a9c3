import assert from 'node:assert/strict';
import { evaluateInstructions } from '../../../../src/core/engine';
import { startFakeLlmServer, type FakeServer } from '../../../support/fakeLlmServer';
import { syntheticConfig, syntheticWorkspace } from '../../../support/syntheticRun';

describe('scoring against a tokens-per-minute limit that binds', () => {
  let server: FakeServer;
  afterEach(() => server.close());

  for (const headers of ['openai', 'anthropic'] as const) {
    it(`paces from ${headers === 'openai' ? 'x-ratelimit-*' : 'anthropic-ratelimit-*'} headers: every example answered, few 429s`, async function () {
      this.timeout(60_000);
      // 6,000 tokens per second against a client that could send 32 requests of ~90 tokens every 20 ms.
      server = await startFakeLlmServer({ latencyMs: 20, rateLimits: { tokens: 6000, windowMs: 1000, headers } });
      const ws = syntheticWorkspace(50, 31);
      const config = syntheticConfig(server.url, ws.datasetPath, { concurrency: 32, scorer: { baseUrl: server.url, apiKey: 'test-key', model: 'scorer-model', maxTokens: 64 } });
      const scored = await evaluateInstructions(config, ['Solve the problem.', 'Solve it step by step.', 'Double-check.', 'Show your work.'], {});
      assert.ok(server.stats.countedTokens > 2 * 6000, 'the limit bound: the run needed several windows');
      assert.deepEqual(scored.map((c) => [c.total, c.errored ?? 0]), scored.map(() => [50, 0]));
      // Unpaced, most of the ~200 requests would be refused; paced, a loaded machine's scheduling delays
      // (the window is real time on both sides) let a few percent through.
      const refused = server.stats.byStatus[429] ?? 0;
      assert.ok(refused <= 0.1 * server.stats.requests, `${refused} of ${server.stats.requests} requests got 429`);
    });
  }
});
