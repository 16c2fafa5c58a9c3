import type PQueue from 'p-queue' with { 'resolution-mode': 'import' };
import { cancelledError } from '../errors';

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

export interface AdaptiveLimiterOptions {
  /** The most requests in flight at once. @default 8 */
  concurrency?: number;
  /** Clock in ms, injectable for tests. @default Date.now */
  now?: () => number;
}

/** Handed to each task when it starts: which slowdown epoch it was dispatched in. */
export interface LimiterTicket {
  readonly epoch: number;
}

/** Per task scheduling options. */
export interface LimiterRunOptions {
  /** Aborting rejects a queued task at once with a `cancelled` OproError, and a running one too. */
  signal?: AbortSignal;
  /** Higher runs first; retries use 1 so started work finishes before new work. @default 0 */
  priority?: number;
}

type QueueCtor = new (options: { concurrency: number }) => PQueue;

// p-queue is ESM-only; core compiles as CommonJS, so it is loaded once with a dynamic import.
let queueCtor: Promise<QueueCtor> | undefined;
function loadQueueCtor(): Promise<QueueCtor> {
  queueCtor ??= import('p-queue').then((mod) => mod.default as unknown as QueueCtor);
  return queueCtor;
}

/**
 * Concurrency limit for one endpoint that slows down when the endpoint answers 429 (AIMD):
 * a 429 halves the in-flight limit (at least 1) and holds back new dispatches until the
 * server's retry-after has passed; successes add 1 to the limit per `limit` successes, back up
 * to the configured concurrency. Share one limiter between clients that hit the same endpoint.
 */
export class AdaptiveLimiter {
  /** The configured concurrency, the most the limit grows back to. */
  readonly maxConcurrency: number;
  readonly #now: () => number;
  readonly #queue: Promise<PQueue>;
  #loaded: PQueue | undefined;
  #limit: number;
  #successes = 0;
  #epoch = 0;
  /** The highest limit known to work since the last 429; growing past it is a probe. */
  #safeLimit: number | undefined;
  #failedProbes = 0;
  #notBefore = 0;
  #resumeTimer: NodeJS.Timeout | undefined;

  constructor(options: AdaptiveLimiterOptions = {}) {
    const concurrency = options.concurrency ?? DEFAULT_CONCURRENCY;
    if (!Number.isInteger(concurrency) || concurrency < 1) {
      throw new TypeError(`Expected \`concurrency\` to be an integer ≥ 1, got \`${concurrency}\` (${typeof concurrency})`);
    }
    this.maxConcurrency = concurrency;
    this.#limit = concurrency;
    this.#now = options.now ?? Date.now;
    this.#queue = loadQueueCtor().then((Ctor) => {
      this.#loaded = new Ctor({ concurrency: this.#limit });
      return this.#loaded;
    });
  }

  /** The current in-flight limit, between 1 and `maxConcurrency`. */
  get concurrency(): number {
    return this.#limit;
  }

  /** Epoch time in ms before which no new request is dispatched (0 when not paused). */
  get notBefore(): number {
    return this.#notBefore;
  }

  /** Counts slowdowns; a 429 from a task dispatched in an older epoch does not halve again. */
  get epoch(): number {
    return this.#epoch;
  }

  /** Runs `task` when a slot is free and no slowdown pause is active. */
  async run<T>(task: (ticket: LimiterTicket) => Promise<T>, options: LimiterRunOptions = {}): Promise<T> {
    const { signal } = options;
    const queue = await this.#queue;
    if (signal?.aborted) {
      throw cancelledError();
    }
    try {
      return await queue.add(() => task({ epoch: this.#epoch }), { signal, priority: options.priority ?? 0 });
    } catch (err) {
      throw signal?.aborted ? cancelledError() : err;
    }
  }

  /** Records a successful request: the additive increase. */
  recordSuccess(): void {
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
   * Records a 429 for a task started with `ticket`: pauses new dispatches for `retryAfterMs`
   * and, once per epoch, halves the limit (the multiplicative decrease).
   */
  recordRateLimit(ticket: LimiterTicket, retryAfterMs: number): void {
    this.#pauseUntil(this.#now() + Math.max(0, retryAfterMs));
    if (ticket.epoch !== this.#epoch) {
      return;
    }
    const isFailedProbe = this.#safeLimit !== undefined && this.#limit === this.#safeLimit + 1;
    this.#failedProbes = isFailedProbe ? Math.min(MAX_PROBE_DOUBLINGS, this.#failedProbes + 1) : 0;
    this.#epoch += 1;
    this.#safeLimit = Math.max(1, this.#limit - 1);
    this.#setLimit(Math.max(1, Math.floor(this.#limit / 2)));
  }

  #setLimit(limit: number): void {
    this.#limit = limit;
    this.#successes = 0;
    if (this.#loaded !== undefined) {
      this.#loaded.concurrency = limit;
    }
  }

  #pauseUntil(time: number): void {
    if (time <= this.#notBefore) {
      return;
    }
    this.#notBefore = time;
    this.#loaded?.pause();
    clearTimeout(this.#resumeTimer);
    // Unref'd: whoever got the 429 sleeps at least as long, so this never holds a process alone.
    this.#resumeTimer = setTimeout(() => {
      this.#resumeTimer = undefined;
      this.#loaded?.start();
    }, time - this.#now()).unref();
  }
}

/** A limiter to share between every client that talks to one endpoint (scorer and optimizer). */
export function createEndpointLimiter(concurrency: number = DEFAULT_CONCURRENCY): AdaptiveLimiter {
  return new AdaptiveLimiter({ concurrency });
}
