import type { RunConfig } from '../config';
import { splitDataset } from '../dataset/split';

/** The most model calls a run can pay for, before anything is cached. */
export interface CallEstimate {
  trainRows: number;
  validationRows: number;
  /** Scorer calls: every seed and every proposal on every training row, the best few on the validation rows. */
  scorerCalls: number;
  /** Optimizer calls: `candidatesPerStep` per step. */
  optimizerCalls: number;
  /** Both, capped by `maxCalls` when the run sets one. */
  totalCalls: number;
}

/**
 * An upper bound on a run's paid calls from its config and its dataset's row count: seeds + steps ×
 * candidates instructions, each answered on every training row (full evaluation; adaptive
 * evaluation and the cache only lower it), the validation top-k on the validation rows, and one
 * optimizer call per candidate. A judge grader doubles the scorer calls.
 */
export function estimateRunCalls(config: RunConfig, rowCount: number): CallEstimate {
  const split = splitDataset(rowCount, config.dataset);
  const trainRows = split.train.length;
  const validationRows = split.validation.length;
  const answers = answerCount(config, { train: trainRows, validation: validationRows }, trainRows);
  const scorerCalls = config.grader?.kind === 'judge' ? 2 * answers : answers;
  const optimizerCalls = config.steps * config.candidatesPerStep;
  const uncapped = scorerCalls + optimizerCalls;
  return { trainRows, validationRows, scorerCalls, optimizerCalls, totalCalls: config.maxCalls > 0 ? Math.min(config.maxCalls, uncapped) : uncapped };
}

/**
 * The scorer's answers in a run: each seed on every training row, each proposal on
 * `rowsPerProposal` of them (all of them under full evaluation), the validation top-k on the
 * validation rows.
 */
export function answerCount(config: RunConfig, rows: { train: number; validation: number }, rowsPerProposal: number): number {
  const proposals = config.steps * config.candidatesPerStep;
  const seeds = config.seedInstructions.length;
  const validated = rows.validation === 0 ? 0 : Math.min(config.validationTopK, seeds + proposals);
  return seeds * rows.train + proposals * rowsPerProposal + validated * rows.validation;
}
