import assert from 'node:assert/strict';
import { withDefaults } from '../../../src/core/defaults';

describe('withDefaults: the optimizer inherits the scorer\'s endpoint', () => {
  const base = { seedInstructions: ['Solve it.'], dataset: { path: 'd.jsonl' } };
  const scorer = { provider: 'vscode-lm', model: 'gpt-5-mini', label: 'GPT-5 mini · Copilot', vendor: 'copilot', temperature: 0 };

  it('with the same model, its label and vendor too', () => {
    const config = withDefaults({ ...base, scorer });
    assert.deepEqual(config.optimizer, { provider: 'vscode-lm', model: 'gpt-5-mini', label: 'GPT-5 mini · Copilot', vendor: 'copilot', temperature: 1, maxTokens: 512 });
  });

  it('with another model, never the scorer model\'s label or vendor', () => {
    const config = withDefaults({ ...base, scorer, optimizer: { model: 'o3' } });
    assert.deepEqual(config.optimizer, { provider: 'vscode-lm', model: 'o3', temperature: 1, maxTokens: 512 });
  });
});
