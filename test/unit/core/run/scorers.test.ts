import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../../../../src/cli/main';
import { OproError } from '../../../../src/core/errors';
import { estimateTokens } from '../../../../src/core/run/objective';
import { startFakeLlmServer, type FakeServer } from '../../../support/fakeLlmServer';
import { syntheticConfig, syntheticWorkspace, type SyntheticWorkspace, runToRecord } from '../../../support/syntheticRun';
import { syntheticAccuracy } from '../../../support/syntheticTask';

describe('scorers for real prompts', () => {
  let server: FakeServer;
  let ws: SyntheticWorkspace;
  beforeEach(async () => {
    server = await startFakeLlmServer();
    ws = syntheticWorkspace(20);
  });
  afterEach(async () => {
    await server.close();
  });

  it('grades with an LLM judge: scores and reasons per example, judge calls counted, cached and inspectable', async () => {
    const cacheDir = join(ws.dir, 'cache');
    const config = syntheticConfig(server.url, ws.datasetPath, { steps: 1, grader: { kind: 'judge', rubric: 'The final number must match.' } });
    const record = await runToRecord(config, { cacheDir });
    const seed = record.candidates.find((c) => c.origin === 'seed')!;
    const accuracy = syntheticAccuracy(seed.instruction, ws.rows);
    assert.ok(Math.abs(seed.score - (accuracy + (1 - accuracy) * 0.2)) < 1e-9, 'right answers get 1, wrong ones 0.2 from the fake judge');
    assert.ok(seed.results.every((r) => typeof r.reason === 'string' && r.reason !== '' && typeof r.score === 'number'));
    const judgeUsage = Object.entries(record.usage.byModel).find(([key]) => key.startsWith('judge:'));
    const judged = (judgeUsage?.[1].calls ?? 0) + (judgeUsage?.[1].cachedCalls ?? 0);
    assert.equal(judged, record.candidates.reduce((n, c) => n + c.total, 0), 'one judge call per scored example, paid or cached');
    assert.equal(record.judgePrompt?.user.includes('The final number must match.'), true);
    server.resetStats();
    await runToRecord(config, { cacheDir });
    assert.equal(server.stats.requests, 0, 'judge calls are cached like every other call');
  });

  it('stops judge calls at the call budget too', async () => {
    const config = syntheticConfig(server.url, ws.datasetPath, { maxCalls: 30, grader: { kind: 'judge', rubric: 'Match the number.' } });
    const record = await runToRecord(config, {});
    assert.equal(record.stopReason, 'maxCalls');
    assert.ok(server.stats.requests <= 30);
  });

  it('grades with a custom scorer module, and refuses it in an untrusted workspace', async () => {
    const module = join(ws.dir, 'scorer.mjs');
    writeFileSync(module, `export function score({ expected, output }) { return output.includes(expected) ? { score: 1, reason: 'has it' } : 0; }`);
    const config = syntheticConfig(server.url, ws.datasetPath, { steps: 1, grader: { kind: 'custom', module } });
    const record = await runToRecord(config, {});
    const seed = record.candidates.find((c) => c.origin === 'seed')!;
    assert.equal(seed.score, syntheticAccuracy(seed.instruction, ws.rows));
    assert.ok(seed.results.filter((r) => r.correct).every((r) => r.reason === 'has it'));
    await assert.rejects(runToRecord(config, { isTrusted: false }), (err: unknown) => err instanceof OproError && /not trusted/.test(err.message));
  });

  it('ranks by score minus the length penalty and records tokens and objective', async () => {
    const record = await runToRecord(syntheticConfig(server.url, ws.datasetPath, { steps: 3, lengthPenalty: 0.002 }), {});
    for (const c of record.candidates) {
      assert.equal(c.tokens, estimateTokens(c.instruction));
      assert.equal(c.objective, c.score - 0.002 * estimateTokens(c.instruction));
    }
    assert.ok(record.stopReason !== 'target', 'a penalized objective never reaches 1');
  });

  it('takes --metric judge, custom and json, and --length-penalty on the command line', async () => {
    writeFileSync(join(ws.dir, 'rubric.txt'), 'Match the number.');
    writeFileSync(join(ws.dir, 'scorer.js'), 'exports.score = ({ expected, output }) => output.includes(expected);');
    const run = async (...flags: string[]): Promise<{ code: number; out: string; err: string }> => {
      let out = '';
      let err = '';
      const code = await runCli(['optimize', '--dataset', ws.datasetPath, '--prompt', 'Solve.', '--base-url', server.url, '--steps', '1', '--json', ...flags], {
        cwd: ws.dir,
        env: { OPENAI_API_KEY: 'test-key' },
        stdout: { write: (t: string) => (out += t) },
        stderr: { write: (t: string) => (err += t) },
        signal: new AbortController().signal,
      });
      return { code, out, err };
    };
    const judged = await run('--metric', 'judge', '--rubric', 'rubric.txt', '--judge-model', 'grader-model');
    assert.equal(judged.code, 0, judged.err);
    assert.ok(server.stats.answered.some((r) => r.model === 'grader-model'));
    const custom = await run('--metric', 'custom', '--scorer', 'scorer.js');
    assert.equal(custom.code, 0, custom.err);
    const penalized = await run('--length-penalty', '0.01');
    assert.equal(penalized.code, 0, penalized.err);
    const noRubric = await run('--metric', 'judge');
    assert.equal(noRubric.code, 2);
    assert.match(noRubric.err, /--rubric FILE/);
  });
});
