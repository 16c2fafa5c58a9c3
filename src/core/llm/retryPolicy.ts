import { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from 'openai';

/** First backoff step in ms (doubled per retry, then fully jittered). @default 500 */
export const DEFAULT_BACKOFF_BASE_MS = 500;
/** Longest backoff between two attempts in ms, unless the server asks for longer. @default 20000 */
export const DEFAULT_BACKOFF_CAP_MS = 20_000;

/** What went wrong in one attempt, reduced to what the retry loop needs. */
export type FailureClass =
  | 'cancelled'
  | 'auth'
  | 'notFound'
  | 'quota'
  | 'rateLimit'
  | 'server'
  | 'timeout'
  | 'connection'
  | 'refused'
  | 'malformed'
  | 'notChat'
  | 'request';

/** Thrown by the client when a 2xx body broke on the way (cut off, no choices, an error in a 200); retried like a 5xx. */
export class MalformedResponseError extends Error {
  constructor(detail: string) {
    super(`The endpoint answered with a malformed chat completion (${detail}).`);
    this.name = 'MalformedResponseError';
  }
}

/** Thrown by the client when a 2xx body is not a chat completion at all (an HTML page): not retried. */
export class NotChatCompletionError extends Error {
  constructor(readonly detail: string) {
    super(`The endpoint answered with ${detail}.`);
    this.name = 'NotChatCompletionError';
  }
}

const RETRYABLE: ReadonlySet<FailureClass> = new Set(['rateLimit', 'server', 'timeout', 'connection', 'malformed']);

/** True when another attempt may succeed (408, 409, 429 without `insufficient_quota`, 5xx, timeouts, drops, bad bodies). */
export function isRetryable(failure: FailureClass): boolean {
  return RETRYABLE.has(failure);
}

/** Sorts an error thrown by one `openai` call (or by the body check) into a `FailureClass`. */
export function classifyFailure(err: unknown): FailureClass {
  if (err instanceof APIUserAbortError) {
    return 'cancelled';
  }
  if (err instanceof APIConnectionTimeoutError) {
    return 'timeout';
  }
  if (err instanceof APIConnectionError) {
    return isConnectionRefused(err) ? 'refused' : 'connection';
  }
  if (err instanceof APIError) {
    return classifyStatus(err.status ?? 0, err.code ?? undefined);
  }
  if (err instanceof NotChatCompletionError) {
    return 'notChat';
  }
  if (err instanceof MalformedResponseError || err instanceof SyntaxError) {
    return 'malformed';
  }
  return 'request';
}

function classifyStatus(status: number, code: string | undefined): FailureClass {
  if (status === 401 || status === 403) {
    return 'auth';
  }
  if (status === 404 || code === 'model_not_found') {
    return 'notFound';
  }
  if (status === 429) {
    return code === 'insufficient_quota' ? 'quota' : 'rateLimit';
  }
  if (status === 408 || status === 409 || status >= 500) {
    return 'server';
  }
  return 'request';
}

const UNREACHABLE_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH']);
/** Our name for fetch refusing a port on its blocklist (6000, 9, …), which undici reports without a code. */
export const BAD_PORT = 'BAD_PORT';

/**
 * True when the host refused or could not be resolved. These are configuration problems
 * (wrong URL, server not started), so they fail at once instead of burning the retry budget.
 */
export function isConnectionRefused(err: unknown): boolean {
  return findErrorCode(err) !== undefined;
}

/** The first unreachable-host code (`ECONNREFUSED`, …, or `BAD_PORT`) in an error's cause chain. */
export function findErrorCode(err: unknown, depth = 0): string | undefined {
  if (depth > 6 || typeof err !== 'object' || err === null) {
    return undefined;
  }
  const code = (err as { code?: unknown }).code;
  if (typeof code === 'string' && UNREACHABLE_CODES.has(code)) {
    return code;
  }
  if ((err as { message?: unknown }).message === 'bad port') {
    return BAD_PORT;
  }
  const nested = (err as { errors?: unknown }).errors;
  if (Array.isArray(nested)) {
    for (const inner of nested) {
      const found = findErrorCode(inner, depth + 1);
      if (found !== undefined) {
        return found;
      }
    }
  }
  return findErrorCode((err as { cause?: unknown }).cause, depth + 1);
}

/** The headers of an `openai` API error, when the failure came with a response. */
export function responseHeaders(err: unknown): Headers | undefined {
  return err instanceof APIError && err.headers instanceof Headers ? err.headers : undefined;
}

/** Tunables of `backoffDelay`. */
export interface BackoffOptions {
  /** @default DEFAULT_BACKOFF_BASE_MS */
  baseMs?: number;
  /** @default DEFAULT_BACKOFF_CAP_MS */
  capMs?: number;
  /** Uniform in [0, 1). @default Math.random */
  random?: () => number;
}

/**
 * Exponential backoff with full jitter: a uniform wait in [0, min(cap, base * 2^retry)) ms.
 * `retry` counts from 0 for the first retry.
 */
export function backoffDelay(retry: number, options: BackoffOptions = {}): number {
  const { baseMs = DEFAULT_BACKOFF_BASE_MS, capMs = DEFAULT_BACKOFF_CAP_MS, random = Math.random } = options;
  return Math.floor(random() * Math.min(capMs, baseMs * 2 ** retry));
}
