import type { RunConfig } from './config';
import { familyOf, type ModelFamily } from './llm/modelFamily';
import type { ModelConfig } from './llm/types';
import { hasPlaceholders } from './prompt/template';

export const DEFAULT_STEPS = 10;
export const DEFAULT_CANDIDATES_PER_STEP = 8;
export const DEFAULT_MAX_INSTRUCTIONS = 20;
export const DEFAULT_SCORE_THRESHOLD = 0;
export const DEFAULT_SCORE_BUCKETS = 100;
export const DEFAULT_EXEMPLARS_PER_STEP = 3;
export const DEFAULT_MAX_INSTRUCTION_LENGTH = 500;
export const DEFAULT_CONCURRENCY = 8;
export const DEFAULT_REQUEST_TIMEOUT_MS = 60_000;
export const DEFAULT_MAX_RETRIES = 6;
export const DEFAULT_VALIDATION_TOP_K = 3;
export const DEFAULT_FEEDBACK_EXAMPLES = 3;
export const DEFAULT_SCORER_TEMPERATURE = 0;
export const DEFAULT_SCORER_MAX_TOKENS = 1024;
export const DEFAULT_OPTIMIZER_TEMPERATURE = 1;
export const DEFAULT_OPTIMIZER_MAX_TOKENS = 512;
export const DEFAULT_MODEL = 'gpt-4o-mini';
/**
 * Answer-length limit of reasoning models (scorer and optimizer) when none is set: their
 * `max_completion_tokens` covers the hidden reasoning too, which the 1024 / 512 of standard models
 * would leave no room for.
 */
export const DEFAULT_REASONING_MAX_TOKENS = 4096;

/** The parts of a RunConfig a caller must give; everything else has a default. */
export type RunConfigInput = Partial<Omit<RunConfig, 'scorer' | 'optimizer'>> &
  Pick<RunConfig, 'seedInstructions' | 'dataset'> & {
    scorer?: Partial<ModelConfig>;
    optimizer?: Partial<ModelConfig>;
  };

/** Every option that has a plain default (models, prompt and dataset are filled separately). */
export const RUN_DEFAULTS = {
  includeQA: false,
  steps: DEFAULT_STEPS,
  candidatesPerStep: DEFAULT_CANDIDATES_PER_STEP,
  maxInstructions: DEFAULT_MAX_INSTRUCTIONS,
  scoreThreshold: DEFAULT_SCORE_THRESHOLD,
  scoreBuckets: DEFAULT_SCORE_BUCKETS,
  exemplarsPerStep: DEFAULT_EXEMPLARS_PER_STEP,
  exemplarSelection: 'random',
  maxInstructionLength: DEFAULT_MAX_INSTRUCTION_LENGTH,
  targetScore: 1,
  patience: 0,
  maxCalls: 0,
  maxTokens: 0,
  seed: 0,
  concurrency: DEFAULT_CONCURRENCY,
  requestTimeoutMs: DEFAULT_REQUEST_TIMEOUT_MS,
  maxRetries: DEFAULT_MAX_RETRIES,
  validationTopK: DEFAULT_VALIDATION_TOP_K,
  evaluation: 'full',
  lengthPenalty: 0,
  demos: 0,
  method: 'opro',
  feedbackExamples: DEFAULT_FEEDBACK_EXAMPLES,
} as const satisfies Partial<RunConfig>;

/** The entries of `value` that are not undefined (so they don't erase defaults when spread). */
function defined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** Fills every default of OPRO.md (and the project's) into a partial config. */
export function withDefaults(input: RunConfigInput): RunConfig {
  const { scorer, optimizer: _optimizer, ...rest } = input;
  const seed = input.seedInstructions[0] ?? '';
  return {
    ...RUN_DEFAULTS,
    position: hasPlaceholders(seed) ? 'template' : 'Q_begin',
    ...defined(rest),
    seedInstructions: input.seedInstructions,
    dataset: input.dataset,
    scorer: modelWithDefaults(scorer, { temperature: DEFAULT_SCORER_TEMPERATURE, maxTokens: DEFAULT_SCORER_MAX_TOKENS }, input.modelFamilies),
    optimizer: modelWithDefaults(optimizerInput(input), { temperature: DEFAULT_OPTIMIZER_TEMPERATURE, maxTokens: DEFAULT_OPTIMIZER_MAX_TOKENS }, input.modelFamilies),
  };
}

/** VS Code's language models take no token limit: the reasoning family's larger default means nothing there. */
function isReasoningModel(model: Partial<ModelConfig> | undefined, name: string, families: Record<string, ModelFamily> | undefined): boolean {
  return model?.provider !== 'vscode-lm' && (model?.family ?? familyOf(name, families)) === 'reasoning';
}

function modelWithDefaults(
  model: Partial<ModelConfig> | undefined,
  sampling: { temperature: number; maxTokens: number },
  families: Record<string, ModelFamily> | undefined,
): ModelConfig {
  const name = model?.model ?? DEFAULT_MODEL;
  const isReasoning = isReasoningModel(model, name, families);
  return {
    ...defined(model ?? {}),
    model: name,
    temperature: model?.temperature ?? sampling.temperature,
    maxTokens: model?.maxTokens ?? (isReasoning ? DEFAULT_REASONING_MAX_TOKENS : sampling.maxTokens),
  };
}

/**
 * The optimizer talks to the scorer's endpoint and model unless told otherwise, but keeps its own
 * sampling; the scorer's label and vendor name the scorer's model, so they carry over only with it.
 */
function optimizerInput(input: RunConfigInput): Partial<ModelConfig> {
  const { temperature: _temperature, maxTokens: _maxTokens, label, vendor, ...endpoint } = input.scorer ?? {};
  const sameModel = input.optimizer?.model === undefined || input.optimizer.model === endpoint.model;
  return { ...endpoint, ...(sameModel ? defined({ label, vendor }) : {}), ...input.optimizer };
}
