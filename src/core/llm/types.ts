import type { OproErrorKind } from '../errors';
import type { ModelFamily, ReasoningEffort } from './modelFamily';

/** Body parameters the client may leave out or rename; `model` and `messages` are never touched. */
export const ADJUSTABLE_PARAMETERS = ['max_tokens', 'max_completion_tokens', 'temperature', 'seed', 'random_seed', 'n', 'reasoning_effort'] as const;
export type AdjustableParameter = (typeof ADJUSTABLE_PARAMETERS)[number];

/** One learned change: send `parameter` as `replacement`, or not at all (`null`). */
export interface ParameterFix {
  parameter: AdjustableParameter;
  replacement: AdjustableParameter | null;
}

/** Per parameter: the name to send it under, or `null` to leave it out. */
export type ParameterFixes = Partial<Record<AdjustableParameter, AdjustableParameter | null>>;

/** What endpoints refused, by `LlmClient.id` (see `ParameterMemory`). */
export interface ParameterStore {
  fixesFor(clientId: string): ParameterFixes;
  /** False when the fix was already known. */
  learn(clientId: string, fix: ParameterFix): boolean;
}

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

export interface ChatRequest {
  messages: ChatMessage[];
  temperature: number;
  maxTokens: number;
  /**
   * Which draw this is among identical requests at temperature > 0 (the optimizer's 8 calls
   * per step). Part of the cache key, so re-running a step replays the same draws.
   */
  drawIndex?: number;
  /** Sent as the API's `seed` when set, so endpoints that honour it answer reproducibly. */
  seed?: number;
  /**
   * Samples wanted from one request (the API's `n`): the optimizer's candidates, so the meta-prompt
   * is paid once. An endpoint that refuses or ignores `n` answers fewer `choices`; the caller asks
   * for the rest separately. @default 1
   */
  n?: number;
}

export interface TokenUsage {
  promptTokens: number;
  completionTokens: number;
  /** Of `promptTokens`, those the endpoint served from its prompt cache (billed at the cached-input price). */
  cachedPromptTokens?: number;
  /** Of `completionTokens`, those a reasoning model spent thinking (billed as output, not in the text). */
  reasoningTokens?: number;
}

export interface ChatResponse {
  /** The first choice's text. */
  text: string;
  /** Every choice's text, first one included, when the request asked for `n` > 1 and got more than one. */
  choices?: string[];
  /** The first choice's `finish_reason` (`stop`, `length`, …) when the endpoint gives one. */
  finishReason?: string;
  /** Every choice's `finish_reason` ('' when none), beside `choices`. */
  finishReasons?: string[];
  usage: TokenUsage;
  /** The model that answered, as the endpoint reports it. */
  model: string;
  /** True when the answer came from the response cache (nothing was paid). */
  cached?: boolean;
  /** Wall time of the successful attempt, in ms (0 for cached answers). */
  latencyMs?: number;
}

/**
 * Any chat model. Core ships one over the `openai` package; the extension adds VS Code's
 * language models. `complete` rejects with an `OproError` (kind `cancelled` when `signal` aborts).
 */
export interface LlmClient {
  /** Endpoint and model identity without credentials, e.g. `http://127.0.0.1:1234/v1|gpt-4o-mini`; used in cache keys. */
  readonly id: string;
  /** The model name shown to users. */
  readonly model: string;
  complete(request: ChatRequest, signal?: AbortSignal): Promise<ChatResponse>;
}

/** One attempt's outcome, for logs and counters. Never holds a key or a prompt. */
export interface RequestLogEntry {
  model: string;
  /** How people know the model (`ModelConfig.label`), when it is more than `model`. */
  label?: string;
  attempt: number;
  durationMs: number;
  outcome: 'ok' | 'retry' | 'failed' | 'cancelled' | 'note';
  status?: number;
  errorKind?: OproErrorKind;
  message?: string;
  /** How long the client waits before the next attempt, for `retry`. */
  retryInMs?: number;
}

export interface ModelConfig {
  /** `openai` (any OpenAI-compatible endpoint), `azure`, or a provider a front end adds (`vscode-lm`). @default 'openai' */
  provider?: string;
  /** e.g. `https://api.openai.com/v1`, `http://localhost:11434/v1`. @default the `openai` package's default */
  baseUrl?: string;
  /** Never persisted: stripped before a run is written. */
  apiKey?: string;
  model: string;
  /**
   * How front ends name the model to people, e.g. `GPT-5 mini · Copilot` for a VS Code language
   * model; requests, cache keys and resume use `model`. @default `model`
   */
  label?: string;
  /** Who serves the model when the provider has several, e.g. `copilot` for VS Code's language models. */
  vendor?: string;
  temperature: number;
  maxTokens: number;
  /** Extra HTTP headers. Never persisted. */
  headers?: Record<string, string>;
  /** Azure OpenAI only. */
  apiVersion?: string;
  /** How the model takes its parameters. @default by name (see `familyOf`) */
  family?: ModelFamily;
  /** Sent as `reasoning_effort` when set. @default not sent (the model's default) */
  reasoningEffort?: ReasoningEffort;
}

export interface ClientOptions {
  /** Requests in flight at once against this endpoint. @default 8 */
  concurrency?: number;
  /** Per-attempt timeout in ms. @default 60000 */
  timeoutMs?: number;
  /** Retries after the first attempt for 408/409/429/5xx, timeouts and dropped connections. @default 6 */
  maxRetries?: number;
  onLog?: (entry: RequestLogEntry) => void;
  /**
   * Parameter fixes learned from the endpoints' refusals, shared by a run's clients and kept
   * next to the cache. @default one for this client alone
   */
  parameters?: ParameterStore;
  /** Told what the run should know about how a model answers (a refused parameter, no temperature 0, another model answering). */
  onNote?: (note: ClientNote) => void;
  /** The setting that chose this model (`opro.scorerModel`), named in "model not found" errors. @default both model settings */
  modelSetting?: string;
}

/** Something about how a model answers that the run shows once (never a key or a prompt). */
export interface ClientNote {
  kind: 'parameter' | 'temperature' | 'samples' | 'otherModel';
  /** Endpoint and model, as in `LlmClient.id`. */
  clientId: string;
  message: string;
}
