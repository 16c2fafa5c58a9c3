import type { RunRecord, RunUsage, RunWarning, ScoredCandidate, SplitScore, StepRecord, StopReason } from './runRecord';
import type { OproErrorKind } from './errors';

/** The run was set up (or reopened to resume); `record` is its state so far. */
export interface RunStartedEvent {
  type: 'runStarted';
  record: RunRecord;
  resumed: boolean;
}

export interface StepStartedEvent {
  type: 'stepStarted';
  step: number;
  totalSteps: number;
}

/** The optimizer answered; the accepted proposals are about to be scored. */
export interface StepProposedEvent {
  type: 'stepProposed';
  step: StepRecord;
}

export interface CandidateScoredEvent {
  type: 'candidateScored';
  candidate: ScoredCandidate;
  usage: RunUsage;
}

export interface StepFinishedEvent {
  type: 'stepFinished';
  step: StepRecord;
  bestScore: number;
  usage: RunUsage;
}

export interface ValidationScoredEvent {
  type: 'validationScored';
  candidateId: string;
  validation: SplitScore;
  usage: RunUsage;
}

export interface RunFinishedEvent {
  type: 'runFinished';
  reason: Exclude<StopReason, 'cancelled' | 'failed'>;
  /** The best candidate; absent when nothing could be scored (e.g. a call budget of 0). */
  best?: ScoredCandidate;
  usage: RunUsage;
}

export interface RunCancelledEvent {
  type: 'runCancelled';
  usage: RunUsage;
}

export interface RunFailedEvent {
  type: 'runFailed';
  error: { kind: OproErrorKind | 'internal'; message: string };
  usage: RunUsage;
}

/** The run learned something its user should know (added to `RunRecord.warnings`, each once). */
export interface RunWarningEvent {
  type: 'runWarning';
  warning: RunWarning;
}

/** Every event a run emits, in order; each is plain JSON. */
export type RunEvent =
  | RunStartedEvent
  | StepStartedEvent
  | StepProposedEvent
  | CandidateScoredEvent
  | StepFinishedEvent
  | ValidationScoredEvent
  | RunFinishedEvent
  | RunCancelledEvent
  | RunFailedEvent
  | RunWarningEvent;
