import assert from 'node:assert/strict';
import { join } from 'node:path';
import { nextMetaPrompt, readRunRecord, resumeRun } from '../../../../src/core/engine';
import { failuresBlock } from '../../../../src/core/prompt/failureFeedback';
import { metaPromptFor } from '../../../../src/core/run/proposals';
import type { RunRecord } from '../../../../src/core/runRecord';
import { startFakeLlmServer, type FakeServer } from '../../../support/fakeLlmServer';
import { scratchDir } from '../../../support/scratchDir';
import { runToRecord, syntheticConfig, syntheticWorkspace, type SyntheticWorkspace } from '../../../support/syntheticRun';

/** The failures block of a meta-prompt: from its heading to the closing request. */
function failuresIn(metaPrompt: string): string {
  const start = metaPrompt.indexOf('\n\nBelow are some problems that the best');
  return start === -1 ? '' : metaPrompt.slice(start, metaPrompt.indexOf('\n\nGenerate an instruction'));
}

describe('failure-aware proposals (method feedback)', () => {
  let server: FakeServer;
  let ws: SyntheticWorkspace;

  beforeEach(async () => {
    server = await startFakeLlmServer();
    ws = syntheticWorkspace(30, 4);
  });
  afterEach(() => server.close());

  it('shows the optimizer up to M training examples the best gets wrong: its input, the model answer, the expected answer', async () => {
    const record = await runToRecord(syntheticConfig(server.url, ws.datasetPath, { steps: 2, method: 'feedback', feedbackExamples: 2 }));
    for (const step of record.steps) {
      const before = record.candidates.filter((c) => c.step < step.step);
      const bestBefore = before.reduce((a, b) => (b.score > a.score ? b : a));
      const block = failuresIn(step.metaPrompt);
      const problems = [...block.matchAll(/\nProblem:\n(.*)\nModel answer:\n(.*)\nExpected answer:\n(.*)\n/g)];
      assert.equal(problems.length, 2, block);
      for (const [, input, output, target] of problems) {
        const row = record.examples.find((e) => e.input === input)!;
        const result = bestBefore.results.find((r) => r.example === row.index)!;
        assert.equal(result.correct, false, `${input} is one the best gets wrong`);
        assert.equal(output, result.output);
        assert.equal(target, row.target);
        assert.ok(!step.exemplars.includes(row.index), 'never one of the step’s exemplars');
      }
      // The whole meta-prompt is OPRO's with this block before the closing request.
      const failures = problems.map(([, input, output, target]) => ({ input: input!, output: output!, target: target! }));
      assert.equal(step.metaPrompt, metaPromptFor({ candidates: before, examples: record.examples }, record.config, step.exemplars, failures));
      assert.equal(block, failuresBlock(failures, false));
    }
  });

  it('adds the judge’s reason when a judge grades', async () => {
    const record = await runToRecord(syntheticConfig(server.url, ws.datasetPath, { steps: 1, method: 'feedback', grader: { kind: 'judge', rubric: 'The number must match.' } }));
    const block = failuresIn(record.steps[0]!.metaPrompt);
    assert.match(block, /with the model's answer, the expected answer and the judge's reason\./);
    assert.equal([...block.matchAll(/Judge's reason:\nDiffers from the reference\.\n/g)].length, 3);
  });

  it('keeps OPRO’s meta-prompt byte for byte when no method is set', async () => {
    const plain = await runToRecord(syntheticConfig(server.url, ws.datasetPath, { steps: 2 }));
    const opro = await runToRecord(syntheticConfig(server.url, ws.datasetPath, { steps: 2, method: 'opro', feedbackExamples: 5 }));
    assert.deepEqual(opro.steps.map((s) => s.metaPrompt), plain.steps.map((s) => s.metaPrompt));
    for (const step of plain.steps) {
      assert.equal(failuresIn(step.metaPrompt), '');
      assert.equal(step.metaPrompt, metaPromptFor({ candidates: plain.candidates.filter((c) => c.step < step.step), examples: plain.examples }, plain.config, step.exemplars));
    }
  });

  it('rebuilds the same meta-prompt on resume and pays nothing twice with the cache', async () => {
    const config = syntheticConfig(server.url, ws.datasetPath, { steps: 3, method: 'feedback' });
    const cacheDir = join(scratchDir('opro-feedback-cache-'), 'cache');
    const uninterrupted: RunRecord = await runToRecord(config, { cacheDir });
    const runFile = join(scratchDir('opro-feedback-'), 'run.json');
    const controller = new AbortController();
    await runToRecord(config, { runFile, onEvent: (e) => e.type === 'stepFinished' && e.step.step === 1 && controller.abort() }, controller.signal);
    const pending = await nextMetaPrompt(runFile);
    assert.equal(pending, uninterrupted.steps[1]!.metaPrompt, 'the next step’s meta-prompt, failures and all');
    server.resetStats();
    await resumeRun(runFile, { credentials: { apiKey: 'test-key' }, cacheDir });
    const resumed = await readRunRecord(runFile);
    assert.deepEqual(resumed.steps.map((s) => s.metaPrompt), uninterrupted.steps.map((s) => s.metaPrompt));
    assert.equal(server.stats.requests, 0, 'every call of the resumed steps was answered from the cache');
  });
});
