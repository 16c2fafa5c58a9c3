import assert from 'node:assert/strict';
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RunHeader } from '../../../src/core/runView';
import { cli } from '../../support/cliInProcess';
import { startFakeLlmServer, type FakeServer } from '../../support/fakeLlmServer';
import { syntheticWorkspace, type SyntheticWorkspace } from '../../support/syntheticRun';

const KEY = { OPENAI_API_KEY: 'test-key' };

describe('opro resume', () => {
  let server: FakeServer;
  let ws: SyntheticWorkspace;
  beforeEach(async () => {
    server = await startFakeLlmServer();
    ws = syntheticWorkspace(12);
  });
  afterEach(async () => {
    await server.close();
  });

  /** The run's header: config, status, usage and totals (what these checks read). */
  const readRun = (file: string): RunHeader => JSON.parse(readFileSync(join(ws.dir, file), 'utf8')) as RunHeader;

  it('puts the key back into the LLM judge too: a resume with the cache off pays the judge without a 401', async () => {
    writeFileSync(join(ws.dir, 'rubric.txt'), 'The final number must match the expected one.');
    const judged = ['--metric', 'judge', '--rubric', 'rubric.txt', '--judge-model', 'grader-model', '--no-cache', '--candidates', '2'];
    const first = await cli(['optimize', '--dataset', ws.datasetPath, '--prompt', 'Solve.', '--base-url', server.url, '--steps', '1', '--out', 'j.json', ...judged], ws.dir, KEY);
    assert.equal(first.code, 0, first.stderr);
    assert.equal(readRun('j.json').config.judge?.model, 'grader-model');
    const judgeCalls = (run: RunHeader): number => run.usage.byModel['judge:grader-model']?.calls ?? 0;
    const before = judgeCalls(readRun('j.json'));
    assert.ok(before > 0);
    const resumed = await cli(['resume', 'j.json', '--steps', '2', '--no-cache', '--json'], ws.dir, KEY);
    assert.equal(resumed.code, 0, resumed.stderr);
    assert.equal(server.stats.byStatus[401] ?? 0, 0, 'no request went without the key');
    const after = readRun('j.json');
    assert.ok(judgeCalls(after) > before, 'the resumed step was judged, and paid for');
    assert.deepEqual([after.status, after.totals.stepsDone], ['finished', 2]);
  });

  it('stops without a request, naming what to set, when the run file does not record its endpoint; --base-url then supplies it', async () => {
    const first = await cli(['optimize', '--dataset', ws.datasetPath, '--prompt', 'Solve.', '--base-url', server.url, '--steps', '1', '--out', 'r.json'], ws.dir, KEY);
    assert.equal(first.code, 0, first.stderr);
    const record = readRun('r.json');
    assert.equal(record.config.scorer.baseUrl, server.url, 'a new run records its endpoint');
    delete record.config.scorer.baseUrl;
    delete record.config.optimizer.baseUrl;
    writeFileSync(join(ws.dir, 'r.json'), JSON.stringify(record));
    const requests = server.stats.requests;
    const refused = await cli(['resume', 'r.json', '--steps', '2', '--no-cache'], ws.dir, KEY);
    assert.equal(refused.code, 2, refused.stderr);
    assert.match(refused.stderr, /r\.json: the run file does not record the endpoint of its scorer model, and resuming never guesses one/);
    assert.match(refused.stderr, /"baseUrl".*config\.scorer.*--base-url URL/);
    assert.equal(server.stats.requests, requests);
    const named = await cli(['resume', 'r.json', '--steps', '2', '--no-cache', '--base-url', server.url], ws.dir, KEY);
    assert.equal(named.code, 0, named.stderr);
    assert.ok(server.stats.requests > requests);
  });

  it('says before the run that a prompt is over 8 KB, with its cost per step, and on resume that the dataset changed', async () => {
    const long = `Solve. ${'Check each step twice before you answer. '.repeat(220)}`;
    const first = await cli(['optimize', '--dataset', ws.datasetPath, '--prompt', long, '--base-url', server.url, '--steps', '1', '--out', 'w.json'], ws.dir, KEY);
    assert.equal(first.code, 0, first.stderr);
    assert.match(first.stderr, /^started run \S+: .*\nnote: The prompt is 8\.\d KB \(≈2,\d{3} tokens\), over the 8\.0 KB warning size\. .*≈[\d,]+ tokens per step/m);
    appendFileSync(ws.datasetPath, `${JSON.stringify({ question: 'What is 1 + 1?', answer: '2' })}\n`);
    const resumed = await cli(['resume', 'w.json', '--steps', '2', '--json'], ws.dir, KEY);
    assert.equal(resumed.code, 0, resumed.stderr);
    const report = JSON.parse(resumed.stdout) as { warnings: { kind: string; message: string }[] };
    // The optimizer cannot write a 2,000-token instruction back within its 512-token limit: its cut replies are reported too.
    assert.deepEqual(report.warnings.map((w) => w.kind), ['longPrompt', 'truncated', 'datasetChanged']);
    assert.match(report.warnings[2]?.message ?? '', /arithmetic\.jsonl changed since this run started .*the run goes on with the 12 rows saved in the run file/);
  });

  it('refuses --base-url that would move a run to another endpoint than the one it recorded', async () => {
    const first = await cli(['optimize', '--dataset', ws.datasetPath, '--prompt', 'Solve.', '--base-url', server.url, '--steps', '1', '--out', 'r.json'], ws.dir, KEY);
    assert.equal(first.code, 0, first.stderr);
    const moved = await cli(['resume', 'r.json', '--steps', '2', '--base-url', 'http://127.0.0.1:9/v1'], ws.dir, KEY);
    assert.equal(moved.code, 2);
    assert.match(moved.stderr, /a resume talks only to the run's own endpoint, not to http:\/\/127\.0\.0\.1:9\/v1/);
  });
});
