import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { readRunRecord } from '../../../src/core/engine';
import { buildCliBundle, spawnCli } from '../../support/cliProcess';
import { startFakeLlmServer, type FakeServer } from '../../support/fakeLlmServer';
import { syntheticWorkspace } from '../../support/syntheticRun';

describe('a run never ends silently', () => {
  let server: FakeServer;
  before(async () => {
    await buildCliBundle();
  });
  beforeEach(async () => {
    server = await startFakeLlmServer();
  });
  afterEach(() => server.close());

  it('finishes a run whose requests get 429 on their last attempt while others wait in the paused queue', async () => {
    // No retries and no wait header: each 429 is a request's last attempt, and it pauses the
    // queue (backoff) with the other rows waiting in it.
    server.setOptions({ faults: { rate: 0.3, kinds: ['429'], seed: 5 }, retryAfterHeader: 'none' });
    const ws = syntheticWorkspace(24);
    const args = ['optimize', '--dataset', ws.datasetPath, '--prompt', 'Solve the problem.', '--out', 'run.json', '--steps', '2', '--candidates', '2', '--concurrency', '2', '--max-retries', '0'];
    const outcome = await spawnCli(args, { cwd: ws.dir, env: { OPENAI_API_KEY: 'test-key', OPENAI_BASE_URL: server.url } }).done;
    const record = await readRunRecord(join(ws.dir, 'run.json'));
    assert.ok((server.stats.byStatus[429] ?? 0) > 0, 'some requests got a 429');
    assert.deepEqual([outcome.code, record.status, record.steps.filter((s) => s.done).length], [0, 'finished', 2], outcome.stderr);
    assert.match(outcome.stderr, /finished \(steps\)/);
  });

  it('exits 1 with a message naming the run file when the event loop drains mid-run', () => {
    const script = join(__dirname, '..', '..', 'support', 'stalledRunProcess.ts');
    const child = spawnSync(process.execPath, ['--import', 'tsx', script], { encoding: 'utf8', timeout: 15_000 });
    assert.equal(child.status, 1);
    assert.equal(
      child.stderr,
      'opro: internal error: the process ran out of work before the run finished, was cancelled or failed. What finished is saved; `opro resume /tmp/run.json` continues the run.\n',
    );
  });
});
