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

/** Handed to each request when it starts: which slowdown epoch it was dispatched in. */
export interface LimiterTicket {
  readonly epoch: number;
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
  /** Successes since the last cut to the served count: once they reach `#safeLimit`, that level has been seen to work. */
  #servedSinceCut = 0;
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

  /** When the next request may start (≥ `now`), or `undefined` while every slot is taken. */
  sendTime(now: number): number | undefined {
    if (this.#running >= this.#limit) {
      return undefined;
    }
    return Math.max(now, this.#notBefore);
  }

  /** A request starts now; hand it the ticket. */
  started(): LimiterTicket {
    this.#running += 1;
    return { epoch: this.#epoch };
  }

  /** A request started with `started()` has ended, however it ended. */
  finished(): void {
    this.#running = Math.max(0, this.#running - 1);
  }

  /** A request started with `ticket` succeeded: the additive increase. */
  succeeded(ticket: LimiterTicket): void {
    this.#servedSinceCut += 1;
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
    // A level is only known to work once a round of requests was served at it: until then the
    // burst that set it may still be coming back (slow 429s on a loaded machine or network).
    if (safe !== undefined && this.#servedSinceCut >= safe && this.#running <= safe) {
      // Refused at a level that has worked: the endpoint limits a rate, not concurrency.
      this.#isRateLimited = true;
      this.#safeLimit = undefined;
      // The last cut read the burst as a concurrency cap, wrongly: undo it before the rate cut.
      this.#setLimit(Math.max(this.#limit, this.#limitBeforeCut));
      this.#recordRate429();
      return;
    }
    this.#epoch += 1;
    this.#servedSinceCut = 0;
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
