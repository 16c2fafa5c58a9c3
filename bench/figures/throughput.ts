import { syntheticWorkspace } from '../../test/support/syntheticRun';
import { round, type Emit } from '../report';
import { benchInstructions, timeScoring } from '../scoring';
import { startServerChild } from '../serverChild';

const INSTRUCTIONS = 8;
const ROWS = 400;
const LATENCY_MS = 100;
const CONCURRENCIES = [4, 16, 64];
const TARGET_RATIO = 1.05;

/** Figure 1: scoring wall time against the ideal `calls × latency / concurrency`. */
export async function scoringThroughput(emit: Emit): Promise<void> {
  const server = await startServerChild({ latencyMs: LATENCY_MS });
  const workspace = syntheticWorkspace(ROWS, 11);
  try {
    // Warm-up: module loading and JIT would otherwise be charged to the first concurrency.
    await timeScoring({ baseUrl: server.url, datasetPath: syntheticWorkspace(40, 3).datasetPath }, benchInstructions(1), { concurrency: 4 });
    for (const concurrency of CONCURRENCIES) {
      await server.reset();
      const run = await timeScoring({ baseUrl: server.url, datasetPath: workspace.datasetPath }, benchInstructions(INSTRUCTIONS), { concurrency });
      const stats = await server.stats();
      const calls = INSTRUCTIONS * ROWS;
      const idealMs = (calls * LATENCY_MS) / concurrency;
      const ratio = run.wallMs / idealMs;
      emit({
        figure: 'scoring-throughput',
        concurrency,
        calls,
        requests: stats.requests,
        wallMs: round(run.wallMs),
        idealMs,
        ratio: round(ratio, 3),
        serverPeakInFlight: stats.maxInFlight,
        meanCallMs: round(run.log.meanOkMs()),
        clientCpuMsPerCall: round(run.cpuMs / calls, 3),
        serverCpuMsPerCall: round(stats.cpuMs / calls, 3),
        failedEvaluations: run.failedEvaluations,
        target: `<= ${TARGET_RATIO}`,
        met: ratio <= TARGET_RATIO,
      });
    }
  } finally {
    await server.close();
  }
}
