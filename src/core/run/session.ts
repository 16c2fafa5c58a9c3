import type { RunConfig } from '../config';
import type { EngineDeps } from '../engineDeps';
import type { Example } from '../dataset/types';
import type { RunEvent } from '../events';
import { openResponseCache } from '../cache/responseCache';
import { withCache } from '../cache/cachedClient';
import { join } from 'node:path';
import { openParameterMemory, ParameterMemory } from '../llm/learnedParameters';
import { familyOf } from '../llm/modelFamily';
import { createEndpointLimiter } from '../llm/requestQueue';
import { createOpenAiClient } from '../llm/openaiClient';
import type { ClientNote, ClientOptions, LlmClient, ModelConfig } from '../llm/types';
import type { RecordedExample, RunWarning } from '../runRecord';
import type { RunState } from '../store/logEntry';
import type { RunStore } from '../store/runStore';
import { CallBudget } from './callBudget';
import { Gate } from './gate';
import { checkCostBudget, runPricing } from './modelPrices';
import { createGrader } from './graderFor';
import { RunHalt } from './runHalt';
import type { ProposalContext } from './proposals';
import type { ScorerContext } from './scoring';
import { UsageMeter, type ModelRole } from './usage';

/** Everything one run (or one resume) works with. */
export interface RunSession {
  /** The run's light state: results, meta-prompts and replies go to `store` and are not kept here. */
  record: RunState;
  /** The config with credentials (the record holds the redacted one). */
  config: RunConfig;
  scoring: ScorerContext;
  proposing: ProposalContext;
  budget: CallBudget;
  meter: UsageMeter;
  store: RunStore;
  deps: EngineDeps;
  signal: AbortSignal | undefined;
  /** Stops the run's other calls after a fatal one; its signal is what scoring and proposing pass on. Released when the run ends. */
  halt: RunHalt;
  emit: (event: RunEvent) => void;
  /** Adds a warning to the record and announces it, once per message. */
  warn: (warning: RunWarning) => void;
  /** What the endpoints refused, shared by the run's clients (saved next to the cache). */
  parameters: ParameterMemory;
}

/** Beside the response cache: what each endpoint and model refused, so the next run starts with the fixes. */
export const PARAMETERS_FILE_NAME = 'parameters.json';

/** The record's rows as scorer inputs (fields default to the input and target). */
export function examplesOf(record: Pick<RunState, 'examples'>): Example[] {
  return record.examples.map((e: RecordedExample) => ({
    index: e.index,
    line: e.line,
    input: e.input,
    target: e.target,
    fields: e.fields ?? {},
  }));
}

export interface SessionInput {
  record: RunState;
  config: RunConfig;
  store: RunStore;
}

/** Builds the clients (with budget and cache) and the contexts for a run's state and store. */
export async function openSession({ record, config, store }: SessionInput, deps: EngineDeps, signal?: AbortSignal): Promise<RunSession> {
  checkCostBudget(config);
  const pricing = runPricing(config);
  const meter = new UsageMeter(record.usage, pricing);
  const budget = new CallBudget({
    maxCalls: config.maxCalls,
    maxTokens: config.maxTokens,
    ...(config.maxCost === undefined ? {} : { maxCost: config.maxCost }),
    spent: () => ({ calls: meter.usage.calls, tokens: meter.tokens, cost: meter.costUsd }),
  });
  const cache = deps.cacheDir === undefined ? undefined : await openResponseCache(deps.cacheDir, { ...(deps.onWarning === undefined ? {} : { onWriteError: deps.onWarning }) });
  const parameters = deps.cacheDir === undefined ? new ParameterMemory() : await openParameterMemory(join(deps.cacheDir, PARAMETERS_FILE_NAME));
  const emit = (event: RunEvent): void => deps.onEvent?.(event);
  const warn = warner(record, emit);
  // Scorer and optimizer on one endpoint share one limiter, so together they respect its limits.
  const shared = config.scorer.baseUrl === config.optimizer.baseUrl ? createEndpointLimiter(config.concurrency) : undefined;
  const halt = new RunHalt(signal);
  const makeClient = (model: ModelConfig, role: ModelRole): LlmClient => {
    const options: ClientOptions = {
      ...clientOptions(config, role, meter, deps),
      parameters,
      onNote: (note) => noteToWarning(note, role, warn),
      ...(shared === undefined ? {} : { limiter: shared }),
    };
    const raw = (deps.createClient ?? createOpenAiClient)(withFamily(model, config), options);
    const budgeted = halt.wrap(budget.wrap(raw, pricing(role, model.model)));
    return cache === undefined ? budgeted : withCache(budgeted, cache);
  };
  return {
    record,
    config,
    scoring: {
      client: makeClient(config.scorer, 'scorer'),
      examples: examplesOf(record),
      grader: createGrader(record, config, { makeClient, meter, deps }),
      prompt: { position: config.position, includeQA: config.includeQA },
      ...scorerLimits(config),
      meter,
      onTruncated: () => warn(truncationWarning('scorer', withFamily(config.scorer, config))),
      signal: halt.signal,
    },
    proposing: {
      client: makeClient(config.optimizer, 'optimizer'),
      store,
      config,
      meter,
      onTruncated: () => warn(truncationWarning('optimizer', withFamily(config.optimizer, config))),
      signal: halt.signal,
    },
    budget,
    meter,
    store,
    deps,
    signal,
    halt,
    emit,
    warn,
    parameters,
  };
}

function scorerLimits(config: RunConfig): Pick<ScorerContext, 'temperature' | 'maxTokens' | 'admission'> {
  return { temperature: config.scorer.temperature, maxTokens: config.scorer.maxTokens, admission: new Gate(admissionCapacity(config.concurrency)) };
}

/** Examples prepared ahead of the limiter: twice its concurrency keeps it fed as answers come back (cache hits skip it). */
function admissionCapacity(concurrency: number): number {
  return Math.max(16, 2 * concurrency);
}

function warner(record: RunState, emit: (event: RunEvent) => void): (warning: RunWarning) => void {
  return (warning) => {
    const warnings = (record.warnings ??= []);
    if (warnings.some((w) => w.message === warning.message)) {
      return;
    }
    warnings.push(warning);
    emit({ type: 'runWarning', warning });
  };
}

/** The model with its family resolved (its own, else the run's patterns, else by name). */
function withFamily(model: ModelConfig, config: RunConfig): ModelConfig {
  return { ...model, family: model.family ?? familyOf(model.model, config.modelFamilies) };
}

/** Said once when a model's answers are cut at its token limit, with the settings that fix it. */
export function truncationWarning(role: 'scorer' | 'optimizer', model: ModelConfig): RunWarning {
  const what = role === 'scorer' ? 'answers' : 'proposals';
  const limit = role === 'scorer' ? 'opro.scorerMaxTokens / --scorer-max-tokens' : 'opro.optimizerMaxTokens / --optimizer-max-tokens';
  const effort = model.family === 'reasoning' || model.reasoningEffort !== undefined ? ', or lower opro.reasoningEffort / --reasoning-effort' : '';
  return {
    kind: 'truncated',
    role,
    message: `Some ${what} of \`${model.model}\` were cut at its limit of ${model.maxTokens} tokens (finish_reason "length", or every token spent reasoning): they are left out of the scores, not counted wrong.`,
    fix: `Raise ${limit}${effort}.`,
  };
}

/** The client's notes the run shows; another model answering goes to the log only. */
function noteToWarning(note: ClientNote, role: ModelRole, warn: (warning: RunWarning) => void): void {
  if (note.kind === 'otherModel') {
    return;
  }
  const fix = note.kind === 'temperature' && role === 'scorer' ? 'Use a model that takes temperature 0 as the scorer for reproducible scores.' : undefined;
  warn({ kind: note.kind, role, message: note.message, ...(fix === undefined ? {} : { fix }) });
}

/** The setting each role's model comes from, named when the endpoint does not have it. */
const MODEL_SETTING: Record<ModelRole, string> = { scorer: 'opro.scorerModel', optimizer: 'opro.optimizerModel', judge: 'opro.judge.model' };

function clientOptions(config: RunConfig, role: ModelRole, meter: UsageMeter, deps: EngineDeps): ClientOptions {
  return {
    modelSetting: MODEL_SETTING[role],
    concurrency: config.concurrency,
    timeoutMs: config.requestTimeoutMs,
    maxRetries: config.maxRetries,
    onLog: (entry) => {
      meter.recordLog(role, entry);
      deps.onLog?.(entry);
    },
  };
}
