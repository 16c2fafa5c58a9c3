import assert from 'node:assert/strict';
import { mcpLaunch } from '../../../../src/extension/mcp/mcpServerArgs';
import { SETTING_KEYS } from '../../../../src/extension/settingKeys';
import { normalizeSettings } from '../../../../src/extension/settingValues';

const settings = (values: Record<string, unknown> = {}): ReturnType<typeof normalizeSettings> => normalizeSettings((key) => values[key]);

describe('how the extension starts opro mcp', () => {
  const models = { provider: 'openai' as const, source: 'ollama', baseUrl: 'http://localhost:11434/v1', apiKey: 'sk-secret-1', scorerModel: 'llama3.2', optimizerModel: 'qwen2.5' };

  it('passes the settings as the tools\' default flags and the key and endpoint only in the environment', () => {
    const launch = mcpLaunch(settings({ [SETTING_KEYS.steps]: 4, [SETTING_KEYS.cacheEnabled]: false }), models);
    assert.deepEqual(launch.args, ['--steps', '4', '--candidates', '8', '--concurrency', '8', '--timeout', '60000', '--no-cache', '--scorer-model', 'llama3.2', '--optimizer-model', 'qwen2.5']);
    assert.deepEqual(launch.env, { OPENAI_BASE_URL: 'http://localhost:11434/v1', OPENAI_API_KEY: 'sk-secret-1' });
    assert.ok(!launch.args.join(' ').includes('sk-secret-1'));
  });

  it('leaves VS Code\'s own models with the extension and says so', () => {
    const launch = mcpLaunch(settings(), { provider: 'vscode-lm', source: 'vscode-lm', scorerModel: 'copilot-gpt-4o', optimizerModel: 'copilot-gpt-4o' });
    assert.deepEqual(launch.env, {});
    assert.ok(!launch.args.includes('--scorer-model'));
    assert.match(launch.warning ?? '', /OpenAI-compatible endpoints; the vscode-lm models stay with the extension/);
  });
});
