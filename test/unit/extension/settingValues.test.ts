import assert from 'node:assert/strict';
import { normalizeSettings } from '../../../src/extension/settingValues';

describe('normalizeSettings', () => {
  it('gives the documented defaults when nothing is set', () => {
    assert.deepEqual(normalizeSettings(() => undefined), {
      provider: 'auto',
      baseUrl: '',
      scorerModel: '',
      optimizerModel: '',
      scorerTemperature: 0,
      optimizerTemperature: 1,
      scorerMaxTokens: 0,
      optimizerMaxTokens: 0,
      reasoningEffort: 'default',
      modelFamilies: {},
      steps: 10,
      candidatesPerStep: 8,
      exemplarsPerStep: 3,
      concurrency: 8,
      maxCalls: 0,
      maxTokens: 0,
      maxCost: 0,
      prices: {},
      confirmCostAbove: 0,
      requestTimeoutSeconds: 60,
      position: 'auto',
      metric: 'auto',
      jsonFields: [],
      judgeRubric: '',
      judgeRubricFile: '',
      judgeModel: '',
      customScorer: '',
      lengthPenalty: 0,
      evaluation: 'full',
      demos: 0,
      method: 'opro',
      feedbackExamples: 3,
      validationSplit: 0.2,
      inputColumn: '',
      targetColumn: '',
      cacheEnabled: true,
      codeLensEnabled: true,
      azureApiVersion: '2024-10-21',
    });
  });

  it('falls back to defaults for wrong types and out-of-range values, and trims text', () => {
    const raw: Record<string, unknown> = {
      'opro.provider': 'bogus',
      'opro.baseUrl': ' http://localhost:1234/v1/ ',
      'opro.steps': -3,
      'opro.concurrency': 2.7,
      'opro.scorerTemperature': 5,
      'opro.position': 'Q_end',
      'opro.metric': 'number',
      'opro.cache.enabled': 'no',
    };
    const settings = normalizeSettings((key) => raw[key]);
    assert.equal(settings.provider, 'auto');
    assert.equal(settings.baseUrl, 'http://localhost:1234/v1');
    assert.equal(settings.steps, 10);
    assert.equal(settings.concurrency, 2);
    assert.equal(settings.scorerTemperature, 0);
    assert.equal(settings.position, 'Q_end');
    assert.equal(settings.metric, 'number');
    assert.equal(settings.cacheEnabled, true);
  });

  it('reads the scoring settings: graders in opro.metric, trimmed json fields, a non-negative length penalty, the evaluation mode', () => {
    const raw: Record<string, unknown> = {
      'opro.metric': 'judge',
      'opro.jsonFields': [' name ', '', 42, 'age'],
      'opro.judge.rubric': '  Be kind.  ',
      'opro.judge.rubricFile': ' rubrics/support.md ',
      'opro.judge.model': 'gpt-4o',
      'opro.customScorer': 'scorers/score.mjs',
      'opro.lengthPenalty': 0.002,
      'opro.evaluation': 'adaptive',
    };
    const settings = normalizeSettings((key) => raw[key]);
    assert.deepEqual(
      [settings.metric, settings.jsonFields, settings.judgeRubric, settings.judgeRubricFile, settings.judgeModel, settings.customScorer, settings.lengthPenalty, settings.evaluation],
      ['judge', ['name', 'age'], 'Be kind.', 'rubrics/support.md', 'gpt-4o', 'scorers/score.mjs', 0.002, 'adaptive'],
    );
    const wrong = normalizeSettings((key) => ({ 'opro.metric': 'llm', 'opro.jsonFields': 'name', 'opro.lengthPenalty': -1, 'opro.evaluation': 'fast' })[key]);
    assert.deepEqual([wrong.metric, wrong.jsonFields, wrong.lengthPenalty, wrong.evaluation], ['auto', [], 0, 'full']);
    assert.equal(normalizeSettings((key) => (key === 'opro.metric' ? 'custom' : undefined)).metric, 'custom');
  });

  it('reads the model settings: answer-length limits, reasoning effort and model families, dropping what is not one', () => {
    const raw: Record<string, unknown> = {
      'opro.scorerMaxTokens': 8192,
      'opro.optimizerMaxTokens': -5,
      'opro.reasoningEffort': 'low',
      'opro.modelFamilies': { 'prod-deployment': 'reasoning', 'gpt-5-chat*': 'standard', bad: 'fast', ' ': 'reasoning' },
    };
    const settings = normalizeSettings((key) => raw[key]);
    assert.deepEqual(
      [settings.scorerMaxTokens, settings.optimizerMaxTokens, settings.reasoningEffort, settings.modelFamilies],
      [8192, 0, 'low', { 'prod-deployment': 'reasoning', 'gpt-5-chat*': 'standard' }],
    );
    const wrong = normalizeSettings((key) => ({ 'opro.reasoningEffort': 'max', 'opro.modelFamilies': ['reasoning'] })[key]);
    assert.deepEqual([wrong.reasoningEffort, wrong.modelFamilies], ['default', {}]);
  });

  it('reads the cost settings: a limit and a threshold in USD ≥ 0, and the prices that are prices', () => {
    const raw: Record<string, unknown> = {
      'opro.maxCost': 2.5,
      'opro.confirmCostAbove': -1,
      'opro.prices': { 'my-model': { input: 0.2, output: 0.8 }, cached: { input: 1, cachedInput: 0.1, output: 2 }, half: { input: 1 }, negative: { input: -1, output: 1 }, ' ': { input: 1, output: 1 } },
    };
    const settings = normalizeSettings((key) => raw[key]);
    assert.deepEqual([settings.maxCost, settings.confirmCostAbove, settings.prices], [2.5, 0, { 'my-model': { input: 0.2, output: 0.8 }, cached: { input: 1, cachedInput: 0.1, output: 2 } }]);
    assert.deepEqual(normalizeSettings((key) => ({ 'opro.prices': [1, 2] })[key]).prices, {});
  });
});
