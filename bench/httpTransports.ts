import OpenAI from 'openai';
import { Agent, fetch as undiciFetch } from 'undici';
import { createNodeFetch } from '../src/core/llm/nodeFetch';

/** One way of giving the `openai` SDK its HTTP: what issue 14 asks to compare. */
export interface Transport {
  name: string;
  /** The SDK options that select this transport for `concurrency` calls at once. */
  options(concurrency: number): Pick<ConstructorParameters<typeof OpenAI>[0] & object, 'fetch' | 'fetchOptions'>;
}

/** The hand-written `node:http` fetch, Node's global fetch, and undici's fetch with its own `Agent` (as a bundled dependency would run). */
export const TRANSPORTS: Transport[] = [
  { name: 'node:http fetch (nodeFetch.ts, hand-written)', options: (concurrency) => ({ fetch: createNodeFetch({ maxSockets: concurrency }) }) },
  { name: 'global fetch (Node built-in undici)', options: () => ({}) },
  {
    name: 'undici fetch + Agent (npm undici)',
    options: (concurrency) => ({
      fetch: undiciFetch as unknown as typeof fetch,
      fetchOptions: { dispatcher: new Agent({ connections: concurrency, keepAliveTimeout: 5_000 }) } as Record<string, unknown>,
    }),
  },
];
