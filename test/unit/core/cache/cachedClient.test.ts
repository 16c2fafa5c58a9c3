import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { withCache } from '../../../../src/core/cache/cachedClient';
import { openResponseCache } from '../../../../src/core/cache/responseCache';
import { OproError } from '../../../../src/core/errors';
import { createOpenAiClient } from '../../../../src/core/llm/openaiClient';
import type { ChatRequest, LlmClient } from '../../../../src/core/llm/types';
import { startFakeLlmServer, type FakeServer } from '../../../support/fakeLlmServer';
import { scratchDir } from '../../../support/scratchDir';

const KEY = 'test-key-do-not-store';
const REQUEST: ChatRequest = { messages: [{ role: 'user', content: 'Think step by step.\nWhat is 20 + 22?' }], temperature: 0, maxTokens: 64 };

describe('withCache over the openai client', () => {
  let server: FakeServer;
  let dir: string;
  let client: LlmClient;

  beforeEach(async () => {
    server = await startFakeLlmServer({ apiKey: KEY });
    dir = scratchDir('opro-cached-');
    client = createOpenAiClient({ baseUrl: server.url, apiKey: KEY, model: 'fake-scorer', temperature: 0, maxTokens: 64 });
  });
  afterEach(() => server.close());

  it('answers a repeated request from the cache, marked cached with its usage kept', async () => {
    const cached = withCache(client, await openResponseCache(dir));
    const first = await cached.complete(REQUEST);
    const second = await cached.complete(REQUEST);
    assert.equal(server.stats.requests, 1);
    assert.equal(first.cached, undefined);
    assert.deepEqual(second, { text: first.text, usage: first.usage, model: first.model, finishReason: 'stop', cached: true, latencyMs: 0 });
    assert.equal(cached.id, client.id);
  });

  it('calls again for another draw index', async () => {
    const cached = withCache(client, await openResponseCache(dir));
    await cached.complete({ ...REQUEST, drawIndex: 0 });
    await cached.complete({ ...REQUEST, drawIndex: 1 });
    await cached.complete({ ...REQUEST, drawIndex: 1 });
    assert.equal(server.stats.requests, 2);
  });

  it('serves answers stored by an earlier session after reopening', async () => {
    await withCache(client, await openResponseCache(dir)).complete(REQUEST);
    const reopened = withCache(client, await openResponseCache(dir));
    const again = await reopened.complete(REQUEST);
    assert.equal(again.cached, true);
    assert.equal(server.stats.requests, 1);
  });

  it('never writes the API key to the cache file', async () => {
    const cache = await openResponseCache(dir);
    await withCache(client, cache).complete(REQUEST);
    const content = await readFile(cache.file, 'utf8');
    assert.ok(content.length > 0);
    assert.ok(!content.includes(KEY));
  });

  it('shares one call between identical requests in flight at once', async () => {
    server.setOptions({ latencyMs: 50 });
    const cached = withCache(client, await openResponseCache(dir));
    const answers = await Promise.all([cached.complete(REQUEST), cached.complete(REQUEST), cached.complete(REQUEST)]);
    assert.equal(server.stats.requests, 1);
    assert.deepEqual(answers.map((a) => a.cached ?? false), [false, true, true]);
  });

  it('makes its own call when the caller it was waiting on is cancelled', async () => {
    server.setOptions({ latencyMs: 50 });
    const cached = withCache(client, await openResponseCache(dir));
    const controller = new AbortController();
    const first = cached.complete(REQUEST, controller.signal);
    const second = cached.complete(REQUEST);
    controller.abort();
    await assert.rejects(first, (err: unknown) => err instanceof OproError && err.kind === 'cancelled');
    assert.equal((await second).cached, undefined);
  });
});
