import assert from 'node:assert/strict';
import { OproError } from '../../../../src/core/errors';
import { resolveModels, type ModelProbes } from '../../../../src/extension/models/resolveModels';
import { normalizeSettings } from '../../../../src/extension/settingValues';

function settingsWith(values: Record<string, unknown>) {
  return normalizeSettings((key) => values[key]);
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
    const vscodeSetup = await resolveModels(settingsWith({}), probes({ listVsCodeModels: async () => ['copilot-gpt-4o'] }));
    assert.deepEqual([vscodeSetup.provider, vscodeSetup.scorerModel], ['vscode-lm', 'copilot-gpt-4o']);
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
});
