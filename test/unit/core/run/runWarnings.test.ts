import assert from 'node:assert/strict';
import { appendFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { readRunRecord, resumeRun, startRun } from '../../../../src/core/engine';
import type { RunEvent } from '../../../../src/core/events';
import type { RunWarning } from '../../../../src/core/runRecord';
import { longPromptWarnings } from '../../../../src/core/run/runWarnings';
import { scriptedModels } from '../../../support/scriptedClient';
import { syntheticConfig, syntheticWorkspace } from '../../../support/syntheticRun';

const ENDPOINT = 'http://127.0.0.1:9/v1';

/** The warnings a run emitted before its first scored candidate (right after `runStarted`), or undefined when none. */
function startWarnings(events: RunEvent[]): RunWarning[] | undefined {
  const started = events.findIndex((e) => e.type === 'runStarted');
  const firstScored = events.findIndex((e) => e.type === 'candidateScored' || e.type === 'stepStarted');
  assert.ok(started >= 0 && (firstScored === -1 || started < firstScored));
  const warnings = events.slice(started, firstScored === -1 ? undefined : firstScored).flatMap((e) => (e.type === 'runWarning' ? [e.warning] : []));
  return warnings.length === 0 ? undefined : warnings;
}

describe('warnings before a run spends anything', () => {
  it('warns about a prompt over 8 KB with what it costs per step, and says nothing about a short one', async () => {
    const ws = syntheticWorkspace(20);
    const models = scriptedModels(['<INS>Solve it.</INS>']);
    const long = `Solve the problem. ${'Keep every step of the reasoning explicit and check it. '.repeat(160)}`;
    assert.ok(Buffer.byteLength(long) > 8192);
    const events: RunEvent[] = [];
    const config = syntheticConfig(ENDPOINT, ws.datasetPath, { seedInstructions: [long], steps: 1, candidatesPerStep: 2, dataset: { path: ws.datasetPath, validation: 0 } });
    await startRun(config, { createClient: models.createClient, onEvent: (e) => events.push(e) });
    const tokens = Math.ceil(long.length / 4);
    const perStep = (tokens * 2).toLocaleString('en-US');
    const scoring = (tokens * 20).toLocaleString('en-US');
    assert.deepEqual(startWarnings(events), [
      {
        kind: 'longPrompt',
        message:
          `The prompt is ${(Buffer.byteLength(long) / 1024).toFixed(1)} KB (≈${tokens.toLocaleString('en-US')} tokens), over the 8.0 KB warning size. ` +
          `Scoring it sends it with each of the 20 training rows (≈${scoring} prompt tokens), and every step repeats it in the 2 optimizer calls (≈${perStep} tokens per step). ` +
          'New candidates over 500 characters are rejected, so the optimizer\'s proposals will be shorter.',
        fix: 'Shorten it if that cost matters.',
      },
    ]);
    const short: RunEvent[] = [];
    await startRun({ ...config, seedInstructions: ['Solve it.'] }, { createClient: models.createClient, onEvent: (e) => short.push(e) });
    assert.equal(startWarnings(short), undefined);
  });

  it('prices candidates as long as the prompt when the length limit lets them be, and stays quiet at a limit of 0', () => {
    const prompt = 'x'.repeat(10_000);
    const config = syntheticConfig(ENDPOINT, 'd.jsonl', { seedInstructions: [prompt, 'short'], maxInstructionLength: 20_000, candidatesPerStep: 4 });
    const [warning, ...rest] = longPromptWarnings(config, 50);
    assert.deepEqual(rest, []);
    assert.match(warning?.message ?? '', /^Prompt 1 is 9\.8 KB \(≈2,500 tokens\).*Candidates as long as it would cost another ≈500,000 tokens per step to score \(4 × 50 rows\)\.$/);
    assert.deepEqual(longPromptWarnings({ ...config, promptWarningBytes: 0 }, 50), []);
    assert.equal(longPromptWarnings({ ...config, promptWarningBytes: 20_000 }, 50).length, 0);
  });

  it('says on resume that the dataset changed (or is gone) and goes on with the rows saved in the run', async () => {
    const ws = syntheticWorkspace(12);
    const models = scriptedModels(['<INS>Solve it carefully.</INS>', '<INS>Solve it step by step.</INS>']);
    const runFile = join(ws.dir, 'run.json');
    const config = syntheticConfig(ENDPOINT, ws.datasetPath, { steps: 1, candidatesPerStep: 1 });
    await startRun(config, { runFile, createClient: models.createClient });
    const resume = async (steps: number): Promise<{ events: RunEvent[]; examples: number; saved: string[] }> => {
      const events: RunEvent[] = [];
      const record = await resumeRun(runFile, { createClient: models.createClient, onEvent: (e) => events.push(e), patchConfig: (c) => ({ ...c, steps }) });
      return { events, examples: (await readRunRecord(runFile)).examples.length, saved: (record.warnings ?? []).map((w) => w.kind) };
    };
    assert.equal(startWarnings((await resume(2)).events), undefined, 'nothing to say while the file is unchanged');
    appendFileSync(ws.datasetPath, `${JSON.stringify({ question: 'What is 1 + 1?', answer: '2' })}\n`);
    const changed = await resume(3);
    assert.deepEqual(startWarnings(changed.events)?.map((w) => w.kind), ['datasetChanged']);
    assert.match(startWarnings(changed.events)?.[0]?.message ?? '', /arithmetic\.jsonl changed since this run started \(its fingerprint differs\); the run goes on with the 12 rows saved in the run file/);
    assert.equal(changed.examples, 12);
    assert.deepEqual(changed.saved, ['datasetChanged'], 'kept in the run file, so the panel lists it');
    rmSync(ws.datasetPath);
    const gone = await resume(4);
    assert.deepEqual(startWarnings(gone.events)?.map((w) => w.kind), ['datasetMissing']);
    assert.equal(gone.events.at(-1)?.type, 'runFinished');
  });
});
