import assert from 'node:assert/strict';
import { readRunRecord } from '../../../src/core/engine';
import type { RunReport } from '../../../src/core/run/runReport';
import type { RepeatSummary } from '../../../src/cli/repeatSummary';
import { wilsonInterval } from '../../../src/core/stats/wilson';
import { cli } from '../../support/cliInProcess';
import { startFakeLlmServer, type FakeServer } from '../../support/fakeLlmServer';
import { syntheticWorkspace, type SyntheticWorkspace } from '../../support/syntheticRun';

describe('the opro command: demonstrations, feedback, evidence, repeats', () => {
  let server: FakeServer;
  let ws: SyntheticWorkspace;
  const env = (): Record<string, string> => ({ OPENAI_API_KEY: 'test-key', OPENAI_BASE_URL: server.url });

  beforeEach(async () => {
    server = await startFakeLlmServer();
    ws = syntheticWorkspace(60, 8);
  });
  afterEach(() => server.close());

  it('reports the best prompt with its demonstrations, 95% intervals and the paired verdict in --json', async () => {
    const result = await cli(['optimize', '--dataset', ws.datasetPath, '--prompt', 'Solve the problem.', '--steps', '3', '--demos', '2', '--validation', '20', '--json'], ws.dir, env());
    assert.equal(result.code, 0, result.stderr);
    const report = JSON.parse(result.stdout) as RunReport;
    const best = report.best!;
    assert.equal(best.demos?.length, 2);
    const record = await readRunRecord(report.runFile);
    const shown = best.demos!.map((d) => record.examples[d.row]!);
    assert.deepEqual(best.demos!.map((d) => d.line), shown.map((e) => e.line));
    assert.equal(best.prompt, `${best.instruction}\n\nExamples:\n\n${shown.map((e) => `Q: ${e.input}\nA: ${e.target}`).join('\n\n')}`);
    assert.deepEqual(best.ci95, wilsonInterval(best.correct, best.total));
    assert.equal(best.total, 40 - 2, 'scored on the training rows less its demonstrations');
    assert.deepEqual(report.baseline!.ci95, wilsonInterval(report.baseline!.correct, 40));
    assert.deepEqual(best.validation!.ci95, wilsonInterval(best.validation!.correct, 20));
    assert.equal(report.comparison?.test, 'mcnemar');
    assert.equal(report.comparison?.rows, 20);
    assert.match(report.comparison?.sentence ?? '', /^(better than|not distinguishable from) your prompt on 20 validation rows \(p [=<] [\d.]+\)/);
  });

  it('says the verdict in the text summary and prints the prompt with its demonstrations', async () => {
    const result = await cli(['optimize', '--dataset', ws.datasetPath, '--prompt', 'Solve the problem.', '--steps', '3', '--demos', '1', '--validation', '20'], ws.dir, env());
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /^vs\. yours: (better than|not distinguishable from) your prompt on 20 validation rows/m);
    assert.match(result.stdout, /\n\nExamples:\n\nQ: What is \d+ \+ \d+\?\nA: \d+\n\(with 1 demonstrations: dataset lines \d+\)\n/);
  });

  it('shows the next step’s failures with opro meta-prompt under --method feedback', async () => {
    const optimized = await cli(['optimize', '--dataset', ws.datasetPath, '--prompt', 'Solve the problem.', '--steps', '1', '--method', 'feedback', '--out', 'run.json'], ws.dir, env());
    assert.equal(optimized.code, 0, optimized.stderr);
    const next = await cli(['meta-prompt', 'run.json'], ws.dir, env());
    assert.match(next.stdout, /Below are some problems that the best instruction above gets wrong, with the model's answer and the expected answer\./);
    assert.equal([...next.stdout.matchAll(/\nModel answer:\nThe answer is \d+\.\nExpected answer:\n\d+\n/g)].length, 3);
    const plain = await cli(['optimize', '--dataset', ws.datasetPath, '--prompt', 'Solve the problem.', '--steps', '1', '--method', 'nope'], ws.dir, env());
    assert.equal(plain.code, 2);
    assert.match(plain.stderr, /Expected `method` to be opro or feedback, got `nope`/);
  });

  it('repeats a run over N seeds on one split and reports the spread of the winner and how often each prompt won', async () => {
    const result = await cli(['optimize', '--dataset', ws.datasetPath, '--prompt', 'Solve the problem.', '--steps', '2', '--validation', '20', '--repeat', '3', '--seed', '4', '--json'], ws.dir, env());
    assert.equal(result.code, 0, result.stderr);
    const { runs, summary } = JSON.parse(result.stdout) as { runs: RunReport[]; summary: RepeatSummary };
    assert.equal(runs.length, 3);
    const records = await Promise.all(runs.map((r) => readRunRecord(r.runFile)));
    assert.deepEqual(records.map((r) => r.config.seed), [4, 5, 6]);
    assert.deepEqual(records[1]!.validation, records[0]!.validation, 'every run holds out the same rows');
    assert.deepEqual(records[2]!.validation, records[0]!.validation);
    const scores = runs.map((r) => r.best!.validation!.score);
    assert.deepEqual(summary.scores, scores);
    assert.equal(summary.split, 'validation');
    assert.equal(summary.winners.reduce((n, w) => n + w.wins, 0), 3);
    assert.ok(summary.winners.every((w) => w.seeds.every((seed) => runs[seed - 4]!.best!.prompt === w.prompt)));

    const text = await cli(['optimize', '--dataset', ws.datasetPath, '--prompt', 'Solve the problem.', '--steps', '1', '--validation', '20', '--repeat', '2'], ws.dir, env());
    assert.equal(text.code, 0, text.stderr);
    assert.match(text.stdout, /^seed 0: finished, best \d+\.\d% \(95% CI [\d.]+–[\d.]+%, \d+\/20\) validation \(.+\)$/m);
    assert.match(text.stdout, /^2 runs \(seeds 0, 1\)\nwinner's validation score: mean \d+\.\d%, sd \d+\.\d points, range [\d.]+–[\d.]+%\nhow often each prompt won:\n {2}\d\/2 {2}".+"$/m);
    assert.match(text.stderr, /^opro: run 2 of 2 \(seed 1\)$/m);
    const refused = await cli(['optimize', '--dataset', ws.datasetPath, '--prompt', 'x', '--repeat', '2', '--out', 'a.json'], ws.dir, env());
    assert.equal(refused.code, 2);
    assert.match(refused.stderr, /--out names one run file; with --repeat each run is saved as \.opro\/runs\/<run id>\.json\./);
  });
});
