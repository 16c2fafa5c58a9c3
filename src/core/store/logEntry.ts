import type { RejectedProposal } from '../prompt/extractInstructions';
import type { ExampleResult, RecordedExample, RunStatus, RunUsage, SeedComparison, StopReason } from '../runRecord';
import type { CandidateView, RunError, RunView, SplitSummary, StepView } from '../runView';
import type { ByteRange } from './appendFile';

/** One line of the event log (`<run>.log.jsonl`). Every line carries the run's usage after it. */
export type LogEntry =
  | { type: 'candidateScored'; candidate: CandidateView; details: ByteRange; usage: RunUsage }
  | { type: 'stepProposed'; step: StepView; details: ByteRange; usage: RunUsage }
  | { type: 'stepFinished'; step: number; usage: RunUsage }
  | { type: 'validationScored'; candidateId: string; validation: SplitSummary; details: ByteRange; usage: RunUsage }
  | { type: 'statusChanged'; at: string; status: RunStatus; stopReason?: StopReason; error?: RunError; comparison?: SeedComparison; usage: RunUsage };

/** One line of the details file (`<run>.details.jsonl`), found by the byte range its log line holds. */
export type DetailsLine =
  | { type: 'results'; candidate: string; split: 'train' | 'validation'; results: ExampleResult[] }
  | { type: 'step'; step: number; metaPrompt: string; replies: string[]; rejected: RejectedProposal[] };

/** What a step's details line holds. */
export type StepDetails = Omit<Extract<DetailsLine, { type: 'step' }>, 'type'>;

/** A run as the engine works with it: the light view plus the rows and the split. */
export interface RunState extends RunView {
  /** The rows the run uses (every row of the dataset). */
  examples: RecordedExample[];
  train: number[];
  validation: number[];
}
