import OpenAI from 'openai';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { pool } from '../callLayers';
import { TRANSPORTS, type Transport } from '../httpTransports';
import { round, type Emit } from '../report';
import { startServerChild, type ServerChild } from '../serverChild';

/** Two loads: latency-bound (many calls waiting on a slow model) and CPU-bound (a server that answers at once). */
interface Scenario {
  latencyMs: number;
  concurrency: number;
  calls: number;
}

const SCENARIOS: readonly Scenario[] = [
  { latencyMs: 100, concurrency: 64, calls: 640 },
  { latencyMs: 0, concurrency: 16, calls: 2000 },
];
/** Interleaved rounds; the best is kept, since load from other work only ever adds time. */
const ROUNDS = 5;

interface Sample {
  wallMs: number;
  cpuMs: number;
  loopDelayP99Ms: number;
}

async function sample(transport: Transport, scenario: Scenario, server: ServerChild): Promise<Sample> {
  await server.reset();
  const sdk = new OpenAI({ apiKey: 'test-key', baseURL: server.url, maxRetries: 0, timeout: 60_000, ...transport.options(scenario.concurrency) });
  const loopDelay = monitorEventLoopDelay({ resolution: 5 });
  loopDelay.enable();
  const cpu = process.cpuUsage();
  const started = performance.now();
  await pool(scenario.calls, scenario.concurrency, (i) =>
    sdk.chat.completions.create({ model: 'scorer-model', messages: [{ role: 'user', content: `Solve the problem.\nWhat is ${i} + 7?` }], temperature: 0, max_tokens: 256 }),
  );
  const wallMs = performance.now() - started;
  const used = process.cpuUsage(cpu);
  loopDelay.disable();
  return { wallMs, cpuMs: (used.user + used.system) / 1000, loopDelayP99Ms: loopDelay.percentile(99) / 1e6 };
}

/**
 * Issue 14's HTTP choice: the same chat calls through the `openai` SDK on each transport, against
 * the fake server in its own process, so the CPU counted is the client's alone.
 */
export async function httpTransport(emit: Emit): Promise<void> {
  for (const scenario of SCENARIOS) {
    const server = await startServerChild({ latencyMs: scenario.latencyMs });
    const samples = new Map<Transport, Sample[]>(TRANSPORTS.map((t) => [t, []]));
    try {
      for (const transport of TRANSPORTS) {
        // Warm-up: module loading and JIT would otherwise be charged to the first transport.
        await sample(transport, { ...scenario, calls: 200 }, server);
      }
      for (let r = 0; r < ROUNDS; r++) {
        for (const transport of TRANSPORTS) {
          samples.get(transport)?.push(await sample(transport, scenario, server));
        }
      }
    } finally {
      await server.close();
    }
    for (const [transport, taken] of samples) {
      const best = taken.reduce((a, b) => (b.wallMs < a.wallMs ? b : a));
      const cpuPerCall = taken.map((s) => s.cpuMs / scenario.calls).sort((a, b) => a - b);
      emit({
        figure: 'http-transport',
        transport: transport.name,
        ...scenario,
        bestOf: ROUNDS,
        wallMs: round(best.wallMs),
        ...(scenario.latencyMs > 0 ? { ratioToIdeal: round(best.wallMs / ((scenario.calls * scenario.latencyMs) / scenario.concurrency), 3) } : {}),
        callsPerSecond: round((scenario.calls / best.wallMs) * 1000),
        cpuMsPerCallMin: round(cpuPerCall[0] ?? 0, 3),
        cpuMsPerCallMedian: round(cpuPerCall[Math.floor(cpuPerCall.length / 2)] ?? 0, 3),
        loopDelayP99Ms: round(best.loopDelayP99Ms),
      });
    }
  }
}
