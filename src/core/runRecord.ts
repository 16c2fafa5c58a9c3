import type { RunConfig } from './config';
import type { DatasetFormat } from './dataset/types';
import type { OproErrorKind } from './errors';
import type { MetricOptions } from './metrics/types';
import type { RejectedProposal } from './prompt/extractInstructions';
import type { PairedComparison } from './stats/pairedComparison';
import type { Interval } from './stats/wilson';

/**
 * Why an example has no verdict: its answer was cut at the token limit (`finish_reason: "length"`,
 * or every token spent on reasoning), or its call failed after the client's retries. Such an
 * example is neither right nor wrong: it is left out of the score's denominator.
 */
export type ExampleStatus = 'truncated' | 'errored';

/** One example's outcome for one instruction. Input and target live once in `RunRecord.examples`. */
export interface ExampleResult {
  /** `Example.index` of the row. */
  example: number;
  /** The scorer's raw reply ('' when the call failed; the cut text when it was truncated). */
  output: string;
  /** The answer parsed from the output. */
  answer: string;
  correct: boolean;
  /** Set when the example has no verdict; absent for a graded one. */
  status?: ExampleStatus;
  /** Why the call or the grade failed, when it did. */
  error?: string;
  /** Partial credit in [0, 1] when the grader gives one (json fields, judge, custom scorer). */
  score?: number;
  /** The judge's or custom scorer's reason. */
  reason?: string;
}

export interface SplitScore {
  /** Mean credit over the graded examples (0 when none was graded). */
  score: number;
  correct: number;
  /** Graded examples: the score's denominator. Truncated and errored ones are not in it. */
  total: number;
  /** Examples whose answer was cut at the token limit (absent when none). */
  truncated?: number;
  /** Examples whose call failed after retries (absent when none). */
  errored?: number;
  /** The score's 95% interval (Wilson for an accuracy, bootstrap for partial credit), computed when it was scored. */
  ci95?: Interval;
  results: ExampleResult[];
}

export type CandidateOrigin = 'seed' | 'optimizer' | 'user';

/** An instruction with its training score. */
export interface ScoredCandidate extends SplitScore {
  /** sha256 of the instruction text (and its demonstrations' rows, when it has some), first 16 hex chars. */
  id: string;
  instruction: string;
  /**
   * Training rows shown in the prompt as worked examples (`RunConfig.demos`), in prompt order; the
   * candidate is never scored on them. Absent: the instruction alone.
   */
  demos?: number[];
  /** 0 for seeds; the step that proposed it otherwise. */
  step: number;
  /** Position among the step's proposals; ties in score keep this order. */
  ordinal: number;
  origin: CandidateOrigin;
  /** Scored on the validation split at the end of the run. */
  validation?: SplitScore;
  /** The prompt's length in tokens (≈ characters / 4; demonstrations included); set on every candidate the engine scores. */
  tokens?: number;
  /** score − lengthPenalty × tokens, when the run penalizes length; ranking uses it. */
  objective?: number;
  /** Adaptive evaluation stopped early: `results` cover only some of the training rows. */
  partial?: boolean;
  /**
   * Some examples have no verdict (`truncated` or `errored`): the score covers the others. Resuming
   * the run asks those examples again (the others come from the cache).
   */
  incomplete?: boolean;
  /** ISO time it was scored. */
  scoredAt: string;
}

/** What a step asked the optimizer and what came back. */
export interface StepRecord {
  step: number;
  metaPrompt: string;
  /** Example indices used as exemplars. */
  exemplars: number[];
  /** Raw optimizer replies, in draw order ('' for a failed call). */
  replies: string[];
  /** Instructions accepted for scoring, in proposal order. */
  accepted: string[];
  /** With demonstrations: the rows each accepted instruction shows, aligned with `accepted`. */
  demos?: number[][];
  rejected: RejectedProposal[];
  /** Replies cut at the optimizer's token limit (offered as nothing); absent when none. */
  truncated?: number;
  /** True once every accepted instruction is scored. */
  done: boolean;
}

export interface ModelUsage {
  calls: number;
  cachedCalls: number;
  failedCalls: number;
  retries: number;
  promptTokens: number;
  completionTokens: number;
  /** Of `promptTokens`, those the provider served from its prompt cache (cheaper). */
  cachedPromptTokens?: number;
  /** Of `completionTokens`, those spent reasoning. */
  reasoningTokens?: number;
  /** What the paid calls cost in USD, when the model has a price (`core/pricing.ts`, `opro.prices`); 0 for local servers. */
  costUsd?: number;
}

export interface RunUsage {
  /** Paid calls (cached answers excluded) across every model. */
  calls: number;
  cachedCalls: number;
  failedCalls: number;
  retries: number;
  promptTokens: number;
  completionTokens: number;
  cachedPromptTokens?: number;
  reasoningTokens?: number;
  /** What the paid calls cost in USD; absent while a model that was paid for has no price (see `unpricedModels`). */
  costUsd?: number;
  /** `role:model` keys paid for without a known price: no dollar figure can be given for the run. */
  unpricedModels?: string[];
  /** Keyed by `scorer:<model>` / `optimizer:<model>`. */
  byModel: Record<string, ModelUsage>;
}

/** Something about the run its user should know and may want to fix, shown once in the CLI and the panel. */
export interface RunWarning {
  /**
   * `longPrompt`: a seed prompt over `promptWarningBytes`, with its token cost; `datasetChanged` /
   * `datasetMissing`: on resume, the dataset file no longer holds the rows saved in the run.
   */
  kind: 'temperature' | 'parameter' | 'samples' | 'truncated' | 'errored' | 'longPrompt' | 'datasetChanged' | 'datasetMissing';
  /** Which model it is about. */
  role?: 'scorer' | 'optimizer' | 'judge';
  /** One or two sentences, never a key or a prompt. */
  message: string;
  /** What to change, when something can be (a setting or flag). */
  fix?: string;
}

export type RunStatus = 'running' | 'finished' | 'cancelled' | 'failed';

export type StopReason = 'steps' | 'target' | 'patience' | 'maxCalls' | 'maxTokens' | 'maxCost' | 'cancelled' | 'failed';

export interface DatasetInfo {
  file: string;
  format: DatasetFormat;
  fingerprint: string;
  columns: string[];
  inputColumn: string | undefined;
  targetColumn: string;
  rows: number;
  skipped: number;
}

/** A dataset row as the run file keeps it; `fields` only in template mode, where the prompt needs them. */
export interface RecordedExample {
  index: number;
  line: number;
  input: string;
  target: string;
  fields?: Record<string, string>;
}

/**
 * The best candidate against the seed (the user's prompt) on the validation rows, once a run has
 * finished with both scored there: the paired test and its verdict in one sentence.
 */
export interface SeedComparison extends PairedComparison {
  candidateId: string;
  baselineId: string;
  /** E.g. "better than your prompt on 40 validation rows (p = 0.01)". */
  sentence: string;
}

/** A run's failure, as saved. */
export interface RunError {
  kind: OproErrorKind | 'internal';
  message: string;
}

/** What every form of a run carries: who it is, how it is set up, where it stands. */
export interface RunBase {
  /** The run format version (`RUN_FORMAT_VERSION` for a run read by this version). */
  version: number;
  id: string;
  createdAt: string;
  updatedAt: string;
  status: RunStatus;
  stopReason?: StopReason;
  error?: RunError;
  /** The config with API keys and headers removed. */
  config: RunConfig;
  metric: MetricOptions;
  /** The judge's user-message template (`{{input}}`, `{{expected}}`, `{{output}}`) when an LLM judge grades. */
  judgePrompt?: { system: string; user: string };
  dataset: DatasetInfo;
  usage: RunUsage;
  /** What the run should tell its user (a model without temperature 0, truncated answers…), each once. */
  warnings?: RunWarning[];
  /** The best against the seed on the validation rows, set when the run finishes (absent when the best is the seed or nothing was held out). */
  comparison?: SeedComparison;
  /** Free-form data a front end attaches (the extension stores the prompt's source range). */
  meta?: Record<string, unknown>;
}

/**
 * A whole run in one object, per-example results and meta-prompts included (`readRunRecord`): for
 * exports, tests and tools. On disk a run is a header, an event log and a details file (`store/`).
 */
export interface RunRecord extends RunBase {
  /** The rows the run uses, so the run stands on its own. */
  examples: RecordedExample[];
  train: number[];
  validation: number[];
  candidates: ScoredCandidate[];
  steps: StepRecord[];
}
