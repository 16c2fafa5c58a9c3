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

  it('round-trips through SecretStorage via "Set API Key" (a password box), and never reaches the settings', async () => {
    prompter.answers.input = () => '  sk-stored-123  ';
    assert.equal(await vscode.commands.executeCommand(COMMAND_IDS.setApiKey), 'stored');
    assert.deepEqual(prompter.questions.at(-1), { kind: 'input', title: 'OPRO: API key', password: true });
    assert.equal(await api.services.context.secrets.get('opro.apiKey'), 'sk-stored-123');
    assert.equal(await api.services.apiKeys.get(), 'sk-stored-123');
    const settings = JSON.stringify(vscode.workspace.getConfiguration('opro'));
    assert.ok(!settings.includes('sk-stored-123'));
  });

  it('falls back to OPENAI_API_KEY from the environment once the stored key is removed', async () => {
    prompter.answers.input = () => '';
    assert.equal(await vscode.commands.executeCommand(COMMAND_IDS.setApiKey), 'cleared');
    assert.equal(await api.services.context.secrets.get('opro.apiKey'), undefined);
    assert.equal(process.env.OPENAI_API_KEY, TEST_KEY, 'the harness sets it for the extension host');
    assert.equal(await api.services.apiKeys.get(), TEST_KEY);
  });

  it('changes nothing when the box is dismissed', async () => {
    await api.services.apiKeys.set('sk-keep');
    prompter.answers.input = () => undefined;
    assert.equal(await vscode.commands.executeCommand(COMMAND_IDS.setApiKey), undefined);
    assert.equal(await api.services.apiKeys.get(), 'sk-keep');
  });
});
