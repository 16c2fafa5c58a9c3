import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { OproError } from '../../../src/core/errors';
import { readRunRecord } from '../../../src/core/engine';
import type { RunRecord } from '../../../src/core/runRecord';
import { COMMAND_IDS } from '../../../src/extension/commandIds';
import { describeError } from '../../../src/extension/errors/describeError';
import type { OproExtensionApi } from '../../../src/extension/extensionApi';
import type { RunOutcome } from '../../../src/extension/runs/runManager';
import type { FakeServer } from '../../support/fakeLlmServer';
import { oproApi } from '../support/extension';
import { resetModelSettings, useFakeModels } from '../support/fakeModels';
import { ScriptedPrompter } from '../support/scriptedPrompter';
import { closeAllEditors, DATASET, openMarked, setSettings, workspacePath } from '../support/workspace';

const PROMPT_FILE = "export const PROMPT = 'Solve the arithmetic problem|.';\n";
const SCORING_SETTINGS = ['metric', 'judge.rubric', 'judge.rubricFile', 'judge.model', 'customScorer', 'lengthPenalty'];

/** A grader in the workspace, as a user would write one: full marks when the output holds the answer. */
const SCORER_MODULE = `export async function score({ expected, output }) {
  const isRight = output.includes(String(expected).trim());
  return { score: isRight ? 1 : 0, reason: isRight ? 'custom: found ' + expected : 'custom: missing ' + expected };
}
`;

async function writeWorkspaceFile(relative: string, text: string): Promise<void> {
  await vscode.workspace.fs.writeFile(vscode.Uri.file(workspacePath(relative)), new TextEncoder().encode(text));
}

/** The whole saved run, per-example results included, read back with core's reader. */
function readRun(file: string): Promise<RunRecord> {
  return readRunRecord(file);
}

describe('judge and custom scorers chosen in settings', () => {
  let api: OproExtensionApi;
  let server: FakeServer;
  let prompter: ScriptedPrompter;
  let restore: () => void;

  async function optimize(): Promise<RunOutcome> {
    await openMarked('src/scoring.ts', PROMPT_FILE);
    return vscode.commands.executeCommand<RunOutcome>(COMMAND_IDS.optimizePrompt, { datasetPath: workspacePath(DATASET) });
  }

  before(async () => {
    api = await oproApi();
  });
  beforeEach(() => {
    prompter = new ScriptedPrompter();
    restore = api.usePrompter(prompter);
  });
  afterEach(async () => {
    restore();
    await server.close();
    await setSettings(Object.fromEntries(SCORING_SETTINGS.map((key) => [key, undefined])));
    await resetModelSettings();
    await closeAllEditors();
  });

  it('an LLM judge grades with the rubric file and the judge model, and every example keeps its reason', async () => {
    await writeWorkspaceFile('rubrics/arithmetic.md', 'The answer must state the correct sum.\n');
    server = await useFakeModels({}, { steps: 1, candidatesPerStep: 2, metric: 'judge', 'judge.rubric': 'not this one', 'judge.rubricFile': 'rubrics/arithmetic.md', 'judge.model': 'fake-judge' });
    const outcome = await optimize();
    assert.deepEqual(prompter.errors(), []);
    const saved = await readRun(outcome.runFile);
    assert.equal(saved.status, 'finished');
    assert.deepEqual(saved.config.grader, { kind: 'judge', rubric: 'The answer must state the correct sum.' });
    assert.equal(saved.config.judge?.model, 'fake-judge');
    assert.equal(saved.config.judge?.apiKey, undefined, 'the run file holds no key');
    assert.ok(saved.candidates.length > 1);
    for (const candidate of saved.candidates) {
      assert.ok(candidate.results.length > 0 && candidate.results.every((r) => /^(Matches|Differs from) the reference\.$/.test(r.reason ?? '')), candidate.instruction);
    }
    assert.ok(server.stats.answered.some((r) => r.model === 'fake-judge' && r.temperature === 0), 'the judge model answered at temperature 0');
  });

  it('a missing rubric file stops the command before any question, naming the file', async () => {
    server = await useFakeModels({}, { metric: 'judge', 'judge.rubricFile': 'rubrics/nowhere.md' });
    const outcome = await optimize();
    assert.equal(outcome, undefined);
    assert.deepEqual(prompter.questions, []);
    assert.deepEqual(prompter.errors().map((t) => [t.message, t.buttons]), [
      ["Cannot read the judge's rubric file rubrics/nowhere.md (no such file). Create it, or point opro.judge.rubricFile at a text file in the workspace.", ['Open Settings', 'Show Log']],
    ]);
  });

  it('a custom scorer module in the workspace grades the run', async () => {
    await writeWorkspaceFile('scorers/containsAnswer.mjs', SCORER_MODULE);
    server = await useFakeModels({}, { steps: 1, candidatesPerStep: 2, metric: 'custom', customScorer: 'scorers/containsAnswer.mjs' });
    const outcome = await optimize();
    assert.deepEqual(prompter.errors(), []);
    const saved = await readRun(outcome.runFile);
    assert.equal(saved.status, 'finished');
    assert.deepEqual(saved.config.grader, { kind: 'custom', module: workspacePath('scorers/containsAnswer.mjs') });
    const results = saved.candidates.flatMap((c) => c.results);
    assert.ok(results.length > 0 && results.every((r) => /^custom: (found|missing) /.test(r.reason ?? '')), JSON.stringify(results[0]));
    assert.ok(results.some((r) => r.correct) && results.some((r) => !r.correct), 'the module decided both ways');
  });

  it('offers "Manage Workspace Trust" when a custom scorer meets an untrusted workspace', () => {
    const description = describeError(new OproError('config', 'The custom scorer /ws/s.mjs runs workspace code, and this workspace is not trusted.'));
    assert.deepEqual(description?.actions.map((a) => a.command), ['workbench.trust.manage', 'workbench.action.openSettings']);
  });
});
