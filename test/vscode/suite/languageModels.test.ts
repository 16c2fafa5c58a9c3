import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { readRunRecord } from '../../../src/core/engine';
import { OproError } from '../../../src/core/errors';
import type { RunRecord, ScoredCandidate } from '../../../src/core/runRecord';
import { COMMAND_IDS } from '../../../src/extension/commandIds';
import type { OproExtensionApi } from '../../../src/extension/extensionApi';
import { createVsCodeLmClient } from '../../../src/extension/models/vscodeLmClient';
import type { RunOutcome } from '../../../src/extension/runs/runManager';
import { countTestTokens } from '../lmProvider/api';
import { oproApi } from '../support/extension';
import { resetModelSettings } from '../support/fakeModels';
import { ScriptedPrompter } from '../support/scriptedPrompter';
import { DEFAULT_TEST_MODELS, useTestModels, type TestModels } from '../support/testModels';
import { closeAllEditors, DATASET, openMarked, setSettings, workspacePath } from '../support/workspace';

const INSTRUCTION = 'Solve the arithmetic problem.';
const PROMPT_FILE = `export const PROMPT = '${INSTRUCTION.replace('.', '|.')}';\n`;
const ASK_TITLE = 'OPRO: Which VS Code language model should score and improve your prompt?';

/** The run settings of these tests: VS Code's models, small and fast. */
const LM_SETTINGS = { provider: 'vscode-lm', baseUrl: undefined, scorerModel: 'fake-scorer', optimizerModel: 'fake-optimizer', steps: 2, candidatesPerStep: 4, position: 'Q_begin' };

/** The whole saved run, read back with core's reader. */
function readRun(file: string): Promise<RunRecord> {
  return readRunRecord(file);
}

describe("VS Code's language models (vscode-lm) through a provider extension in the real vscode.lm", () => {
  let api: OproExtensionApi;
  let models: TestModels;
  let prompter: ScriptedPrompter;
  let restore: () => void;
  const datasetArgs = (): { datasetPath: string } => ({ datasetPath: workspacePath(DATASET) });
  const evaluate = async (): Promise<ScoredCandidate | undefined> => vscode.commands.executeCommand<ScoredCandidate | undefined>(COMMAND_IDS.evaluatePrompt, datasetArgs());

  before(async () => {
    api = await oproApi();
    models = await useTestModels();
  });
  beforeEach(async () => {
    // The confirm step always asks for VS Code's models (requests count against a plan): start the run.
    prompter = new ScriptedPrompter({ button: (toast) => (toast.buttons.includes('Start Run') ? 'Start Run' : undefined) });
    restore = api.usePrompter(prompter);
    await models.offer(DEFAULT_TEST_MODELS);
    await setSettings(LM_SETTINGS);
    await openMarked('src/lm.ts', PROMPT_FILE);
  });
  afterEach(async () => {
    restore();
    await resetModelSettings();
    await setSettings({ metric: undefined, 'judge.rubric': undefined });
    await closeAllEditors();
  });
  after(async () => {
    await models.server.close();
  });

  it('runs an optimization end to end, names the models by name and vendor, and counts tokens with countTokens', async () => {
    const outcome = await vscode.commands.executeCommand<RunOutcome>(COMMAND_IDS.optimizePrompt, datasetArgs());
    const record = outcome.record;
    assert.ok(record, `no record; toasts: ${JSON.stringify(prompter.toasts)}`);
    assert.equal(record.status, 'finished');
    const seed = record.candidates.find((c) => c.origin === 'seed');
    assert.ok(seed !== undefined && Math.max(...record.candidates.map((c) => c.score)) > seed.score, 'the optimizer found a better instruction');
    const saved = await readRun(outcome.runFile);
    // The id stays for requests and resume; the label and vendor name the model for people.
    assert.deepEqual(
      [saved.config.scorer, saved.config.optimizer].map(({ provider, model, label, vendor }) => ({ provider, model, label, vendor })),
      [
        { provider: 'vscode-lm', model: 'fake-scorer', label: 'Fake Scorer · OPRO Test', vendor: 'opro-test' },
        { provider: 'vscode-lm', model: 'fake-optimizer', label: 'Fake Optimizer · OPRO Test', vendor: 'opro-test' },
      ],
    );
    const received = models.provider.requests;
    assert.deepEqual(new Set(received.map((r) => r.model)), new Set(['fake-scorer', 'fake-optimizer']));
    // VS Code reports no usage: every paid call's tokens are the provider's own counts of what it got.
    const promptTokens = received.reduce((sum, r) => sum + r.contents.reduce((s, c) => s + countTestTokens(c), 0), 0);
    const completionTokens = received.reduce((sum, r) => sum + countTestTokens(r.reply), 0);
    assert.ok(promptTokens > 0 && completionTokens > 0);
    assert.deepEqual(
      [saved.usage.calls, saved.usage.promptTokens, saved.usage.completionTokens],
      [received.length, promptTokens, completionTokens],
    );
    assert.equal(models.provider.tokenCounts.calls, received.reduce((sum, r) => sum + r.contents.length + 1, 0), 'each message and each reply counted once');
    // The confirm step counted requests, never dollars, and offered no price threshold.
    const confirm = prompter.toasts.find((t) => t.isModal && t.buttons.includes('Start Run'));
    assert.ok(confirm !== undefined && /^Start the OPRO run\? about [\d,]+ requests \(at most [\d,]+\)\./.test(confirm.message), confirm?.message);
    assert.ok(!confirm.message.includes('$'), confirm.message);
    assert.deepEqual(confirm.buttons, ['Start Run']);
    assert.deepEqual(received.flatMap((r) => r.modelOptions.temperature).filter((t, i, all) => all.indexOf(t) === i).sort(), [0, 1], 'scorer at 0, optimizer at 1');
    assert.deepEqual(prompter.errors(), []);
  });

  it('a model setting that matches no VS Code model is an error naming the models there are, whose button opens Select Models', async () => {
    await setSettings({ scorerModel: 'gpt-9' });
    prompter.answers.button = (toast) => (toast.level === 'error' ? 'Select Models' : undefined);
    prompter.answers.pick = (labels, title) => (title?.startsWith('OPRO: Scorer') ? 'Fake Optimizer · OPRO Test' : labels[0]);
    assert.equal(await evaluate(), undefined);
    const [error] = prompter.errors();
    assert.equal(
      error?.message,
      'opro.scorerModel is "gpt-9", but no VS Code language model has that id or name. ' +
        'Available: Fake Scorer · OPRO Test (fake-scorer), Fake Optimizer · OPRO Test (fake-optimizer). Run "OPRO: Select Models" to pick one.',
    );
    assert.deepEqual(error?.buttons, ['Select Models', 'Open Settings']);
    assert.deepEqual(models.provider.requests, [], 'no other model was used instead');
    const offered = prompter.questions.flatMap((q) => (q.kind === 'pick' ? [q.labels] : []));
    assert.deepEqual(offered[0], ['Fake Scorer · OPRO Test', 'Fake Optimizer · OPRO Test'], 'Select Models lists the models by name and vendor');
    assert.equal(vscode.workspace.getConfiguration('opro').get('scorerModel'), 'fake-optimizer', 'and saves the id picked');
  });

  it('with no model set, asks once with the list and remembers the answer; never takes the first unseen', async () => {
    await setSettings({ scorerModel: undefined, optimizerModel: undefined });
    prompter.answers.pick = (labels, title) => (title === ASK_TITLE ? labels[1] : undefined);
    const first = await evaluate();
    assert.deepEqual(prompter.questions, [{ kind: 'pick', title: ASK_TITLE, labels: ['Fake Scorer · OPRO Test', 'Fake Optimizer · OPRO Test'] }]);
    assert.ok(first !== undefined && first.total > 0, JSON.stringify(prompter.toasts));
    assert.equal(vscode.workspace.getConfiguration('opro').get('scorerModel'), 'fake-optimizer');
    assert.deepEqual(new Set(models.provider.requests.map((r) => r.model)), new Set(['fake-optimizer']));
    prompter.questions.length = 0;
    await evaluate();
    assert.deepEqual(prompter.questions, [], 'asked once');
  });

  it('cancelling that question runs nothing and shows no error', async () => {
    await setSettings({ scorerModel: undefined });
    assert.equal(await evaluate(), undefined);
    assert.deepEqual(prompter.questions.map((q) => q.title), [ASK_TITLE]);
    assert.deepEqual([prompter.toasts, models.provider.requests], [[], []]);
    assert.equal(vscode.workspace.getConfiguration('opro').get('scorerModel'), '');
  });

  it('consent refused: the run ends at once with a clear message and Retry, and is never retried as a transient fault', async () => {
    // A model that requires authorization: VS Code asks the user on the first request. Extension
    // tests refuse every dialog, which is what VS Code does when the user cancels its consent dialog.
    await models.offer([{ id: 'fake-guarded', name: 'Fake Guarded', upstream: 'fake-scorer', requiresAuthorization: true }]);
    await setSettings({ scorerModel: 'fake-guarded', optimizerModel: undefined });
    let retries = 0;
    prompter.answers.button = (toast) => (toast.buttons.includes('Start Run') ? 'Start Run' : toast.buttons.includes('Retry') && retries++ === 0 ? 'Retry' : undefined);
    const outcome = await vscode.commands.executeCommand<RunOutcome>(COMMAND_IDS.optimizePrompt, datasetArgs());
    assert.equal(outcome.record, undefined);
    const message = 'VS Code did not let OPRO use the language model Fake Guarded · OPRO Test: access was refused or revoked. ' +
      'Retry and choose "Allow" when VS Code asks, or pick another model with "OPRO: Select Models".';
    // The first toast's Retry resumed the run, which VS Code refused again: a second toast.
    assert.deepEqual(prompter.errors().map((t) => [t.message, t.buttons]), [
      [message, ['Retry', 'Select Models', 'Show Log']],
      [message, ['Retry', 'Select Models', 'Show Log']],
    ]);
    const saved = await readRun(outcome.runFile);
    assert.deepEqual([saved.status, saved.error?.kind], ['failed', 'auth']);
    assert.deepEqual([models.provider.requests.length, models.server.stats.requests], [0, 0], 'no request got past VS Code');
  });

  it('consent refused: of many requests at once only the first goes to VS Code, and all fail with its refusal', async () => {
    await models.offer([{ id: 'fake-guarded', name: 'Fake Guarded', requiresAuthorization: true }]);
    const [chat] = await vscode.lm.selectChatModels({ vendor: 'opro-test', id: 'fake-guarded' });
    assert.ok(chat);
    let sent = 0;
    // The real model (VS Code freezes it, so it is wrapped), with its sendRequest calls counted.
    const counted: vscode.LanguageModelChat = {
      id: chat.id,
      name: chat.name,
      vendor: chat.vendor,
      family: chat.family,
      version: chat.version,
      maxInputTokens: chat.maxInputTokens,
      countTokens: (text, token) => chat.countTokens(text, token),
      sendRequest: (messages, options, token) => {
        sent += 1;
        return chat.sendRequest(messages, options, token);
      },
    };
    const client = createVsCodeLmClient({ provider: 'vscode-lm', model: chat.id, label: 'Fake Guarded · OPRO Test', temperature: 0, maxTokens: 16 }, { concurrency: 4 }, async () => counted);
    const request = { messages: [{ role: 'user' as const, content: 'What is 1 + 2?' }], temperature: 0, maxTokens: 16 };
    const settled = await Promise.allSettled(Array.from({ length: 6 }, () => client.complete(request)));
    assert.equal(sent, 1);
    assert.deepEqual(settled.map((s) => (s.status === 'rejected' && s.reason instanceof OproError ? s.reason.kind : s.status)), Array(6).fill('auth'));
    assert.deepEqual(models.provider.requests, []);
  });

  it('a provider\'s limit (LanguageModelError.Blocked) ends the run too, with Retry, after one request', async () => {
    await models.offer([...DEFAULT_TEST_MODELS, { id: 'fake-blocked', name: 'Fake Blocked', failWith: 'Blocked' }]);
    await setSettings({ scorerModel: 'fake-blocked' });
    assert.equal(await evaluate(), undefined);
    assert.deepEqual(prompter.errors().map((t) => [t.message, t.buttons]), [[
      'The language model Fake Blocked · OPRO Test refused the request: its provider\'s limit is reached. ' +
        'Wait, then Retry (the run resumes where it stopped), or pick another model with "OPRO: Select Models".',
      ['Retry', 'Select Models', 'Show Log'],
    ]]);
    assert.equal(models.provider.requests.length, 1, 'not a fault to retry, nor one to score as a wrong answer');
  });

  it('position "system": the instruction reaches the model as a user message of its own, before the question', async () => {
    await setSettings({ position: 'system' });
    const system = await evaluate();
    const received = models.provider.requests;
    assert.ok(system !== undefined && received.length >= system.total, `${received.length} requests`);
    for (const request of received) {
      assert.deepEqual(request.roles, ['user', 'user']);
      assert.equal(request.contents[0], INSTRUCTION);
      assert.match(request.contents[1] ?? '', /^What is \d+ \+ \d+\?$/);
    }
    await setSettings({ position: 'Q_begin' });
    const inline = await evaluate();
    assert.deepEqual([system?.correct, system?.total], [inline?.correct, inline?.total], 'the model read the instruction either way');
  });

  it('an LLM judge: its system message arrives as the first user message, and its verdicts grade the answers', async () => {
    await setSettings({ metric: 'judge', 'judge.rubric': 'The answer must give the right sum.' });
    const scored = await evaluate();
    const judged = models.provider.requests.filter((r) => r.contents[0]?.startsWith('You grade answers'));
    assert.ok(scored !== undefined && judged.length >= scored.total, JSON.stringify(prompter.toasts));
    assert.ok(judged.every((r) => r.roles.join() === 'user,user' && r.contents[1]?.includes('Answer to grade:')));
    // The fake judge reads the answer from the last message: right answers score 1, the rest 0.2.
    const right = scored.results.filter((r) => r.reason === 'Matches the reference.');
    assert.ok(right.length > 0 && right.length < scored.total, JSON.stringify(scored.results.map((r) => r.reason)));
    assert.equal(scored.correct, right.length);
  });
});
