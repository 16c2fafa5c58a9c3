import type { RateLimitSnapshot } from './rateLimitHeaders';

/** Requests in flight at once against one endpoint, before any slowdown. @default 8 */
export const DEFAULT_CONCURRENCY = 8;
/**
 * Once a 429 has shown where the endpoint's limit lies, growing past it again takes this many
 * times more successes than growing below it (doubled after each failed probe at the same level,
 * up to 2^6), so probing for spare capacity costs few 429s.
 * @default 16
 */
export const PROBE_FACTOR = 16;
const MAX_PROBE_DOUBLINGS = 6;
/**
 * Against a rate limit, the share of the limit kept by the one cut per wait window.
 * @default 0.75
 */
export const RATE_CUT_FACTOR = 0.75;
/**
 * Share of an allowance's reported refill rate that pacing counts on. A reset time read after the
 * response travelled (an absolute one, Anthropic's) makes the rate look a little faster than it is.
 * @default 0.95
 */
export const PACING_MARGIN = 0.95;

/** What the endpoint last reported about one allowance (requests or tokens), and what was spent since. */
interface Allowance {
  limit?: number;
  remaining: number;
  observedAt: number;
  /** Ms after `observedAt` until the allowance was whole again. */
  resetInMs?: number;
  /** Units per ms it refills at: (limit − remaining) / reset, or the last such figure. */
  ratePerMs?: number;
  /** Units sent since the observation (requests started after it). */
  spentSince: number;
}

/** Units of `allowance` free at `time`. */
function freeAt(allowance: Allowance, time: number): number {
  const elapsed = Math.max(0, time - allowance.observedAt);
  const cap = allowance.limit ?? Number.POSITIVE_INFINITY;
  let level = allowance.remaining;
  if (allowance.ratePerMs !== undefined) {
    level = Math.min(cap, level + elapsed * allowance.ratePerMs);
  } else if (allowance.resetInMs !== undefined && elapsed >= allowance.resetInMs) {
    level = cap;
  }
  return level - allowance.spentSince;
}

/** The earliest time ≥ `now` at which `need` units are free (a need above the whole limit waits for all of it). */
function readyAt(allowance: Allowance | undefined, need: number, now: number): number {
  if (allowance === undefined || need <= 0) {
    return now;
  }
  const wanted = Math.min(need, allowance.limit ?? need);
  const free = freeAt(allowance, now);
  if (free >= wanted) {
    return now;
  }
  if (allowance.ratePerMs !== undefined && allowance.ratePerMs > 0) {
    return now + (wanted - free) / allowance.ratePerMs;
  }
  // No refill rate known: all of it comes back at the reset; with no reset either, the adaptive pause decides.
  return allowance.resetInMs === undefined ? now : Math.max(now, allowance.observedAt + allowance.resetInMs);
}

/** Handed to each request when it starts: which slowdown epoch it was dispatched in, and when. */
export interface LimiterTicket {
  readonly epoch: number;
  /** Dispatch order: the server's allowances seen in this request's response cover the requests before it. */
  readonly seq: number;
  /** When it started (ms): about when the server counted it against its allowances. */
  readonly startedAt: number;
}

/** Recent dispatches kept for the next observation (bounded, so memory stays flat on any endpoint). */
const MAX_TRACKED_DISPATCHES = 1024;

/** A request started recently, for what the next observation does not cover yet. */
interface Dispatch {
  seq: number;
  tokens: number;
}

/**
 * The decisions of an endpoint's limiter, with no timers and no queue: the caller says what
 * happened and when (`now`, in ms), and asks when the next request may go. `RequestQueue` applies it.
 *
 * Every 429 holds back new dispatches until the server's retry-after has passed. Then it reads the
 * 429s one of two ways:
 * - As a concurrency cap (until shown otherwise). The first 429 from a request sent since the last
 *   cut cuts the limit to the number of other requests in flight, and each later 429 of that burst
 *   takes one more off: the limit settles at what the endpoint served at once (32 → 8 behind a cap
 *   of 8), and that level is known to work. Growing past it is a probe that takes `PROBE_FACTOR`
 *   times more successes; a failed probe lands back on the level that worked. A success during
 *   the pause ends it early, since the endpoint has just freed a slot.
 * - As a rate limit, for good, once a 429 comes with no more requests in flight than a level that
 *   worked. The server's wait does the pacing: the pause lasts all of it, the limit keeps
 *   `RATE_CUT_FACTOR` of itself once per wait window (which ends when a request sent after the cut
 *   is served), and it grows back at the normal speed.
 * Successes add 1 to the limit per `limit` successes, up to the configured concurrency.
 */
export class RateController {
  /** The configured concurrency, the most the limit grows back to. */
  readonly maxConcurrency: number;
  #limit: number;
  #running = 0;
  #successes = 0;
  #epoch = 0;
  /** The highest limit believed to work under a concurrency cap; growing past it is a probe. */
  #safeLimit: number | undefined;
  /** Requests in flight by the epoch they were dispatched in. */
  readonly #inFlightByEpoch = new Map<number, number>();
  #failedProbes = 0;
  /** The limit before the last cut to the served count, restored if that cut misread a rate limit. */
  #limitBeforeCut = 0;
  /** Set for good once a 429 came at a level that worked: the endpoint limits a rate. */
  #isRateLimited = false;
  /** Under a rate limit: a cut was made and no request sent since has been served yet. */
  #isRefusing = false;
  #notBefore = 0;
  /** True while the pause answers only concurrency 429s, so the next success may end it. */
  #canEndEarly = false;
  /** What the endpoint's rate-limit headers last said; none for endpoints that send none. */
  readonly #allowances: { requests?: Allowance; tokens?: Allowance } = {};
  /** The ticket whose response the allowances come from (later responses of earlier requests are older news). */
  #observedSeq = -1;
  #seq = 0;
  /** Requests started after `#observedSeq`: the allowances do not count them yet. */
  #dispatches: Dispatch[] = [];

  constructor(concurrency: number = DEFAULT_CONCURRENCY) {
    if (!Number.isInteger(concurrency) || concurrency < 1) {
      throw new TypeError(`Expected \`concurrency\` to be an integer ≥ 1, got \`${concurrency}\` (${typeof concurrency})`);
    }
    this.maxConcurrency = concurrency;
    this.#limit = concurrency;
  }

  /** The current in-flight limit, between 1 and `maxConcurrency`. */
  get limit(): number {
    return this.#limit;
  }

  /** Requests started and not yet finished. */
  get running(): number {
    return this.#running;
  }

  /** Epoch time in ms before which no new request is dispatched (0 when not paused). */
  get notBefore(): number {
    return this.#notBefore;
  }

  /** Counts limit cuts; a 429 from a request dispatched before the last cut belongs to that cut's burst. */
  get epoch(): number {
    return this.#epoch;
  }

  /**
   * When the next request, estimated at `tokens`, may start (≥ `now`), or `undefined` while every
   * slot is taken: after any pause, and once the endpoint's reported allowances hold a request and
   * its tokens (proactive pacing; endpoints that report none are paced by their 429s alone).
   */
  sendTime(now: number, tokens = 0): number | undefined {
    if (this.#running >= this.#limit) {
      return undefined;
    }
    return Math.max(now, this.#notBefore, readyAt(this.#allowances.requests, 1, now), readyAt(this.#allowances.tokens, tokens, now));
  }

  /** A request estimated at `tokens` starts at `now`; hand it the ticket. */
  started(tokens = 0, now = 0): LimiterTicket {
    this.#running += 1;
    this.#inFlightByEpoch.set(this.#epoch, (this.#inFlightByEpoch.get(this.#epoch) ?? 0) + 1);
    const seq = this.#seq++;
    if (this.#allowances.requests !== undefined) {
      this.#allowances.requests.spentSince += 1;
    }
    if (this.#allowances.tokens !== undefined) {
      this.#allowances.tokens.spentSince += tokens;
    }
    this.#dispatches.push({ seq, tokens });
    if (this.#dispatches.length > MAX_TRACKED_DISPATCHES) {
      // Only requests started during one request's lifetime matter; an endpoint without headers never prunes.
      this.#dispatches.splice(0, this.#dispatches.length - MAX_TRACKED_DISPATCHES);
    }
    return { epoch: this.#epoch, seq, startedAt: now };
  }

  /**
   * What the rate-limit headers of the response to `ticket` say (any status). Servers count a
   * request when it arrives and report their allowances as they were then, so the figures hold
   * for the moment `ticket` started: what the requests started after it cost is taken off them, and
   * the refill runs from then. A response to an earlier request than the last one read is older news.
   */
  observe(snapshot: RateLimitSnapshot, ticket: LimiterTicket): void {
    if (ticket.seq < this.#observedSeq) {
      return;
    }
    this.#observedSeq = ticket.seq;
    this.#dispatches = this.#dispatches.filter((d) => d.seq > ticket.seq);
    const since = { requests: this.#dispatches.length, tokens: this.#dispatches.reduce((sum, d) => sum + d.tokens, 0) };
    for (const kind of ['requests', 'tokens'] as const) {
      const bucket = snapshot[kind];
      if (bucket === undefined) {
        continue;
      }
      const refill = bucket.limit !== undefined && bucket.resetInMs !== undefined && bucket.resetInMs > 0 && bucket.limit > bucket.remaining
        ? (PACING_MARGIN * (bucket.limit - bucket.remaining)) / bucket.resetInMs
        : this.#allowances[kind]?.ratePerMs;
      this.#allowances[kind] = { ...bucket, observedAt: ticket.startedAt, spentSince: since[kind], ...(refill === undefined ? {} : { ratePerMs: refill }) };
    }
  }

  /** The request started with `ticket` has ended, however it ended. */
  finished(ticket: LimiterTicket): void {
    this.#running = Math.max(0, this.#running - 1);
    const left = (this.#inFlightByEpoch.get(ticket.epoch) ?? 1) - 1;
    if (left > 0) {
      this.#inFlightByEpoch.set(ticket.epoch, left);
    } else {
      this.#inFlightByEpoch.delete(ticket.epoch);
    }
  }

  /** True while a request dispatched before the last cut is still in flight. */
  #isEarlierBurstOut(): boolean {
    return [...this.#inFlightByEpoch.keys()].some((epoch) => epoch < this.#epoch);
  }

  /** A request started with `ticket` succeeded: the additive increase. */
  succeeded(ticket: LimiterTicket): void {
    if (ticket.epoch === this.#epoch) {
      this.#isRefusing = false;
    }
    if (this.#canEndEarly) {
      this.#endPause();
    }
    if (this.#limit >= this.maxConcurrency) {
      return;
    }
    this.#successes += 1;
    const safe = this.#safeLimit;
    const isProbing = safe !== undefined && this.#limit >= safe;
    const needed = isProbing ? this.#limit * PROBE_FACTOR * 2 ** this.#failedProbes : this.#limit;
    if (this.#successes < needed) {
      return;
    }
    if (safe !== undefined && this.#limit > safe) {
      // A full round at the probed level without a 429: it is safe after all.
      this.#safeLimit = this.#limit;
      this.#failedProbes = 0;
    }
    this.#setLimit(this.#limit + 1);
  }

  /**
   * A request started with `ticket` got a 429 and still counts as running: pauses new dispatches
   * until `now + retryAfterMs` and moves the limit as the class comment describes.
   */
  rateLimited(ticket: LimiterTicket, retryAfterMs: number, now: number): void {
    if (this.#isRateLimited) {
      this.#recordRate429();
    } else if (ticket.epoch === this.#epoch) {
      this.#cutToServed();
    } else if (this.#limit > 1) {
      // Sent before the last cut, which counted it as served: one fewer was.
      this.#setLimit(this.#limit - 1);
      if (this.#safeLimit !== undefined) {
        this.#safeLimit = Math.min(this.#safeLimit, this.#limit);
      }
    }
    this.#pauseUntil(now + Math.max(0, retryAfterMs), !this.#isRateLimited, now);
  }

  #recordRate429(): void {
    if (this.#isRefusing) {
      return;
    }
    this.#isRefusing = true;
    this.#epoch += 1;
    this.#setLimit(Math.max(1, Math.ceil(this.#limit * RATE_CUT_FACTOR)));
  }

  #cutToServed(): void {
    const safe = this.#safeLimit;
    // While requests of the burst that set the level are still out (slow 429s on a loaded machine or
    // network), a refusal at the new level proves nothing yet: read it as part of that burst.
    if (safe !== undefined && this.#running <= safe && !this.#isEarlierBurstOut()) {
      // Refused at a level that has worked: the endpoint limits a rate, not concurrency.
      this.#isRateLimited = true;
      this.#safeLimit = undefined;
      // The last cut read the burst as a concurrency cap, wrongly: undo it before the rate cut.
      this.#setLimit(Math.max(this.#limit, this.#limitBeforeCut));
      this.#recordRate429();
      return;
    }
    this.#epoch += 1;
    this.#limitBeforeCut = this.#limit;
    // Everything else in flight is presumed served until its own 429 says otherwise.
    const served = Math.max(1, Math.min(this.#limit, this.#running) - 1);
    if (safe === undefined) {
      this.#failedProbes = 0;
    } else if (this.#running > safe) {
      this.#failedProbes = Math.min(MAX_PROBE_DOUBLINGS, this.#failedProbes + 1);
    }
    this.#safeLimit = served;
    this.#setLimit(served);
  }

  #setLimit(limit: number): void {
    this.#limit = limit;
    this.#successes = 0;
  }

  /** `canEndEarly`: the pause is for a concurrency 429, so the next success may end it. */
  #pauseUntil(time: number, canEndEarly: boolean, now: number): void {
    const isPaused = this.#notBefore > now;
    this.#canEndEarly = isPaused ? this.#canEndEarly && canEndEarly : canEndEarly;
    if (!isPaused || time > this.#notBefore) {
      this.#notBefore = time;
    }
  }

  #endPause(): void {
    this.#canEndEarly = false;
    this.#notBefore = 0;
  }
}
