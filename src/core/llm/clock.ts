import { cancelledError } from '../errors';
import { whenAborted } from '../signals';

/**
 * Time as the LLM layer sees it: the request queue and the retry loop read the time and wait
 * through this port, so tests drive them with a fake clock instead of sleeping.
 */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  /**
   * Calls `fn` once after `ms`; the returned function cancels it. A pending timer keeps the process
   * alive (never `unref()`'d): whoever waits on it is a run that has not ended.
   */
  setTimer(fn: () => void, ms: number): () => void;
}

/** The real clock: `Date.now` and `setTimeout`. */
export const systemClock: Clock = {
  now: () => Date.now(),
  setTimer: (fn, ms) => {
    const timer = setTimeout(fn, Math.max(0, ms));
    return () => clearTimeout(timer);
  },
};

/** Resolves after `ms` on `clock`, or rejects with a `cancelled` OproError as soon as `signal` aborts. */
export function sleep(clock: Clock, ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(cancelledError());
      return;
    }
    const cancel = clock.setTimer(() => {
      unsubscribe();
      resolve();
    }, ms);
    const unsubscribe = whenAborted(signal, () => {
      cancel();
      reject(cancelledError());
    });
  });
}
