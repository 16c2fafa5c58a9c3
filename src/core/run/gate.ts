/**
 * At most `capacity` tasks at a time, the others waiting in FIFO order. The scorer's examples pass
 * through one gate per run: a step of 8 candidates × 261 rows would otherwise build 2,088 requests
 * (messages, cache keys, token estimates) in one synchronous burst of the event loop before the
 * limiter sends the first 32. With a gate a little wider than the limiter, it is never left idle
 * and the work of preparing a request is spread over the run.
 */
export class Gate {
  #running = 0;
  readonly #waiting: (() => void)[] = [];

  constructor(readonly capacity: number) {}

  /** Runs `task` once fewer than `capacity` tasks run; settles as it does. */
  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.#running >= this.capacity) {
      await new Promise<void>((resolve) => this.#waiting.push(resolve));
    } else {
      this.#running += 1;
    }
    try {
      return await task();
    } finally {
      this.#release();
    }
  }

  /** Hands the slot to the next waiting task, or frees it. */
  #release(): void {
    const next = this.#waiting.shift();
    if (next === undefined) {
      this.#running -= 1;
    } else {
      next();
    }
  }
}
