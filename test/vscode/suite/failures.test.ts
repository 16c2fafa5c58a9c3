import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import * as vscode from 'vscode';
import { COMMAND_IDS } from '../../../src/extension/commandIds';
import type { OproExtensionApi } from '../../../src/extension/extensionApi';
import type { FakeServer } from '../../support/fakeLlmServer';
import { oproApi } from '../support/extension';
import { pointAt, resetModelSettings, useFakeModels } from '../support/fakeModels';
import { ScriptedPrompter, type Toast } from '../support/scriptedPrompter';
import { closeAllEditors, DATASET, openMarked, setSettings, workspacePath } from '../support/workspace';

/** A port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('failures get one clear message with the button that fixes them', () => {
  let api: OproExtensionApi;
  let server: FakeServer;
  let prompter: ScriptedPrompter;
  let restore: () => void;

  /** Runs "Evaluate Prompt" and returns the one error toast it showed. */
  async function failure(): Promise<Toast> {
    prompter.toasts.length = 0;
    await vscode.commands.executeCommand(COMMAND_IDS.evaluatePrompt, { datasetPath: workspacePath(DATASET) });
    const errors = prompter.errors();
    assert.equal(errors.length, 1, JSON.stringify(prompter.toasts));
    return errors[0]!;
  }

  before(async () => {
    api = await oproApi();
    server = await useFakeModels();
    prompter = new ScriptedPrompter();
    restore = api.usePrompter(prompter);
    await openMarked('src/fail.ts', "const p = 'Solve| it.';\n");
  });
  afterEach(async () => {
    await api.services.apiKeys.clear();
    server.setOptions({ quotaExhausted: false });
    await pointAt(server);
  });
  after(async () => {
    restore();
    await server.close();
    await resetModelSettings();
    await closeAllEditors();
  });

  it('wrong key', async () => {
    await api.services.apiKeys.set('sk-wrong-key-123');
    const toast = await failure();
    assert.match(toast.message, /rejected the API key \(401\)/);
    assert.ok(!toast.message.includes('sk-wrong-key-123'));
    assert.deepEqual(toast.buttons, ['Set API Key', 'Show Log']);
  });

  it('no key for api.openai.com', async () => {
    const saved = process.env.OPENAI_API_KEY;
    delete process.env.OPENAI_API_KEY;
    try {
      await setSettings({ baseUrl: undefined });
      const toast = await failure();
      assert.match(toast.message, /No API key is set for https:\/\/api\.openai\.com\/v1/);
      assert.deepEqual(toast.buttons, ['Set API Key', 'Show Log']);
    } finally {
      process.env.OPENAI_API_KEY = saved;
    }
  });

  it('unknown model', async () => {
    await setSettings({ scorerModel: 'missing-model' });
    const toast = await failure();
    // The endpoint's /models is asked: the toast names the setting and the models there are.
    assert.match(toast.message, /^Model `missing-model` is not available at http:\/\/127\.0\.0\.1:\d+\/v1: it has `[^`]+`.*\. Set opro\.scorerModel \/ --scorer-model to a model it lists\.$/);
    assert.deepEqual(toast.buttons, ['Select Models', 'Open Settings']);
  });

  it('endpoint down', async () => {
    await setSettings({ baseUrl: `http://127.0.0.1:${await closedPort()}/v1` });
    const toast = await failure();
    assert.match(toast.message, /Could not reach http:\/\/127\.0\.0\.1:\d+\/v1: connection refused/);
    assert.deepEqual(toast.buttons, ['Open Settings', 'Show Log']);
  });

  it('quota exhausted', async () => {
    server.setOptions({ quotaExhausted: true });
    const toast = await failure();
    assert.match(toast.message, /no quota left/);
    assert.deepEqual(toast.buttons, ['Set API Key', 'Show Log']);
  });

  it('nothing set up: guides to a key or the settings', async () => {
    const saved = process.env.OPENAI_API_KEY;
    delete process.env.OPENAI_API_KEY;
    try {
      await setSettings({ provider: 'auto', baseUrl: undefined });
      const toast = await failure();
      assert.match(toast.message, /No language model is set up/);
      assert.deepEqual(toast.buttons, ['Set API Key', 'Open Settings']);
    } finally {
      process.env.OPENAI_API_KEY = saved;
    }
  });

  it('a dataset problem names the file and line, with a button to open it', async () => {
    const bad = workspacePath('data/bad.jsonl');
    await vscode.workspace.fs.writeFile(vscode.Uri.file(bad), new TextEncoder().encode('{"question":"1+1","answer":"2"}\n{not json\n'));
    prompter.toasts.length = 0;
    await vscode.commands.executeCommand(COMMAND_IDS.evaluatePrompt, { datasetPath: bad });
    const toast = prompter.errors()[0];
    assert.match(toast?.message ?? '', /bad\.jsonl:2/);
    assert.deepEqual(toast?.buttons, ['Open Dataset', 'Show Log']);
  });
});
