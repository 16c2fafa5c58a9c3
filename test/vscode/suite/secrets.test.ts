import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { COMMAND_IDS } from '../../../src/extension/commandIds';
import type { OproExtensionApi } from '../../../src/extension/extensionApi';
import { oproApi } from '../support/extension';
import { TEST_KEY } from '../support/fakeModels';
import { ScriptedPrompter } from '../support/scriptedPrompter';

describe('the API key', () => {
  let api: OproExtensionApi;
  let prompter: ScriptedPrompter;
  let restore: () => void;

  before(async () => {
    api = await oproApi();
    prompter = new ScriptedPrompter();
    restore = api.usePrompter(prompter);
  });
  after(async () => {
    await api.services.apiKeys.clear();
    restore();
  });

  beforeEach(async () => {
    prompter.questions.length = 0;
    prompter.toasts.length = 0;
    prompter.answers = {};
    await api.services.apiKeys.clear();
  });

  it('round-trips through SecretStorage via "Set API Key" (a password box), confirms it, and never reaches the settings', async () => {
    prompter.answers.input = () => '  sk-stored-123  ';
    assert.equal(await vscode.commands.executeCommand(COMMAND_IDS.setApiKey), 'stored');
    assert.deepEqual(prompter.questions, [{ kind: 'input', title: 'OPRO: API key', password: true }]);
    assert.equal(await api.services.context.secrets.get('opro.apiKey'), 'sk-stored-123');
    assert.equal(await api.services.apiKeys.get(), 'sk-stored-123');
    assert.deepEqual(prompter.toasts.map((t) => t.message), ["The API key is stored in VS Code's secret storage."]);
    const settings = JSON.stringify(vscode.workspace.getConfiguration('opro'));
    assert.ok(!settings.includes('sk-stored-123'));
  });

  it('with a key stored, asks to replace or remove it first; replacing stores the new key', async () => {
    await api.services.apiKeys.set('sk-old');
    prompter.answers.pick = (labels) => labels.find((l) => l.includes('Replace the key'));
    prompter.answers.input = () => 'sk-new';
    assert.equal(await vscode.commands.executeCommand(COMMAND_IDS.setApiKey), 'stored');
    const asked = prompter.questions[0];
    assert.equal(asked?.kind, 'pick');
    assert.deepEqual(asked?.kind === 'pick' ? asked.labels : [], ['$(key) Replace the key', '$(trash) Remove the key']);
    assert.equal(await api.services.apiKeys.get(), 'sk-new');
  });

  it('an empty answer never deletes the stored key', async () => {
    await api.services.apiKeys.set('sk-keep');
    prompter.answers.pick = (labels) => labels.find((l) => l.includes('Replace the key'));
    prompter.answers.input = () => '';
    assert.equal(await vscode.commands.executeCommand(COMMAND_IDS.setApiKey), undefined);
    assert.equal(await api.services.context.secrets.get('opro.apiKey'), 'sk-keep');
  });

  it('"Remove the key" removes it and says OPENAI_API_KEY from the environment now applies', async () => {
    await api.services.apiKeys.set('sk-gone');
    prompter.answers.pick = (labels) => labels.find((l) => l.includes('Remove the key'));
    assert.equal(await vscode.commands.executeCommand(COMMAND_IDS.setApiKey), 'cleared');
    assert.equal(await api.services.context.secrets.get('opro.apiKey'), undefined);
    assert.equal(process.env.OPENAI_API_KEY, TEST_KEY, 'the harness sets it for the extension host');
    assert.equal(await api.services.apiKeys.get(), TEST_KEY);
    assert.match(prompter.toasts[0]?.message ?? '', /removed.*OPENAI_API_KEY from the environment/);
  });

  it('changes nothing when the question or the box is dismissed', async () => {
    await api.services.apiKeys.set('sk-keep');
    assert.equal(await vscode.commands.executeCommand(COMMAND_IDS.setApiKey), undefined);
    prompter.answers.pick = (labels) => labels[0];
    assert.equal(await vscode.commands.executeCommand(COMMAND_IDS.setApiKey), undefined);
    assert.equal(await api.services.apiKeys.get(), 'sk-keep');
    assert.deepEqual(prompter.toasts, []);
  });
});
