import assert from 'node:assert/strict';
import { familyOf, parseFamilyOverrides } from '../../../../src/core/llm/modelFamily';
import { PROVIDER_PROFILES } from '../../../../src/core/llm/providerProfiles';
import { buildRequestBody, type BodyInput } from '../../../../src/core/llm/requestBody';

describe('model families', () => {
  it('knows the o-series and GPT-5 as reasoning models, also behind a router prefix', () => {
    const reasoning = ['o1', 'o1-mini', 'o3', 'o3-mini', 'o4-mini', 'o4-mini-2025-04-16', 'gpt-5', 'gpt-5-mini', 'gpt-5-nano', 'gpt-5.1', 'openai/o4-mini'];
    const standard = ['gpt-4o', 'gpt-4o-mini', 'gpt-4.1-mini', 'gpt-5-chat-latest', 'llama3.1', 'claude-sonnet-4-5', 'omni-moderation', 'mistral-small-latest'];
    assert.deepEqual(reasoning.map((m) => familyOf(m)), reasoning.map(() => 'reasoning'));
    assert.deepEqual(standard.map((m) => familyOf(m)), standard.map(() => 'standard'));
  });

  it('lets overrides (whole-name patterns with * wildcards) win over the built-in patterns', () => {
    const overrides = { 'my-o4-deployment': 'reasoning', 'o4-*': 'standard' } as const;
    assert.deepEqual(['my-o4-deployment', 'my-o4-deployment-2', 'o4-mini', 'o3'].map((m) => familyOf(m, overrides)), ['reasoning', 'standard', 'standard', 'reasoning']);
  });

  it('reads PATTERN=FAMILY pairs and refuses anything else', () => {
    assert.deepEqual(parseFamilyOverrides(['prod-gpt5=reasoning', 'gpt-5-chat*=standard']), { 'prod-gpt5': 'reasoning', 'gpt-5-chat*': 'standard' });
    for (const bad of ['prod', '=reasoning', 'x=fast']) {
      assert.throws(() => parseFamilyOverrides([bad]), /Expected PATTERN=reasoning or PATTERN=standard/);
    }
  });
});

describe('buildRequestBody', () => {
  const messages = [{ role: 'user' as const, content: 'Q' }];
  const base: BodyInput = {
    model: 'm',
    request: { messages, temperature: 0, maxTokens: 100, seed: 7 },
    family: 'standard',
    reasoningEffort: undefined,
    quirks: {},
    fixes: {},
  };

  it('sends max_tokens and the temperature to a standard model', () => {
    const { body, sent, n, droppedTemperature } = buildRequestBody(base);
    assert.deepEqual({ body, sent: [...sent], n, droppedTemperature }, {
      body: { model: 'm', messages, max_tokens: 100, temperature: 0, seed: 7 },
      sent: ['max_tokens', 'temperature', 'seed'],
      n: 1,
      droppedTemperature: undefined,
    });
  });

  it('sends max_completion_tokens and no temperature to a reasoning model, saying which temperature it could not have', () => {
    const plan = buildRequestBody({ ...base, family: 'reasoning', reasoningEffort: 'low', request: { ...base.request, n: 4 } });
    assert.deepEqual(plan.body, { model: 'm', messages, max_completion_tokens: 100, seed: 7, n: 4, reasoning_effort: 'low' });
    assert.equal(plan.droppedTemperature, 0);
    assert.equal(buildRequestBody({ ...base, family: 'reasoning', request: { ...base.request, temperature: 1 } }).droppedTemperature, undefined);
  });

  it("applies a provider's known quirks: Anthropic takes one sample, no seed, temperatures up to 1; Mistral's seed is random_seed", () => {
    const request = { ...base.request, temperature: 1.4, n: 8 };
    assert.deepEqual(buildRequestBody({ ...base, request, reasoningEffort: 'high', quirks: PROVIDER_PROFILES.anthropic.quirks }).body, {
      model: 'm',
      messages,
      max_tokens: 100,
      temperature: 1,
    });
    assert.deepEqual(buildRequestBody({ ...base, quirks: PROVIDER_PROFILES.mistral.quirks }).body, { model: 'm', messages, max_tokens: 100, temperature: 0, random_seed: 7 });
  });

  it('applies learned fixes last: a rename keeps the value, a drop leaves the parameter out', () => {
    const plan = buildRequestBody({ ...base, request: { ...base.request, n: 3 }, fixes: { max_tokens: 'max_completion_tokens', temperature: null, n: null } });
    assert.deepEqual([plan.body, plan.n, plan.droppedTemperature], [{ model: 'm', messages, seed: 7, max_completion_tokens: 100 }, 1, 0]);
  });
});
