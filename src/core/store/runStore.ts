import type { ExampleResult, ScoredCandidate, SplitScore, StepRecord } from '../runRecord';
import type { RunState, StepDetails } from './logEntry';

export type SplitName = 'train' | 'validation';

/**
 * Where a run's history goes as it happens (`fileStore.ts` on disk, `memoryStore.ts` without a run
 * file). Per-example results, meta-prompts and replies go in and come back on demand; the engine
 * keeps only the light view in memory.
 */
export interface RunStore {
  /** The run header's path; undefined for a run kept in memory. */
  readonly runFile: string | undefined;
  /** A scored candidate: its results to the details, its light form to the log; then the header. */
  recordCandidate(candidate: ScoredCandidate, state: RunState): Promise<void>;
  recordStep(step: StepRecord, state: RunState): Promise<void>;
  recordStepFinished(step: number, state: RunState): Promise<void>;
  recordValidation(candidateId: string, validation: SplitScore, state: RunState): Promise<void>;
  /** The state's status (and stop reason, error) to the log, then the header, before it resolves. */
  recordStatus(state: RunState): Promise<void>;
  /** The per-example results a candidate was scored with ([] when none were recorded). */
  results(candidateId: string, split: SplitName): Promise<ExampleResult[]>;
  stepDetails(step: number): Promise<StepDetails | undefined>;
}
