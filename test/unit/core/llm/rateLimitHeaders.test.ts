import assert from 'node:assert/strict';
import { parseDuration, readRateLimitHeaders, serverWaitMs } from '../../../../src/core/llm/rateLimitHeaders';

const NOW = Date.parse('2025-08-21T12:40:00Z');

describe('rate-limit headers', () => {
  it('reads the durations OpenAI, Azure and Groq write in x-ratelimit-reset-*', () => {
    const cases: Array<[string, number | undefined]> = [['6m0s', 360_000], ['1s', 1000], ['20ms', 20], ['1h2m3.5s', 3_723_500], ['7.66s', 7660], ['2m59.56s', 179_560], ['12', 12_000], ['soon', undefined], ['6m0', undefined], ['', undefined]];
    assert.deepEqual(cases.map(([text]) => parseDuration(text)), cases.map(([, ms]) => ms));
  });

  it("reads OpenAI's x-ratelimit-* for requests and tokens", () => {
    const headers = new Headers({
      'x-ratelimit-limit-requests': '5000',
      'x-ratelimit-remaining-requests': '4999',
      'x-ratelimit-reset-requests': '12ms',
      'x-ratelimit-limit-tokens': '40000',
      'x-ratelimit-remaining-tokens': '18000',
      'x-ratelimit-reset-tokens': '6m0s',
    });
    assert.deepEqual(readRateLimitHeaders(headers, NOW), {
      requests: { remaining: 4999, limit: 5000, resetInMs: 12 },
      tokens: { remaining: 18000, limit: 40000, resetInMs: 360_000 },
    });
  });

  it("reads Anthropic's anthropic-ratelimit-* with RFC 3339 resets, taking the tightest token allowance", () => {
    const headers = new Headers({
      'anthropic-ratelimit-requests-limit': '1000',
      'anthropic-ratelimit-requests-remaining': '999',
      'anthropic-ratelimit-requests-reset': '2025-08-21T12:40:59Z',
      'anthropic-ratelimit-tokens-limit': '96000',
      'anthropic-ratelimit-tokens-remaining': '96000',
      'anthropic-ratelimit-tokens-reset': '2025-08-21T12:40:59Z',
      'anthropic-ratelimit-input-tokens-limit': '80000',
      'anthropic-ratelimit-input-tokens-remaining': '80000',
      'anthropic-ratelimit-input-tokens-reset': '2025-08-21T12:40:59Z',
      'anthropic-ratelimit-output-tokens-limit': '16000',
      'anthropic-ratelimit-output-tokens-remaining': '4000',
      'anthropic-ratelimit-output-tokens-reset': '2025-08-21T12:41:00Z',
    });
    assert.deepEqual(readRateLimitHeaders(headers, NOW), {
      requests: { remaining: 999, limit: 1000, resetInMs: 59_000 },
      tokens: { remaining: 4000, limit: 16000, resetInMs: 60_000 },
    });
  });

  it('reports nothing for a response without rate-limit headers (Ollama, vLLM)', () => {
    assert.equal(readRateLimitHeaders(new Headers({ 'content-type': 'application/json' }), NOW), undefined);
    assert.equal(readRateLimitHeaders(undefined, NOW), undefined);
  });

  it('takes the wait after a 429 from retry-after-ms, retry-after (seconds or a date), else the reset of a spent allowance', () => {
    assert.equal(serverWaitMs(new Headers({ 'retry-after-ms': '250', 'retry-after': '3' }), NOW), 250);
    assert.equal(serverWaitMs(new Headers({ 'retry-after': '2' }), NOW), 2000);
    assert.equal(serverWaitMs(new Headers({ 'retry-after': '0.5' }), NOW), 500);
    assert.equal(serverWaitMs(new Headers({ 'retry-after': 'Thu, 21 Aug 2025 12:40:04 GMT' }), NOW), 4000);
    assert.equal(serverWaitMs(new Headers({ 'x-ratelimit-remaining-tokens': '0', 'x-ratelimit-reset-tokens': '1m30s', 'x-ratelimit-remaining-requests': '40', 'x-ratelimit-reset-requests': '2s' }), NOW), 90_000);
    assert.equal(serverWaitMs(new Headers({ 'retry-after': 'soon' }), NOW), undefined);
    assert.equal(serverWaitMs(new Headers({ 'x-ratelimit-remaining-tokens': '10', 'x-ratelimit-reset-tokens': '1s' }), NOW), undefined);
    assert.equal(serverWaitMs(undefined, NOW), undefined);
  });
});
