import assert from 'node:assert/strict';
import { costUsd, findPrice, formatUsd, LIST_PRICES, priceTableProblems } from '../../../src/core/pricing';

describe('the price table', () => {
  it('prices a model by its name, a dated or tagged variant, and a vendor-prefixed name', () => {
    assert.equal(findPrice('gpt-4o-mini'), LIST_PRICES['gpt-4o-mini']);
    assert.equal(findPrice('gpt-4o-mini-2024-07-18'), LIST_PRICES['gpt-4o-mini']);
    assert.equal(findPrice('claude-sonnet-4-20250514'), LIST_PRICES['claude-sonnet-4']);
    assert.equal(findPrice('openai/gpt-4.1-mini'), LIST_PRICES['gpt-4.1-mini']);
    assert.equal(findPrice('gpt-4.1-mini'), LIST_PRICES['gpt-4.1-mini'], 'the longest name wins over gpt-4.1');
  });

  it('leaves a new version or an unknown model unpriced rather than priced as its predecessor', () => {
    assert.equal(findPrice('claude-opus-4-7'), undefined);
    assert.equal(findPrice('gpt-5.2'), undefined);
    assert.equal(findPrice('llama3.1:8b'), undefined);
  });

  it('takes the overrides first, for their names and dated variants', () => {
    const mine = { 'gpt-4o-mini': { input: 1, output: 2 }, 'my-model': { input: 0.2, output: 0.8 } };
    assert.equal(findPrice('gpt-4o-mini', mine), mine['gpt-4o-mini']);
    assert.equal(findPrice('my-model-2025-01-01', mine), mine['my-model']);
  });

  it('counts cached prompt tokens at the cached-input price, and at the input price when the model has none', () => {
    const tokens = { promptTokens: 1_000_000, cachedPromptTokens: 400_000, completionTokens: 100_000 };
    assert.equal(costUsd(tokens, { input: 2, cachedInput: 0.5, output: 8 }), (600_000 * 2 + 400_000 * 0.5 + 100_000 * 8) / 1e6);
    assert.equal(costUsd(tokens, { input: 2, output: 8 }), (1_000_000 * 2 + 100_000 * 8) / 1e6);
    assert.equal(costUsd({ ...tokens, cachedPromptTokens: 5_000_000 }, { input: 2, cachedInput: 0, output: 0 }), 0, 'never more cached than sent');
  });

  it('names every problem of a price table from settings or a file', () => {
    assert.deepEqual(priceTableProblems({ a: { input: 1, output: 2 }, b: { input: 1, cachedInput: 0.1, output: 2 } }), []);
    assert.deepEqual(priceTableProblems({ a: { input: -1, output: 'x' }, b: 3 }), [
      'Expected `prices.a.input` to be a number ≥ 0 (USD per million tokens), got `-1`',
      'Expected `prices.a.output` to be a number ≥ 0 (USD per million tokens), got `"x"`',
      'Expected `prices.b` to be { "input": USD, "output": USD }, got `3`',
    ]);
    assert.equal(priceTableProblems([], '--prices').length, 1);
  });

  it('writes dollars with cents, small amounts with four decimals, and never a known cost as $0.0000', () => {
    assert.deepEqual([formatUsd(12.345), formatUsd(0.0421), formatUsd(0.00001), formatUsd(0)], ['$12.35', '$0.0421', '< $0.0001', '$0.0000']);
  });
});
