import assert from 'node:assert/strict';
import { buildRunConfig, withApiKey } from '../../../../src/extension/runs/buildRunConfig';
import { normalizeSettings } from '../../../../src/extension/settingValues';

const settings = normalizeSettings((key) => ({ 'opro.steps': 4, 'opro.metric': 'number', 'opro.requestTimeoutSeconds': 30 })[key]);
const models = { provider: 'openai' as const, source: 'ollama', baseUrl: 'http://localhost:11434/v1', scorerModel: 'llama3', optimizerModel: 'qwen' };

describe('buildRunConfig', () => {
  it('maps the prompt, dataset, settings and models onto core defaults', () => {
    const config = buildRunConfig({ prompt: 'Solve it.', dataset: { path: '/ws/data.jsonl', targetColumn: 'label' }, position: 'Q_end', settings, models });
    assert.deepEqual(config.seedInstructions, ['Solve it.']);
    assert.deepEqual(config.dataset, { path: '/ws/data.jsonl', targetColumn: 'label', validation: 0.2 });
    assert.equal(config.position, 'Q_end');
    assert.deepEqual(config.metric, { kind: 'number' });
    assert.deepEqual(config.scorer, { provider: 'openai', baseUrl: 'http://localhost:11434/v1', model: 'llama3', temperature: 0, maxTokens: 1024 });
    assert.deepEqual(config.optimizer, { provider: 'openai', baseUrl: 'http://localhost:11434/v1', model: 'qwen', temperature: 1, maxTokens: 512 });
    assert.deepEqual([config.steps, config.candidatesPerStep, config.exemplarsPerStep, config.concurrency, config.requestTimeoutMs], [4, 8, 3, 8, 30_000]);
  });

  it('lets core choose the position (template for {{placeholders}}) and the metric when they are auto', () => {
    const auto = normalizeSettings(() => undefined);
    const config = buildRunConfig({ prompt: 'Answer {{question}}', dataset: { path: 'd.csv' }, position: undefined, settings: auto, models });
    assert.equal(config.position, 'template');
    assert.equal(config.metric, undefined);
  });

  it('puts the key back into both models of a saved config, but never for VS Code models', () => {
    const config = buildRunConfig({ prompt: 'p', dataset: { path: 'd' }, position: 'Q_begin', settings, models });
    const patched = withApiKey(config, 'sk-1');
    assert.deepEqual([patched.scorer.apiKey, patched.optimizer.apiKey], ['sk-1', 'sk-1']);
    const lm = buildRunConfig({ prompt: 'p', dataset: { path: 'd' }, position: 'Q_begin', settings, models: { ...models, provider: 'vscode-lm' } });
    assert.equal(withApiKey(lm, 'sk-1').scorer.apiKey, undefined);
  });
});
