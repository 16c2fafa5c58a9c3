import type { RunBase, RunError, ScoredCandidate, SplitScore, StepRecord } from './runRecord';

export type { RunError };

/** The run file format this version writes; it reads this one and migrates version 1 on open. */
export const RUN_FORMAT_VERSION = 2;

/** A split's score without its per-example results (those stay on disk, fetched on demand). */
export type SplitSummary = Omit<SplitScore, 'results'>;

/** A scored candidate as the engine keeps it and the panel gets it: scores, counts and flags, no per-example results. */
export type CandidateView = Omit<ScoredCandidate, 'results' | 'validation'> & { validation?: SplitSummary };

/** A step without its meta-prompt, raw replies and rejected texts (fetched on demand); counts instead. */
export type StepView = Omit<StepRecord, 'metaPrompt' | 'replies' | 'rejected'> & {
  /** Optimizer calls made. */
  replies: number;
  /** Calls that failed (empty replies). */
  failedReplies: number;
  /** Proposals dropped (duplicates, too long, …). */
  rejected: number;
};

/** The best candidate as the run header names it (what listing a run shows). */
export interface HeaderBest {
  id: string;
  instruction: string;
  score: number;
  objective?: number;
  step: number;
  validationScore?: number;
}

/** The small part of a run that is rewritten atomically (`<run>.json`): config, data fingerprint, status, totals. */
export interface RunHeader extends RunBase {
  format: 'opro-run';
  /** Rows in each split. */
  trainRows: number;
  validationRows: number;
  /** As of the last header write; the log is the truth when they differ after a crash. */
  totals: { candidates: number; stepsDone: number; best?: HeaderBest };
}

/** A run as the panel shows it and the engine holds it: the header, light candidates and light steps. */
export interface RunView extends Omit<RunHeader, 'format' | 'totals'> {
  /** In history order: by step, then proposal order. */
  candidates: CandidateView[];
  /** By step number. */
  steps: StepView[];
}

/** The light form of a split score. */
export function splitSummary(split: SplitScore): SplitSummary {
  const { results: _results, ...summary } = split;
  return summary;
}

/** The light form of a scored candidate. */
export function candidateView(candidate: ScoredCandidate): CandidateView {
  const { results: _results, validation, ...rest } = candidate;
  return validation === undefined ? rest : { ...rest, validation: splitSummary(validation) };
}

/** The light form of a step. */
export function stepView(step: StepRecord): StepView {
  const { metaPrompt: _metaPrompt, replies, rejected, ...rest } = step;
  return { ...rest, replies: replies.length, failedReplies: replies.filter((r) => r === '').length, rejected: rejected.length };
}
