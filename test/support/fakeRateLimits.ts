/**
 * Request and token limits as hosted providers enforce them: continuously refilling allowances
 * (a token bucket per kind), a request costing its prompt's tokens plus the completion it may use
 * (`max_tokens` × `n`, as OpenAI counts toward tokens-per-minute), and the headers that report them
 * on every response: OpenAI's `x-ratelimit-*` (resets as Go durations, `6m0s`) or Anthropic's
 * `anthropic-ratelimit-*` (resets as RFC 3339 times).
 */
export interface FakeRateLimitOptions {
  /** Requests per window. @default unlimited */
  requests?: number;
  /** Tokens per window. @default unlimited */
  tokens?: number;
  windowMs: number;
  /** Which provider's headers report the limits. @default 'openai' */
  headers?: 'openai' | 'anthropic';
}

/** What the limiter says about one request. */
export type Admission = { ok: true; headers: Record<string, string> } | { ok: false; waitMs: number; headers: Record<string, string> };

interface Bucket {
  capacity: number;
  level: number;
  at: number;
}

/** `6m0s`, `1.5s`, `250ms`: how OpenAI writes a reset. */
export function formatGoDuration(ms: number): string {
  if (ms < 1000) {
    return `${Math.ceil(ms)}ms`;
  }
  const minutes = Math.floor(ms / 60_000);
  const seconds = Math.round((ms - minutes * 60_000) / 10) / 100;
  return minutes > 0 ? `${minutes}m${seconds}s` : `${seconds}s`;
}

export class FakeRateLimits {
  readonly #options: FakeRateLimitOptions;
  readonly #requests: Bucket | undefined;
  readonly #tokens: Bucket | undefined;

  constructor(options: FakeRateLimitOptions, now: number) {
    this.#options = options;
    this.#requests = options.requests === undefined ? undefined : { capacity: options.requests, level: options.requests, at: now };
    this.#tokens = options.tokens === undefined ? undefined : { capacity: options.tokens, level: options.tokens, at: now };
  }

  /** Takes `cost` tokens and one request when both are there; else says how long until they are. */
  admit(now: number, cost: number): Admission {
    this.#refill(this.#requests, now);
    this.#refill(this.#tokens, now);
    const waitMs = Math.max(this.#shortfall(this.#requests, 1), this.#shortfall(this.#tokens, cost));
    if (waitMs > 0) {
      return { ok: false, waitMs, headers: this.#headers(now) };
    }
    if (this.#requests !== undefined) {
      this.#requests.level -= 1;
    }
    if (this.#tokens !== undefined) {
      this.#tokens.level -= Math.min(cost, this.#tokens.capacity);
    }
    return { ok: true, headers: this.#headers(now) };
  }

  #rate(bucket: Bucket): number {
    return bucket.capacity / this.#options.windowMs;
  }

  #refill(bucket: Bucket | undefined, now: number): void {
    if (bucket !== undefined) {
      bucket.level = Math.min(bucket.capacity, bucket.level + (now - bucket.at) * this.#rate(bucket));
      bucket.at = now;
    }
  }

  /** Ms until `need` is there (a request larger than the whole allowance waits for all of it). */
  #shortfall(bucket: Bucket | undefined, need: number): number {
    if (bucket === undefined) {
      return 0;
    }
    const wanted = Math.min(need, bucket.capacity);
    return bucket.level >= wanted ? 0 : Math.ceil((wanted - bucket.level) / this.#rate(bucket));
  }

  #headers(now: number): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [kind, bucket] of [['requests', this.#requests], ['tokens', this.#tokens]] as const) {
      if (bucket === undefined) {
        continue;
      }
      const toFull = (bucket.capacity - bucket.level) / this.#rate(bucket);
      const remaining = String(Math.max(0, Math.floor(bucket.level)));
      if (this.#options.headers === 'anthropic') {
        out[`anthropic-ratelimit-${kind}-limit`] = String(bucket.capacity);
        out[`anthropic-ratelimit-${kind}-remaining`] = remaining;
        out[`anthropic-ratelimit-${kind}-reset`] = new Date(now + toFull).toISOString();
      } else {
        out[`x-ratelimit-limit-${kind}`] = String(bucket.capacity);
        out[`x-ratelimit-remaining-${kind}`] = remaining;
        out[`x-ratelimit-reset-${kind}`] = formatGoDuration(toFull);
      }
    }
    return out;
  }
}
