import assert from 'node:assert/strict';
import { join } from 'node:path';
import { readRunRecord, resumeRun } from '../../../../src/core/engine';
import { candidatePrompt } from '../../../../src/core/run/candidatePrompt';
import { randomDemoSteps } from '../../../../src/core/run/demoSearch';
import { estimateTokens } from '../../../../src/core/run/objective';
import type { RunRecord } from '../../../../src/core/runRecord';
import { startFakeLlmServer, type FakeServer } from '../../../support/fakeLlmServer';
import { scratchDir } from '../../../support/scratchDir';
import { runToRecord, syntheticConfig, syntheticWorkspace, type SyntheticWorkspace } from '../../../support/syntheticRun';
import { syntheticAccuracy } from '../../../support/syntheticTask';

function history(record: RunRecord): string[] {
  return record.candidates.map((c) => `${c.step}/${c.ordinal} ${c.score.toFixed(4)} [${(c.demos ?? []).join(',')}] ${c.instruction}`);
}

function best(record: RunRecord): number {
  return Math.max(...record.candidates.map((c) => c.score));
}

describe('a run with demonstrations', () => {
  let server: FakeServer;
  let ws: SyntheticWorkspace;

  beforeEach(async () => {
    server = await startFakeLlmServer();
    ws = syntheticWorkspace(60, 11);
  });
  afterEach(() => server.close());

  it('scores each proposal with K training rows as worked examples, never on those rows, exactly as the known effect predicts', async () => {
    const record = await runToRecord(syntheticConfig(server.url, ws.datasetPath, { steps: 2, demos: 3 }));
    const train = new Set(record.train);
    const proposals = record.candidates.filter((c) => c.origin === 'optimizer');
    assert.ok(proposals.length > 4);
    const seed = record.candidates.find((c) => c.origin === 'seed');
    assert.equal(seed?.demos, undefined, 'the seed is your prompt as it is');
    for (const candidate of proposals) {
      const demos = candidate.demos ?? [];
      assert.equal(demos.length, 3, candidate.instruction);
      assert.ok(demos.every((row) => train.has(row)));
      const scored = candidate.results.map((r) => r.example);
      assert.equal(scored.length, record.train.length - 3);
      assert.ok(scored.every((row) => !demos.includes(row)), 'no leakage: a demonstration row is never scored');
      const rows = scored.map((row) => ws.rows[row]!);
      // Every demonstration is a dataset row, so correct: 3 × SYNTHETIC_DEMO_BOOST on the rows scored.
      assert.equal(candidate.score, syntheticAccuracy(candidate.instruction, rows, 3), candidate.instruction);
      assert.equal(candidate.tokens, estimateTokens(candidatePrompt(candidate, record)), 'prompt tokens count the demonstrations');
    }
    const step = record.steps[0]!;
    assert.deepEqual(step.demos, proposals.filter((c) => c.step === 1).map((c) => c.demos));
  });

  it('reaches a higher best than instruction-only optimization under the same call budget', async () => {
    const plain = await runToRecord(syntheticConfig(server.url, ws.datasetPath, { steps: 2, seed: 3 }));
    const withDemos = await runToRecord(syntheticConfig(server.url, ws.datasetPath, { steps: 2, seed: 3, demos: 4 }));
    assert.ok(withDemos.usage.calls <= plain.usage.calls, `${withDemos.usage.calls} calls vs ${plain.usage.calls}`);
    assert.ok(best(withDemos) >= best(plain) + 0.1, `best ${best(withDemos)} with demonstrations vs ${best(plain)} without`);
  });

  it('swaps one demonstration of the best at a time once the random steps are spent', async () => {
    const record = await runToRecord(syntheticConfig(server.url, ws.datasetPath, { steps: 4, demos: 3, seed: 5 }));
    const later = record.candidates.filter((c) => c.step > randomDemoSteps(4));
    assert.ok(later.length > 0);
    for (const candidate of later) {
      const incumbent = record.candidates.filter((c) => c.step < candidate.step).reduce((a, b) => (b.score > a.score ? b : a));
      if ((incumbent.demos ?? []).length === 3) {
        const kept = (candidate.demos ?? []).filter((row, i) => row === incumbent.demos?.[i]);
        assert.equal(kept.length, 2, `${candidate.step}/${candidate.ordinal}`);
      }
    }
  });

  it('resumes a cancelled run to the same candidates and demonstrations as an uninterrupted one', async () => {
    const config = syntheticConfig(server.url, ws.datasetPath, { steps: 4, demos: 2, seed: 2 });
    const uninterrupted = await runToRecord(config);
    const runFile = join(scratchDir('opro-demos-'), 'run.json');
    const controller = new AbortController();
    await runToRecord(config, { runFile, onEvent: (e) => e.type === 'candidateScored' && e.candidate.step === 3 && controller.abort() }, controller.signal);
    assert.equal((await readRunRecord(runFile)).status, 'cancelled');
    await resumeRun(runFile, { credentials: { apiKey: 'test-key' } });
    assert.deepEqual(history(await readRunRecord(runFile)), history(uninterrupted));
  });

  it('refuses demonstrations where worked examples cannot go', async () => {
    await assert.rejects(runToRecord(syntheticConfig(server.url, ws.datasetPath, { demos: 2, position: 'A_begin' })), /no `demos` with position A_begin/);
    await assert.rejects(runToRecord(syntheticConfig(server.url, ws.datasetPath, { demos: 2, evaluation: 'adaptive' })), /`evaluation` full with `demos`/);
  });
});
