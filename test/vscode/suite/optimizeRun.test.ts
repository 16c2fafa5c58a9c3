import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import * as vscode from 'vscode';
import { readRunRecord } from '../../../src/core/engine';
import type { RunRecord } from '../../../src/core/runRecord';
import { COMMAND_IDS } from '../../../src/extension/commandIds';
import type { OproExtensionApi } from '../../../src/extension/extensionApi';
import type { RunOutcome } from '../../../src/extension/runs/runManager';
import { formatProgress } from '../../../src/extension/runs/progressText';
import type { FakeServer } from '../../support/fakeLlmServer';
import { oproApi } from '../support/extension';
import { resetModelSettings, useFakeModels } from '../support/fakeModels';
import { ScriptedPrompter } from '../support/scriptedPrompter';
import { closeAllEditors, DATASET, openMarked, workspacePath } from '../support/workspace';

const PROMPT_FILE = "export const PROMPT = 'Solve the arithmetic problem|.';\n";

/** The whole saved run, per-example results included, read back with core's reader. */
function readRun(file: string): Promise<RunRecord> {
  return readRunRecord(file);
}

describe('a full run against the local OpenAI-compatible server', () => {
  let api: OproExtensionApi;
  let server: FakeServer;
  let prompter: ScriptedPrompter;
  let restore: () => void;
  const progress: string[] = [];
  let progressListener: vscode.Disposable;

  before(async () => {
    api = await oproApi();
    progressListener = api.services.runs.onDidChangeRun((a) => progress.push(formatProgress(a.progress)));
  });
  beforeEach(async () => {
    prompter = new ScriptedPrompter({ pick: (labels) => labels[0] });
    restore = api.usePrompter(prompter);
    progress.length = 0;
  });
  afterEach(async () => {
    restore();
    await server.close();
    await resetModelSettings();
    await closeAllEditors();
  });
  after(() => progressListener.dispose());

  it('optimizes the prompt under the cursor, reports progress, and saves the run and the cache in .opro/', async () => {
    server = await useFakeModels();
    await openMarked('src/run1.ts', PROMPT_FILE);
    const outcome = await vscode.commands.executeCommand<RunOutcome>(COMMAND_IDS.optimizePrompt);
    const record = outcome.record;
    assert.ok(record, `no record; toasts: ${JSON.stringify(prompter.toasts)}`);
    assert.equal(record.status, 'finished');
    assert.equal(record.config.seedInstructions[0], 'Solve the arithmetic problem.');
    const seed = record.candidates.find((c) => c.origin === 'seed');
    const best = Math.max(...record.candidates.map((c) => c.score));
    assert.ok(seed !== undefined && best > seed.score, `best ${best} should beat the seed ${seed?.score}`);
    // The quick pick offered the example dataset and nothing else was asked (position is set).
    assert.deepEqual(prompter.questions.map((q) => q.kind), ['pick']);
    assert.equal((await readRun(outcome.runFile)).id, record.id);
    assert.ok(outcome.runFile.startsWith(workspacePath('.opro/runs/')));
    assert.ok(existsSync(workspacePath('.opro/cache')) && readdirSync(workspacePath('.opro/cache')).length > 0);
    assert.ok(progress.some((m) => /^step 2\/2 · best \d+% · \d+ calls · \d+k? tokens$/.test(m)), progress.join('\n'));
    assert.deepEqual(((await readRun(outcome.runFile)).meta?.source as { line: number } | undefined)?.line, 1);
    const panelTabs = vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith('opro.panel'));
    assert.equal(panelTabs.length, 1, 'the results panel is open');
    assert.deepEqual(prompter.errors(), []);
  });

  it('a second run of the same prompt asks nothing but the dataset, offering the last one first', async () => {
    server = await useFakeModels({}, { position: undefined, steps: 0 });
    prompter.answers.pick = (labels) => labels.find((l) => l.startsWith('Before each input')) ?? labels[0];
    await openMarked('src/run2.ts', "const p = 'Add the numbers|.';\n");
    await vscode.commands.executeCommand(COMMAND_IDS.optimizePrompt);
    const first = prompter.questions.map((q) => q.title);
    prompter.questions.length = 0;
    await vscode.commands.executeCommand(COMMAND_IDS.optimizePrompt);
    assert.deepEqual(first, ['OPRO: Dataset to score the prompt on', 'OPRO: Where does this prompt go? (remembered for this prompt; opro.position sets a default)']);
    assert.deepEqual(prompter.questions.map((q) => q.title), ['OPRO: Dataset to score the prompt on']);
    const offered = prompter.questions[0]?.kind === 'pick' ? prompter.questions[0].labels : [];
    assert.equal(offered[0], DATASET);
  });

  it('cancelling keeps what finished, shows no error, and the run resumes to the end', async () => {
    server = await useFakeModels({ latencyMs: 40 }, { steps: 3, concurrency: 4 });
    await openMarked('src/run3.ts', PROMPT_FILE);
    const stopAtStep2 = api.services.runs.onDidChangeRun((a) => {
      if (formatProgress(a.progress).startsWith('step 2/3')) {
        api.services.runs.stop(a.runId);
      }
    });
    let outcome: RunOutcome;
    try {
      outcome = await vscode.commands.executeCommand<RunOutcome>(COMMAND_IDS.optimizePrompt, { datasetPath: workspacePath(DATASET) });
    } finally {
      stopAtStep2.dispose();
    }
    const cancelled = await readRun(outcome.runFile);
    assert.equal(outcome.record?.status, 'cancelled');
    assert.equal(cancelled.status, 'cancelled');
    assert.ok(cancelled.steps.some((s) => s.step === 1 && s.done), 'step 1 is kept');
    assert.deepEqual(prompter.errors(), []);

    const resumed = await vscode.commands.executeCommand<RunOutcome>(COMMAND_IDS.resumeRun, { runId: cancelled.id });
    assert.equal(resumed.record?.status, 'finished');
    assert.equal(resumed.record?.id, cancelled.id);
    assert.ok(cancelled.candidates.every((c) => resumed.record?.candidates.some((r) => r.id === c.id && r.scoredAt === c.scoredAt)), 'finished work is kept, not redone');
    assert.equal(resumed.record?.steps.filter((s) => s.done).length, 3);
  });

  it('scores a person\'s instruction: queued into a live run, or appended to a finished one', async () => {
    server = await useFakeModels({ latencyMs: 20 }, { steps: 2 });
    await openMarked('src/run4.ts', PROMPT_FILE);
    const mine = 'Solve the arithmetic problem. Double-check it.';
    const queueOnce = api.services.runs.onDidChangeRun((a) => {
      if (formatProgress(a.progress).startsWith('step 1/2')) {
        queueOnce.dispose();
        void api.services.controller.scoreInstruction(a.runId, mine);
      }
    });
    const outcome = await vscode.commands.executeCommand<RunOutcome>(COMMAND_IDS.optimizePrompt, { datasetPath: workspacePath(DATASET) });
    queueOnce.dispose();
    const live = outcome.record!;
    assert.deepEqual(live.candidates.filter((c) => c.origin === 'user').map((c) => c.instruction), [mine]);
    const later = 'Solve it. Show your work and give the final answer.';
    await api.services.controller.scoreInstruction(live.id, later);
    const saved = await readRun(outcome.runFile);
    assert.deepEqual(saved.candidates.filter((c) => c.origin === 'user').map((c) => c.instruction), [mine, later]);
  });

  it('asks for the dataset columns core cannot detect, once per dataset', async () => {
    server = await useFakeModels();
    const csv = workspacePath('data/qa.csv');
    const rows = ['prompt_text,gold', ...Array.from({ length: 10 }, (_, i) => `What is ${i} + ${i + 1}?,${2 * i + 1}`)];
    await vscode.workspace.fs.writeFile(vscode.Uri.file(csv), new TextEncoder().encode(rows.join('\n') + '\n'));
    prompter.answers.pick = (_labels, title) => (/is the input/.test(title ?? '') ? 'prompt_text' : 'gold');
    await openMarked('src/run5.ts', PROMPT_FILE);
    const scored = await vscode.commands.executeCommand<{ total: number } | undefined>(COMMAND_IDS.evaluatePrompt, { datasetPath: csv });
    assert.equal(scored?.total, 8, JSON.stringify(prompter.toasts));
    assert.deepEqual(prompter.questions.map((q) => q.title), ['OPRO: Which column of data/qa.csv holds the expected answer?', 'OPRO: Which column of data/qa.csv is the input?']);
    prompter.questions.length = 0;
    await vscode.commands.executeCommand(COMMAND_IDS.evaluatePrompt, { datasetPath: csv });
    assert.deepEqual(prompter.questions, []);
  });

  it('"Select Models" lists the endpoint\'s models and saves the choice', async () => {
    server = await useFakeModels({ models: ['model-a', 'model-b'] });
    prompter.answers.pick = (_labels, title) => (title?.startsWith('OPRO: Scorer') ? 'model-b' : 'model-a');
    const chosen = await vscode.commands.executeCommand(COMMAND_IDS.selectModels);
    assert.deepEqual(chosen, { scorer: 'model-b', optimizer: 'model-a' });
    const config = vscode.workspace.getConfiguration('opro');
    assert.deepEqual([config.get('scorerModel'), config.get('optimizerModel')], ['model-b', 'model-a']);
    const offered = prompter.questions.flatMap((q) => (q.kind === 'pick' ? [q.labels] : []));
    assert.deepEqual(offered, [['model-a', 'model-b'], ['model-b', 'model-a']]);
  });

  it('"Show Runs" lists saved runs newest first and opens the one picked', async () => {
    server = await useFakeModels();
    const runId = await vscode.commands.executeCommand<string | undefined>(COMMAND_IDS.showRuns);
    const pick = prompter.questions[0];
    assert.equal(pick?.kind, 'pick');
    assert.ok(pick.kind === 'pick' && pick.labels.length >= 3, JSON.stringify(pick));
    const runs = await api.services.runs.files.list();
    assert.equal(runId, runs[0]?.runId);
  });
});
