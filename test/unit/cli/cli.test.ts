import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { terminalSafe } from '../../../src/cli/terminalText';
import { cli, type Captured } from '../../support/cliInProcess';
import { startFakeLlmServer, type FakeServer } from '../../support/fakeLlmServer';
import { syntheticWorkspace, type SyntheticWorkspace } from '../../support/syntheticRun';
import { syntheticAccuracy } from '../../support/syntheticTask';
import { wilsonInterval } from '../../../src/core/stats/wilson';

const CLI_BUNDLE = join(__dirname, '..', '..', '..', 'out', 'test-cli', 'cli.js');

/** Runs the real bundled CLI in a child process. */
function spawnCli(args: string[], cwd: string, env: Record<string, string>): Promise<Captured> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI_BUNDLE, ...args], { cwd, env: { PATH: process.env.PATH ?? '', ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

describe('the opro command', () => {
  let server: FakeServer;
  let ws: SyntheticWorkspace;
  before(async () => {
    await build({ entryPoints: ['src/cli/cli.ts'], bundle: true, platform: 'node', format: 'cjs', outfile: CLI_BUNDLE, logLevel: 'error' });
  });
  beforeEach(async () => {
    server = await startFakeLlmServer();
    ws = syntheticWorkspace(30);
  });
  afterEach(async () => {
    await server.close();
  });

  it('optimizes end to end as a child process, with the key and endpoint from the environment, printing a JSON summary', async () => {
    const result = await spawnCli(
      ['optimize', '--dataset', ws.datasetPath, '--prompt', 'Solve the problem.', '--scorer-model', 's', '--steps', '6', '--json'],
      ws.dir,
      { OPENAI_API_KEY: 'test-key', OPENAI_BASE_URL: server.url },
    );
    assert.equal(result.code, 0, result.stderr);
    const summary = JSON.parse(result.stdout) as { best: { instruction: string; score: number }; calls: number; tokens: number; runFile: string; status: string };
    assert.equal(summary.status, 'finished');
    assert.equal(summary.best.score, 1);
    assert.equal(syntheticAccuracy(summary.best.instruction, ws.rows), 1);
    assert.equal(summary.calls, server.stats.completions.scorer + server.stats.completions.optimizer);
    assert.ok(summary.tokens > 0);
    assert.ok(summary.runFile.startsWith(join(ws.dir, '.opro', 'runs')));
    assert.ok(existsSync(summary.runFile));
    assert.ok(existsSync(join(ws.dir, '.opro', 'cache', 'responses.jsonl')));
    for (const file of [summary.runFile, join(ws.dir, '.opro', 'cache', 'responses.jsonl')]) {
      assert.ok(!readFileSync(file, 'utf8').includes('test-key'), `${file} holds no key`);
    }
  });

  it('prints progress lines on a non-terminal and a readable summary', async () => {
    const result = await cli(['optimize', '--dataset', ws.datasetPath, '--prompt', 'Solve.', '--base-url', server.url, '--steps', '2', '--out', 'r.json'], ws.dir, { OPENAI_API_KEY: 'test-key' });
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stderr, /^started run \S+: 30 training rows, 0 validation rows, metric number$/m);
    assert.match(result.stderr, /^step 1\/2: \d+ new instructions, best \d+\.\d%$/m);
    assert.match(result.stdout, /^best: +\d+\.\d% \(95% CI \d+\.\d–\d+\.\d%, \d+\/30\) train \(step \d\)$/m);
    assert.match(result.stdout, /^vs\. yours: not tested \(no validation rows; hold some out with --validation 0\.2\)$/m);
    assert.ok(existsSync(join(ws.dir, 'r.json')));
  });

  it('scores each prompt with eval --json', async () => {
    const prompts = ['Solve.', 'Solve step by step; double-check.'];
    const result = await cli(['eval', '--dataset', ws.datasetPath, '--prompt', prompts[0]!, '--prompt', prompts[1]!, '--base-url', server.url, '--json'], ws.dir, { OPENAI_API_KEY: 'test-key' });
    assert.equal(result.code, 0, result.stderr);
    assert.deepEqual(
      JSON.parse(result.stdout),
      prompts.map((instruction) => {
        const score = syntheticAccuracy(instruction, ws.rows);
        const correct = Math.round(score * 30);
        return { instruction, score, correct, total: 30, ci95: wilsonInterval(correct, 30) };
      }),
    );
  });

  it('resumes a cancelled run to the same result and prints the next meta-prompt', async () => {
    const env = { OPENAI_API_KEY: 'test-key', OPENAI_BASE_URL: server.url };
    const full = await cli(['optimize', '--dataset', ws.datasetPath, '--prompt', 'Solve.', '--json', '--no-cache'], ws.dir, env);
    const controller = new AbortController();
    server.setOptions({ latencyMs: 20 });
    setTimeout(() => controller.abort(), 300);
    const cut = await cli(['optimize', '--dataset', ws.datasetPath, '--prompt', 'Solve.', '--out', 'cut.json', '--no-cache'], ws.dir, env, { signal: controller.signal });
    assert.equal(cut.code, 130);
    server.setOptions({ latencyMs: 0 });
    const meta = await cli(['meta-prompt', 'cut.json'], ws.dir, env);
    assert.equal(meta.code, 0);
    assert.match(meta.stdout, /^Your task is to generate the instruction <INS>\./);
    const resumed = await cli(['resume', 'cut.json', '--json', '--no-cache'], ws.dir, env);
    assert.equal(resumed.code, 0, resumed.stderr);
    const a = JSON.parse(full.stdout) as { best: unknown; candidates: number };
    const b = JSON.parse(resumed.stdout) as { best: unknown; candidates: number };
    assert.deepEqual([b.best, b.candidates], [a.best, a.candidates]);
  });

  it('reads options from opro.config.json, overridden by flags', async () => {
    writeFileSync(join(ws.dir, 'opro.config.json'), JSON.stringify({ baseUrl: server.url, steps: 1, candidates: 2 }));
    const result = await cli(['optimize', '--dataset', ws.datasetPath, '--prompt', 'Solve.', '--candidates', '3', '--json'], ws.dir, { OPENAI_API_KEY: 'test-key' });
    assert.equal(result.code, 0, result.stderr);
    // Three candidates from one optimizer request (`n`: the meta-prompt is paid once).
    assert.deepEqual(server.stats.answered.filter((r) => r.role === 'optimizer').map((r) => r.n), [3]);
  });

  it('exits 2 with the file and line for a malformed dataset, and for bad usage', async () => {
    writeFileSync(join(ws.dir, 'bad.jsonl'), '{"question":"a","answer":"1"}\n{"question": oops}\n');
    const bad = await cli(['optimize', '--dataset', 'bad.jsonl', '--prompt', 'x', '--base-url', server.url], ws.dir);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /bad\.jsonl:2: /);
    assert.doesNotMatch(bad.stderr, /\n\s+at /, 'no stack trace');
    const usage = await cli(['optimize', '--bogus'], ws.dir);
    assert.equal(usage.code, 2);
    assert.match(usage.stderr, /--bogus/);
    const noPrompt = await cli(['optimize', '--dataset', ws.datasetPath], ws.dir);
    assert.equal(noPrompt.code, 2);
    assert.match(noPrompt.stderr, /--prompt/);
  });

  it('exits 1 with an actionable message on a wrong key, an unknown model and an unreachable endpoint', async () => {
    const base = ['optimize', '--dataset', ws.datasetPath, '--prompt', 'Solve.', '--no-cache'];
    const wrongKey = await cli([...base, '--base-url', server.url], ws.dir, { OPENAI_API_KEY: 'nope-123' });
    assert.equal(wrongKey.code, 1);
    assert.match(wrongKey.stderr, /API key/i);
    assert.ok(!wrongKey.stderr.includes('nope-123'));
    const missing = await cli([...base, '--base-url', server.url, '--scorer-model', 'missing-model'], ws.dir, { OPENAI_API_KEY: 'test-key' });
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /Model `missing-model` is not available at .*: it has `.*`\. Set opro\.scorerModel \/ --scorer-model to a model it lists\./);
    const down = await cli([...base, '--base-url', 'http://127.0.0.1:9/v1', '--timeout', '500'], ws.dir, { OPENAI_API_KEY: 'test-key' });
    assert.equal(down.code, 1);
    assert.match(down.stderr, /127\.0\.0\.1:9/);
    assert.equal(readdirSync(join(ws.dir, '.opro', 'runs')).filter((name) => name.endsWith('.json')).length, 3, 'each failed run is still saved');
  });

  it('prints the help', async () => {
    const result = await cli(['--help'], ws.dir);
    assert.equal(result.code, 0);
    assert.match(result.stdout, /opro optimize --dataset FILE/);
  });
});

describe('terminal output of model text', () => {
  it('shows control characters from a reply as \\u escapes instead of sending them to the terminal', () => {
    assert.equal(terminalSafe('ok\x1b]0;pwned\x07\r\nline\tend'), 'ok\\u001b]0;pwned\\u0007\\u000d\nline\tend');
  });
});
