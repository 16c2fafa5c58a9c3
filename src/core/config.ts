import type { LoadDatasetOptions, SplitOptions } from './dataset/types';
import type { ModelFamily } from './llm/modelFamily';
import type { PriceTable } from './pricing';
import type { ModelConfig } from './llm/types';
import type { MetricOptions } from './metrics/types';
import type { Position } from './prompt/position';

export type ExemplarSelection = 'random' | 'failures';

/**
 * How new instructions are proposed: `opro` is the paper's meta-prompt, byte for byte; `feedback`
 * adds training examples the best instruction gets wrong (input, the model's answer, the expected
 * answer, the judge's reason) before its closing request.
 */
export type OptimizationMethod = 'opro' | 'feedback';

export const OPTIMIZATION_METHODS: readonly OptimizationMethod[] = ['opro', 'feedback'];

/** Graders beyond the rule metrics: an LLM judge with a rubric, or a workspace module. */
export type GraderConfig =
  | { kind: 'judge'; /** The rubric text (the CLI and the extension read rubric files into it). */ rubric: string }
  | { kind: 'custom'; /** Absolute path of a .js/.mjs module exporting `score()`. */ module: string; /** @default 5000 */ timeoutMs?: number };
/**
 * `full` scores every candidate on every training row (the paper). `adaptive` scores a step's
 * candidates on growing batches of rows and stops one as soon as it cannot beat the step's best
 * (a confidence bound on the paired difference); its score is then partial.
 */
export type EvaluationMode = 'full' | 'adaptive';

/** Everything a run needs. Built by the CLI or the extension; core never reads settings itself. */
export interface RunConfig {
  /** Instructions scored at step 0, usually the user's prompt. */
  seedInstructions: string[];
  dataset: { path: string } & LoadDatasetOptions & SplitOptions;
  /** Where the instruction goes in the scorer prompt. @default 'template' when the seed has `{{placeholders}}`, else 'Q_begin' */
  position: Position;
  /** Wrap the example as `Q: … A:`. @default false */
  includeQA: boolean;
  /** @default auto-detected from the targets */
  metric?: MetricOptions;
  /** Grades outputs instead of `metric` when set. */
  grader?: GraderConfig;
  /** The judge model for `grader.kind === 'judge'`. @default the scorer's endpoint and model at temperature 0 */
  judge?: ModelConfig;
  /** Objective = score − lengthPenalty × the instruction's tokens (≈ characters / 4); 0 ranks by score alone. @default 0 */
  lengthPenalty: number;
  scorer: ModelConfig;
  optimizer: ModelConfig;
  /**
   * Model-name patterns (`*` wildcard) and the family each takes its parameters as, over the
   * built-in patterns (o-series and GPT-5 are `reasoning`): for deployments and routers whose
   * names do not say. @default {}
   */
  modelFamilies?: Record<string, ModelFamily>;
  /** @default 10 */
  steps: number;
  /** Optimizer calls per step. @default 8 */
  candidatesPerStep: number;
  /** Best instructions shown in the meta-prompt. @default 20 */
  maxInstructions: number;
  /** Instructions scoring below this (0..1) are left out of the meta-prompt. @default 0 */
  scoreThreshold: number;
  /** 100 shows scores as integer percents; null shows them rounded to 3 decimals. @default 100 */
  scoreBuckets: number | null;
  /** @default 3 */
  exemplarsPerStep: number;
  /** @default 'random' */
  exemplarSelection: ExemplarSelection;
  /** Longer candidates are rejected. @default 500 */
  maxInstructionLength: number;
  /** Stop once the best training score reaches this. @default 1 */
  targetScore: number;
  /** Stop after this many steps without a better best; 0 never. @default 0 */
  patience: number;
  /** Stop before paying more calls than this (cached answers are free); 0 unlimited. @default 0 */
  maxCalls: number;
  /** Stop once this many tokens were paid; 0 unlimited. @default 0 */
  maxTokens: number;
  /**
   * Stop, cleanly, before a call could take the run's cost past this many USD (a call in flight
   * counts at its most: prompt plus every token it may answer); 0 unlimited. Needs every model priced.
   * @default 0
   */
  maxCost?: number;
  /** USD per million tokens by model name, over the built-in list prices (`core/pricing.ts`). @default {} */
  prices?: PriceTable;
  /** Seeds the split, the exemplars and the optimizer's `seed`. @default 0 */
  seed: number;
  /** Requests in flight at once per endpoint. @default 8 */
  concurrency: number;
  /** @default 60000 */
  requestTimeoutMs: number;
  /** @default 6 */
  maxRetries: number;
  /** How many of the best instructions are scored on the validation split at the end. @default 3 */
  validationTopK: number;
  /** @default 'full' */
  evaluation: EvaluationMode;
  /**
   * Demonstrations per candidate: each proposed instruction is scored with up to this many training
   * rows shown as worked examples (never scored on those rows). 0: the instruction alone. @default 0
   */
  demos?: number;
  /** @default 'opro' */
  method?: OptimizationMethod;
  /** Failed training examples the `feedback` meta-prompt shows (M). @default 3 */
  feedbackExamples?: number;
  /** A seed prompt larger than this many bytes (UTF-8) gets a warning with its token cost before the run; 0 never warns. @default 8192 */
  promptWarningBytes?: number;
}
