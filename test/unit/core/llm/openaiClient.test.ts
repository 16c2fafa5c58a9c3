import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { OproError } from '../../../../src/core/errors';
import { createOpenAiClient, type OpenAiClientOptions } from '../../../../src/core/llm/openaiClient';
import type { ChatRequest, ModelConfig, RequestLogEntry } from '../../../../src/core/llm/types';
import { oproRejection as rejection } from '../../../support/oproRejection';
import { startFakeLlmServer, type FakeServer } from '../../../support/fakeLlmServer';

const KEY = 'test-key';

function question(instruction: string, a: number, b: number): ChatRequest {
  return { messages: [{ role: 'user', content: `${instruction}\nWhat is ${a} + ${b}?` }], temperature: 0, maxTokens: 64 };
}

function modelAt(baseUrl: string, overrides: Partial<ModelConfig> = {}): ModelConfig {
  return { baseUrl, apiKey: KEY, model: 'fake-scorer', temperature: 0, maxTokens: 64, ...overrides };
}

async function closedPortUrl(): Promise<string> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return `http://127.0.0.1:${port}/v1`;
}

describe('createOpenAiClient', () => {
  let server: FakeServer;
  let logs: RequestLogEntry[];
  const options = (extra: OpenAiClientOptions = {}): OpenAiClientOptions => ({ onLog: (e) => logs.push(e), backoffBaseMs: 10, ...extra });

  beforeEach(async () => {
    server = await startFakeLlmServer();
    logs = [];
  });
  afterEach(() => server.close());

  it('answers a chat request with the text, usage, model and latency the endpoint reports', async () => {
    const client = createOpenAiClient(modelAt(server.url), options());
    // 4 keywords: every example is solved.
    const instruction = 'Think step by step, double-check, show your work, give the final answer.';
    const response = await client.complete(question(instruction, 12, 30));
    const { latencyMs, ...rest } = response;
    assert.deepEqual(rest, {
      text: 'Adding gives 42. The answer is 42.',
      finishReason: 'stop',
      usage: { promptTokens: Math.ceil(`${instruction}\nWhat is 12 + 30?`.length / 4), completionTokens: 9 },
      model: 'fake-scorer',
    });
    assert.equal(typeof latencyMs, 'number');
    assert.deepEqual(logs.map((e) => [e.attempt, e.outcome]), [[1, 'ok']]);
  });

  it('sends temperature, max_tokens and seed as given in the request', async () => {
    const client = createOpenAiClient(modelAt(server.url), options());
    await client.complete({ ...question('', 1, 2), temperature: 0.7, maxTokens: 33, seed: 5 });
    await client.complete(question('', 1, 2));
    const common = { role: 'scorer', model: 'fake-scorer', n: undefined, reasoningEffort: undefined, promptTokens: 4 };
    assert.deepEqual(server.stats.answered, [
      { ...common, temperature: 0.7, maxTokens: 33, seed: 5, params: ['max_tokens', 'seed', 'temperature'] },
      { ...common, temperature: 0, maxTokens: 64, seed: undefined, params: ['max_tokens', 'temperature'] },
    ]);
  });

  it('identifies itself by endpoint and model, never by key', () => {
    const client = createOpenAiClient(modelAt(`${server.url}/`), options());
    assert.equal(client.id, `${server.url}|fake-scorer`);
    assert.equal(client.model, 'fake-scorer');
  });

  it('fails with an auth error before any request when api.openai.com is used without a key', () => {
    for (const baseUrl of [undefined, 'https://api.openai.com/v1']) {
      assert.throws(
        () => createOpenAiClient({ baseUrl, model: 'gpt-4o-mini', temperature: 0, maxTokens: 10 }),
        (err: unknown) => err instanceof OproError && err.kind === 'auth' && /OPENAI_API_KEY/.test(err.message) && /Set API Key/.test(err.hint ?? ''),
      );
    }
  });

  it('talks to a local endpoint that needs no key without one', async () => {
    server.setOptions({ apiKey: null });
    const client = createOpenAiClient(modelAt(server.url, { apiKey: undefined }), options());
    const response = await client.complete(question('', 2, 2));
    assert.equal(response.text, 'The answer is 5.');
  });

  it('turns a 401 into an auth error naming the endpoint and what sets the key, without the key', async () => {
    const secret = 'sk-wrong-secret-123456';
    const client = createOpenAiClient(modelAt(server.url, { apiKey: secret }), options());
    const err = await rejection(client.complete(question('', 1, 1)));
    assert.equal(err.kind, 'auth');
    assert.equal(err.status, 401);
    assert.equal(err.setting, 'opro.apiKey');
    assert.match(err.message, new RegExp(`The endpoint at ${server.url} rejected the API key \\(401\\)`));
    assert.match(err.message, /In VS Code run "OPRO: Set API Key"; for the CLI set OPENAI_API_KEY \(or pass --api-key\)\.$/);
    assert.ok(!err.message.includes('opro.apiKey'), 'opro.apiKey is not a setting, so the message does not name it');
    assert.ok(!err.message.includes(secret) && !(err.hint ?? '').includes(secret));
    assert.ok(!JSON.stringify(logs).includes(secret));
    assert.deepEqual(logs.map((e) => [e.outcome, e.status, e.errorKind]), [['failed', 401, 'auth']]);
  });

  it('turns an unknown model into a notFound error naming the model, the model settings and the models there are', async () => {
    const client = createOpenAiClient(modelAt(server.url, { model: 'missing-model' }), options());
    const err = await rejection(client.complete(question('', 1, 1)));
    assert.equal(err.kind, 'notFound');
    assert.equal(
      err.message,
      `Model \`missing-model\` is not available at ${server.url}: it has \`fake-scorer\`, \`fake-optimizer\`. Set opro.scorerModel / opro.optimizerModel / --scorer-model / --optimizer-model to a model it lists.`,
    );
  });

  it('reports a refused connection as a network error at once, without retrying', async () => {
    const url = await closedPortUrl();
    const client = createOpenAiClient(modelAt(url), options());
    const err = await rejection(client.complete(question('', 1, 1)));
    assert.equal(err.kind, 'network');
    assert.equal(err.message, `Could not reach ${url}: connection refused. Is the server running? Check opro.baseUrl / --base-url.`);
    assert.deepEqual(logs.map((e) => e.outcome), ['failed']);
  });

  it('stops at once with a quota error when the account has no quota left', async () => {
    server.setOptions({ quotaExhausted: true });
    const client = createOpenAiClient(modelAt(server.url), options());
    const err = await rejection(client.complete(question('', 1, 1)));
    assert.equal(err.kind, 'quota');
    assert.equal(server.stats.requests, 1);
    assert.deepEqual(logs.map((e) => [e.outcome, e.status]), [['failed', 429]]);
  });

  it('reaches Azure OpenAI deployments with the api-key header', async () => {
    const client = createOpenAiClient(
      modelAt(server.url.replace(/\/v1$/, ''), { provider: 'azure', model: 'my-deployment', apiVersion: '2024-10-21' }),
      options(),
    );
    const response = await client.complete(question('', 1, 1));
    assert.equal(response.model, 'my-deployment');
  });
});
