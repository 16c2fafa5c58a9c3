import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { OproError } from '../../../../src/core/errors';
import { openParameterMemory, ParameterMemory } from '../../../../src/core/llm/learnedParameters';
import { createOpenAiClient, type OpenAiClientOptions } from '../../../../src/core/llm/openaiClient';
import type { ChatRequest, ClientNote, ModelConfig, RequestLogEntry } from '../../../../src/core/llm/types';
import { startFakeLlmServer, type FakeServer } from '../../../support/fakeLlmServer';
import { scratchDir } from '../../../support/scratchDir';

const SOLVE = 'Think step by step, double-check, show your work, give the final answer.';

function question(a: number, extra: Partial<ChatRequest> = {}): ChatRequest {
  return { messages: [{ role: 'user', content: `${SOLVE}\nWhat is ${a} + 1?` }], temperature: 0, maxTokens: 512, ...extra };
}

describe('parameters a model refuses', () => {
  let server: FakeServer;
  let notes: ClientNote[];
  let logs: RequestLogEntry[];

  function client(model: Partial<ModelConfig>, options: OpenAiClientOptions = {}): ReturnType<typeof createOpenAiClient> {
    const config = { baseUrl: server.url, apiKey: 'test-key', model: 'fake-scorer', temperature: 0, maxTokens: 512, ...model };
    return createOpenAiClient(config, { concurrency: 1, onNote: (n) => notes.push(n), onLog: (e) => logs.push(e), ...options });
  }

  beforeEach(async () => {
    server = await startFakeLlmServer({ reasoningModels: ['o4-mini', 'my-reasoner'] });
    notes = [];
    logs = [];
  });
  afterEach(() => server.close());

  it('sends a reasoning model known by name what it takes, from the first request, and says temperature 0 cannot be had', async () => {
    const llm = client({ model: 'o4-mini' });
    await llm.complete(question(1));
    await llm.complete(question(2));
    assert.deepEqual(server.stats.refused, []);
    assert.deepEqual(server.stats.answered.map((r) => r.params), [['max_completion_tokens'], ['max_completion_tokens']]);
    assert.deepEqual(notes.map((n) => n.kind), ['temperature']);
    assert.match(notes[0]?.message ?? '', /`o4-mini` at .* takes no temperature but its default, so it cannot answer at temperature 0/);
  });

  it("learns from OpenAI's 400s that an unknown deployment is a reasoning model: each refusal is retried once, then never sent again", async () => {
    const llm = client({ model: 'my-reasoner' });
    const answer = await llm.complete(question(1));
    assert.match(answer.text, /The answer is 2\./);
    await llm.complete(question(2));
    assert.deepEqual(server.stats.refused, [
      { model: 'my-reasoner', status: 400, params: ['max_tokens', 'temperature'] },
      { model: 'my-reasoner', status: 400, params: ['max_completion_tokens', 'temperature'] },
    ]);
    assert.deepEqual(server.stats.answered.map((r) => r.params), [['max_completion_tokens'], ['max_completion_tokens']]);
    assert.deepEqual(notes.map((n) => n.kind), ['parameter', 'parameter', 'temperature']);
    assert.match(notes[0]?.message ?? '', /refused `max_tokens`; from now on `max_completion_tokens` is sent instead/);
    assert.match(notes[1]?.message ?? '', /refused `temperature`; from now on it is left out/);
    assert.deepEqual(logs.filter((e) => e.outcome === 'retry').map((e) => [e.status, e.retryInMs]), [[400, 0], [400, 0]]);
  });

  it('remembers the fixes next to the cache, so the next run sends no refused parameter', async () => {
    const file = join(scratchDir('opro-params-'), 'parameters.json');
    const first = await openParameterMemory(file);
    await client({ model: 'my-reasoner' }, { parameters: first }).complete(question(1));
    await first.flushed();
    assert.deepEqual(JSON.parse(readFileSync(file, 'utf8')), {
      version: 1,
      models: { [`${server.url}|my-reasoner`]: { max_tokens: 'max_completion_tokens', temperature: null } },
    });
    server.resetStats();
    await client({ model: 'my-reasoner' }, { parameters: await openParameterMemory(file) }).complete(question(1));
    assert.deepEqual([server.stats.refused.length, server.stats.answered.length], [0, 1]);
  });

  it('keeps the retry budget for real failures: a refusal retried with no retries left still succeeds', async () => {
    const answer = await client({ model: 'my-reasoner' }, { maxRetries: 0 }).complete(question(3));
    assert.match(answer.text, /The answer is 4\./);
  });

  it("drops `n` after Groq's 400 and asks again", async () => {
    server.setOptions({ provider: 'groq' });
    const memory = new ParameterMemory();
    const llm = client({}, { parameters: memory });
    const answer = await llm.complete(question(1, { temperature: 1, n: 3, seed: 1 }));
    assert.deepEqual([answer.choices, server.stats.refused.map((r) => r.params)], [undefined, [['max_tokens', 'n', 'seed', 'temperature']]]);
    assert.deepEqual(memory.fixesFor(llm.id), { n: null });
  });

  it("drops `seed` after Mistral's 422 (its body has no `error` object), and sends random_seed when the provider is known", async () => {
    server.setOptions({ provider: 'mistral' });
    await client({}).complete(question(1, { seed: 4 }));
    assert.deepEqual(server.stats.refused.map((r) => [r.status, r.params]), [[422, ['max_tokens', 'seed', 'temperature']]]);
    assert.deepEqual(server.stats.answered.map((r) => r.params), [['max_tokens', 'temperature']]);
    server.resetStats();
    await client({ provider: 'mistral' }).complete(question(1, { seed: 4 }));
    assert.deepEqual([server.stats.refused, server.stats.answered.map((r) => r.params)], [[], [['max_tokens', 'random_seed', 'temperature']]]);
  });

  it('notices an endpoint that ignores `n` and stops sending it', async () => {
    server.setOptions({ provider: 'ollama' });
    const llm = client({});
    const first = await llm.complete(question(1, { temperature: 1, n: 4 }));
    await llm.complete(question(2, { temperature: 1, n: 4 }));
    assert.deepEqual([first.choices, server.stats.answered.map((r) => r.n)], [undefined, [4, undefined]]);
    assert.deepEqual(notes.map((n) => n.kind), ['samples']);
  });

  it('returns every sample of an endpoint that honours `n`', async () => {
    const answer = await client({}).complete({ messages: [{ role: 'user', content: 'Your task is to generate the instruction <INS>.\ntext:\nSolve.\nscore:\n10\n' }], temperature: 1, maxTokens: 200, n: 3, seed: 9 });
    assert.equal(answer.choices?.length, 3);
    assert.equal(answer.text, answer.choices?.[0]);
    assert.deepEqual(server.stats.answered.map((r) => r.n), [3]);
  });

  it('sends reasoning_effort when one is set', async () => {
    await client({ model: 'o4-mini', reasoningEffort: 'high' }).complete(question(1));
    assert.deepEqual(server.stats.answered.map((r) => [r.params, r.reasoningEffort]), [[['max_completion_tokens', 'reasoning_effort'], 'high']]);
  });
});

describe('a 400 that is not about a parameter', () => {
  let raw: Server | undefined;
  afterEach(async () => {
    raw?.closeAllConnections();
    await new Promise((resolve) => raw?.close(resolve));
  });

  it('fails at once as a config error, without guessing a fix', async () => {
    let requests = 0;
    raw = createServer((_req, res) => {
      requests += 1;
      res.writeHead(400, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { message: "This model's maximum context length is 8192 tokens.", type: 'invalid_request_error', param: 'messages', code: 'context_length_exceeded' } }));
    });
    await new Promise<void>((resolve) => raw?.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(raw.address() as AddressInfo).port}/v1`;
    const llm = createOpenAiClient({ baseUrl: url, model: 'm', temperature: 0, maxTokens: 10 });
    await assert.rejects(llm.complete(question(1)), (err: unknown) => err instanceof OproError && err.kind === 'config' && /maximum context length/.test(err.message));
    assert.equal(requests, 1);
  });
});

describe("Anthropic's refusal of `n`", () => {
  let server: FakeServer;
  beforeEach(async () => {
    server = await startFakeLlmServer({ provider: 'anthropic' });
  });
  afterEach(() => server.close());

  it('is never provoked when the provider is known, and learned from when it is not', async () => {
    const request = question(1, { temperature: 1, n: 2 });
    await createOpenAiClient({ provider: 'anthropic', baseUrl: server.url, apiKey: 'test-key', model: 'claude-sonnet-4-5', temperature: 1, maxTokens: 64 }).complete(request);
    assert.equal(server.stats.refused.length, 0);
    await createOpenAiClient({ baseUrl: server.url, apiKey: 'test-key', model: 'claude-sonnet-4-5', temperature: 1, maxTokens: 64 }).complete(request);
    assert.deepEqual(server.stats.refused.map((r) => r.params), [['max_tokens', 'n', 'temperature']]);
    assert.deepEqual(server.stats.answered.map((r) => r.params), [['max_tokens', 'temperature'], ['max_tokens', 'temperature']]);
  });
});
