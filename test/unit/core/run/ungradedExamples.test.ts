import assert from 'node:assert/strict';
import { join } from 'node:path';
import { evaluateInstructions, readRunRecord, resumeRun, startRun } from '../../../../src/core/engine';
import { readRunView } from '../../../../src/core/store/readRun';
import { OproError } from '../../../../src/core/errors';
import { runSummaryText } from '../../../../src/cli/summary';
import { reportRun } from '../../../../src/core/run/runReport';
import { startFakeLlmServer, type FakeServer } from '../../../support/fakeLlmServer';
import { syntheticConfig, syntheticWorkspace } from '../../../support/syntheticRun';
import { SYNTHETIC_KEYWORDS } from '../../../support/syntheticTask';

/** Solved by the fake scorer on every row: its answers are always right. */
const BEST = `Solve the problem: ${SYNTHETIC_KEYWORDS.join(', ')}.`;

describe('examples without a verdict', () => {
  let server: FakeServer;
  beforeEach(async () => {
    server = await startFakeLlmServer({ reasoningModels: ['o4-mini'] });
  });
  afterEach(() => server.close());

  it('marks an answer cut at the token limit truncated, not wrong, and says how to fix it once', async () => {
    const ws = syntheticWorkspace(20);
    // A solved row's answer takes 10 tokens, a wrong one 5: at 6 tokens only the right answers are cut.
    const config = syntheticConfig(server.url, ws.datasetPath, { scorer: { baseUrl: server.url, apiKey: 'test-key', model: 'scorer-model', maxTokens: 6 } });
    const events: string[] = [];
    const [candidate] = await evaluateInstructions(config, [BEST], { onEvent: (e) => events.push(e.type) });
    assert.ok(candidate !== undefined);
    assert.deepEqual(
      { score: candidate.score, total: candidate.total, truncated: candidate.truncated, incomplete: candidate.incomplete, statuses: [...new Set(candidate.results.map((r) => r.status))] },
      { score: 0, total: 0, truncated: 20, incomplete: true, statuses: ['truncated'] },
    );
    assert.ok(candidate.results.every((r) => r.output.length > 0 && !r.correct), 'the cut text is kept');
    assert.equal(events.filter((t) => t === 'runWarning').length, 1);
  });

  it('counts the right answers that fit and leaves the cut ones out of the denominator', async () => {
    const ws = syntheticWorkspace(40);
    const config = syntheticConfig(server.url, ws.datasetPath, { scorer: { baseUrl: server.url, apiKey: 'test-key', model: 'scorer-model', maxTokens: 6 } });
    const [half] = await evaluateInstructions(config, ['Think step by step and double-check.'], {});
    assert.ok(half !== undefined);
    const graded = half.results.filter((r) => r.status === undefined);
    assert.ok((half.truncated ?? 0) > 0 && graded.length > 0, 'some cut, some graded');
    assert.deepEqual([half.total, half.correct, half.score, (half.truncated ?? 0) + half.total], [graded.length, 0, 0, 40]);
  });

  it('reports a reasoning model that spent its whole limit thinking, with the reasoning-effort fix', async () => {
    const ws = syntheticWorkspace(10);
    const model = { baseUrl: server.url, apiKey: 'test-key', model: 'o4-mini', maxTokens: 200, reasoningEffort: 'medium' as const };
    const config = syntheticConfig(server.url, ws.datasetPath, { scorer: model, optimizer: model });
    let warning = '';
    const [candidate] = await evaluateInstructions(config, [BEST], { onEvent: (e) => (e.type === 'runWarning' && e.warning.kind === 'truncated' ? (warning = `${e.warning.message} ${e.warning.fix ?? ''}`) : undefined) });
    assert.deepEqual([candidate?.truncated, candidate?.total, candidate?.results.every((r) => r.output === '')], [10, 0, true]);
    assert.match(warning, /`o4-mini` were cut at its limit of 200 tokens .* left out of the scores, not counted wrong\. Raise opro\.scorerMaxTokens \/ --scorer-max-tokens, or lower opro\.reasoningEffort/);
  });

  it('never lowers a score for an outage: failed calls are left out, and the candidate is incomplete', async () => {
    const ws = syntheticWorkspace(40);
    server.setOptions({ faults: { rate: 0.3, kinds: ['500'], seed: 4 } });
    const config = syntheticConfig(server.url, ws.datasetPath, { maxRetries: 0 });
    const [candidate] = await evaluateInstructions(config, [BEST], {});
    assert.ok(candidate !== undefined && (candidate.errored ?? 0) > 0, 'some calls failed');
    assert.deepEqual([candidate.score, candidate.total + (candidate.errored ?? 0), candidate.incomplete], [1, 40, true]);
  });

  it('fails the run with the endpoint error when every example of a candidate failed', async () => {
    const ws = syntheticWorkspace(10);
    server.setOptions({ faults: { rate: 1, kinds: ['500'] } });
    const config = syntheticConfig(server.url, ws.datasetPath, { maxRetries: 0 });
    await assert.rejects(startRun(config, { runFile: join(ws.dir, 'run.json') }), (err: unknown) => err instanceof OproError && err.kind === 'badResponse' && /status 500/.test(err.message));
  });

  it('asks the failed examples again on resume, paying only for those (the rest comes from the cache)', async () => {
    const ws = syntheticWorkspace(30);
    const runFile = join(ws.dir, 'run.json');
    const deps = { runFile, cacheDir: join(ws.dir, 'cache') };
    server.setOptions({ faults: { rate: 0.2, kinds: ['503'], seed: 9 } });
    const first = await startRun(syntheticConfig(server.url, ws.datasetPath, { steps: 1, candidatesPerStep: 3, maxRetries: 0 }), deps);
    const errored = first.candidates.reduce((sum, c) => sum + (c.errored ?? 0), 0);
    assert.ok(errored > 0 && first.status === 'finished', 'the run finished with failed examples');
    assert.match(runSummaryText(first, reportRun(first, runFile)), new RegExp(`${errored} examples failed after retries \\(left out of the scores\\): \`opro resume ${runFile.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\` asks them again`));
    server.setOptions({ faults: undefined });
    server.resetStats();
    const withKey = { apiKey: 'test-key' };
    const resumed = await resumeRun(runFile, { ...deps, patchConfig: (c) => ({ ...c, scorer: { ...c.scorer, ...withKey }, optimizer: { ...c.optimizer, ...withKey } }) });
    assert.deepEqual(
      { requests: server.stats.requests, incomplete: resumed.candidates.filter((c) => c.incomplete === true).length, totals: resumed.candidates.map((c) => c.total) },
      { requests: errored, incomplete: 0, totals: resumed.candidates.map(() => 30) },
    );
  });

  it('re-asks failed validation examples too, and the run files then hold only graded answers', async () => {
    const ws = syntheticWorkspace(30);
    const runFile = join(ws.dir, 'run.json');
    const deps = { runFile, cacheDir: join(ws.dir, 'cache') };
    const config = syntheticConfig(server.url, ws.datasetPath, { dataset: { path: ws.datasetPath, validation: 10 }, steps: 1, candidatesPerStep: 2, maxRetries: 0, validationTopK: 10 });
    server.setOptions({ faults: { rate: 0.2, kinds: ['503'], seed: 11 } });
    const first = await startRun(config, deps);
    const ungraded = (split: { errored?: number } | undefined): number => split?.errored ?? 0;
    const failedValidation = first.candidates.reduce((sum, c) => sum + ungraded(c.validation), 0);
    const failedTrain = first.candidates.reduce((sum, c) => sum + ungraded(c), 0);
    assert.ok(failedValidation > 0 && failedTrain > 0, 'both splits left examples out');
    server.setOptions({ faults: undefined });
    server.resetStats();
    const withKey = { apiKey: 'test-key' };
    await resumeRun(runFile, { ...deps, patchConfig: (c) => ({ ...c, scorer: { ...c.scorer, ...withKey }, optimizer: { ...c.optimizer, ...withKey } }) });
    assert.equal(server.stats.requests, failedTrain + failedValidation, 'only the failed examples are paid for');
    // What a reader of the files sees: the log's last line for each candidate, and its details.
    const { view } = await readRunView(runFile);
    assert.deepEqual(
      view.candidates.map((c) => [c.incomplete, c.errored, c.total, c.validation?.errored, c.validation?.total]),
      view.candidates.map(() => [undefined, undefined, 20, undefined, 10]),
    );
    const onDisk = await readRunRecord(runFile);
    assert.deepEqual(onDisk.candidates.flatMap((c) => [...c.results, ...(c.validation?.results ?? [])].filter((r) => r.status !== undefined)), []);
    assert.deepEqual(onDisk.candidates.map((c) => [c.results.length, c.validation?.results.length]), onDisk.candidates.map(() => [20, 10]));
  });

  it('finishes a run at a tight rate limit with every example answered, though only one retry is allowed', async () => {
    const ws = syntheticWorkspace(20);
    server.setOptions({ requestsPerMinute: 15, rateWindowMs: 300 });
    const record = await startRun(syntheticConfig(server.url, ws.datasetPath, { steps: 1, candidatesPerStep: 2, maxRetries: 1, concurrency: 8 }), {});
    assert.ok((server.stats.byStatus[429] ?? 0) > 0, 'the limit was hit');
    assert.deepEqual([record.status, record.candidates.filter((c) => c.incomplete === true).length], ['finished', 0]);
  });
});
