import { round, type Emit } from '../report';
import { profileAreas } from '../cpuProfile';
import { startServerChild } from '../serverChild';
import { timeRun, unreachableWorkspace, warmUp } from '../syntheticRuns';

/**
 * Diagnostic for figure 3: the 10-step run again, under the V8 profiler, with its CPU split by
 * owner (engine code, openai SDK, fetch…) per paid call. Profiling slows it a little.
 */
export async function cpuBreakdown(emit: Emit): Promise<void> {
  const server = await startServerChild({ latencyMs: 20 });
  const workspace = unreachableWorkspace(100, 7);
  try {
    await warmUp(server.url);
    const { result: run, areas } = await profileAreas(() =>
      timeRun(server.url, workspace.datasetPath, { steps: 10, candidatesPerStep: 8, concurrency: 16, seed: 1 }),
    );
    const calls = Math.max(1, run.record.usage.calls + run.record.usage.failedCalls);
    const perCall = Object.fromEntries(
      Object.entries(areas)
        .sort((a, b) => b[1] - a[1])
        .map(([area, ms]) => [area, round(ms / calls, 3)]),
    );
    emit({ figure: 'cpu-breakdown', run: '10 steps, 10% unreachable', calls, cpuMsPerCallByArea: perCall });
  } finally {
    await server.close();
  }
}
