import { monitorEventLoopDelay } from 'node:perf_hooks';
import OpenAI from 'openai';
import { createOpenAiClient } from '../src/core/llm/openaiClient';
import { evaluateInstructions } from '../src/core/engine';
import { syntheticConfig, syntheticWorkspace } from '../test/support/syntheticRun';
import { benchInstructions } from './scoring';
import { startServerChild } from './serverChild';

const C = Number(process.argv[3] ?? 16);
const N = 800;
async function pool(n: number, c: number, fn: (i: number) => Promise<unknown>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: c }, async () => { while (next < n) { await fn(next++); } }));
}
async function measure(name: string, fn: () => Promise<void>): Promise<void> {
  const h = monitorEventLoopDelay({ resolution: 5 }); h.enable();
  const cpu = process.cpuUsage(); const t = performance.now();
  await fn();
  const wall = performance.now() - t; const u = process.cpuUsage(cpu); h.disable();
  console.log(`${name}: wall ${wall.toFixed(0)} ms (ideal ${(N * 100 / C).toFixed(0)}), cpu/call ${((u.user + u.system) / 1000 / N).toFixed(3)} ms, loop delay p50 ${(h.percentile(50) / 1e6).toFixed(1)} p99 ${(h.percentile(99) / 1e6).toFixed(1)} max ${(h.max / 1e6).toFixed(1)} ms`);
}
async function main(): Promise<void> {
  const server = await startServerChild({ latencyMs: 100 });
  const ws = syntheticWorkspace(100, 11);
  const body = (i: number) => JSON.stringify({ model: 'm', messages: [{ role: 'user', content: `Solve. ${ws.rows[i % 100]!.question}` }], temperature: 0, max_tokens: 1024 });
  const which = process.argv[2] ?? 'all';
  if (which === 'all' || which === 'fetch') await measure('raw fetch', () => pool(N, C, async (i) => { const r = await fetch(`${server.url}/chat/completions`, { method: 'POST', headers: { authorization: 'Bearer test-key', 'content-type': 'application/json' }, body: body(i) }); await r.json(); }));
  const sdk = new OpenAI({ apiKey: 'test-key', baseURL: server.url, maxRetries: 0, timeout: 60000 });
  if (which === 'all' || which === 'sdk') await measure('openai sdk', () => pool(N, C, async (i) => { await sdk.chat.completions.create({ model: 'm', messages: [{ role: 'user', content: `Solve. ${ws.rows[i % 100]!.question}` }], temperature: 0, max_tokens: 1024 }, { timeout: 60000, maxRetries: 0 }); }));
  const client = createOpenAiClient({ baseUrl: server.url, apiKey: 'test-key', model: 'm', temperature: 0, maxTokens: 1024 }, { concurrency: C });
  if (which === 'all' || which === 'client') await measure('createOpenAiClient', () => Promise.all(Array.from({ length: N }, (_, i) => client.complete({ messages: [{ role: 'user', content: `Solve. ${ws.rows[i % 100]!.question}` }], temperature: 0, maxTokens: 1024 }))).then(() => undefined));
  if (which === 'all' || which === 'engine') await measure('evaluateInstructions', async () => { await evaluateInstructions(syntheticConfig(server.url, ws.datasetPath, { steps: 0, concurrency: C }), benchInstructions(8), {}); });
  console.log(JSON.stringify(await server.stats()).slice(0, 300));
  await server.close();
}
void main();
