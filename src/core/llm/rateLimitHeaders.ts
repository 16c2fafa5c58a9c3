/** One limit an endpoint reports: how much is left and when it is whole again. */
export interface RateBucket {
  /** The full allowance, when reported. */
  limit?: number;
  remaining: number;
  /** Milliseconds until the allowance is whole again (OpenAI: "6m0s"; Anthropic: an RFC 3339 time). */
  resetInMs?: number;
}

/** What a response's headers say about the endpoint's limits; a missing part was not reported. */
export interface RateLimitSnapshot {
  requests?: RateBucket;
  tokens?: RateBucket;
}

const UNITS_MS: Record<string, number> = { h: 3_600_000, m: 60_000, s: 1000, ms: 1 };

/**
 * A duration as OpenAI, Azure and Groq write `x-ratelimit-reset-*`: Go-style `6m0s`, `1s`, `20ms`,
 * `1h2m3.5s`, `7.66s`, or plain seconds (`12`). `undefined` when it is none of these.
 */
export function parseDuration(text: string): number | undefined {
  const trimmed = text.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) {
    return Number(trimmed) * 1000;
  }
  const parts = [...trimmed.matchAll(/(\d+(?:\.\d+)?)(ms|h|m|s)/g)];
  if (parts.length === 0 || parts.map((p) => p[0]).join('') !== trimmed) {
    return undefined;
  }
  return parts.reduce((sum, p) => sum + Number(p[1]) * (UNITS_MS[p[2] as string] ?? 0), 0);
}

function count(headers: Headers, name: string): number | undefined {
  const raw = headers.get(name);
  const n = raw === null ? Number.NaN : Number(raw.trim());
  return Number.isFinite(n) && n >= 0 ? n : undefined;
}

function bucket(remaining: number | undefined, limit: number | undefined, resetInMs: number | undefined): RateBucket | undefined {
  if (remaining === undefined) {
    return undefined;
  }
  return { remaining, ...(limit === undefined ? {} : { limit }), ...(resetInMs === undefined ? {} : { resetInMs: Math.max(0, resetInMs) }) };
}

/** OpenAI, Azure OpenAI, Groq, OpenRouter: `x-ratelimit-{limit,remaining,reset}-{requests,tokens}`. */
function openAiBucket(headers: Headers, kind: 'requests' | 'tokens'): RateBucket | undefined {
  const reset = headers.get(`x-ratelimit-reset-${kind}`);
  return bucket(count(headers, `x-ratelimit-remaining-${kind}`), count(headers, `x-ratelimit-limit-${kind}`), reset === null ? undefined : parseDuration(reset));
}

/** Anthropic: `anthropic-ratelimit-{requests,tokens,input-tokens,output-tokens}-{limit,remaining,reset}`, resets as RFC 3339 times. */
function anthropicBucket(headers: Headers, kind: string, now: number): RateBucket | undefined {
  const reset = headers.get(`anthropic-ratelimit-${kind}-reset`);
  const at = reset === null ? Number.NaN : Date.parse(reset);
  return bucket(count(headers, `anthropic-ratelimit-${kind}-remaining`), count(headers, `anthropic-ratelimit-${kind}-limit`), Number.isNaN(at) ? undefined : at - now);
}

/** The tightest of several buckets: the least remaining, relative to its limit when both have one. */
function tightest(buckets: Array<RateBucket | undefined>): RateBucket | undefined {
  const present = buckets.filter((b): b is RateBucket => b !== undefined);
  const share = (b: RateBucket): number => (b.limit === undefined || b.limit === 0 ? b.remaining : b.remaining / b.limit);
  return present.reduce<RateBucket | undefined>((min, b) => (min === undefined || share(b) < share(min) ? b : min), undefined);
}

/** Reads the rate-limit headers of a response (any status), or `undefined` when it sends none. */
export function readRateLimitHeaders(headers: Headers | undefined, now: number): RateLimitSnapshot | undefined {
  if (headers === undefined) {
    return undefined;
  }
  const requests = openAiBucket(headers, 'requests') ?? anthropicBucket(headers, 'requests', now);
  const tokens =
    openAiBucket(headers, 'tokens') ??
    tightest([anthropicBucket(headers, 'tokens', now), anthropicBucket(headers, 'input-tokens', now), anthropicBucket(headers, 'output-tokens', now)]);
  if (requests === undefined && tokens === undefined) {
    return undefined;
  }
  return { ...(requests === undefined ? {} : { requests }), ...(tokens === undefined ? {} : { tokens }) };
}

/** Ms until `need` units of `bucket` are free: at its refill rate when its limit says, else at its reset. */
function waitFor(bucket: RateBucket, need: number): number | undefined {
  if (bucket.remaining >= need || bucket.resetInMs === undefined) {
    return undefined;
  }
  const { limit, remaining, resetInMs } = bucket;
  if (limit !== undefined && limit > remaining && resetInMs > 0 && need <= limit) {
    return Math.ceil((need - remaining) / ((limit - remaining) / resetInMs));
  }
  return resetInMs;
}

/**
 * How long the server says to wait after a 429: `retry-after-ms`, then `retry-after` (seconds or
 * an HTTP date), then the time until an allowance it reports holds the request again (one request,
 * and `tokens` of a tokens-per-minute limit). `undefined` when it says nothing.
 */
export function serverWaitMs(headers: Headers | undefined, now: number, tokens = 0): number | undefined {
  if (headers === undefined) {
    return undefined;
  }
  const asked = retryAfterMs(headers, now);
  if (asked !== undefined) {
    return asked;
  }
  const snapshot = readRateLimitHeaders(headers, now);
  const waits = [snapshot?.requests && waitFor(snapshot.requests, 1), snapshot?.tokens && waitFor(snapshot.tokens, Math.max(1, tokens))].filter(
    (ms): ms is number => ms !== undefined,
  );
  return waits.length === 0 ? undefined : Math.max(...waits);
}

/** `retry-after-ms`, then `retry-after` as seconds or an HTTP date. */
function retryAfterMs(headers: Headers, now: number): number | undefined {
  const millis = count(headers, 'retry-after-ms');
  if (millis !== undefined) {
    return millis;
  }
  const raw = headers.get('retry-after');
  if (raw === null) {
    return undefined;
  }
  const seconds = Number(raw.trim());
  if (Number.isFinite(seconds) && seconds >= 0) {
    return seconds * 1000;
  }
  const date = Date.parse(raw);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
