import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { COMMAND_IDS } from '../../../src/extension/commandIds';
import type { OproExtensionApi } from '../../../src/extension/extensionApi';
import type { RunOutcome } from '../../../src/extension/runs/runManager';
import type { FakeServer } from '../../support/fakeLlmServer';
import { oproApi } from '../support/extension';
import { resetModelSettings, useFakeModels } from '../support/fakeModels';
import { ScriptedPrompter, type Toast } from '../support/scriptedPrompter';
import { closeAllEditors, DATASET, openMarked, setSettings, workspacePath } from '../support/workspace';

const PROMPT_FILE = "export const PROMPT = 'Solve the arithmetic problem|.';\n";
/** Prices for the fake models (USD per million tokens): the local server is otherwise free and never asks. */
const PRICES = { 'fake-scorer': { input: 2, cachedInput: 0.5, output: 8 }, 'fake-optimizer': { input: 2, output: 8 } };

describe('the confirm step before a run: the estimate, one click to start', () => {
  let api: OproExtensionApi;
  let server: FakeServer;
  let prompter: ScriptedPrompter;
  let restore: () => void;
  const confirmations = (): Toast[] => prompter.toasts.filter((t) => t.isModal && t.buttons.includes('Start Run'));
  const optimize = async (): Promise<RunOutcome | undefined> =>
    vscode.commands.executeCommand<RunOutcome | undefined>(COMMAND_IDS.optimizePrompt, { datasetPath: workspacePath(DATASET) });

  before(async () => {
    api = await oproApi();
  });
  beforeEach(async () => {
    prompter = new ScriptedPrompter();
    restore = api.usePrompter(prompter);
    server = await useFakeModels({}, { steps: 1, prices: PRICES, confirmCostAbove: undefined, maxCost: undefined });
    await openMarked('src/confirm.ts', PROMPT_FILE);
  });
  afterEach(async () => {
    restore();
    await server.close();
    await resetModelSettings();
    await setSettings({ prices: undefined, confirmCostAbove: undefined, maxCost: undefined, scorerMaxTokens: undefined });
    await closeAllEditors();
  });

  it('shows calls, tokens and dollars; cancelling it calls no model', async () => {
    const outcome = await optimize();
    assert.equal(outcome, undefined);
    const [confirm] = confirmations();
    assert.ok(confirm, JSON.stringify(prompter.toasts));
    assert.match(confirm.message, /^Start the OPRO run\? about \$\d+\.\d{2,4} \(at most \$\d+\.\d{2,4}\)\.\n/);
    assert.match(confirm.message, /\nat most: {2}[\d,]+ calls, [\d.,]+k? input \+ [\d.,]+k? output tokens, \$\d/);
    assert.match(confirm.message, /\nexpected: [\d,]+ calls, .*\(every candidate on every training row, the optimizer's 4 samples in one request \(n\)/);
    assert.deepEqual(confirm.buttons, ['Start Run', "Don't Ask Again Under $0.10"]);
    assert.equal(server.stats.requests, 0, 'nothing was sent');
  });

  it('"Start Run" starts it; "Don\'t Ask Again Under $X" starts it and sets opro.confirmCostAbove, so the next run starts at once', async () => {
    prompter.answers.button = (toast) => (toast.buttons.includes('Start Run') ? 'Start Run' : undefined);
    assert.equal((await optimize())?.record?.status, 'finished', JSON.stringify(prompter.toasts));
    prompter.answers.button = (toast) => toast.buttons.find((b) => b.startsWith("Don't Ask Again"));
    assert.equal((await optimize())?.record?.status, 'finished');
    assert.equal(vscode.workspace.getConfiguration('opro').get('confirmCostAbove'), 0.1);
    prompter.answers.button = () => undefined;
    assert.equal((await optimize())?.record?.status, 'finished', 'under the threshold: no question');
    assert.equal(confirmations().length, 2);
  });

  it('opro.maxCost ends the run cleanly when reached, the status says why, and Resume Run goes on under a higher limit', async () => {
    await setSettings({ confirmCostAbove: 1000, maxCost: 0.01, scorerMaxTokens: 16, steps: 3 });
    const outcome = await optimize();
    const record = outcome?.record;
    assert.deepEqual([record?.status, record?.stopReason], ['finished', 'maxCost'], JSON.stringify(prompter.toasts));
    assert.ok((record?.usage.costUsd ?? 1) <= 0.01, JSON.stringify(record?.usage));
    await setSettings({ maxCost: 100 });
    const resumed = await vscode.commands.executeCommand<RunOutcome | undefined>(COMMAND_IDS.resumeRun, { runId: record?.id });
    assert.equal(resumed?.record?.status, 'finished');
    assert.notEqual(resumed?.record?.stopReason, 'maxCost');
    assert.ok((resumed?.record?.usage.costUsd ?? 0) > (record?.usage.costUsd ?? 0));
    assert.deepEqual(prompter.errors(), []);
  });
});
