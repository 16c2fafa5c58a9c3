// One paper-scale run (the OPRO paper's GSM8K setup: 8 candidates a step on 261 training rows) in its
// own process, so its peak RSS and CPU are the engine's alone; the simulated server runs in another.
// argv: baseUrl steps [concurrency, default 32]. Prints one JSON line: wall time, CPU per call, peak RSS, bytes written, the
// saved run's size and the event loop's delay, measured with perf_hooks.monitorEventLoopDelay.
import { readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { StoreFs } from '../src/core/engineDeps';
import { startRun } from '../src/core/engine';
import { createOpenAiClient } from '../src/core/llm/openaiClient';
import { nodeStoreFs } from '../src/core/store/storeFs';
import { syntheticConfig, syntheticWorkspace } from '../test/support/syntheticRun';
import { watchLongTasks } from './longTasks';
import { watchMemory } from './memoryWatch';

const ROWS = 261;

function countingFs(): { fs: StoreFs; bytes: () => number } {
  let bytes = 0;
  const count = (text: string): void => void (bytes += Buffer.byteLength(text));
  return {
    bytes: () => bytes,
    fs: {
      ...nodeStoreFs,
      writeFile: async (file, text) => (count(text), nodeStoreFs.writeFile(file, text)),
      appendFile: async (file, text) => (count(text), nodeStoreFs.appendFile(file, text)),
    },
  };
}

function sizeOf(dir: string, prefix: string): number {
  return readdirSync(dir).filter((n) => n.startsWith(prefix)).reduce((sum, n) => sum + statSync(join(dir, n)).size, 0);
}

function retainedHeapMb(): number | undefined {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc === undefined) {
    return undefined;
  }
  gc();
  return process.memoryUsage().heapUsed / 1e6;
}

async function main(): Promise<void> {
  const [baseUrl = '', stepsText = '20', concurrencyText = '32'] = process.argv.slice(2);
  const steps = Number(stepsText);
  const concurrency = Number(concurrencyText);
  const ws = syntheticWorkspace(ROWS, 11);
  // Every 10th answer unreachable: the best stays at 0.9, so every step runs.
  const dataset = join(ws.dir, 'paper.jsonl');
  writeFileSync(dataset, ws.rows.map((row, i) => JSON.stringify(i % 10 === 0 ? { ...row, answer: String(Number(row.answer) + 1000) } : row)).join('\n') + '\n');
  const runsDir = join(ws.dir, 'runs');
  const { fs, bytes } = countingFs();
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  const tasks = watchLongTasks();
  const memory = watchMemory();
  const cpu = process.cpuUsage();
  const started = performance.now();
  const view = await startRun(syntheticConfig(baseUrl, dataset, { steps, candidatesPerStep: 8, concurrency, seed: 5 }), {
    createClient: createOpenAiClient,
    runFile: join(runsDir, 'paper.json'),
    cacheDir: join(ws.dir, 'cache'),
    storeFs: fs,
  });
  const wallMs = performance.now() - started;
  const used = process.cpuUsage(cpu);
  loop.disable();
  const longTasks = tasks.stop();
  const memoryPeaks = memory.stop();
  const scorerCalls = Object.entries(view.usage.byModel).filter(([k]) => k.startsWith('scorer:')).reduce((sum, [, u]) => sum + u.calls, 0);
  const calls = view.usage.calls;
  const candidates = view.candidates.length;
  const written = bytes();
  console.log(
    JSON.stringify({
      steps: view.steps.filter((s) => s.done).length,
      concurrency,
      candidates,
      rows: ROWS,
      calls,
      scorerCalls,
      wallMs,
      cpuMsPerCall: (used.user + used.system) / 1000 / Math.max(1, calls),
      peakRssMb: process.resourceUsage().maxRSS / 1024,
      bytesWritten: written,
      bytesPerCandidate: written / Math.max(1, candidates),
      savedRunBytes: sizeOf(runsDir, 'paper.'),
      cacheBytes: sizeOf(join(ws.dir, 'cache'), 'responses'),
      loopMaxMs: loop.max / 1e6,
      loopP99Ms: loop.percentile(99) / 1e6,
      longTasks,
      memory: memoryPeaks,
      status: view.status,
      // What the run still holds once garbage is collected (with --expose-gc), apart from what the GC had not freed yet.
      retainedHeapMb: retainedHeapMb(),
    }),
  );
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
