import { AzureOpenAI, OpenAI } from 'openai';
import { cancelledError, isOproError, OproError } from '../errors';
import { runAttempt, type AttemptResult } from './attempt';
import { errorContext, log, type CallContext } from './callContext';
import { diagnoseNotFound, sdkModelLister } from './endpointDiagnosis';
import { sleep, systemClock, type Clock } from './clock';
import { ParameterMemory } from './learnedParameters';
import { familyOf } from './modelFamily';
import { createNodeFetch } from './nodeFetch';
import { missingKeyError, rateLimitTooLongError, toOproError } from './openaiErrors';
import { profileFor } from './providerProfiles';
import { RequestQueue } from './requestQueue';
import { DEFAULT_BACKOFF_BASE_MS, isRetryable, type FailureClass } from './retryPolicy';
import type { ChatRequest, ChatResponse, ClientOptions, LlmClient, ModelConfig } from './types';

/** Where requests go when `baseUrl` is not set. */
export const OPENAI_BASE_URL = 'https://api.openai.com/v1';
/** Per-attempt timeout in ms. @default 60000 */
export const DEFAULT_TIMEOUT_MS = 60_000;
/** Retries after the first attempt. @default 6 */
export const DEFAULT_MAX_RETRIES = 6;
/**
 * How long one call may wait in all for rate limits whose reset the server gives (retry-after, a
 * reset header): such 429s are waited out without using the retry budget, so a run at a tight limit
 * finishes with every example answered. @default 10 minutes
 */
export const DEFAULT_RATE_LIMIT_PATIENCE_MS = 600_000;
/** Parameter fixes one call may try (each retried once): token limit, temperature, seed, n, reasoning effort. */
const MAX_FIXES_PER_CALL = 5;
/** Sent as the key to endpoints that need none, because the `openai` package insists on one. */
const PLACEHOLDER_KEY = 'not-needed';
const DEFAULT_AZURE_API_VERSION = '2024-10-21';
/** Longest wait for each `GET /models` that diagnoses a 404. */
const DIAGNOSIS_TIMEOUT_MS = 10_000;

/** `ClientOptions` plus what only this client understands. */
export interface OpenAiClientOptions extends ClientOptions {
  /**
   * Limiter shared with other clients on the same endpoint (see `createEndpointLimiter`).
   * When set, `concurrency` is ignored. @default a new limiter with `concurrency` slots
   */
  limiter?: RequestQueue;
  /** First backoff step in ms when the server gives no retry-after (tests shrink it). @default 500 */
  backoffBaseMs?: number;
  /** Time for the waits between attempts (tests pass a fake one). @default systemClock */
  clock?: Clock;
  /** See `DEFAULT_RATE_LIMIT_PATIENCE_MS`. @default 600000 */
  rateLimitPatienceMs?: number;
}

/**
 * An `LlmClient` over the `openai` package's chat completions, for OpenAI, Azure OpenAI and any
 * OpenAI-compatible server. The only retry layer in the project (the SDK's own retries are off);
 * throws `OproError` (`auth` at once when api.openai.com is used without a key).
 */
export function createOpenAiClient(model: ModelConfig, options: OpenAiClientOptions = {}): LlmClient {
  const baseUrl = (model.baseUrl ?? '').trim().replace(/\/+$/, '') || OPENAI_BASE_URL;
  if (!model.apiKey && needsKey(model, baseUrl)) {
    throw missingKeyError(baseUrl);
  }
  const ctx = createContext(model, baseUrl, options);
  return {
    id: ctx.clientId,
    model: model.model,
    complete: (request, signal) => completeWithRetries(ctx, request, signal),
  };
}

function createContext(model: ModelConfig, baseUrl: string, options: OpenAiClientOptions): CallContext {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const clock = options.clock ?? systemClock;
  const limiter = options.limiter ?? new RequestQueue({ concurrency: options.concurrency, clock });
  return {
    // One socket per slot of the limiter, kept alive between calls.
    sdk: createSdk(model, baseUrl, { timeout: timeoutMs, fetch: createNodeFetch({ maxSockets: limiter.maxConcurrency }) }),
    limiter,
    clock,
    config: model,
    baseUrl,
    clientId: `${baseUrl}|${model.model}`,
    family: model.family ?? familyOf(model.model),
    quirks: profileFor(model.provider, baseUrl)?.quirks ?? {},
    parameters: options.parameters ?? new ParameterMemory(),
    timeoutMs,
    ...retryTuning(options),
    modelSetting: options.modelSetting,
    onLog: options.onLog ?? (() => undefined),
    onNote: options.onNote ?? (() => undefined),
    noted: new Set(),
  };
}

function retryTuning(options: OpenAiClientOptions): Pick<CallContext, 'maxRetries' | 'rateLimitPatienceMs' | 'backoffBaseMs'> {
  return {
    maxRetries: options.maxRetries ?? DEFAULT_MAX_RETRIES,
    rateLimitPatienceMs: options.rateLimitPatienceMs ?? DEFAULT_RATE_LIMIT_PATIENCE_MS,
    backoffBaseMs: options.backoffBaseMs ?? DEFAULT_BACKOFF_BASE_MS,
  };
}

function needsKey(model: ModelConfig, baseUrl: string): boolean {
  if (model.provider === 'azure') {
    return true;
  }
  try {
    return new URL(baseUrl).hostname === 'api.openai.com';
  } catch {
    return false;
  }
}

function createSdk(model: ModelConfig, baseUrl: string, transport: { timeout: number; fetch: typeof fetch }): OpenAI {
  // Every option is explicit: the SDK would otherwise read OPENAI_* variables, and core reads no env.
  const common = { apiKey: model.apiKey || PLACEHOLDER_KEY, maxRetries: 0, defaultHeaders: model.headers, ...transport };
  if (model.provider === 'azure') {
    const endpoint = baseUrl.endsWith('/openai') ? baseUrl : `${baseUrl}/openai`;
    const apiVersion = model.apiVersion ?? DEFAULT_AZURE_API_VERSION;
    return new AzureOpenAI({ ...common, baseURL: endpoint, apiVersion, deployment: model.model });
  }
  return new OpenAI({ ...common, baseURL: baseUrl });
}

/**
 * Attempts until one succeeds or retrying cannot help. A refused parameter ("unsupported parameter
 * / value") is fixed and retried once at once, without using the retry budget, and the fix is
 * remembered for every later request to this model.
 */
async function completeWithRetries(ctx: CallContext, request: ChatRequest, signal?: AbortSignal): Promise<ChatResponse> {
  const budget = { retries: 0, fixes: 0, waitedMs: 0 };
  for (let attempt = 1; ; attempt++) {
    const result = await runAttempt(ctx, { request, signal, attempt }).catch((err: unknown) => {
      throw cancelledOr(ctx, err, attempt);
    });
    if (result.ok) {
      log(ctx, { attempt, durationMs: result.durationMs, outcome: 'ok' });
      return result.response;
    }
    if (signal?.aborted || result.failure === 'cancelled') {
      throw cancelledOr(ctx, cancelledError(), attempt, result.durationMs);
    }
    const status = statusOf(result.err);
    if (result.isFixed && budget.fixes < MAX_FIXES_PER_CALL) {
      budget.fixes += 1;
      log(ctx, { attempt, durationMs: result.durationMs, outcome: 'retry', status, message: 'parameter refused; retrying without it', retryInMs: 0 });
      continue;
    }
    const spent = spendRetry(ctx, budget, result, attempt);
    const error = spent?.kind === 'notFound' && result.failure === 'notFound' ? await diagnosed(ctx, { err: result.err, plain: spent, signal }) : spent;
    if (error !== undefined) {
      log(ctx, { attempt, durationMs: result.durationMs, outcome: 'failed', status, errorKind: error.kind, message: error.message });
      throw error;
    }
    log(ctx, { attempt, durationMs: result.durationMs, outcome: 'retry', status, message: describeRetry(result.failure, status), retryInMs: result.waitMs });
    await sleep(ctx.clock, result.waitMs, signal).catch((err: unknown) => {
      throw cancelledOr(ctx, err, attempt);
    });
  }
}

/**
 * A 404 told apart: unknown model or wrong base URL, by asking the endpoint's `/models` once per
 * client (calls failing together share the answer). Azure deployments have no such list.
 */
function diagnosed(ctx: CallContext, failed: { err: unknown; plain: OproError; signal: AbortSignal | undefined }): Promise<OproError> {
  if (ctx.config.provider === 'azure') {
    return Promise.resolve(failed.plain);
  }
  const listModels = sdkModelLister(ctx.sdk, { signal: failed.signal, timeoutMs: Math.min(ctx.timeoutMs, DIAGNOSIS_TIMEOUT_MS) });
  ctx.notFoundDiagnosis ??= diagnoseNotFound({ err: failed.err, ctx: errorContext(ctx, 1), listModels }, () => failed.plain);
  return ctx.notFoundDiagnosis;
}

type Failed = Extract<AttemptResult, { ok: false }>;

/**
 * Takes one more try from the call's budget, or returns the error to end with. A 429 whose reset the
 * server gives is waited out from the time budget (`rateLimitPatienceMs`); anything else retryable
 * uses one of `maxRetries`.
 */
function spendRetry(ctx: CallContext, budget: { retries: number; waitedMs: number }, result: Failed, attempt: number): OproError | undefined {
  if (result.failure === 'rateLimit' && result.isServerWait) {
    if (budget.waitedMs + result.waitMs > ctx.rateLimitPatienceMs) {
      return rateLimitTooLongError(errorContext(ctx, attempt), result.waitMs, ctx.rateLimitPatienceMs);
    }
    budget.waitedMs += result.waitMs;
    return undefined;
  }
  const { failure } = result;
  if (failure === 'cancelled') {
    return cancelledError();
  }
  if (!isRetryable(failure) || budget.retries >= ctx.maxRetries) {
    return toOproError(failure, result.err, errorContext(ctx, attempt));
  }
  budget.retries += 1;
  return undefined;
}

function statusOf(err: unknown): number | undefined {
  const status = (err as { status?: unknown } | undefined)?.status;
  return typeof status === 'number' ? status : undefined;
}

function describeRetry(failure: FailureClass, status: number | undefined): string {
  switch (failure) {
    case 'rateLimit':
      return 'rate limited (429)';
    case 'timeout':
      return 'attempt timed out';
    case 'connection':
      return 'connection lost';
    case 'malformed':
      return 'malformed response body';
    default:
      return `server error (${status ?? 'no status'})`;
  }
}

function cancelledOr(ctx: CallContext, err: unknown, attempt: number, durationMs = 0): unknown {
  if (isOproError(err) && err.kind === 'cancelled') {
    log(ctx, { attempt, durationMs, outcome: 'cancelled', errorKind: 'cancelled' });
  }
  return err instanceof OproError ? err : toOproError('request', err, errorContext(ctx, attempt));
}
