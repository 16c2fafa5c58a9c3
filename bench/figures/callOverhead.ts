import { monitorEventLoopDelay } from 'node:perf_hooks';
import { syntheticWorkspace } from '../../test/support/syntheticRun';
import { LAYERS, type Layer, type LayerInput } from '../callLayers';
import { round, type Emit } from '../report';
import { startServerChild, type ServerChild } from '../serverChild';

const LATENCY_MS = 100;
const CONCURRENCY = 64;
const ROWS = 80;
const CALLS = 8 * ROWS;
/** Layers are measured in interleaved rounds and the best round kept: load on the machine only ever adds time. */
const ROUNDS = 3;

interface Sample {
  wallMs: number;
  clientCpuMs: number;
  serverCpuMs: number;
  loopDelayP99Ms: number;
}

async function sample(layer: Layer, input: LayerInput, server: ServerChild): Promise<Sample> {
  await server.reset();
  const loopDelay = monitorEventLoopDelay({ resolution: 5 });
  loopDelay.enable();
  const cpu = process.cpuUsage();
  const started = performance.now();
  await layer.run(input);
  const wallMs = performance.now() - started;
  const used = process.cpuUsage(cpu);
  loopDelay.disable();
  const stats = await server.stats();
  return { wallMs, clientCpuMs: (used.user + used.system) / 1000, serverCpuMs: stats.cpuMs, loopDelayP99Ms: loopDelay.percentile(99) / 1e6 };
}

/**
 * Diagnostic for figure 1: the same calls through each layer of the stack, from bare node:http to
 * the engine, against the fake server in its own process. Where the ratio jumps is where the time goes.
 */
export async function callOverhead(emit: Emit): Promise<void> {
  const server = await startServerChild({ latencyMs: LATENCY_MS });
  const workspace = syntheticWorkspace(ROWS, 17);
  const input = { baseUrl: server.url, datasetPath: workspace.datasetPath, rows: workspace.rows, concurrency: CONCURRENCY, calls: CALLS };
  const idealMs = (CALLS * LATENCY_MS) / CONCURRENCY;
  const samples = new Map<Layer, Sample[]>(LAYERS.map((layer) => [layer, []]));
  try {
    // Warm-up: module loading and JIT would otherwise be charged to the first layer measured.
    await LAYERS[LAYERS.length - 1]?.run({ ...input, calls: ROWS });
    for (let round = 0; round < ROUNDS; round++) {
      for (const layer of LAYERS) {
        samples.get(layer)?.push(await sample(layer, input, server));
      }
    }
  } finally {
    await server.close();
  }
  for (const [layer, taken] of samples) {
    const best = taken.reduce((a, b) => (b.wallMs < a.wallMs ? b : a));
    emit({
      figure: 'call-overhead',
      layer: layer.name,
      concurrency: CONCURRENCY,
      calls: CALLS,
      bestOf: ROUNDS,
      wallMs: round(best.wallMs),
      idealMs,
      ratio: round(best.wallMs / idealMs, 3),
      ratios: taken.map((s) => round(s.wallMs / idealMs, 2)),
      clientCpuMsPerCall: round(Math.min(...taken.map((s) => s.clientCpuMs)) / CALLS, 3),
      serverCpuMsPerCall: round(best.serverCpuMs / CALLS, 3),
      loopDelayP99Ms: round(best.loopDelayP99Ms),
    });
  }
}
