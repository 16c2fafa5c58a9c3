import type { Clock } from '../../src/core/llm/clock';

interface Timer {
  at: number;
  id: number;
  callback: () => void;
}

/** Lets promise callbacks and I/O that are ready run (a few turns of the event loop). */
export async function settle(turns = 3): Promise<void> {
  for (let turn = 0; turn < turns; turn++) {
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/**
 * Timers a test drives by hand: nothing fires until the clock is moved past it. It serves both
 * the host's `setTimeout`/`clearTimeout` shape and core's `Clock` port (`now`, `setTimer`);
 * `advance` fires due timers synchronously, `advanceAsync` lets promise callbacks run between them
 * (what code that awaits a timer needs). `waits` records every delay asked for.
 */
export class FakeClock implements Clock {
  /** Every delay passed to `setTimeout` or `setTimer`, in call order. */
  readonly waits: number[] = [];
  private time: number;
  private nextId = 1;
  private readonly pending = new Map<number, Timer>();

  constructor(start = 0) {
    this.time = start;
  }

  now = (): number => this.time;

  setTimeout = (callback: () => void, ms: number): number => {
    const id = this.nextId++;
    this.waits.push(ms);
    this.pending.set(id, { at: this.time + Math.max(0, ms), id, callback });
    return id;
  };

  clearTimeout = (handle: unknown): void => {
    this.pending.delete(handle as number);
  };

  setTimer = (callback: () => void, ms: number): (() => void) => {
    const id = this.setTimeout(callback, ms);
    return () => this.clearTimeout(id);
  };

  /** Timers not yet fired. */
  get scheduled(): number {
    return this.pending.size;
  }

  /** When the next timer falls due, or undefined when none is set. */
  get nextAt(): number | undefined {
    return this.due(Number.POSITIVE_INFINITY)?.at;
  }

  /** Moves the clock forward by `ms`, firing every timer due on the way, in time order. */
  advance(ms: number): void {
    const until = this.time + ms;
    for (let timer = this.due(until); timer !== undefined; timer = this.due(until)) {
      this.fire(timer);
    }
    this.time = until;
  }

  /** As `advance`, letting promise callbacks run before and after each timer fires. */
  async advanceAsync(ms: number): Promise<void> {
    const until = this.time + ms;
    await settle();
    for (let timer = this.due(until); timer !== undefined; timer = this.due(until)) {
      this.fire(timer);
      await settle();
    }
    this.time = until;
  }

  private due(until: number): Timer | undefined {
    let first: Timer | undefined;
    for (const timer of this.pending.values()) {
      if (timer.at <= until && (first === undefined || timer.at < first.at || (timer.at === first.at && timer.id < first.id))) {
        first = timer;
      }
    }
    return first;
  }

  private fire(timer: Timer): void {
    this.pending.delete(timer.id);
    this.time = Math.max(this.time, timer.at);
    timer.callback();
  }
}
