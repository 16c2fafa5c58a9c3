import OpenAI from 'openai';
import { Agent } from 'undici';
import { evaluateInstructions } from '../src/core/engine';
import { createNodeFetch } from '../src/core/llm/nodeFetch';
import { createOpenAiClient } from '../src/core/llm/openaiClient';
import type { ChatMessage } from '../src/core/llm/types';
import { syntheticConfig } from '../test/support/syntheticRun';
import type { SyntheticRow } from '../test/support/syntheticTask';
import { createHttpFetch } from './httpFetch';
import { benchInstructions } from './scoring';

/** What every layer is given: the server, the rows to ask about and how many calls at once. */
export interface LayerInput {
  baseUrl: string;
  datasetPath: string;
  rows: SyntheticRow[];
  concurrency: number;
  calls: number;
}

/** One way of making `calls` chat requests, from the bare HTTP stack up to the engine. */
export interface Layer {
  name: string;
  run(input: LayerInput): Promise<void>;
}

const KEY = 'test-key';

function messagesFor(input: LayerInput, i: number): ChatMessage[] {
  return [{ role: 'user', content: `Solve the problem.\n${input.rows[i % input.rows.length]?.question ?? ''}` }];
}

/** Runs `call(i)` for i < count with at most `concurrency` in flight (a plain worker pool). */
export async function pool(count: number, concurrency: number, call: (i: number) => Promise<unknown>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < count) {
      await call(next++);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}

type SdkTransport = { fetch?: typeof fetch; fetchOptions?: Record<string, unknown> };

function sdkLayer(name: string, transport: (concurrency: number) => SdkTransport): Layer {
  return {
    name,
    run: async (input) => {
      const sdk = new OpenAI({ apiKey: KEY, baseURL: input.baseUrl, maxRetries: 0, timeout: 60_000, ...transport(input.concurrency) });
      await pool(input.calls, input.concurrency, (i) =>
        sdk.chat.completions.create({ model: 'scorer-model', messages: messagesFor(input, i), temperature: 0, max_tokens: 1024 }),
      );
    },
  };
}

/** From the floor any Node client pays up to the engine, each adding one part on top of the last. */
export const LAYERS: Layer[] = [
  {
    name: 'node:http keep-alive (floor)',
    run: async (input) => {
      const post = createHttpFetch(input.concurrency);
      await pool(input.calls, input.concurrency, async (i) => {
        const body = JSON.stringify({ model: 'scorer-model', messages: messagesFor(input, i), temperature: 0, max_tokens: 1024 });
        const res = await post(`${input.baseUrl}/chat/completions`, { method: 'POST', headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' }, body });
        await res.json();
      });
    },
  },
  {
    name: 'global fetch (undici)',
    run: async (input) => {
      await pool(input.calls, input.concurrency, async (i) => {
        const body = JSON.stringify({ model: 'scorer-model', messages: messagesFor(input, i), temperature: 0, max_tokens: 1024 });
        const res = await fetch(`${input.baseUrl}/chat/completions`, { method: 'POST', headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' }, body });
        await res.json();
      });
    },
  },
  sdkLayer('openai SDK on global fetch', () => ({})),
  // Issue 14: undici's Agent handed to the SDK's fetch, one pool per endpoint as the client would keep it.
  sdkLayer('openai SDK on global fetch + undici Agent', (concurrency) => ({
    fetchOptions: { dispatcher: new Agent({ connections: concurrency, keepAliveTimeout: 5_000, pipelining: 1 }) },
  })),
  sdkLayer('openai SDK on nodeFetch.ts (production)', (concurrency) => ({ fetch: createNodeFetch({ maxSockets: concurrency }) })),
  {
    name: 'createOpenAiClient (SDK + limiter + retries)',
    run: async (input) => {
      const client = createOpenAiClient({ baseUrl: input.baseUrl, apiKey: KEY, model: 'scorer-model', temperature: 0, maxTokens: 1024 }, { concurrency: input.concurrency });
      await Promise.all(Array.from({ length: input.calls }, (_, i) => client.complete({ messages: messagesFor(input, i), temperature: 0, maxTokens: 1024 })));
    },
  },
  {
    name: 'engine evaluateInstructions',
    run: async (input) => {
      const instructions = benchInstructions(Math.max(1, Math.round(input.calls / input.rows.length)));
      const config = syntheticConfig(input.baseUrl, input.datasetPath, { steps: 0, concurrency: input.concurrency });
      await evaluateInstructions(config, instructions, { createClient: createOpenAiClient });
    },
  },
];
