import type { RunConfig } from '../config';
import type { Example } from '../dataset/types';
import { splitDataset } from '../dataset/split';
import { buildJudgeMessages } from '../grading/judgePrompt';
import { familyOf } from '../llm/modelFamily';
import { estimatePromptTokens, estimateTokens } from '../llm/tokenEstimate';
import { profileFor } from '../llm/providerProfiles';
import { buildMetaPrompt } from '../prompt/metaPrompt';
import { buildScorerMessages } from '../prompt/scorerPrompt';
import { costUsd, PRICES_AS_OF } from '../pricing';
import { ADAPTIVE_FIRST_BATCH } from './adaptiveScoring';
import { answerCount } from './callEstimate';
import { modelOfRole, priceOfModel } from './modelPrices';
import type { ModelRole } from './usage';

/** One role's share of an estimate. */
export interface RoleSpend {
  role: ModelRole;
  model: string;
  calls: number;
  promptTokens: number;
  completionTokens: number;
  /** USD; undefined when the model has no price ("not priced", never $0). */
  costUsd: number | undefined;
}

/** Calls, tokens and dollars of a whole run under one assumption. */
export interface Spend {
  calls: number;
  promptTokens: number;
  completionTokens: number;
  /** USD; undefined when any model of the run has no price. */
  costUsd: number | undefined;
  byRole: RoleSpend[];
}

/** What a run may cost, before it starts. */
export interface RunEstimate {
  trainRows: number;
  validationRows: number;
  /** Every instruction on every training row, every optimizer sample on its own request, every answer at its token limit. */
  upper: Spend;
  /** Adaptive evaluation's usual saving (when the run uses it), `n` where the endpoint takes it, answers of a typical length. */
  expected: Spend;
  /** Whether `expected` asks for the optimizer's samples in one request. */
  isBatchingSamples: boolean;
  /** `role model` of each model without a price. */
  unpriced: string[];
  /** A role runs on VS Code's language models: requests count against a plan, there is no dollar figure. */
  isRequestsOnly: boolean;
  /** The day the built-in prices were read (`core/pricing.ts`). */
  pricesAsOf: string;
}

/** Rows an adaptive race spends on a typical losing candidate: two rungs (bench figure adaptive-evaluation: ≈ 31 of 100). */
const ADAPTIVE_TYPICAL_ROWS = 2 * ADAPTIVE_FIRST_BATCH;
/** Rows of a large dataset read for the average prompt (evenly spaced), so the estimate stays fast. */
const SAMPLED_ROWS = 500;
/** Reasoning tokens a typical answer spends, by `reasoning_effort` (rough: they vary a lot by task). */
const REASONING_ALLOWANCE: Record<string, number> = { none: 0, minimal: 64, low: 256, medium: 1024, high: 4096 };
/** Completion tokens a judge's verdict takes (a score and a sentence of reason). */
const JUDGE_REPLY_TOKENS = 60;

interface Sizes {
  /** Average tokens of one scorer request's prompt with an instruction of the seed's length, and with the longest allowed. */
  scorerPrompt: { typical: number; longest: number };
  targetTokens: number;
  /** Meta-prompt tokens with the history at `items` instructions. */
  metaPrompt: (items: number, isLongest: boolean) => number;
  judgePrompt: number;
  seedTokens: number;
}

function sampled(rows: readonly Example[]): Example[] {
  const stride = Math.max(1, Math.ceil(rows.length / SAMPLED_ROWS));
  return rows.filter((_, i) => i % stride === 0);
}

function average(values: number[]): number {
  return values.length === 0 ? 0 : values.reduce((a, b) => a + b, 0) / values.length;
}

function measure(config: RunConfig, rows: readonly Example[]): Sizes {
  const sample = sampled(rows);
  const seed = config.seedInstructions.reduce((a, b) => (b.length > a.length ? b : a), '');
  const longest = seed.length >= config.maxInstructionLength || config.maxInstructionLength <= 0 ? seed : seed.padEnd(config.maxInstructionLength, 'x');
  const prompt = { position: config.position, includeQA: config.includeQA };
  const promptOf = (instruction: string): number => average(sample.map((ex) => estimatePromptTokens({ messages: buildScorerMessages(instruction, ex, prompt) })));
  const targetTokens = average(sample.map((ex) => estimateTokens(ex.target)));
  const exemplars = sample.slice(0, config.exemplarsPerStep).map((ex) => ({ input: ex.input, target: ex.target }));
  const metaPrompt = (items: number, isLongest: boolean): number =>
    estimateTokens(
      buildMetaPrompt({
        history: Array.from({ length: Math.min(items, config.maxInstructions) }, (_, i) => ({ instruction: isLongest ? longest : seed, score: i / Math.max(1, items) })),
        exemplars,
        position: config.position,
        includeQA: config.includeQA,
      }),
    ) + 3;
  const rubric = config.grader?.kind === 'judge' ? config.grader.rubric : '';
  const judgePrompt = average(sample.map((ex) => estimatePromptTokens({ messages: buildJudgeMessages(rubric, { input: ex.input, expected: ex.target, output: ex.target }) })));
  return { scorerPrompt: { typical: promptOf(seed), longest: promptOf(longest) }, targetTokens, metaPrompt, judgePrompt, seedTokens: estimateTokens(seed) };
}

/** Answers the scorer gives in a run; the expected figure takes adaptive evaluation's typical race. */
function answerCounts(config: RunConfig, split: { train: number; validation: number }, isExpected: boolean): number {
  const rowsPerProposal = isExpected && config.evaluation === 'adaptive' ? Math.min(split.train, ADAPTIVE_TYPICAL_ROWS) : split.train;
  return answerCount(config, split, rowsPerProposal);
}

/** Whether the optimizer's samples can go in one request: not where a preset says `n` must be 1, not through VS Code. */
export function isBatchingSamples(config: RunConfig): boolean {
  const { optimizer } = config;
  if (optimizer.provider === 'vscode-lm' || config.candidatesPerStep <= 1) {
    return false;
  }
  const quirks = profileFor(optimizer.provider, optimizer.baseUrl ?? 'https://api.openai.com/v1')?.quirks;
  return (quirks?.maxN ?? Number.POSITIVE_INFINITY) > 1;
}

function scorerReply(config: RunConfig, sizes: Sizes): number {
  const family = config.scorer.family ?? familyOf(config.scorer.model, config.modelFamilies);
  const reasoning = family === 'reasoning' ? (REASONING_ALLOWANCE[config.scorer.reasoningEffort ?? 'medium'] ?? 0) : 0;
  return Math.min(config.scorer.maxTokens, Math.ceil(2 * sizes.targetTokens) + 8 + reasoning);
}

function optimizerSpend(config: RunConfig, sizes: Sizes, isExpected: boolean): Omit<RoleSpend, 'role' | 'model' | 'costUsd'> {
  const { steps, candidatesPerStep: candidates } = config;
  const seeds = config.seedInstructions.length;
  const itemsAt = (step: number): number => seeds + (step - 1) * candidates;
  if (!isExpected) {
    return { calls: steps * candidates, promptTokens: steps * candidates * sizes.metaPrompt(itemsAt(steps), true), completionTokens: steps * candidates * config.optimizer.maxTokens };
  }
  const promptPerStep = Array.from({ length: steps }, (_, i) => sizes.metaPrompt(itemsAt(i + 1), false));
  const batching = isBatchingSamples(config);
  const reply = Math.min(config.optimizer.maxTokens, 2 * sizes.seedTokens + 24);
  return {
    calls: batching ? steps : steps * candidates,
    promptTokens: promptPerStep.reduce((a, b) => a + b, 0) * (batching ? 1 : candidates),
    completionTokens: steps * candidates * reply,
  };
}

function priced(config: RunConfig, role: ModelRole, spend: Omit<RoleSpend, 'role' | 'model' | 'costUsd'>): RoleSpend {
  const model = modelOfRole(config, role);
  const price = priceOfModel(model, model.model, config.prices);
  const tokens = { promptTokens: Math.round(spend.promptTokens), completionTokens: Math.round(spend.completionTokens) };
  return { role, model: model.model, calls: spend.calls, ...tokens, costUsd: price === undefined ? undefined : costUsd(tokens, price) };
}

function spendOf(config: RunConfig, sizes: Sizes, split: { train: number; validation: number }, isExpected: boolean): Spend {
  const answers = answerCounts(config, split, isExpected);
  const scorerPrompt = isExpected ? sizes.scorerPrompt.typical : sizes.scorerPrompt.longest;
  const reply = isExpected ? scorerReply(config, sizes) : config.scorer.maxTokens;
  const byRole = [priced(config, 'scorer', { calls: answers, promptTokens: answers * scorerPrompt, completionTokens: answers * reply })];
  if (config.steps > 0) {
    byRole.push(priced(config, 'optimizer', optimizerSpend(config, sizes, isExpected)));
  }
  if (config.grader?.kind === 'judge') {
    const judgeReply = isExpected ? Math.min(JUDGE_REPLY_TOKENS, modelOfRole(config, 'judge').maxTokens) : modelOfRole(config, 'judge').maxTokens;
    byRole.push(priced(config, 'judge', { calls: answers, promptTokens: answers * (sizes.judgePrompt + reply), completionTokens: answers * judgeReply }));
  }
  const sum = (pick: (r: RoleSpend) => number): number => byRole.reduce((a, r) => a + pick(r), 0);
  const isPriced = byRole.every((r) => r.costUsd !== undefined);
  return { calls: sum((r) => r.calls), promptTokens: sum((r) => r.promptTokens), completionTokens: sum((r) => r.completionTokens), costUsd: isPriced ? sum((r) => r.costUsd ?? 0) : undefined, byRole };
}

/**
 * Calls, tokens and dollars a run on `config` may pay for over the dataset's `rows` (loaded as the run
 * will), before anything is cached: the upper bound (steps × candidates × rows, every answer at its
 * token limit, each optimizer sample on its own request) and the expected figure (adaptive
 * evaluation's typical two rungs per losing candidate when the run uses it, one request with `n`
 * per step where the endpoint may take it, answers about twice the targets' length). Token counts
 * are estimates (≈ 4 characters per token); `maxCalls` and `maxCost` still stop the run.
 */
export function estimateRun(config: RunConfig, rows: readonly Example[]): RunEstimate {
  const parts = splitDataset(rows.length, { ...config.dataset, seed: config.seed });
  const split = { train: parts.train.length, validation: parts.validation.length };
  const trainRows = parts.train.flatMap((i) => rows[i] ?? []);
  const sizes = measure(config, trainRows.length > 0 ? trainRows : rows);
  const upper = spendOf(config, sizes, split, false);
  const roles = upper.byRole.map((r) => r.role);
  return {
    trainRows: split.train,
    validationRows: split.validation,
    upper,
    expected: spendOf(config, sizes, split, true),
    isBatchingSamples: config.steps > 0 && isBatchingSamples(config),
    unpriced: upper.byRole.filter((r) => r.costUsd === undefined).map((r) => `${r.role} ${r.model}`),
    isRequestsOnly: roles.some((role) => modelOfRole(config, role).provider === 'vscode-lm'),
    pricesAsOf: PRICES_AS_OF,
  };
}
