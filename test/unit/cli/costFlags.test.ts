import assert from 'node:assert/strict';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cli } from '../../support/cliInProcess';
import { startFakeLlmServer, type FakeServer } from '../../support/fakeLlmServer';
import { syntheticWorkspace, type SyntheticWorkspace } from '../../support/syntheticRun';

describe('opro optimize --dry-run, --max-cost and --prices', () => {
  let server: FakeServer;
  let ws: SyntheticWorkspace;
  let env: Record<string, string>;
  beforeEach(async () => {
    server = await startFakeLlmServer();
    ws = syntheticWorkspace(30);
    env = { OPENAI_API_KEY: 'test-key', OPENAI_BASE_URL: server.url };
  });
  afterEach(async () => {
    await server.close();
  });

  it('--dry-run prints the estimate and exits 0 without calling a model or saving a run', async () => {
    const prices = JSON.stringify({ 'fake-scorer': { input: 0.15, output: 0.6 }, 'fake-optimizer': { input: 2.5, output: 10 } });
    const result = await cli(['optimize', '--dataset', ws.datasetPath, '--prompt', 'Solve.', '--scorer-model', 'fake-scorer', '--optimizer-model', 'fake-optimizer', '--steps', '3', '--candidates', '4', '--prices', prices, '--dry-run'], ws.dir, env);
    assert.equal(result.code, 0, result.stderr);
    const lines = result.stdout.trimEnd().split('\n');
    assert.equal(lines[0], 'Estimate for 3 steps × 4 candidates on 30 training rows:');
    assert.match(lines[1] ?? '', /^ {2}at most: {2}402 calls, [\d.,k]+ input \+ [\d.,k]+ output tokens, \$\d+\.\d{2,4}$/);
    assert.match(lines[2] ?? '', /^ {2}expected: 393 calls, /);
    assert.equal(server.stats.requests, 0);
    assert.equal(existsSync(join(ws.dir, '.opro', 'runs')), false);
  });

  it('--dry-run --json gives the estimate as JSON; a model without a price is "not priced", never $0', async () => {
    const result = await cli(['optimize', '--dataset', ws.datasetPath, '--prompt', 'Solve.', '--base-url', 'https://llm.example.com/v1', '--scorer-model', 'my-model', '--dry-run', '--json'], ws.dir, env);
    assert.equal(result.code, 0, result.stderr);
    const parsed = JSON.parse(result.stdout) as { dryRun: boolean; estimate: { upper: { costUsd?: number; calls: number }; unpriced: string[] } };
    assert.equal(parsed.dryRun, true);
    assert.equal(parsed.estimate.upper.costUsd, undefined);
    assert.deepEqual(parsed.estimate.unpriced, ['scorer my-model', 'optimizer my-model']);
    const text = await cli(['optimize', '--dataset', ws.datasetPath, '--prompt', 'Solve.', '--base-url', 'https://llm.example.com/v1', '--scorer-model', 'my-model', '--dry-run'], ws.dir, env);
    assert.match(text.stdout, /calls, [\d.,k]+ input \+ [\d.,k]+ output tokens, not priced/);
    assert.match(text.stdout, /Not priced: scorer my-model, optimizer my-model\./);
  });

  it('reads prices and maxCost from opro.config.json; --max-cost ends the run cleanly with the reason', async () => {
    writeFileSync(join(ws.dir, 'opro.config.json'), JSON.stringify({ prices: { 'fake-scorer': { input: 2, output: 8 }, 'fake-optimizer': { input: 2, output: 8 } }, scorerMaxTokens: 16 }));
    const result = await cli(['optimize', '--dataset', ws.datasetPath, '--prompt', 'Solve.', '--scorer-model', 'fake-scorer', '--optimizer-model', 'fake-optimizer', '--max-cost', '0.05', '--json', '--no-cache'], ws.dir, env);
    assert.equal(result.code, 0, result.stderr);
    const report = JSON.parse(result.stdout) as { status: string; stopReason: string };
    assert.deepEqual([report.status, report.stopReason], ['finished', 'maxCost']);
    const text = await cli(['optimize', '--dataset', ws.datasetPath, '--prompt', 'Solve.', '--scorer-model', 'fake-scorer', '--optimizer-model', 'fake-optimizer', '--max-cost', '0.05', '--no-cache', '--out', 'cut.json'], ws.dir, env);
    assert.match(text.stdout, /finished \(maxCost\)\n/);
    assert.match(text.stdout, /paid calls \(0 cached\), \d+ tokens, \$0\.0\d{3}\n/);
    assert.match(text.stdout, /stopped by the cost budget \(--max-cost\); `opro resume .*cut\.json --max-cost USD` with a higher limit continues it/);
    const resumed = await cli(['resume', 'cut.json', '--max-cost', '5', '--no-cache'], ws.dir, env);
    assert.equal(resumed.code, 0, resumed.stderr);
    assert.doesNotMatch(resumed.stdout, /\(maxCost\)/);
  });

  it('exits 2 naming the flag for a malformed --prices or --max-cost', async () => {
    const bad = await cli(['optimize', '--dataset', ws.datasetPath, '--prompt', 'Solve.', '--prices', '{"m":{"input":1}}', '--dry-run'], ws.dir, env);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /Expected `--prices\.m\.output` to be a number ≥ 0 \(USD per million tokens\), got `undefined`/);
    const notJson = await cli(['optimize', '--dataset', ws.datasetPath, '--prompt', 'Solve.', '--prices', 'cheap', '--dry-run'], ws.dir, env);
    assert.match(notJson.stderr, /Expected --prices to be JSON such as/);
    const cost = await cli(['optimize', '--dataset', ws.datasetPath, '--prompt', 'Solve.', '--max-cost', 'lots', '--dry-run'], ws.dir, env);
    assert.deepEqual([cost.code, /Expected --max-cost to be a number ≥ 0/.test(cost.stderr)], [2, true]);
    assert.equal(server.stats.requests, 0);
  });
});
