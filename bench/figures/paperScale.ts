import { join } from 'node:path';
import { runTsChild } from '../childJson';
import type { LongTasks } from '../longTasks';
import type { MemoryPeaks } from '../memoryWatch';
import { round, type Emit } from '../report';
import { startServerChild } from '../serverChild';

interface PaperRun {
  steps: number;
  candidates: number;
  rows: number;
  calls: number;
  scorerCalls: number;
  wallMs: number;
  cpuMsPerCall: number;
  peakRssMb: number;
  bytesWritten: number;
  bytesPerCandidate: number;
  savedRunBytes: number;
  cacheBytes: number;
  loopMaxMs: number;
  loopP99Ms: number;
  longTasks: LongTasks;
  memory: MemoryPeaks;
  status: string;
}

const TARGETS = { peakRssMb: 400, loopMaxMs: 50, writtenOverSaved: 3, cpuMsPerCall: 1, growth: 1.2 };
/** In-flight requests: the default is 8; 32 makes the 1 ms server keep the engine busy (the worst case for the event loop). */
const CONCURRENCY = Number(process.env.OPRO_BENCH_PAPER_CONCURRENCY ?? 32);
/** The paper's 200 steps take long on a shared 2-core machine: `OPRO_BENCH_PAPER_STEPS=20,80,200` adds them. */
const STEPS = (process.env.OPRO_BENCH_PAPER_STEPS ?? '20,80').split(',').map(Number);

/**
 * Figure `paper-scale`: the OPRO paper's GSM8K setup (8 candidates a step, 261 training rows, ~700-character
 * answers) against the simulated server (1 ms latency) in its own process, at 20 and 80 steps (and 200
 * when asked), with the growth between the two smaller ones.
 */
export async function paperScale(emit: Emit): Promise<void> {
  const server = await startServerChild({ latencyMs: 1, answerChars: 700, distinctProposals: true });
  const runs: PaperRun[] = [];
  try {
    for (const steps of STEPS) {
      const run = await runTsChild<PaperRun>(join(__dirname, '..', 'paperScaleProcess.ts'), [server.url, String(steps), String(CONCURRENCY)], 3_600_000);
      runs.push(run);
      const writtenOverSaved = run.bytesWritten / run.savedRunBytes;
      emit({
        figure: 'paper-scale',
        steps: run.steps,
        candidates: run.candidates,
        rows: run.rows,
        calls: run.calls,
        wallS: round(run.wallMs / 1000),
        cpuMsPerCall: round(run.cpuMsPerCall, 3),
        peakRssMb: round(run.peakRssMb),
        bytesWrittenMb: round(run.bytesWritten / 1e6),
        savedRunMb: round(run.savedRunBytes / 1e6),
        writtenOverSaved: round(writtenOverSaved, 3),
        cacheMb: round(run.cacheBytes / 1e6),
        concurrency: CONCURRENCY,
        loopMaxMs: round(run.loopMaxMs),
        loopP99Ms: round(run.loopP99Ms),
        // The same stretches by the main thread's own CPU time: what other processes on the machine cannot inflate.
        longestTurnCpuMs: round(run.longTasks.maxTurnCpuMs),
        p99TurnCpuMs: round(run.longTasks.p99TurnCpuMs),
        turnsOver50MsCpu: run.longTasks.turnsOver50MsCpu,
        lastTurnOver50MsAtS: run.longTasks.lastOver50MsAtMs === undefined ? 'none' : round(run.longTasks.lastOver50MsAtMs / 1000),
        atPeakRssMb: run.memory.atPeakRss,
        target: `peak RSS < ${TARGETS.peakRssMb} MB, loop max < ${TARGETS.loopMaxMs} ms, written < ${TARGETS.writtenOverSaved}× saved, CPU/call ≤ ${TARGETS.cpuMsPerCall} ms`,
        met: run.peakRssMb < TARGETS.peakRssMb && run.loopMaxMs < TARGETS.loopMaxMs && writtenOverSaved < TARGETS.writtenOverSaved && run.cpuMsPerCall <= TARGETS.cpuMsPerCall,
      });
    }
  } finally {
    await server.close();
  }
  const [small, large] = runs;
  if (small !== undefined && large !== undefined) {
    const bytesGrowth = large.bytesPerCandidate / small.bytesPerCandidate;
    const cpuGrowth = large.cpuMsPerCall / small.cpuMsPerCall;
    emit({
      figure: 'paper-scale-growth',
      from: `${small.steps} steps`,
      to: `${large.steps} steps`,
      bytesPerCandidate: [Math.round(small.bytesPerCandidate), Math.round(large.bytesPerCandidate)],
      bytesPerCandidateGrowth: round(bytesGrowth, 3),
      cpuMsPerCall: [round(small.cpuMsPerCall, 3), round(large.cpuMsPerCall, 3)],
      cpuPerCallGrowth: round(cpuGrowth, 3),
      peakRssMb: [round(small.peakRssMb), round(large.peakRssMb)],
      target: `each growth ≤ ${TARGETS.growth}×`,
      met: bytesGrowth <= TARGETS.growth && cpuGrowth <= TARGETS.growth,
    });
  }
}
