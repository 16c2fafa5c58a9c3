import { cancelledError } from '../errors';
import { whenAborted } from '../signals';
import { systemClock, type Clock } from './clock';
import { readRateLimitHeaders } from './rateLimitHeaders';
import { DEFAULT_CONCURRENCY, RateController, type LimiterTicket } from './rateController';

export type { LimiterTicket } from './rateController';

/** Per task scheduling options. */
export interface QueueRunOptions {
  /** Aborting rejects a waiting task at once with a `cancelled` OproError; a running task gets the signal itself. */
  signal?: AbortSignal;
  /** Higher runs first; retries use 1 so started work finishes before new work. @default 0 */
  priority?: number;
  /** What the request counts toward a tokens-per-minute limit (prompt estimate + completion limit). @default 0 */
  tokens?: number;
}

interface Waiting {
  start: () => void;
  priority: number;
  tokens: number;
  detach: () => void;
}

/**
 * The queue that applies a `RateController` to one endpoint: tasks wait in priority order (FIFO
 * within a priority) and start when the controller allows. While any task waits, either a request
 * is in flight or a timer (a live one, never `unref()`'d) is set for the controller's next send
 * time, so a paused queue can never let the process exit with work left in it. Share one queue
 * between the clients that hit the same endpoint.
 */
export class RequestQueue {
  readonly controller: RateController;
  readonly #clock: Clock;
  readonly #waiting: Waiting[] = [];
  #cancelTimer: (() => void) | undefined;
  #timerAt = Number.POSITIVE_INFINITY;

  constructor(options: { concurrency?: number; clock?: Clock } = {}) {
    this.controller = new RateController(options.concurrency ?? DEFAULT_CONCURRENCY);
    this.#clock = options.clock ?? systemClock;
  }

  /** The configured concurrency, the most the limit grows back to. */
  get maxConcurrency(): number {
    return this.controller.maxConcurrency;
  }

  /** The current in-flight limit. */
  get concurrency(): number {
    return this.controller.limit;
  }

  /** Tasks waiting to start. */
  get size(): number {
    return this.#waiting.length;
  }

  /** Runs `task` when the controller allows; its ticket goes back with `recordSuccess` / `recordRateLimit`. */
  run<T>(task: (ticket: LimiterTicket) => Promise<T>, options: QueueRunOptions = {}): Promise<T> {
    const { signal } = options;
    if (signal?.aborted) {
      return Promise.reject(cancelledError());
    }
    return new Promise<T>((resolve, reject) => {
      const entry: Waiting = {
        priority: options.priority ?? 0,
        tokens: options.tokens ?? 0,
        detach: () => undefined,
        start: () => {
          entry.detach();
          const ticket = this.controller.started(entry.tokens, this.#clock.now());
          let running: Promise<T>;
          try {
            running = task(ticket);
          } catch (err) {
            running = Promise.reject(err);
          }
          running
            .then(resolve, reject)
            .finally(() => {
              this.controller.finished(ticket);
              this.#pump();
            });
        },
      };
      entry.detach = whenAborted(signal, () => {
        const at = this.#waiting.indexOf(entry);
        if (at >= 0) {
          this.#waiting.splice(at, 1);
          reject(cancelledError());
        }
      });
      this.#enqueue(entry);
      this.#pump();
    });
  }

  /** A request started with `ticket` succeeded. */
  recordSuccess(ticket: LimiterTicket): void {
    this.controller.succeeded(ticket);
    this.#pump();
  }

  /** A request started with `ticket` got a 429 asking to wait `retryAfterMs`; call it while the request still runs. */
  recordRateLimit(ticket: LimiterTicket, retryAfterMs: number): void {
    this.controller.rateLimited(ticket, retryAfterMs, this.#clock.now());
    this.#pump();
  }

  /** The rate-limit headers of the response to `ticket` (any status): the queue paces by them from now on. */
  recordHeaders(ticket: LimiterTicket, headers: Headers | undefined): void {
    // An absolute reset (Anthropic's) is read against when the server counted the request.
    const snapshot = readRateLimitHeaders(headers, ticket.startedAt);
    if (snapshot !== undefined) {
      this.controller.observe(snapshot, ticket);
      this.#pump();
    }
  }

  #enqueue(entry: Waiting): void {
    let at = this.#waiting.length;
    while (at > 0 && (this.#waiting[at - 1] as Waiting).priority < entry.priority) {
      at -= 1;
    }
    this.#waiting.splice(at, 0, entry);
  }

  #pump(): void {
    for (;;) {
      const head = this.#waiting[0];
      if (head === undefined) {
        this.#clearTimer();
        return;
      }
      const now = this.#clock.now();
      const at = this.controller.sendTime(now, head.tokens);
      if (at === undefined) {
        // Every slot is taken: a finishing request pumps again.
        return;
      }
      if (at > now) {
        this.#wakeAt(at, now);
        return;
      }
      this.#waiting.shift();
      head.start();
    }
  }

  #wakeAt(time: number, now: number): void {
    if (this.#cancelTimer !== undefined && this.#timerAt <= time) {
      return;
    }
    this.#clearTimer();
    this.#timerAt = time;
    this.#cancelTimer = this.#clock.setTimer(() => {
      this.#cancelTimer = undefined;
      this.#timerAt = Number.POSITIVE_INFINITY;
      this.#pump();
    }, time - now);
  }

  #clearTimer(): void {
    this.#cancelTimer?.();
    this.#cancelTimer = undefined;
    this.#timerAt = Number.POSITIVE_INFINITY;
  }
}

/** A queue to share between every client that talks to one endpoint (scorer and optimizer). */
export function createEndpointLimiter(concurrency: number = DEFAULT_CONCURRENCY, clock?: Clock): RequestQueue {
  return new RequestQueue({ concurrency, ...(clock === undefined ? {} : { clock }) });
}
