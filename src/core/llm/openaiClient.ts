import { AzureOpenAI, OpenAI } from 'openai';
import { cancelledError, isOproError, OproError } from '../errors';
import { linkedSignal } from '../signals';
import { sleep, systemClock, type Clock } from './clock';
import { toChatResponse } from './chatResponse';
import { createNodeFetch } from './nodeFetch';
import { missingKeyError, toOproError } from './openaiErrors';
import {
  backoffDelay,
  classifyFailure,
  DEFAULT_BACKOFF_BASE_MS,
  isRetryable,
  parseRetryAfter,
  responseHeaders,
  type FailureClass,
} from './retryPolicy';
import { RequestQueue, type LimiterTicket } from './requestQueue';
import type { ChatRequest, ChatResponse, ClientOptions, LlmClient, ModelConfig, RequestLogEntry } from './types';

/** Where requests go when `baseUrl` is not set. */
export const OPENAI_BASE_URL = 'https://api.openai.com/v1';
/** Per-attempt timeout in ms. @default 60000 */
export const DEFAULT_TIMEOUT_MS = 60_000;
/** Retries after the first attempt. @default 6 */
export const DEFAULT_MAX_RETRIES = 6;
/** Sent as the key to endpoints that need none, because the `openai` package insists on one. */
const PLACEHOLDER_KEY = 'not-needed';
const DEFAULT_AZURE_API_VERSION = '2024-10-21';

/** `ClientOptions` plus what only this client understands. */
export interface OpenAiClientOptions extends ClientOptions {
  /**
   * Limiter shared with other clients on the same endpoint (see `createEndpointLimiter`).
   * When set, `concurrency` is ignored. @default a new limiter with `concurrency` slots
   */
  limiter?: RequestQueue;
  /** The setting that chose this model, named in "model not found" errors. @default both model settings */
  modelSetting?: string;
  /** First backoff step in ms when the server gives no retry-after (tests shrink it). @default 500 */
  backoffBaseMs?: number;
  /** Time for the waits between attempts (tests pass a fake one). @default systemClock */
  clock?: Clock;
}

interface CallContext {
  sdk: OpenAI;
  limiter: RequestQueue;
  clock: Clock;
  config: ModelConfig;
  baseUrl: string;
  timeoutMs: number;
  maxRetries: number;
  backoffBaseMs: number;
  modelSetting: string | undefined;
  onLog: (entry: RequestLogEntry) => void;
}

type AttemptResult =
  | { ok: true; response: ChatResponse; durationMs: number }
  | { ok: false; err: unknown; failure: FailureClass; durationMs: number; waitMs: number };

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
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const clock = options.clock ?? systemClock;
  const limiter = options.limiter ?? new RequestQueue({ concurrency: options.concurrency, clock });
  const ctx: CallContext = {
    // One socket per slot of the limiter, kept alive between calls.
    sdk: createSdk(model, baseUrl, { timeout: timeoutMs, fetch: createNodeFetch({ maxSockets: limiter.maxConcurrency }) }),
    limiter,
    clock,
    config: model,
    baseUrl,
    timeoutMs,
    maxRetries: options.maxRetries ?? DEFAULT_MAX_RETRIES,
    backoffBaseMs: options.backoffBaseMs ?? DEFAULT_BACKOFF_BASE_MS,
    modelSetting: options.modelSetting,
    onLog: options.onLog ?? (() => undefined),
  };
  return {
    id: `${baseUrl}|${model.model}`,
    model: model.model,
    complete: (request, signal) => completeWithRetries(ctx, request, signal),
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

async function completeWithRetries(ctx: CallContext, request: ChatRequest, signal?: AbortSignal): Promise<ChatResponse> {
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
    if (!isRetryable(result.failure) || attempt > ctx.maxRetries) {
      const error = toOproError(result.failure, result.err, errorContext(ctx, attempt));
      log(ctx, { attempt, durationMs: result.durationMs, outcome: 'failed', status, errorKind: error.kind, message: error.message });
      throw error;
    }
    log(ctx, { attempt, durationMs: result.durationMs, outcome: 'retry', status, message: describeRetry(result.failure, status), retryInMs: result.waitMs });
    await sleep(ctx.clock, result.waitMs, signal).catch((err: unknown) => {
      throw cancelledOr(ctx, err, attempt);
    });
  }
}

interface AttemptInput {
  request: ChatRequest;
  signal: AbortSignal | undefined;
  attempt: number;
}

function runAttempt(ctx: CallContext, input: AttemptInput): Promise<AttemptResult> {
  const { request, signal, attempt } = input;
  // Retries jump the queue so work already started finishes before new work begins.
  return ctx.limiter.run((ticket) => attemptOnce(ctx, { request, signal, attempt, ticket }), { signal, priority: attempt > 1 ? 1 : 0 });
}

async function attemptOnce(ctx: CallContext, input: AttemptInput & { ticket: LimiterTicket }): Promise<AttemptResult> {
  const started = performance.now();
  const { request } = input;
  // The SDK adds an abort listener to the signal it is given and never removes it: give it one
  // that lives only as long as this attempt.
  const link = linkedSignal(input.signal);
  try {
    const raw: unknown = await ctx.sdk.chat.completions.create(
      {
        model: ctx.config.model,
        messages: request.messages,
        temperature: request.temperature,
        max_tokens: request.maxTokens,
        ...(request.seed === undefined ? {} : { seed: request.seed }),
      },
      { signal: link.signal, timeout: ctx.timeoutMs, maxRetries: 0 },
    );
    const durationMs = Math.round(performance.now() - started);
    const response = toChatResponse(raw, ctx.config.model, durationMs);
    ctx.limiter.recordSuccess(input.ticket);
    return { ok: true, response, durationMs };
  } catch (err) {
    const failure = classifyFailure(err);
    const waitMs = parseRetryAfter(responseHeaders(err)) ?? backoffDelay(input.attempt - 1, { baseMs: ctx.backoffBaseMs });
    if (failure === 'rateLimit') {
      // Recorded before the slot is released, so the pause holds back the very next dispatch.
      ctx.limiter.recordRateLimit(input.ticket, waitMs);
    }
    return { ok: false, err, failure, waitMs, durationMs: Math.round(performance.now() - started) };
  } finally {
    link.release();
  }
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

function errorContext(ctx: CallContext, attempts: number): Parameters<typeof toOproError>[2] {
  return {
    baseUrl: ctx.baseUrl,
    model: ctx.config.model,
    apiKey: ctx.config.apiKey,
    attempts,
    timeoutMs: ctx.timeoutMs,
    modelSetting: ctx.modelSetting,
  };
}

function log(ctx: CallContext, entry: Omit<RequestLogEntry, 'model'>): void {
  try {
    ctx.onLog({ model: ctx.config.model, ...entry });
  } catch {
    // A failing log sink must not fail the request.
  }
}
