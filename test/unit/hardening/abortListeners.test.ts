import assert from 'node:assert/strict';
import { getEventListeners } from 'node:events';
import { evaluateInstructions } from '../../../src/core/engine';
import { startFakeLlmServer, type FakeServer } from '../../support/fakeLlmServer';
import { syntheticConfig, syntheticWorkspace } from '../../support/syntheticRun';

const INSTRUCTIONS = 40;
const ROWS = 50;

describe("a long run and its AbortSignal's listeners", () => {
  let server: FakeServer;
  beforeEach(async () => {
    server = await startFakeLlmServer();
  });
  afterEach(() => server.close());

  it('holds at most one listener on the run signal through 2,000 calls with retries, and none after', async function () {
    this.timeout(120_000);
    // 429s and 500s make requests retry and wait, each wait and attempt another would-be listener.
    server.setOptions({ faults: { rate: 0.05, kinds: ['429', '500'], seed: 3 }, retryAfterMs: 5 });
    const ws = syntheticWorkspace(ROWS, 21);
    const config = syntheticConfig(server.url, ws.datasetPath, { concurrency: 16, steps: 0 });
    const controller = new AbortController();
    const warnings: string[] = [];
    const onWarning = (warning: Error): void => {
      warnings.push(warning.name);
    };
    process.on('warning', onWarning);
    const seen: number[] = [];
    try {
      const instructions = Array.from({ length: INSTRUCTIONS }, (_, i) => `Solve the problem (variant ${i}).`);
      const scored = await evaluateInstructions(config, instructions, {
        onEvent: (event) => {
          if (event.type === 'candidateScored') {
            seen.push(getEventListeners(controller.signal, 'abort').length);
          }
        },
      }, controller.signal);
      assert.equal(scored.length, INSTRUCTIONS);
    } finally {
      process.off('warning', onWarning);
    }
    assert.ok(server.stats.requests > INSTRUCTIONS * ROWS, 'some calls were retried');
    assert.deepEqual(
      { maxDuringRun: Math.max(...seen), afterRun: getEventListeners(controller.signal, 'abort').length, warnings },
      { maxDuringRun: 1, afterRun: 0, warnings: [] },
    );
  });
});
