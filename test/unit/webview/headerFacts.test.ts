import assert from 'node:assert/strict';
import { emptyUsage } from '../../../src/core/run/usage';
import type { RunRecord } from '../../../src/core/runRecord';
import { describeCost } from '../../../src/webview/costText';
import { formatCost } from '../../../src/webview/format';
import { describeModels } from '../../../src/webview/modelNames';
import { makeRunRecord } from '../../webview/fixtures';

const copilot = { provider: 'vscode-lm', model: 'gpt-5-mini', label: 'GPT-5 mini · Copilot', vendor: 'copilot', temperature: 0, maxTokens: 1024 };

function withModels(record: RunRecord, scorer: RunRecord['config']['scorer'], optimizer = scorer): RunRecord {
  return { ...record, config: { ...record.config, scorer, optimizer } };
}

describe('the panel header’s models and cost', () => {
  const record = makeRunRecord({ steps: 2, perStep: 3, rows: 12, validationRows: 2 });

  it('names endpoint models by id and VS Code models by name and vendor', () => {
    assert.equal(describeModels(record.config), 'scorer gpt-4o-mini · optimizer gpt-4o');
    assert.equal(describeModels(withModels(record, copilot).config), 'scorer GPT-5 mini · Copilot; optimizer GPT-5 mini · Copilot');
  });

  it('shows no cost while nothing was paid for, instead of $0.0000', () => {
    assert.equal(describeCost({ ...record, usage: emptyUsage() }), undefined);
    assert.match(describeCost(record) ?? '', /^≈ \$\d+\.\d{2,4}$/);
    assert.equal(formatCost(0.00001), '< $0.0001');
    assert.equal(formatCost(0), '$0.0000');
  });

  it('says "not priced" when a paid model has no price, never $0, naming the model core reported', () => {
    const unpriced = { ...record, usage: { ...record.usage, byModel: { 'scorer:my-local-llama': record.usage.byModel['scorer:gpt-4o-mini']! } } };
    assert.equal(describeCost(unpriced), 'not priced');
    const named = { ...unpriced, usage: { ...unpriced.usage, unpricedModels: ['scorer:my-llama', 'optimizer:my-llama'] } };
    assert.equal(describeCost(named), 'not priced (my-llama): set opro.prices');
  });

  it('says a local server’s run is free rather than ≈ $0.0000', () => {
    assert.equal(describeCost({ ...record, usage: { ...record.usage, costUsd: 0 } }), 'free (local server)');
  });

  it('for VS Code models: the request count and that Copilot counts premium requests, never dollars', () => {
    // Copilot's ids look like OpenAI's, whose list prices the panel knows: they must not apply.
    const viaCopilot = withModels({ ...record, usage: { ...record.usage, calls: 1234 } }, { ...copilot, model: 'gpt-4o-mini' });
    assert.equal(describeCost(viaCopilot), 'not priced: 1,234 requests to Copilot, which counts them against your plan (premium requests)');
    const other = withModels({ ...record, usage: { ...emptyUsage(), calls: 1 } }, { ...copilot, vendor: 'acme', label: 'Llama · Acme' });
    assert.equal(describeCost(other), "not priced: 1 request through VS Code's language models");
  });
});
