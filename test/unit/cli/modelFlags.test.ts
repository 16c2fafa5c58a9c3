import assert from 'node:assert/strict';
import { OproError } from '../../../src/core/errors';
import { parseCommandLine } from '../../../src/cli/options';
import { runConfigFromFlags } from '../../../src/cli/runConfigFromFlags';

function configOf(args: string[], env = {}) {
  return runConfigFromFlags(parseCommandLine(['optimize', '--dataset', 'd.jsonl', '--prompt', 'Solve.', ...args]).values, env, '/ws');
}

describe('the CLI model flags', () => {
  it('picks a provider preset base URL unless --base-url or OPENAI_BASE_URL says otherwise', () => {
    assert.deepEqual([configOf(['--provider', 'groq']).scorer.baseUrl, configOf(['--provider', 'groq']).scorer.provider], ['https://api.groq.com/openai/v1', 'groq']);
    assert.equal(configOf(['--provider', 'mistral', '--base-url', 'http://proxy/v1']).optimizer.baseUrl, 'http://proxy/v1');
    assert.equal(configOf(['--provider', 'ollama'], { OPENAI_BASE_URL: 'http://gpu:11434/v1' }).scorer.baseUrl, 'http://gpu:11434/v1');
    assert.equal(configOf(['--provider', 'openai']).scorer.provider, undefined);
    assert.throws(() => configOf(['--provider', 'bedrock']), (err: unknown) => err instanceof OproError && /Expected --provider to be one of openai, azure, anthropic/.test(err.message));
  });

  it('gives both models the reasoning effort and their own answer-length limits', () => {
    const config = configOf(['--scorer-model', 'o4-mini', '--reasoning-effort', 'low', '--scorer-max-tokens', '2000']);
    assert.deepEqual(
      [config.scorer.reasoningEffort, config.optimizer.reasoningEffort, config.scorer.maxTokens, config.optimizer.maxTokens],
      ['low', 'low', 2000, 4096],
    );
    assert.throws(() => configOf(['--reasoning-effort', 'max']), /Expected --reasoning-effort to be one of none, minimal, low, medium, high/);
    assert.throws(() => configOf(['--scorer-max-tokens', '0']), /Expected --scorer-max-tokens to be a whole number ≥ 1/);
  });

  it('reads --model-family PATTERN=FAMILY, repeatable, and says how to write one', () => {
    const config = configOf(['--scorer-model', 'prod-deploy', '--model-family', 'prod-*=reasoning', '--model-family', 'o4-mini=standard']);
    assert.deepEqual([config.modelFamilies, config.scorer.maxTokens], [{ 'prod-*': 'reasoning', 'o4-mini': 'standard' }, 4096]);
    assert.throws(() => configOf(['--model-family', 'prod']), (err: unknown) => err instanceof OproError && /--model-family: Expected PATTERN=reasoning/.test(err.message) && /my-o4-deployment=reasoning/.test(err.hint ?? ''));
  });
});
