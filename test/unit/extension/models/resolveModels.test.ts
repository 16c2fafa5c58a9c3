import assert from 'node:assert/strict';
import { OproError } from '../../../../src/core/errors';
import { resolveModels, type ModelProbes } from '../../../../src/extension/models/resolveModels';
import { settingFor } from '../../../../src/extension/models/resolveVsCodeLm';
import { modelLabel, type VsCodeModelInfo } from '../../../../src/extension/models/vscodeModelInfo';
import { normalizeSettings } from '../../../../src/extension/settingValues';

function settingsWith(values: Record<string, unknown>) {
  return normalizeSettings((key) => values[key]);
}

function vscodeModel(id: string, name = id, vendor = 'copilot'): VsCodeModelInfo {
  return { id, name, vendor, family: id, label: modelLabel({ name, vendor }) };
}

function probes(overrides: Partial<ModelProbes> = {}): ModelProbes & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    apiKey: undefined,
    listVsCodeModels: async () => {
      calls.push('vscode');
      return [];
    },
    listEndpointModels: async (url) => {
      calls.push(`list ${url}`);
      return [];
    },
    isEndpointUp: async (url) => {
      calls.push(`probe ${url}`);
      return false;
    },
    ...overrides,
  };
}

describe('resolveModels', () => {
  it('auto: uses OpenAI with gpt-4o-mini when only a key is set, asking nothing else', async () => {
    const p = probes({ apiKey: 'sk-test' });
    assert.deepEqual(await resolveModels(settingsWith({}), p), {
      provider: 'openai',
      source: 'openai',
      baseUrl: 'https://api.openai.com/v1',
      apiKey: 'sk-test',
      scorerModel: 'gpt-4o-mini',
      optimizerModel: 'gpt-4o-mini',
    });
    assert.deepEqual(p.calls, []);
  });

  it('auto: a configured base URL wins, and its first listed model is the default', async () => {
    const p = probes({ listEndpointModels: async () => ['llama3', 'qwen'] });
    const setup = await resolveModels(settingsWith({ 'opro.baseUrl': 'http://127.0.0.1:9/v1', 'opro.optimizerModel': 'qwen' }), p);
    assert.deepEqual([setup.baseUrl, setup.scorerModel, setup.optimizerModel, setup.apiKey], ['http://127.0.0.1:9/v1', 'llama3', 'qwen', undefined]);
  });

  it("auto: falls back to VS Code's models, then to a local Ollama", async () => {
    const offered: string[][] = [];
    const vscodeSetup = await resolveModels(settingsWith({}), probes({
      listVsCodeModels: async () => [vscodeModel('gpt-5-mini', 'GPT-5 mini'), vscodeModel('claude-sonnet-4', 'Claude Sonnet 4')],
      askVsCodeModel: async (models) => {
        offered.push(models.map((m) => m.label));
        return models[1];
      },
    }));
    assert.deepEqual(offered, [['GPT-5 mini · Copilot', 'Claude Sonnet 4 · Copilot']], 'asked, never took the first unseen');
    assert.deepEqual([vscodeSetup.provider, vscodeSetup.scorerModel, vscodeSetup.optimizerModel], ['vscode-lm', 'claude-sonnet-4', 'claude-sonnet-4']);
    const ollama = await resolveModels(settingsWith({}), probes({ isEndpointUp: async () => true, listEndpointModels: async () => ['llama3.2'] }));
    assert.deepEqual([ollama.source, ollama.baseUrl, ollama.scorerModel], ['ollama', 'http://127.0.0.1:11434/v1', 'llama3.2']);
  });

  it('auto: with nothing available, fails with a config error on opro.provider', async () => {
    const p = probes();
    await assert.rejects(resolveModels(settingsWith({}), p), (err: unknown) => err instanceof OproError && err.kind === 'config' && err.setting === 'opro.provider');
    assert.deepEqual(p.calls, ['vscode', 'probe http://127.0.0.1:11434/v1']);
  });

  it('OpenAI without any key fails before asking anything, naming the fix', async () => {
    await assert.rejects(resolveModels(settingsWith({ 'opro.provider': 'openai' }), probes()), (err: unknown) =>
      err instanceof OproError && err.kind === 'auth' && /No API key is set for https:\/\/api\.openai\.com\/v1/.test(err.message));
  });

  it('presets give local base URLs unless opro.baseUrl is set', async () => {
    const lmstudio = await resolveModels(settingsWith({ 'opro.provider': 'lmstudio', 'opro.scorerModel': 'm' }), probes());
    assert.equal(lmstudio.baseUrl, 'http://localhost:1234/v1');
    const custom = await resolveModels(settingsWith({ 'opro.provider': 'vllm', 'opro.baseUrl': 'http://gpu:8000/v1', 'opro.scorerModel': 'm' }), probes());
    assert.equal(custom.baseUrl, 'http://gpu:8000/v1');
  });

  it('azure needs an endpoint and a deployment, and passes the API version', async () => {
    await assert.rejects(resolveModels(settingsWith({ 'opro.provider': 'azure' }), probes()), /needs an endpoint/);
    const setup = await resolveModels(settingsWith({ 'opro.provider': 'azure', 'opro.baseUrl': 'https://r.openai.azure.com', 'opro.scorerModel': 'dep' }), probes({ apiKey: 'k' }));
    assert.deepEqual([setup.provider, setup.apiVersion, setup.scorerModel], ['azure', '2024-10-21', 'dep']);
  });

  it('vscode-lm without any model says so', async () => {
    await assert.rejects(resolveModels(settingsWith({ 'opro.provider': 'vscode-lm' }), probes()), (err: unknown) => err instanceof OproError && err.kind === 'notFound');
  });

  it('hosted presets: their OpenAI-compatible base URL, a key first, a model named, and the provider passed on for its quirks', async () => {
    await assert.rejects(resolveModels(settingsWith({ 'opro.provider': 'anthropic', 'opro.scorerModel': 'claude-sonnet-4-5' }), probes()), (err: unknown) => err instanceof OproError && err.kind === 'auth');
    await assert.rejects(
      resolveModels(settingsWith({ 'opro.provider': 'groq' }), probes({ apiKey: 'gsk-1' })),
      (err: unknown) => err instanceof OproError && err.setting === 'opro.scorerModel' && /No model is set for https:\/\/api\.groq\.com\/openai\/v1/.test(err.message),
    );
    assert.deepEqual(await resolveModels(settingsWith({ 'opro.provider': 'anthropic', 'opro.scorerModel': 'claude-sonnet-4-5' }), probes({ apiKey: 'sk-ant-1' })), {
      provider: 'anthropic',
      source: 'anthropic',
      baseUrl: 'https://api.anthropic.com/v1',
      apiKey: 'sk-ant-1',
      scorerModel: 'claude-sonnet-4-5',
      optimizerModel: 'claude-sonnet-4-5',
    });
    const ollama = await resolveModels(settingsWith({ 'opro.provider': 'ollama', 'opro.scorerModel': 'llama3.1' }), probes());
    assert.deepEqual([ollama.provider, ollama.baseUrl], ['ollama', 'http://localhost:11434/v1']);
  });
});

describe('resolveModels with VS Code language models', () => {
  const copilot = [vscodeModel('gpt-5-mini', 'GPT-5 mini'), vscodeModel('claude-sonnet-4', 'Claude Sonnet 4'), vscodeModel('gpt-4.1', 'GPT-4.1')];
  const vscodeSettings = (values: Record<string, unknown>) => settingsWith({ 'opro.provider': 'vscode-lm', ...values });
  const noQuestion = async (): Promise<VsCodeModelInfo | undefined> => assert.fail('nothing should be asked');

  it('uses the models the settings name, with their names and vendors', async () => {
    const setup = await resolveModels(
      vscodeSettings({ 'opro.scorerModel': 'gpt-5-mini', 'opro.optimizerModel': 'claude-sonnet-4' }),
      probes({ listVsCodeModels: async () => copilot, askVsCodeModel: noQuestion }),
    );
    assert.deepEqual([setup.scorerModel, setup.optimizerModel], ['gpt-5-mini', 'claude-sonnet-4']);
    assert.deepEqual([setup.vscodeModels?.scorer.label, setup.vscodeModels?.optimizer.label], ['GPT-5 mini · Copilot', 'Claude Sonnet 4 · Copilot']);
  });

  it('matches a setting by name or family ignoring case when the id does not match, and saves the id', async () => {
    const setup = await resolveModels(vscodeSettings({ 'opro.scorerModel': 'gpt-5 MINI' }), probes({ listVsCodeModels: async () => copilot, askVsCodeModel: noQuestion }));
    assert.deepEqual([setup.scorerModel, setup.optimizerModel], ['gpt-5-mini', 'gpt-5-mini']);
  });

  it('a scorer model that matches nothing is an error naming every model there is, never another model', async () => {
    const p = probes({ listVsCodeModels: async () => copilot, askVsCodeModel: noQuestion });
    await assert.rejects(resolveModels(vscodeSettings({ 'opro.scorerModel': 'gpt-9' }), p), (err: unknown) => {
      assert.ok(err instanceof OproError);
      assert.equal(err.kind, 'notFound');
      assert.equal(err.setting, 'opro.scorerModel');
      assert.equal(
        err.message,
        'opro.scorerModel is "gpt-9", but no VS Code language model has that id or name. Available: GPT-5 mini · Copilot (gpt-5-mini), ' +
          'Claude Sonnet 4 · Copilot (claude-sonnet-4), GPT-4.1 · Copilot (gpt-4.1). Run "OPRO: Select Models" to pick one.',
      );
      return true;
    });
  });

  it('an optimizer model that matches nothing is the same error on its own setting', async () => {
    const p = probes({ listVsCodeModels: async () => copilot, askVsCodeModel: noQuestion });
    await assert.rejects(resolveModels(vscodeSettings({ 'opro.scorerModel': 'gpt-5-mini', 'opro.optimizerModel': 'o3' }), p), (err: unknown) =>
      err instanceof OproError && err.kind === 'notFound' && err.setting === 'opro.optimizerModel' && /^opro\.optimizerModel is "o3"/.test(err.message));
  });

  it('an id two vendors share is ambiguous and the error lists both; vendor/id tells them apart', async () => {
    const twins = [vscodeModel('gpt-4o', 'GPT-4o'), vscodeModel('gpt-4o', 'GPT-4o', 'azure-byok')];
    const p = probes({ listVsCodeModels: async () => twins, askVsCodeModel: noQuestion });
    await assert.rejects(resolveModels(vscodeSettings({ 'opro.scorerModel': 'gpt-4o' }), p), (err: unknown) =>
      err instanceof OproError && /matches 2 VS Code language models: GPT-4o · Copilot \(gpt-4o\), GPT-4o · azure-byok \(gpt-4o\)\./.test(err.message));
    const setup = await resolveModels(vscodeSettings({ 'opro.scorerModel': 'azure-byok/gpt-4o' }), p);
    assert.deepEqual([setup.scorerModel, setup.vscodeModels?.scorer.vendor], ['gpt-4o', 'azure-byok']);
    assert.deepEqual(twins.map((m) => settingFor(m, twins)), ['copilot/gpt-4o', 'azure-byok/gpt-4o']);
    assert.equal(settingFor(twins[0]!, twins.slice(0, 1)), 'gpt-4o');
  });

  it('with no model set it asks once; cancelling the question cancels, and nothing is chosen for the user', async () => {
    let asked = 0;
    const p = probes({ listVsCodeModels: async () => copilot, askVsCodeModel: async () => { asked += 1; return undefined; } });
    await assert.rejects(resolveModels(vscodeSettings({}), p), (err: unknown) => err instanceof OproError && err.kind === 'cancelled');
    assert.equal(asked, 1);
  });

  it('without a question to ask (Select Models) the settings come back unchecked', async () => {
    const setup = await resolveModels(vscodeSettings({ 'opro.scorerModel': 'gpt-9' }), probes({ listVsCodeModels: async () => copilot }));
    assert.deepEqual([setup.provider, setup.scorerModel, setup.optimizerModel, setup.vscodeModels], ['vscode-lm', 'gpt-9', 'gpt-9', undefined]);
  });

  it('lists at most eight models in an error, then says how many more', async () => {
    const many = Array.from({ length: 11 }, (_, i) => vscodeModel(`m${i}`));
    await assert.rejects(resolveModels(vscodeSettings({ 'opro.scorerModel': 'x' }), probes({ listVsCodeModels: async () => many, askVsCodeModel: noQuestion })), /m7 · Copilot and 3 more\./);
  });
});

describe('modelLabel', () => {
  it('names the model and its vendor: the declared display name, else a known one, else the id', () => {
    assert.equal(modelLabel({ name: 'GPT-5 mini', vendor: 'copilot' }), 'GPT-5 mini · Copilot');
    assert.equal(modelLabel({ name: 'Llama 3', vendor: 'acme' }, new Map([['acme', 'Acme Models']])), 'Llama 3 · Acme Models');
    assert.equal(modelLabel({ name: 'Llama 3', vendor: 'acme' }), 'Llama 3 · acme');
    assert.equal(modelLabel({ name: ' ', vendor: 'acme' }), '(unnamed model) · acme');
  });
});
