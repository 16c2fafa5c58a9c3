import assert from 'node:assert/strict';
import { join } from 'node:path';
import { readRunRecord, startRun } from '../../../../src/core/engine';
import { readRunView } from '../../../../src/core/store/readRun';
import type { RunEvent } from '../../../../src/core/events';
import { mcnemarExactP } from '../../../../src/core/stats/mcnemar';
import { wilsonInterval } from '../../../../src/core/stats/wilson';
import { startFakeLlmServer, type FakeServer } from '../../../support/fakeLlmServer';
import { scratchDir } from '../../../support/scratchDir';
import { syntheticConfig, syntheticWorkspace } from '../../../support/syntheticRun';
import { scriptedModels } from '../../../support/scriptedClient';

describe('the best against your prompt on the validation rows', () => {
  let server: FakeServer;

  beforeEach(async () => {
    server = await startFakeLlmServer();
  });
  afterEach(() => server.close());

  it('runs the exact McNemar test on the rows both answered, saves it with the run and says it in a sentence', async () => {
    const ws = syntheticWorkspace(80, 3);
    const runFile = join(scratchDir('opro-compare-'), 'run.json');
    const events: RunEvent[] = [];
    await startRun(syntheticConfig(server.url, ws.datasetPath, { steps: 3, dataset: { path: ws.datasetPath, validation: 40 } }), { runFile, onEvent: (e) => events.push(e) });
    const record = await readRunRecord(runFile);
    const best = record.candidates.reduce((a, b) => (b.score > a.score ? b : a));
    const seed = record.candidates.find((c) => c.origin === 'seed')!;
    const theirs = new Map(seed.validation!.results.map((r) => [r.example, r.correct]));
    const wins = best.validation!.results.filter((r) => r.correct && theirs.get(r.example) === false).length;
    const losses = best.validation!.results.filter((r) => !r.correct && theirs.get(r.example) === true).length;
    const p = mcnemarExactP(wins, losses);
    assert.ok(p < 0.05, `the synthetic task's best is clearly better (p = ${p})`);
    const expected = {
      candidateId: best.id,
      baselineId: seed.id,
      test: 'mcnemar',
      rows: 40,
      difference: (wins - losses) / 40,
      pValue: p,
      wins,
      losses,
      verdict: 'better',
      sentence: `better than your prompt on 40 validation rows (p ${p < 0.001 ? '< 0.001' : `= ${Number(p.toPrecision(2))}`})`,
    };
    assert.deepEqual(record.comparison, expected);
    assert.deepEqual((await readRunView(runFile)).view.comparison, expected, 'the light view has it too');
    const finished = events.find((e) => e.type === 'runFinished');
    assert.deepEqual(finished?.type === 'runFinished' ? finished.comparison : undefined, expected);
    // Every score carries its interval, computed when it was scored.
    for (const candidate of record.candidates) {
      assert.deepEqual(candidate.ci95, wilsonInterval(candidate.correct, candidate.total));
    }
    assert.deepEqual(best.validation!.ci95, wilsonInterval(best.validation!.correct, 40));
  });

  it('has no comparison when no candidate beats your prompt', async () => {
    const ws = syntheticWorkspace(30, 3);
    const models = scriptedModels(['<INS>Worse.</INS>']);
    const runFile = join(scratchDir('opro-compare-'), 'run.json');
    await startRun(syntheticConfig(server.url, ws.datasetPath, { steps: 1, dataset: { path: ws.datasetPath, validation: 10 }, seedInstructions: ['Solve it step by step.'] }), { runFile, createClient: models.createClient });
    const record = await readRunRecord(runFile);
    assert.deepEqual(record.candidates.map((c) => [c.instruction, c.validation !== undefined]), [['Solve it step by step.', true], ['Worse.', true]]);
    assert.ok(record.candidates[0]!.score > record.candidates[1]!.score);
    assert.equal(record.comparison, undefined);
  });
});
