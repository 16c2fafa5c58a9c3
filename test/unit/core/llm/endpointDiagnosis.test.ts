import assert from 'node:assert/strict';
import { OproError } from '../../../../src/core/errors';
import { evaluateInstructions } from '../../../../src/core/engine';
import { suggestBaseUrls } from '../../../../src/core/llm/baseUrlSuggestions';
import { createOpenAiClient } from '../../../../src/core/llm/openaiClient';
import type { ChatRequest, ClientNote, ModelConfig, RequestLogEntry } from '../../../../src/core/llm/types';
import { oproRejection as rejection } from '../../../support/oproRejection';
import { startFakeLlmServer, type FakeServer, type FakeServerOptions } from '../../../support/fakeLlmServer';
import { syntheticConfig, syntheticWorkspace } from '../../../support/syntheticRun';

const QUESTION: ChatRequest = { messages: [{ role: 'user', content: 'Solve the problem.\nWhat is 2 + 2?' }], temperature: 0, maxTokens: 64 };

describe('endpoint diagnostics', () => {
  let server: FakeServer;
  let logs: RequestLogEntry[];
  let notes: ClientNote[];

  async function start(options: FakeServerOptions): Promise<string> {
    server = await startFakeLlmServer(options);
    return server.url;
  }

  function client(overrides: Partial<ModelConfig>, modelSetting?: string): ReturnType<typeof createOpenAiClient> {
    const model: ModelConfig = { baseUrl: server.url, apiKey: 'test-key', model: 'fake-scorer', temperature: 0, maxTokens: 64, ...overrides };
    return createOpenAiClient(model, { backoffBaseMs: 1, modelSetting, onLog: (e) => logs.push(e), onNote: (n) => notes.push(n) });
  }

  beforeEach(() => {
    logs = [];
    notes = [];
  });
  afterEach(() => server.close());

  describe('a 404', () => {
    it('says a base URL without /v1 is wrong and names the one that answers, after one request (OpenAI-style 404s)', async () => {
      const v1 = await start({ routePrefix: '/v1' });
      const origin = v1.replace(/\/v1$/, '');
      const err = await rejection(client({ baseUrl: origin }).complete(QUESTION));
      assert.deepEqual([err.kind, err.setting, err.status], ['config', 'opro.baseUrl', 404]);
      assert.equal(
        err.message,
        `The base URL ${origin} is probably wrong: POST ${origin}/chat/completions answered 404 and GET ${origin}/models answered 404. Set opro.baseUrl / --base-url to ${v1} (it answers GET /models).`,
      );
      assert.equal(server.stats.requests, 1, 'a 404 is not retried');
      assert.equal(server.stats.modelListings, 1, 'the suggestion was checked against the server');
      assert.deepEqual(logs.map((e) => [e.outcome, e.status, e.errorKind]), [['failed', 404, 'config']]);
    });

    it('reads Ollama’s plain-text "404 page not found" the same way', async () => {
      const v1 = await start({ routePrefix: '/v1', notFoundStyle: 'ollama' });
      const origin = v1.replace(/\/v1$/, '');
      const err = await rejection(client({ baseUrl: origin, model: 'llama3.1' }).complete(QUESTION));
      assert.equal(err.kind, 'config');
      assert.match(err.message, new RegExp(`^The base URL ${origin} is probably wrong: .* Set opro\\.baseUrl / --base-url to ${v1} \\(it answers GET /models\\)\\.$`));
    });

    it('suggests dropping a pasted /chat/completions (vLLM’s FastAPI 404)', async () => {
      const v1 = await start({ routePrefix: '/v1', notFoundStyle: 'vllm' });
      const err = await rejection(client({ baseUrl: `${v1}/chat/completions` }).complete(QUESTION));
      assert.equal(err.kind, 'config');
      assert.match(err.message, new RegExp(`Set opro\\.baseUrl / --base-url to ${v1} \\(it answers GET /models\\)\\.$`));
    });

    it('names an unknown model and the models the endpoint has, closest first, with the setting that picked it', async () => {
      const models = ['Qwen/Qwen2.5-7B-Instruct', ...Array.from({ length: 12 }, (_, i) => `other-${i}`), 'meta-llama/Llama-3.1-8B-Instruct', 'meta-llama/Llama-3.1-70B-Instruct'];
      await start({ notFoundStyle: 'vllm', models });
      const err = await rejection(client({ model: 'meta-llama/Llama-3.1-8B' }, 'opro.optimizerModel').complete(QUESTION));
      assert.deepEqual([err.kind, err.setting, err.status], ['notFound', 'opro.optimizerModel', 404]);
      const shown = ['meta-llama/Llama-3.1-8B-Instruct', 'meta-llama/Llama-3.1-70B-Instruct', 'Qwen/Qwen2.5-7B-Instruct', ...Array.from({ length: 9 }, (_, i) => `other-${i}`)];
      assert.equal(
        err.message,
        `Model \`meta-llama/Llama-3.1-8B\` is not available at ${server.url}: it has ${shown.map((id) => `\`${id}\``).join(', ')} and 3 more. Set opro.optimizerModel / --optimizer-model to a model it lists.`,
      );
      assert.equal(server.stats.requests, 1);
    });

    it('keeps "model not found" when the endpoint has no model list but its 404 names the model (Ollama)', async () => {
      await start({ notFoundStyle: 'ollama', hasNoModelList: true, models: ['llama3.1'] });
      const err = await rejection(client({ model: 'llama9' }).complete(QUESTION));
      assert.equal(err.kind, 'notFound');
      assert.match(err.message, new RegExp(`^Model \`llama9\` was not found at ${server.url}\\. Check the model setting \\(opro\\.scorerModel / opro\\.optimizerModel / --scorer-model / --optimizer-model\\)\\.$`));
    });

    it('says the chat path is missing when /models lists the very model (an embeddings-only server)', async () => {
      await start({ hasNoChat: true, models: ['fake-scorer'] });
      const err = await rejection(client({}).complete(QUESTION));
      assert.deepEqual([err.kind, err.setting], ['config', 'opro.baseUrl']);
      assert.equal(
        err.message,
        `${server.url} lists model \`fake-scorer\` at GET /models, but POST ${server.url}/chat/completions answered 404: the base URL is probably wrong or the server has no chat completions. Set opro.baseUrl / --base-url to the base URL under which the server answers /chat/completions.`,
      );
    });

    it('asks /models once for many calls failing together', async () => {
      const v1 = await start({ routePrefix: '/v1' });
      const llm = client({ baseUrl: v1.replace(/\/v1$/, '') });
      const errors = await Promise.all(Array.from({ length: 8 }, () => rejection(llm.complete(QUESTION))));
      assert.equal(new Set(errors.map((e) => e.message)).size, 1);
      assert.equal(server.stats.modelListings, 1);
    });

    it('proposes base URLs from the URL alone: a provider’s own, without /chat/completions, with /v1', () => {
      assert.deepEqual(suggestBaseUrls('https://api.groq.com/v1'), ['https://api.groq.com/openai/v1']);
      assert.deepEqual(suggestBaseUrls('http://localhost:11434'), ['http://localhost:11434/v1']);
      assert.deepEqual(suggestBaseUrls('http://localhost:11434/api'), ['http://localhost:11434/api/v1', 'http://localhost:11434/v1']);
      assert.deepEqual(suggestBaseUrls('http://localhost:8000/v1/chat/completions'), ['http://localhost:8000/v1']);
      assert.deepEqual(suggestBaseUrls('https://generativelanguage.googleapis.com/v1beta/openai'), []);
      assert.deepEqual(suggestBaseUrls('https://my-resource.openai.azure.com'), []);
    });
  });

  describe('a 200 that is not a chat completion', () => {
    for (const [kind, detail] of [
      ['html', /answered 200 with a body that is not JSON: "<!doctype html> <html lang="en"><head>/],
      ['json', /answered 200 with JSON without `choices`: "\{"model":"fake-scorer","created_at"/],
    ] as const) {
      it(`stops at once with "not an OpenAI-compatible endpoint" and the URL (${kind})`, async () => {
        await start({ wrongContent: kind });
        const err = await rejection(client({}).complete(QUESTION));
        assert.deepEqual([err.kind, err.setting], ['config', 'opro.baseUrl']);
        assert.ok(err.message.startsWith(`${server.url} is not an OpenAI-compatible endpoint: POST ${server.url}/chat/completions `), err.message);
        assert.match(err.message, detail);
        assert.equal(server.stats.requests, 1);
      });
    }

    it('stops at once on LM Studio’s 200 "Unexpected endpoint" for a base URL without /v1, naming the one to use', async () => {
      const v1 = await start({ routePrefix: '/v1', notFoundStyle: 'lmstudio' });
      const origin = v1.replace(/\/v1$/, '');
      const err = await rejection(client({ baseUrl: origin }).complete(QUESTION));
      assert.deepEqual([err.kind, err.setting], ['config', 'opro.baseUrl']);
      assert.equal(
        err.message,
        `${origin} is not an OpenAI-compatible endpoint: POST ${origin}/chat/completions answered 200 with an error instead of a completion: "Unexpected endpoint or method. (POST /chat/completions)". Set opro.baseUrl / --base-url to the server's OpenAI-compatible base URL, probably ${v1}.`,
      );
      assert.equal(server.stats.requests, 1, 'not retried');
    });

    it('ends a whole run after the requests already in flight, not after retrying every example', async () => {
      await start({ wrongContent: 'html', latencyMs: 5 });
      const workspace = syntheticWorkspace(40, 3);
      const config = syntheticConfig(server.url, workspace.datasetPath, { concurrency: 4, steps: 0 });
      await assert.rejects(evaluateInstructions(config, ['Solve the problem.', 'Answer with the number.'], {}), (err: unknown) => err instanceof OproError && /is not an OpenAI-compatible endpoint/.test(err.message));
      assert.ok(server.stats.requests <= 8, `${server.stats.requests} requests`);
    });
  });

  describe('the model that answered', () => {
    it('takes a dated version of the model asked for as the same model', async () => {
      await start({ answerModel: 'gpt-4o-mini-2024-07-18', models: ['gpt-4o-mini'] });
      await client({ model: 'gpt-4o-mini' }).complete(QUESTION);
      assert.deepEqual(notes, []);
    });

    it('notes once, in the log, when another model answers', async () => {
      await start({ answerModel: 'llama3.2:1b', models: ['gpt-4o-mini'] });
      const llm = client({ model: 'gpt-4o-mini' });
      for (let i = 0; i < 3; i++) {
        await llm.complete(QUESTION);
      }
      const message = `${server.url} answered requests for \`gpt-4o-mini\` with model \`llama3.2:1b\`.`;
      assert.deepEqual(notes, [{ kind: 'otherModel', clientId: `${server.url}|gpt-4o-mini`, message }]);
      assert.deepEqual(logs.filter((e) => e.outcome === 'note').map((e) => e.message), [message]);
    });
  });
});
