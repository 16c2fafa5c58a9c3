import assert from 'node:assert/strict';
import { runConfigFromSettings } from '../../../../src/extension/runs/runConfigFromSettings';
import { normalizeSettings } from '../../../../src/extension/settingValues';

const settings = normalizeSettings((key) => ({ 'opro.steps': 4, 'opro.metric': 'number', 'opro.requestTimeoutSeconds': 30 })[key]);
const models = { provider: 'openai' as const, source: 'ollama', baseUrl: 'http://localhost:11434/v1', scorerModel: 'llama3', optimizerModel: 'qwen' };

describe('runConfigFromSettings', () => {
  it('maps the prompt, dataset, settings and models onto core defaults', () => {
    const config = runConfigFromSettings({ prompt: 'Solve it.', dataset: { path: '/ws/data.jsonl', targetColumn: 'label' }, position: 'Q_end', settings, models });
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
    const config = runConfigFromSettings({ prompt: 'Answer {{question}}', dataset: { path: 'd.csv' }, position: undefined, settings: auto, models });
    assert.equal(config.position, 'template');
    assert.equal(config.metric, undefined);
  });

  it('passes the grader through, puts opro.judge.model on the scorer\'s endpoint at temperature 0, and maps the objective and evaluation', () => {
    const judging = normalizeSettings((key) => ({ 'opro.metric': 'judge', 'opro.judge.model': 'judge-1', 'opro.lengthPenalty': 0.01, 'opro.evaluation': 'adaptive' })[key]);
    const withKey = { ...models, apiKey: 'sk-1' };
    const config = runConfigFromSettings({ prompt: 'p', dataset: { path: 'd' }, position: 'Q_begin', settings: judging, models: withKey, scoring: { grader: { kind: 'judge', rubric: 'Be right.' } } });
    assert.deepEqual(config.grader, { kind: 'judge', rubric: 'Be right.' });
    assert.equal(config.metric, undefined);
    assert.deepEqual(config.judge, { provider: 'openai', baseUrl: 'http://localhost:11434/v1', apiKey: 'sk-1', model: 'judge-1', temperature: 0, maxTokens: 256 });
    assert.deepEqual([config.lengthPenalty, config.evaluation], [0.01, 'adaptive']);
    const scorerJudges = runConfigFromSettings({ prompt: 'p', dataset: { path: 'd' }, position: 'Q_begin', settings: normalizeSettings((key) => (key === 'opro.metric' ? 'judge' : undefined)), models, scoring: { grader: { kind: 'judge', rubric: 'r' } } });
    assert.equal(scorerJudges.judge, undefined, 'without opro.judge.model core judges with the scorer model');
    assert.deepEqual([scorerJudges.lengthPenalty, scorerJudges.evaluation], [0, 'full']);
  });

  it('keeps a VS Code model\'s id for requests and resume, and its name and vendor for people, per role', () => {
    const info = (id: string, name: string) => ({ id, name, vendor: 'copilot', family: id, label: `${name} · Copilot` });
    const judging = normalizeSettings((key) => ({ 'opro.metric': 'judge', 'opro.judge.model': 'GPT-4.1' })[key]);
    const vscodeModels = { scorer: info('gpt-5-mini', 'GPT-5 mini'), optimizer: info('claude-sonnet-4', 'Claude Sonnet 4'), judge: info('gpt-4.1', 'GPT-4.1') };
    const setup = { provider: 'vscode-lm' as const, source: 'vscode-lm', scorerModel: 'gpt-5-mini', optimizerModel: 'claude-sonnet-4', vscodeModels };
    const config = runConfigFromSettings({ prompt: 'p', dataset: { path: 'd' }, position: 'system', settings: judging, models: setup, scoring: { grader: { kind: 'judge', rubric: 'r' } } });
    assert.deepEqual(config.scorer, { provider: 'vscode-lm', model: 'gpt-5-mini', label: 'GPT-5 mini · Copilot', vendor: 'copilot', temperature: 0, maxTokens: 1024 });
    assert.deepEqual(config.optimizer, { provider: 'vscode-lm', model: 'claude-sonnet-4', label: 'Claude Sonnet 4 · Copilot', vendor: 'copilot', temperature: 1, maxTokens: 512 });
    assert.deepEqual(config.judge, { provider: 'vscode-lm', model: 'gpt-4.1', label: 'GPT-4.1 · Copilot', vendor: 'copilot', temperature: 0, maxTokens: 256 });
    const sameModel = runConfigFromSettings({ prompt: 'p', dataset: { path: 'd' }, position: 'system', settings, models: { ...setup, optimizerModel: 'gpt-5-mini', vscodeModels: { scorer: vscodeModels.scorer, optimizer: vscodeModels.scorer } } });
    assert.equal(sameModel.optimizer.label, 'GPT-5 mini · Copilot');
  });

  it('maps a rule metric from the settings alone, with opro.jsonFields for json', () => {
    const json = normalizeSettings((key) => ({ 'opro.metric': 'json', 'opro.jsonFields': ['name'] })[key]);
    assert.deepEqual(runConfigFromSettings({ prompt: 'p', dataset: { path: 'd' }, position: 'Q_begin', settings: json, models }).metric, { kind: 'json', fields: ['name'] });
    const custom = runConfigFromSettings({ prompt: 'p', dataset: { path: 'd' }, position: 'Q_begin', settings: normalizeSettings((key) => (key === 'opro.metric' ? 'custom' : undefined)), models, scoring: { grader: { kind: 'custom', module: '/ws/s.mjs' } } });
    assert.deepEqual([custom.metric, custom.grader, custom.judge], [undefined, { kind: 'custom', module: '/ws/s.mjs' }, undefined]);
  });

  it('maps the answer-length limits, the reasoning effort and the model families; a reasoning model gets room to think by default', () => {
    const tuned = normalizeSettings((key) => ({ 'opro.scorerMaxTokens': 2000, 'opro.reasoningEffort': 'low', 'opro.modelFamilies': { 'prod-*': 'reasoning' } })[key]);
    const config = runConfigFromSettings({ prompt: 'p', dataset: { path: 'd' }, position: 'Q_begin', settings: tuned, models: { ...models, scorerModel: 'prod-scorer', optimizerModel: 'prod-optimizer' } });
    assert.deepEqual(
      [config.scorer.maxTokens, config.scorer.reasoningEffort, config.optimizer.maxTokens, config.optimizer.reasoningEffort, config.modelFamilies],
      [2000, 'low', 4096, 'low', { 'prod-*': 'reasoning' }],
    );
    const plain = runConfigFromSettings({ prompt: 'p', dataset: { path: 'd' }, position: 'Q_begin', settings, models: { ...models, scorerModel: 'o4-mini' } });
    assert.deepEqual([plain.scorer.maxTokens, plain.scorer.reasoningEffort, plain.modelFamilies], [4096, undefined, undefined]);
  });
});
