import { OPTIMIZATION_METHODS, type EvaluationMode, type OptimizationMethod } from '../core/config';
import { MODEL_FAMILIES, REASONING_EFFORTS, type ModelFamily, type ReasoningEffort } from '../core/llm/modelFamily';
import { METRIC_KINDS, type MetricKind } from '../core/metrics/types';
import { POSITIONS, type Position } from '../core/prompt/position';
import { priceTableProblems, type ModelPrice, type PriceTable } from '../core/pricing';
import { SETTING_KEYS } from './settingKeys';

/** Providers the `opro.provider` setting offers. */
export const PROVIDERS = ['auto', 'openai', 'azure', 'ollama', 'lmstudio', 'vllm', 'llamacpp', 'anthropic', 'gemini', 'groq', 'mistral', 'openrouter', 'vscode-lm'] as const;
export type ProviderSetting = (typeof PROVIDERS)[number];

/** What `opro.metric` offers: detection, a rule metric, or one of the graders (LLM judge, workspace module). */
export const METRIC_SETTINGS = ['auto', ...METRIC_KINDS, 'judge', 'custom'] as const;
export type MetricSetting = MetricKind | 'auto' | 'judge' | 'custom';

export const EVALUATION_MODES: readonly EvaluationMode[] = ['full', 'adaptive'];

/** Every setting, normalized: wrong types and out-of-range values fall back to the default. */
export interface Settings {
  provider: ProviderSetting;
  /** '' when unset. */
  baseUrl: string;
  scorerModel: string;
  optimizerModel: string;
  scorerTemperature: number;
  optimizerTemperature: number;
  /** 0: core's default for the model's family. */
  scorerMaxTokens: number;
  /** 0: core's default for the model's family. */
  optimizerMaxTokens: number;
  /** `default`: not sent. */
  reasoningEffort: ReasoningEffort | 'default';
  /** Model-name patterns and their family, over core's built-in rule. */
  modelFamilies: Record<string, ModelFamily>;
  steps: number;
  candidatesPerStep: number;
  exemplarsPerStep: number;
  concurrency: number;
  maxCalls: number;
  maxTokens: number;
  /** USD; 0 unlimited. */
  maxCost: number;
  /** USD per million tokens by model name, over core's list prices; entries that are not prices are dropped. */
  prices: PriceTable;
  /** USD: runs expected to cost less start without the confirm step (a cost that is not known always asks). */
  confirmCostAbove: number;
  requestTimeoutSeconds: number;
  position: Position | 'auto';
  metric: MetricSetting;
  /** `json` metric: the fields compared ([] = every field). */
  jsonFields: string[];
  /** Inline rubric for the judge ('' when unset). */
  judgeRubric: string;
  /** Workspace-relative rubric file; wins over `judgeRubric` when set. */
  judgeRubricFile: string;
  /** '' = the scorer model. */
  judgeModel: string;
  /** Workspace-relative path of the custom scorer module ('' when unset). */
  customScorer: string;
  lengthPenalty: number;
  evaluation: EvaluationMode;
  /** Demonstrations per candidate (0: the instruction alone). */
  demos: number;
  method: OptimizationMethod;
  /** `feedback`: failed examples shown per step. */
  feedbackExamples: number;
  validationSplit: number;
  inputColumn: string;
  targetColumn: string;
  cacheEnabled: boolean;
  codeLensEnabled: boolean;
  azureApiVersion: string;
}

/** Reads a raw value by setting name; the VS Code side passes `getConfiguration('opro').get`. */
export type RawSettings = (name: string) => unknown;

export /** Normalizes raw values (read by full key) into {@link Settings}. */
function normalizeSettings(get: RawSettings): Settings {
  const k = SETTING_KEYS;
  const count = (key: string, fallback: number, min = 0): number => numberIn(get(key), { min, fallback, isInteger: true });
  return {
    provider: oneOf(get(k.provider), PROVIDERS, 'auto'),
    baseUrl: text(get(k.baseUrl)).replace(/\/+$/, ''),
    scorerModel: text(get(k.scorerModel)),
    optimizerModel: text(get(k.optimizerModel)),
    scorerTemperature: numberIn(get(k.scorerTemperature), { min: 0, max: 2, fallback: 0 }),
    optimizerTemperature: numberIn(get(k.optimizerTemperature), { min: 0, max: 2, fallback: 1 }),
    scorerMaxTokens: count(k.scorerMaxTokens, 0),
    optimizerMaxTokens: count(k.optimizerMaxTokens, 0),
    reasoningEffort: oneOf(get(k.reasoningEffort), ['default', ...REASONING_EFFORTS], 'default'),
    modelFamilies: familyTable(get(k.modelFamilies)),
    steps: count(k.steps, 10),
    candidatesPerStep: count(k.candidatesPerStep, 8, 1),
    exemplarsPerStep: count(k.exemplarsPerStep, 3),
    concurrency: count(k.concurrency, 8, 1),
    maxCalls: count(k.maxCalls, 0),
    maxTokens: count(k.maxTokens, 0),
    maxCost: numberIn(get(k.maxCost), { min: 0, fallback: 0 }),
    prices: priceTable(get(k.prices)),
    confirmCostAbove: numberIn(get(k.confirmCostAbove), { min: 0, fallback: 0 }),
    requestTimeoutSeconds: numberIn(get(k.requestTimeoutSeconds), { min: 1, fallback: 60 }),
    position: oneOf(get(k.position), ['auto', ...POSITIONS], 'auto'),
    metric: oneOf<MetricSetting>(get(k.metric), METRIC_SETTINGS, 'auto'),
    jsonFields: textList(get(k.jsonFields)),
    judgeRubric: text(get(k.judgeRubric)),
    judgeRubricFile: text(get(k.judgeRubricFile)),
    judgeModel: text(get(k.judgeModel)),
    customScorer: text(get(k.customScorer)),
    lengthPenalty: numberIn(get(k.lengthPenalty), { min: 0, fallback: 0 }),
    evaluation: oneOf(get(k.evaluation), EVALUATION_MODES, 'full'),
    demos: numberIn(get(k.demos), { min: 0, max: 16, fallback: 0, isInteger: true }),
    method: oneOf(get(k.method), OPTIMIZATION_METHODS, 'opro'),
    feedbackExamples: numberIn(get(k.feedbackExamples), { min: 1, max: 20, fallback: 3, isInteger: true }),
    validationSplit: numberIn(get(k.validationSplit), { min: 0, max: 0.9, fallback: 0.2 }),
    inputColumn: text(get(k.inputColumn)),
    targetColumn: text(get(k.targetColumn)),
    cacheEnabled: flag(get(k.cacheEnabled), true),
    codeLensEnabled: flag(get(k.codeLensEnabled), true),
    azureApiVersion: text(get(k.azureApiVersion)) || '2024-10-21',
  };
}

/** The entries of an object that are prices (`{ input, output, cachedInput? }`, USD per million tokens); anything else is dropped. */
export function priceTable(value: unknown): PriceTable {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return {};
  }
  // Plain copies: VS Code's setting values are proxies that structuredClone refuses.
  return Object.fromEntries(
    Object.entries(value as Record<string, ModelPrice>)
      .filter(([model, price]) => model.trim() !== '' && priceTableProblems({ [model]: price }).length === 0)
      .map(([model, { input, cachedInput, output }]) => [model.trim(), { input, ...(cachedInput === undefined ? {} : { cachedInput }), output }]),
  );
}

/** The entries of an object whose values are model families; anything else is dropped. */
export function familyTable(value: unknown): Record<string, ModelFamily> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return {};
  }
  return Object.fromEntries(
    Object.entries(value).flatMap(([pattern, family]) => (pattern.trim() !== '' && MODEL_FAMILIES.includes(family as ModelFamily) ? [[pattern.trim(), family as ModelFamily]] : [])),
  );
}

/** A value of one of `options`, else `fallback`. */
export function oneOf<T extends string>(value: unknown, options: readonly T[], fallback: T): T {
  return typeof value === 'string' && (options as readonly string[]).includes(value) ? (value as T) : fallback;
}

export function text(value: unknown, fallback = ''): string {
  return typeof value === 'string' ? value.trim() : fallback;
}

/** The non-empty trimmed strings of an array; [] for anything else. */
export function textList(value: unknown): string[] {
  return Array.isArray(value) ? value.flatMap((item) => (typeof item === 'string' && item.trim() !== '' ? [item.trim()] : [])) : [];
}

export function flag(value: unknown, fallback: boolean): boolean {
  return typeof value === 'boolean' ? value : fallback;
}

/** A finite number within [min, max], else `fallback`; integers when `isInteger`. */
export function numberIn(value: unknown, range: { min: number; max?: number; fallback: number; isInteger?: boolean }): number {
  const { min, max = Number.POSITIVE_INFINITY, fallback, isInteger = false } = range;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) {
    return fallback;
  }
  return isInteger ? Math.floor(value) : value;
}
