import { bestCandidate } from '../../src/core/run/history';
import type { RunRecord } from '../../src/core/runRecord';
import { syntheticWorkspace } from '../../test/support/syntheticRun';
import { round, type Emit } from '../report';
import { startServerChild } from '../serverChild';
import { scorerCalls, timeRun } from '../syntheticRuns';

const ROWS = 100;
const SEEDS = [1, 2, 3, 4, 5];
/** A small budget, where instruction-only search has not yet found every keyword of the task. */
const STEPS = 3;
const DEMOS = 4;

interface MethodResult {
  /** Paid scorer calls, summed over the seeds. */
  scorerCalls: number;
  /** The best candidate's training score (its own rows, demonstrations excluded), averaged. */
  bestTrain: number;
  /** The best candidate's score on the 30 held-out validation rows, averaged: the fair comparison. */
  bestValidation: number;
  /** The paired verdict against the seed on the validation rows, one per seed. */
  verdicts: string[];
}

function summarize(records: RunRecord[]): MethodResult {
  const mean = (xs: number[]): number => round(xs.reduce((a, b) => a + b, 0) / xs.length, 4);
  const bests = records.map((r) => bestCandidate(r));
  return {
    scorerCalls: records.reduce((sum, r) => sum + scorerCalls(r), 0),
    bestTrain: mean(bests.map((b) => b?.score ?? 0)),
    bestValidation: mean(bests.map((b) => b?.validation?.score ?? 0)),
    verdicts: records.map((r) => r.comparison?.verdict ?? 'none'),
  };
}

async function runMethod(baseUrl: string, demos: number): Promise<MethodResult> {
  const workspace = syntheticWorkspace(ROWS, 7);
  const records: RunRecord[] = [];
  for (const seed of SEEDS) {
    const run = await timeRun(baseUrl, workspace.datasetPath, { steps: STEPS, candidatesPerStep: 8, concurrency: 16, seed, demos, dataset: { path: workspace.datasetPath, validation: 0.3 } });
    records.push(run.record);
  }
  return summarize(records);
}

/**
 * Demonstrations against instruction-only OPRO on the synthetic task under the same budget (steps ×
 * candidates; a candidate with demonstrations is scored on K fewer rows, so it pays less): the best
 * candidate's score on held-out validation rows, averaged over fixed seeds. The fake scorer's known
 * effect is +SYNTHETIC_DEMO_BOOST accuracy per correct worked example.
 */
export async function demonstrationsEffect(emit: Emit): Promise<void> {
  const server = await startServerChild({ latencyMs: 5 });
  try {
    const instructionOnly = await runMethod(server.url, 0);
    const withDemos = await runMethod(server.url, DEMOS);
    const gain = withDemos.bestValidation - instructionOnly.bestValidation;
    emit({
      figure: 'demonstrations',
      rows: ROWS,
      steps: STEPS,
      seeds: SEEDS,
      instructionOnly,
      [`demos${DEMOS}`]: withDemos,
      validationGain: round(gain, 4),
      target: 'validationGain > 0 with no more scorer calls',
      met: gain > 0 && withDemos.scorerCalls <= instructionOnly.scorerCalls,
    });
  } finally {
    await server.close();
  }
}
