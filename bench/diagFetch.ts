import http from 'node:http';
import OpenAI from 'openai';
import { startServerChild } from './serverChild';

const C = Number(process.argv[2] ?? 16);
const N = Number(process.argv[3] ?? 800);
const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
async function httpFetch(url: string | URL | Request, init?: RequestInit): Promise<Response> {
  const target = new URL(String(url));
  const headers = Object.fromEntries(new Headers(init?.headers).entries());
  return new Promise((resolve, reject) => {
    const req = http.request(target, { method: init?.method ?? 'GET', headers, agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const h = new Headers();
        for (const [k, v] of Object.entries(res.headers)) if (typeof v === 'string') h.set(k, v);
        resolve(new Response(Buffer.concat(chunks), { status: res.statusCode ?? 0, headers: h }));
      });
    });
    req.on('error', reject);
    req.end(init?.body as string | undefined);
  });
}
async function pool(fn: () => Promise<unknown>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: C }, async () => { while (next < N) { next++; await fn(); } }));
}
async function main(): Promise<void> {
  const server = await startServerChild({ latencyMs: 100 });
  for (const [name, f] of [['global fetch', undefined], ['http.request fetch', httpFetch]] as const) {
    const sdk = new OpenAI({ apiKey: 'test-key', baseURL: server.url, maxRetries: 0, timeout: 60000, ...(f ? { fetch: f } : {}) });
    const cpu = process.cpuUsage(); const t = performance.now();
    await pool(() => sdk.chat.completions.create({ model: 'm', messages: [{ role: 'user', content: 'Solve. What is 1 + 2?' }], temperature: 0, max_tokens: 1024 }, { timeout: 60000, maxRetries: 0 }));
    const u = process.cpuUsage(cpu);
    console.log(`sdk + ${name}: C ${C} wall ${(performance.now() - t).toFixed(0)} ideal ${N * 100 / C} cpu/call ${((u.user + u.system) / 1000 / N).toFixed(3)}`);
  }
  await server.close();
}
void main();
