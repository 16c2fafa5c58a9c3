import { bestCandidate } from '../../src/core/run/history';
import { syntheticWorkspace } from '../../test/support/syntheticRun';
import { round, type Emit } from '../report';
import { startServerChild } from '../serverChild';
import { timeRun, unreachableWorkspace, warmUp } from '../syntheticRuns';

const ROWS = 100;
const LATENCY_MS = 20;
const CONCURRENCY = 16;
const TARGET_CPU_MS_PER_CALL = 1;

/**
 * Figure 3: a full run (10 steps × 8 candidates × 100 examples), once on the synthetic task (which
 * reaches 1.0 in a few steps and stops at the target) and once with 10% of the answers unreachable,
 * so all 10 steps run. The fake server runs in a child process, so the CPU measured is the engine's.
 */
export async function optimizationRun(emit: Emit): Promise<void> {
  const server = await startServerChild({ latencyMs: LATENCY_MS });
  const cases = [
    { dataset: 'synthetic (stops at target 1.0)', workspace: syntheticWorkspace(ROWS, 7) },
    { dataset: 'synthetic, 10% of answers unreachable', workspace: unreachableWorkspace(ROWS, 7) },
  ];
  try {
    await warmUp(server.url);
    for (const { dataset, workspace } of cases) {
      const run = await timeRun(server.url, workspace.datasetPath, { steps: 10, candidatesPerStep: 8, concurrency: CONCURRENCY, seed: 1 });
      const { usage } = run.record;
      const calls = usage.calls + usage.failedCalls;
      const cpuMsPerCall = run.cpuMs / Math.max(1, calls);
      emit({
        figure: 'optimization-run',
        dataset,
        stopReason: run.record.stopReason,
        stepsDone: run.record.steps.filter((s) => s.done).length,
        bestScore: bestCandidate(run.record)?.score ?? 0,
        calls,
        tokens: usage.promptTokens + usage.completionTokens,
        wallMs: round(run.wallMs),
        engineCpuMs: round(run.cpuMs),
        engineCpuMsPerCall: round(cpuMsPerCall, 3),
        target: `engineCpuMsPerCall < ${TARGET_CPU_MS_PER_CALL}`,
        met: cpuMsPerCall < TARGET_CPU_MS_PER_CALL,
      });
    }
  } finally {
    await server.close();
  }
}
