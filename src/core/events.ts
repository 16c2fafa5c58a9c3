import type { RunUsage, RunWarning, SeedComparison, StopReason } from './runRecord';
import type { CandidateView, RunView, SplitSummary, StepView } from './runView';
import type { OproErrorKind } from './errors';

/** The run was set up (or reopened to resume); `record` is its light view so far. */
export interface RunStartedEvent {
  type: 'runStarted';
  record: RunView;
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
  step: StepView;
}

export interface CandidateScoredEvent {
  type: 'candidateScored';
  candidate: CandidateView;
  usage: RunUsage;
}

export interface StepFinishedEvent {
  type: 'stepFinished';
  step: StepView;
  bestScore: number;
  usage: RunUsage;
}

export interface ValidationScoredEvent {
  type: 'validationScored';
  candidateId: string;
  validation: SplitSummary;
  usage: RunUsage;
}

export interface RunFinishedEvent {
  type: 'runFinished';
  reason: Exclude<StopReason, 'cancelled' | 'failed'>;
  /** The best candidate; absent when nothing could be scored (e.g. a call budget of 0). */
  best?: CandidateView;
  /** The best against the seed on the validation rows, when both were scored there and differ. */
  comparison?: SeedComparison;
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

/** Every event a run emits, in order; each is plain JSON and light (per-example results stay in the run store). */
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
