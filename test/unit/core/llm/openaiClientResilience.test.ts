import assert from 'node:assert/strict';
import { OproError } from '../../../../src/core/errors';
import { createEndpointLimiter } from '../../../../src/core/llm/requestQueue';
import { createOpenAiClient, type OpenAiClientOptions } from '../../../../src/core/llm/openaiClient';
import type { ChatRequest, LlmClient, RequestLogEntry } from '../../../../src/core/llm/types';
import { FakeClock, settle } from '../../../support/fakeClock';
import { startFakeLlmServer, type FakeServer, type FakeServerOptions } from '../../../support/fakeLlmServer';

const BEST = 'Go step by step, double-check, show your work and give the final answer.';

function question(a: number, b: number): ChatRequest {
  return { messages: [{ role: 'user', content: `${BEST}\nWhat is ${a} + ${b}?` }], temperature: 0, maxTokens: 64 };
}

function expectedText(a: number, b: number): string {
  return `Adding gives ${a + b}. The answer is ${a + b}.`;
}

function isCancelled(err: unknown): boolean {
  return err instanceof OproError && err.kind === 'cancelled';
}

/** Resolves once `check` holds (mocha's timeout is the bound, not a wall-clock figure). */
async function until(check: () => boolean): Promise<void> {
  while (!check()) {
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe('createOpenAiClient under faults and limits', () => {
  let server: FakeServer | undefined;
  let logs: RequestLogEntry[];

  async function clientFor(serverOptions: FakeServerOptions, options: OpenAiClientOptions = {}): Promise<LlmClient> {
    server = await startFakeLlmServer(serverOptions);
    const model = { baseUrl: server.url, apiKey: 'test-key', model: 'fake-scorer', temperature: 0, maxTokens: 64 };
    return createOpenAiClient(model, { onLog: (e) => logs.push(e), backoffBaseMs: 10, ...options });
  }

  beforeEach(() => {
    logs = [];
  });
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('survives 500s, 503s, dropped connections and malformed bodies at rate 0.3 with correct answers', async () => {
    const client = await clientFor({ faults: { rate: 0.3, kinds: ['500', '503', 'drop', 'malformed'], seed: 11 } }, { concurrency: 4, maxRetries: 10 });
    const pairs = Array.from({ length: 30 }, (_, i) => [i + 1, 2 * i + 5] as const);
    const texts = await Promise.all(pairs.map(([a, b]) => client.complete(question(a, b)).then((r) => r.text)));
    assert.deepEqual(texts, pairs.map(([a, b]) => expectedText(a, b)));
    const retries = logs.filter((e) => e.outcome === 'retry').length;
    assert.ok(retries > 0, 'some attempts failed');
    assert.equal(retries, server!.stats.requests - 30, 'every failed attempt is logged as a retry');
    assert.equal(logs.filter((e) => e.outcome === 'ok').length, 30);
  });

  /** A client whose first attempt gets a 429 with `header`, and whose waits run on a fake clock. */
  async function rateLimitedOnce(header: 'retry-after' | 'retry-after-ms', retryAfterMs: number): Promise<{ client: LlmClient; clock: FakeClock }> {
    const clock = new FakeClock();
    const onLog = (entry: RequestLogEntry): void => {
      logs.push(entry);
      server!.setOptions({ faults: undefined });
    };
    const client = await clientFor({ faults: { rate: 1, kinds: ['429'] }, retryAfterHeader: header, retryAfterMs }, { clock, onLog });
    return { client, clock };
  }

  it('waits exactly as long as retry-after-ms asks before retrying a 429', async () => {
    const { client, clock } = await rateLimitedOnce('retry-after-ms', 300);
    const call = client.complete(question(3, 4));
    await until(() => logs.length === 1);
    await clock.advanceAsync(299);
    assert.equal(server!.stats.requests, 1, 'no retry before the wait is over');
    await clock.advanceAsync(1);
    assert.equal((await call).text, expectedText(3, 4));
    assert.deepEqual(logs.map((e) => [e.outcome, e.status, e.retryInMs]), [['retry', 429, 300], ['ok', undefined, undefined]]);
    assert.equal(server!.stats.requests, 2);
  });

  it('reads retry-after as whole seconds', async () => {
    const { client, clock } = await rateLimitedOnce('retry-after', 1000);
    const call = client.complete(question(3, 4));
    await until(() => logs.length === 1);
    await clock.advanceAsync(999);
    assert.equal(server!.stats.requests, 1);
    await clock.advanceAsync(1);
    await call;
    assert.deepEqual(logs.map((e) => [e.outcome, e.status, e.retryInMs]), [['retry', 429, 1000], ['ok', undefined, undefined]]);
  });

  it('waits out seven 429s in a row as the server asks, though only two retries are allowed', async () => {
    const clock = new FakeClock();
    let refusals = 0;
    const onLog = (entry: RequestLogEntry): void => {
      logs.push(entry);
      if (entry.outcome === 'retry' && ++refusals === 7) {
        server!.setOptions({ faults: undefined });
      }
    };
    const client = await clientFor({ faults: { rate: 1, kinds: ['429'] }, retryAfterMs: 1000 }, { clock, onLog, maxRetries: 2 });
    const call = client.complete(question(2, 2));
    while (logs.at(-1)?.outcome !== 'ok') {
      await until(() => clock.scheduled > 0 || logs.at(-1)?.outcome === 'ok');
      await clock.advanceAsync(clock.nextAt === undefined ? 0 : clock.nextAt - clock.now());
    }
    assert.equal((await call).text, expectedText(2, 2));
    assert.deepEqual(logs.map((e) => [e.outcome, e.retryInMs]), [...Array.from({ length: 7 }, () => ['retry', 1000]), ['ok', undefined]]);
  });

  it('ends the call with a quota error naming the wait when the limit resets later than a run waits', async () => {
    const clock = new FakeClock();
    const limiter = createEndpointLimiter(4, clock);
    const client = await clientFor({ faults: { rate: 1, kinds: ['429'] }, retryAfterMs: 3_600_000 }, { clock, limiter });
    await assert.rejects(client.complete(question(1, 1)), (err: unknown) => err instanceof OproError && err.kind === 'quota' && /asks to wait 1\.0 h before the next request .* longer than a run waits for it \(10 min\)/.test(err.message));
    assert.equal(server!.stats.requests, 1);
    assert.ok(limiter.controller.notBefore - clock.now() <= 600_000, 'the queue is not held for the hour');
  });

  it('times out a stalled attempt and succeeds on the retry', async () => {
    const onLog = (entry: RequestLogEntry): void => {
      logs.push(entry);
      server!.setOptions({ faults: undefined });
    };
    const client = await clientFor({ faults: { rate: 1, kinds: ['stall'] } }, { timeoutMs: 300, maxRetries: 2, onLog });
    const response = await client.complete(question(5, 6));
    assert.equal(response.text, expectedText(5, 6));
    assert.deepEqual(logs.map((e) => [e.outcome, e.message]), [['retry', 'attempt timed out'], ['ok', undefined]]);
  });

  it('ends with a timeout error when every attempt stalls', async () => {
    const client = await clientFor({ faults: { rate: 1, kinds: ['stall'] } }, { timeoutMs: 300, maxRetries: 1 });
    await assert.rejects(client.complete(question(5, 6)), (err: unknown) => err instanceof OproError && err.kind === 'timeout' && /300 ms/.test(err.message));
    assert.deepEqual(logs.map((e) => [e.outcome, e.errorKind]), [['retry', undefined], ['failed', 'timeout']]);
  });

  it('aborts in-flight and queued requests when the signal fires', async () => {
    // The server would answer after 10 minutes: only the abort can settle the calls.
    const client = await clientFor({ latencyMs: 600_000 }, { concurrency: 2 });
    const controller = new AbortController();
    const calls = Array.from({ length: 6 }, (_, i) => client.complete(question(i, i), controller.signal));
    await until(() => server!.stats.inFlight === 2);
    controller.abort();
    await Promise.all(calls.map((call) => assert.rejects(call, isCancelled)));
    assert.equal(logs.filter((e) => e.outcome === 'cancelled').length, 6);
    await until(() => server!.stats.inFlight === 0);
  });

  it('aborts the wait between retries', async () => {
    const clock = new FakeClock();
    const client = await clientFor({ faults: { rate: 1, kinds: ['429'] }, retryAfterMs: 5000 }, { clock });
    const controller = new AbortController();
    const call = client.complete(question(1, 1), controller.signal);
    await until(() => logs.length === 1);
    await settle();
    // The fake clock never moves: only the abort can end the wait.
    controller.abort();
    await assert.rejects(call, isCancelled);
    assert.deepEqual(logs.map((e) => e.outcome), ['retry', 'cancelled']);
  });

  it('never has more requests in flight than its concurrency', async () => {
    const client = await clientFor({ latencyMs: 20 }, { concurrency: 3 });
    await Promise.all(Array.from({ length: 20 }, (_, i) => client.complete(question(i, 1))));
    assert.equal(server!.stats.maxInFlight, 3);
  });

  it('shares one limiter between clients on the same endpoint', async () => {
    const limiter = createEndpointLimiter(2);
    const scorer = await clientFor({ latencyMs: 20 }, { limiter });
    const optimizer = createOpenAiClient({ baseUrl: server!.url, apiKey: 'test-key', model: 'fake-optimizer', temperature: 1, maxTokens: 64 }, { limiter });
    await Promise.all(Array.from({ length: 10 }, (_, i) => (i % 2 === 0 ? scorer : optimizer).complete(question(i, 2))));
    assert.equal(server!.stats.maxInFlight, 2);
  });

  it('finishes 64 requests at concurrency 16 against a server that allows 4 in flight', async () => {
    const client = await clientFor({ latencyMs: 20, maxInFlight: 4, retryAfterMs: 100 }, { concurrency: 16 });
    const texts = await Promise.all(Array.from({ length: 64 }, (_, i) => client.complete(question(i, 7)).then((r) => r.text)));
    assert.deepEqual(texts, Array.from({ length: 64 }, (_, i) => expectedText(i, 7)));
    assert.equal(logs.filter((e) => e.outcome === 'failed').length, 0);
    const rejected = server!.stats.byStatus[429] ?? 0;
    assert.ok(rejected < 32, `${rejected} requests got 429`);
  });
});
