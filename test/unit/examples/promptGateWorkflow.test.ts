import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parse } from 'yaml';
import { buildCliBundle } from '../../support/cliProcess';
import { startFakeLlmServer, type FakeServer } from '../../support/fakeLlmServer';
import { scratchDir } from '../../support/scratchDir';
import { makeSyntheticRows, syntheticAccuracy } from '../../support/syntheticTask';

const ROWS = makeSyntheticRows(30, 3);
const pct = (prompt: string): string => `${(syntheticAccuracy(prompt, ROWS) * 100).toFixed(1)}%`;
/** Has every hint phrase of the synthetic task: the simulated scorer gets every row right. */
const BEST = 'Work step by step, double-check and show your work. Give the final answer.';
const WORKFLOW = join(__dirname, '..', '..', '..', 'examples', 'github-actions', 'prompt-gate.yml');

interface Step {
  id?: string;
  name?: string;
  uses?: string;
  run?: string;
  env?: Record<string, string>;
}

interface Workflow {
  on: { pull_request: { paths: string[] } };
  jobs: Record<string, { env: Record<string, string>; steps: Step[] }>;
}

/** Replaces `${{ expr }}` as GitHub would; an expression the test does not know fails it. */
function substitute(text: string, context: Record<string, string>): string {
  return text.replace(/\$\{\{\s*([^}]+?)\s*\}\}/g, (_, expr: string) => {
    const value = context[expr];
    if (value === undefined) {
      throw new Error(`The workflow uses \${{ ${expr} }}, which this test does not provide.`);
    }
    return value;
  });
}

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.com', '-c', 'init.defaultBranch=main', ...args], { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/** Runs one `run:` step as GitHub's runner does (`bash --noprofile --norc -eo pipefail`). */
function runStep(script: string, cwd: string, env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', script], { cwd, env });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('close', (code) => resolve({ code, output }));
  });
}

describe('the example GitHub Actions prompt gate (examples/github-actions/prompt-gate.yml)', () => {
  const workflow = parse(readFileSync(WORKFLOW, 'utf8')) as Workflow;
  const job = workflow.jobs['prompt-gate'];
  let server: FakeServer;
  let bin: string;

  before(async () => {
    const cli = await buildCliBundle();
    bin = scratchDir('opro-gate-bin-');
    // Stands in for the "Install opro" step: `opro` on PATH is this repository's bundled CLI.
    writeFileSync(join(bin, 'opro'), `#!/bin/sh\nexec "${process.execPath}" "${cli}" "$@"\n`);
    chmodSync(join(bin, 'opro'), 0o755);
  });
  beforeEach(async () => {
    server = await startFakeLlmServer();
  });
  afterEach(() => server.close());

  /** A repository whose main has `base` as the prompt and whose pull request branch has `head`, as checkout@v4 leaves it. */
  function pullRequest(base: string, head: string): string {
    assert.ok(job !== undefined);
    const root = scratchDir('opro-gate-repo-');
    const origin = join(root, 'origin.git');
    const work = join(root, 'work');
    git(root, 'init', '--bare', origin);
    git(root, 'clone', '-q', origin, work);
    const write = (relative: string, text: string): void => {
      mkdirSync(dirname(join(work, relative)), { recursive: true });
      writeFileSync(join(work, relative), text);
    };
    write(job.env.DATASET as string, ROWS.map((row) => JSON.stringify(row)).join('\n') + '\n');
    write(job.env.PROMPT_FILE as string, `${base}\n`);
    git(work, 'add', '.');
    git(work, 'commit', '-qm', 'prompt and eval set');
    git(work, 'push', '-q', 'origin', 'main');
    git(work, 'checkout', '-qb', 'change-prompt');
    write(job.env.PROMPT_FILE as string, `${head}\n`);
    git(work, 'commit', '-qam', 'change the prompt');
    return work;
  }

  /** Runs the job's steps in order, stopping at the first that fails, as Actions does. */
  async function runJob(work: string): Promise<{ step: string; code: number | null; output: string }[]> {
    assert.ok(job !== undefined);
    const context = { 'github.base_ref': 'main', 'vars.OPENAI_BASE_URL': server.url, 'secrets.OPENAI_API_KEY': 'test-key' };
    const runnerTemp = scratchDir('opro-gate-tmp-');
    const results: { step: string; code: number | null; output: string }[] = [];
    for (const step of job.steps) {
      if (step.uses !== undefined) {
        assert.match(step.uses, /^actions\/(checkout|setup-node)@/, 'the test knows how to stand in for checkout and setup-node only');
        continue;
      }
      if (step.id === 'install-opro') {
        continue;
      }
      const stepEnv = Object.fromEntries(Object.entries({ ...job.env, ...step.env }).map(([k, v]) => [k, substitute(String(v), context)]));
      const env = { PATH: `${bin}:${process.env.PATH ?? ''}`, HOME: runnerTemp, RUNNER_TEMP: runnerTemp, ...stepEnv };
      const result = await runStep(substitute(step.run ?? '', context), work, env);
      results.push({ step: step.name ?? '', ...result });
      if (result.code !== 0) {
        break;
      }
    }
    return results;
  }

  it('triggers on pull requests that change the prompt or its eval set', () => {
    assert.ok(job !== undefined);
    assert.deepEqual(workflow.on.pull_request.paths, [job.env.PROMPT_FILE, job.env.DATASET]);
    assert.ok(job.steps.some((s) => s.id === 'install-opro' && /npm install --global/.test(s.run ?? '')));
  });

  it('passes a pull request whose prompt scores better than the base branch\'s', async () => {
    const base = 'Answer the question.';
    const results = await runJob(pullRequest(base, BEST));
    assert.deepEqual(results.map((r) => [r.step, r.code]), [["Score the base branch's prompt", 0], ["Gate the pull request's prompt", 0]], results.map((r) => r.output).join('\n'));
    assert.ok(results[1]?.output.includes(`points against the baseline's ${pct(base)} (baseline.json).\ngate passed: 1 prompt(s) meet the bar.`), results[1]?.output);
    assert.ok(server.stats.completions.scorer >= 60, 'both prompts were scored on the endpoint');
  });

  it('fails a pull request whose prompt scores worse, saying by how much', async () => {
    const head = 'Work step by step.';
    const results = await runJob(pullRequest(BEST, head));
    const gate = results.at(-1);
    assert.equal(gate?.step, "Gate the pull request's prompt");
    assert.equal(gate?.code, 1);
    const drop = ((syntheticAccuracy(BEST, ROWS) - syntheticAccuracy(head, ROWS)) * 100).toFixed(1);
    const lines = (gate?.output ?? '').split('\n').filter((line) => line.startsWith('opro: gate failed:'));
    assert.deepEqual(lines.map((line) => line.replace(/\(95% CI [^)]*\)/, '(CI)')), [
      `opro: gate failed: "${head}" scores ${pct(head)} (CI), below --min-score 70.0%.`,
      `opro: gate failed: "${head}" scores ${pct(head)} (CI), −${drop} points against the baseline's ${pct(BEST)} (baseline.json); --min-improvement asks for −2.0 points.`,
    ]);
  });
});
