import assert from 'node:assert/strict';
import { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from 'openai';
import { redactSecrets } from '../../../../src/core/llm/openaiErrors';
import { backoffDelay, classifyFailure, isRetryable, MalformedResponseError } from '../../../../src/core/llm/retryPolicy';

function apiError(status: number, code?: string): APIError {
  return APIError.generate(status, { error: { message: 'x', code } }, undefined, new Headers());
}

describe('retry policy', () => {
  it('backs off exponentially with full jitter, capped at 20 s', () => {
    assert.deepEqual([0, 1, 2, 3].map((retry) => backoffDelay(retry, { random: () => 0.999999 })), [499, 999, 1999, 3999]);
    assert.equal(backoffDelay(10, { random: () => 0.5 }), 10_000);
    assert.equal(backoffDelay(3, { random: () => 0 }), 0);
  });

  it('retries 408, 409, 429, 5xx, timeouts, dropped connections and malformed bodies only', () => {
    const cases: [unknown, string, boolean][] = [
      [apiError(408), 'server', true],
      [apiError(409), 'server', true],
      [apiError(429), 'rateLimit', true],
      [apiError(429, 'insufficient_quota'), 'quota', false],
      [apiError(500), 'server', true],
      [apiError(503), 'server', true],
      [apiError(401), 'auth', false],
      [apiError(403), 'auth', false],
      [apiError(404), 'notFound', false],
      [apiError(400, 'model_not_found'), 'notFound', false],
      [apiError(400), 'request', false],
      [new APIConnectionTimeoutError(), 'timeout', true],
      [new APIConnectionError({ message: 'socket hang up' }), 'connection', true],
      [new APIConnectionError({ cause: Object.assign(new Error('x'), { code: 'ECONNREFUSED' }) }), 'refused', false],
      [new APIUserAbortError(), 'cancelled', false],
      [new MalformedResponseError('no choices'), 'malformed', true],
      [new SyntaxError('Unexpected end of JSON input'), 'malformed', true],
    ];
    for (const [err, failure, retry] of cases) {
      assert.deepEqual([classifyFailure(err), isRetryable(classifyFailure(err))], [failure, retry], String(err));
    }
  });

  it('finds ECONNREFUSED inside the AggregateError undici reports for localhost', () => {
    const refused = Object.assign(new Error('connect'), { code: 'ECONNREFUSED' });
    const cause = new TypeError('fetch failed', { cause: new AggregateError([refused]) });
    assert.equal(classifyFailure(new APIConnectionError({ cause })), 'refused');
  });

  it('removes keys from text a server sends back', () => {
    assert.equal(redactSecrets('Incorrect API key provided: sk-abc123456789.', 'sk-abc123456789'), 'Incorrect API key provided: [redacted].');
    assert.equal(redactSecrets('bad key sk-proj-XYZ***1234 here'), 'bad key [redacted] here');
    assert.equal(redactSecrets('header Bearer abc.def'), 'header Bearer [redacted]');
  });
});
