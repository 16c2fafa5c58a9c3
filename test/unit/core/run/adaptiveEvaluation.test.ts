import assert from 'node:assert/strict';
import { join } from 'node:path';
import { readRunRecord, resumeRun } from '../../../../src/core/engine';
import { differenceUpperBound } from '../../../../src/core/run/adaptiveScoring';
import type { RunRecord } from '../../../../src/core/runRecord';
import type { RunView } from '../../../../src/core/runView';
import { startFakeLlmServer, type FakeServer } from '../../../support/fakeLlmServer';
import { syntheticConfig, syntheticWorkspace, type SyntheticWorkspace, runToRecord } from '../../../support/syntheticRun';
import { syntheticAccuracy } from '../../../support/syntheticTask';

function history(record: Pick<RunRecord, 'candidates'> | RunView): string[] {
  return record.candidates.map((c) => `${c.step}/${c.ordinal} ${c.score.toFixed(4)} ${c.total} ${c.partial === true} ${c.instruction}`);
}

describe('differenceUpperBound', () => {
  it('is below zero when a candidate clearly loses to the incumbent on the same rows', () => {
    assert.ok(differenceUpperBound([...Array(24).fill(0), ...Array(8).fill(-1)]) < 0);
  });

  it('stays above zero for ties and for mixed evidence', () => {
    assert.ok(differenceUpperBound(Array(64).fill(0)) > 0);
    assert.ok(differenceUpperBound([1, -1, 0, 0, -1, 0, 1, 0, 0, -1, 0, 0, 0, 0, 0, 0]) > 0);
  });
});

describe('adaptive evaluation', () => {
  let server: FakeServer;
  let ws: SyntheticWorkspace;
  beforeEach(async () => {
    server = await startFakeLlmServer();
    ws = syntheticWorkspace(100, 11);
  });
  afterEach(async () => {
    await server.close();
  });

  it('finds the same best instruction as full evaluation with fewer scorer calls, and marks partial scores', async () => {
    const full = await runToRecord(syntheticConfig(server.url, ws.datasetPath, { evaluation: 'full' }), {});
    const fullCalls = server.stats.completions.scorer;
    server.resetStats();
    const adaptive = await runToRecord(syntheticConfig(server.url, ws.datasetPath, { evaluation: 'adaptive' }), {});
    const adaptiveCalls = server.stats.completions.scorer;
    const bestOf = (r: RunRecord): number => Math.max(...r.candidates.filter((c) => c.partial !== true).map((c) => syntheticAccuracy(c.instruction, ws.rows)));
    assert.equal(bestOf(adaptive), bestOf(full));
    assert.ok(adaptiveCalls < fullCalls * 0.8, `${adaptiveCalls} vs ${fullCalls}`);
    const partial = adaptive.candidates.filter((c) => c.partial === true);
    assert.ok(partial.length > 0);
    for (const c of partial) {
      assert.ok(c.total < 100 && c.results.length === c.total);
      assert.equal(c.score, c.results.filter((r) => r.correct).length / c.total);
    }
    assert.ok(adaptive.candidates.filter((c) => c.origin === 'seed').every((c) => c.partial !== true && c.total === 100));
  });

  it('resumes a cancelled adaptive run to the same history without racing differently', async () => {
    const config = syntheticConfig(server.url, ws.datasetPath, { evaluation: 'adaptive' });
    const uninterrupted = await runToRecord(config, {});
    const runFile = join(ws.dir, 'adaptive.json');
    const controller = new AbortController();
    server.setOptions({ latencyMs: 5 });
    await runToRecord(
      config,
      {
        runFile,
        onEvent: (e) => {
          if (e.type === 'candidateScored' && e.candidate.step === 2) {
            controller.abort();
          }
        },
      },
      controller.signal,
    );
    assert.equal((await readRunRecord(runFile)).status, 'cancelled');
    server.setOptions({ latencyMs: 0 });
    const resumed = await resumeRun(runFile, { patchConfig: () => config });
    assert.deepEqual(history(resumed), history(uninterrupted));
  });
});
