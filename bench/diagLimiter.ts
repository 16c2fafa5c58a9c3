import { createOpenAiClient } from '../src/core/llm/openaiClient';
import { AdaptiveLimiter } from '../src/core/llm/adaptiveLimiter';
import { evaluateInstructions } from '../src/core/engine';
import { syntheticConfig, syntheticWorkspace } from '../test/support/syntheticRun';
import { benchInstructions } from './scoring';
import { startServerChild } from './serverChild';

async function main(): Promise<void> {
  const which = process.argv[2] ?? 'inflight';
  const opts = which === 'inflight' ? { latencyMs: 100, maxInFlight: 8 } : { latencyMs: 50, requestsPerMinute: 600, rateWindowMs: 2000 };
  const rows = which === 'inflight' ? 100 : 400;
  const server = await startServerChild(opts);
  const ws = syntheticWorkspace(rows, 13);
  const limiter = new AdaptiveLimiter({ concurrency: 32 });
  const t0 = performance.now();
  const trace: string[] = [];
  const events: string[] = [];
  let done = 0;
  const timer = setInterval(() => {
    void server.stats().then((s) => trace.push(`${Math.round(performance.now() - t0)}ms lim=${limiter.concurrency} srvInFlight=${s.inFlight} reqs=${s.requests} ok=${s.byStatus[200] ?? 0} 429=${s.byStatus[429] ?? 0} done=${done} paused=${Math.max(0, limiter.notBefore - Date.now())}`));
  }, 250);
  const config = syntheticConfig(server.url, ws.datasetPath, { steps: 0, concurrency: 32 });
  await evaluateInstructions(config, benchInstructions(8), {
    createClient: (m, o) => createOpenAiClient(m, { ...o, limiter }),
    onLog: (e) => {
      if (e.outcome === 'ok') done++;
      else events.push(`${Math.round(performance.now() - t0)}ms ${e.outcome} ${e.status} retryIn=${e.retryInMs} lim=${limiter.concurrency}`);
    },
  });
  clearInterval(timer);
  console.log(`wall ${Math.round(performance.now() - t0)}`);
  console.log(trace.join('\n'));
  console.log(events.join('\n'));
  await server.close();
}
void main();
