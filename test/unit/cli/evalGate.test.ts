import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatScore } from '../../../src/core/stats/scoreInterval';
import { cli } from '../../support/cliInProcess';
import { startFakeLlmServer, type FakeServer } from '../../support/fakeLlmServer';
import { syntheticWorkspace, type SyntheticWorkspace } from '../../support/syntheticRun';
import { syntheticAccuracy } from '../../support/syntheticTask';

// On the synthetic task each keyword solves one more fifth of the rows.
const WEAK = 'Solve.';
const FAIR = 'Solve step by step.';
const STRONG = 'Solve step by step; double-check.';

describe('opro eval as a CI gate', () => {
  let server: FakeServer;
  let ws: SyntheticWorkspace;
  let env: { OPENAI_API_KEY: string; OPENAI_BASE_URL: string };
  const evalArgs = (prompt: string, ...more: string[]): string[] => ['eval', '--dataset', ws.datasetPath, '--prompt', prompt, '--no-cache', ...more];
  const described = (prompt: string): string => {
    const score = syntheticAccuracy(prompt, ws.rows);
    const correct = Math.round(score * ws.rows.length);
    return formatScore({ score, correct, total: ws.rows.length, results: [] });
  };

  beforeEach(async () => {
    server = await startFakeLlmServer();
    ws = syntheticWorkspace(30);
    env = { OPENAI_API_KEY: 'test-key', OPENAI_BASE_URL: server.url };
  });
  afterEach(() => server.close());

  it('exits 1 below --min-score, naming the prompt, its score with interval and the bar', async () => {
    assert.ok(syntheticAccuracy(WEAK, ws.rows) < 0.5 && syntheticAccuracy(STRONG, ws.rows) >= 0.5);
    const failed = await cli(evalArgs(WEAK, '--min-score', '0.5'), ws.dir, env);
    assert.equal(failed.code, 1);
    assert.equal(failed.stderr, `opro: gate failed: "${WEAK}" scores ${described(WEAK)}, below --min-score 50.0%.\n`);
    const passed = await cli(evalArgs(STRONG, '--min-score', '0.5'), ws.dir, env);
    assert.equal(passed.code, 0, passed.stderr);
    assert.equal(passed.stderr, 'gate passed: 1 prompt(s) meet the bar.\n');
  });

  it('holds every prompt to the bar when several are scored', async () => {
    const result = await cli(['eval', '--dataset', ws.datasetPath, '--prompt', STRONG, '--prompt', WEAK, '--min-score', '0.5', '--json'], ws.dir, env);
    assert.equal(result.code, 1);
    assert.equal(JSON.parse(result.stdout).length, 2, 'the JSON summary is still printed');
    assert.match(result.stderr, /gate failed: "Solve\." scores/);
    assert.doesNotMatch(result.stderr, /double-check/);
  });

  it('compares with a baseline run saved by eval --out, and exits 1 when the change falls short of --min-improvement', async () => {
    const base = await cli(evalArgs(FAIR, '--out', 'base.json'), ws.dir, env);
    assert.equal(base.code, 0, base.stderr);
    const fair = syntheticAccuracy(FAIR, ws.rows);
    const gain = syntheticAccuracy(STRONG, ws.rows) - fair;
    assert.ok(gain > 0.1, `the strong prompt gains ${gain}`);

    const better = await cli(evalArgs(STRONG, '--baseline', 'base.json', '--min-improvement', '0.1'), ws.dir, env);
    assert.equal(better.code, 0, better.stderr);
    const up = `+${(gain * 100).toFixed(1)} points against the baseline's ${(fair * 100).toFixed(1)}% (base.json)`;
    assert.equal(better.stderr, `"${STRONG}" scores ${described(STRONG)}, ${up}.\ngate passed: 1 prompt(s) meet the bar.\n`);

    const worse = await cli(evalArgs(WEAK, '--baseline', 'base.json', '--min-improvement', '0'), ws.dir, env);
    assert.equal(worse.code, 1);
    const drop = ((fair - syntheticAccuracy(WEAK, ws.rows)) * 100).toFixed(1);
    assert.equal(worse.stderr, `opro: gate failed: "${WEAK}" scores ${described(WEAK)}, −${drop} points against the baseline's ${(fair * 100).toFixed(1)}% (base.json); --min-improvement asks for +0.0 points.\n`);

    const tolerated = await cli(evalArgs(WEAK, '--baseline', 'base.json', `--min-improvement=-${(Number(drop) + 1) / 100}`), ws.dir, env);
    assert.equal(tolerated.code, 0, tolerated.stderr);
  });

  it('warns when the baseline was scored on other data', async () => {
    await cli(evalArgs(FAIR, '--out', 'base.json'), ws.dir, env);
    const other = join(ws.dir, 'other.jsonl');
    writeFileSync(other, ws.rows.slice(0, 20).map((row) => JSON.stringify(row)).join('\n') + '\n');
    const result = await cli(['eval', '--dataset', other, '--prompt', FAIR, '--baseline', 'base.json', '--min-improvement', '0', '--no-cache'], ws.dir, env);
    assert.match(result.stderr, /^warning: the baseline base\.json was scored on 30 rows of .*arithmetic\.jsonl, this eval on 20 rows of different data/);
  });

  it('refuses a bar it cannot check before paying for any call', async () => {
    const noBaseline = await cli(evalArgs(WEAK, '--min-improvement', '0'), ws.dir, env);
    assert.equal(noBaseline.code, 2);
    assert.match(noBaseline.stderr, /--min-improvement needs --baseline RUN\.json/);
    const percent = await cli(evalArgs(WEAK, '--min-score', '70'), ws.dir, env);
    assert.equal(percent.code, 2);
    assert.match(percent.stderr, /--min-score to be a score in \[0, 1\], got `70` \(write 70% as 0\.7\)/);
    const missing = await cli(evalArgs(WEAK, '--baseline', 'nope.json'), ws.dir, env);
    assert.notEqual(missing.code, 0);
    assert.match(missing.stderr, /nope\.json/);
    assert.equal(server.stats.requests, 0);
  });
});
