/**
 * Abort listeners without the leak: one run's signal is shared by thousands of requests, retry
 * waits and queued tasks. Each registers here instead of on the signal, and the signal itself
 * carries one listener while anything is registered and none after, however many come and go.
 */
const subscribers = new WeakMap<AbortSignal, Set<() => void>>();

function fanOut(signal: AbortSignal): Set<() => void> {
  let set = subscribers.get(signal);
  if (set === undefined) {
    const created = new Set<() => void>();
    const onAbort = (): void => {
      subscribers.delete(signal);
      for (const fn of [...created]) {
        fn();
      }
    };
    // Removed again once the last subscriber leaves (see whenAborted).
    Object.defineProperty(created, 'detach', { value: () => signal.removeEventListener('abort', onAbort) });
    signal.addEventListener('abort', onAbort, { once: true });
    subscribers.set(signal, created);
    set = created;
  }
  return set;
}

/**
 * Calls `fn` once when `signal` aborts (at once when it already has). Returns the function that
 * unsubscribes; call it when the work `fn` would stop has ended.
 */
export function whenAborted(signal: AbortSignal | undefined, fn: () => void): () => void {
  if (signal === undefined) {
    return () => undefined;
  }
  if (signal.aborted) {
    fn();
    return () => undefined;
  }
  const set = fanOut(signal);
  let isSubscribed = true;
  const once = (): void => {
    if (isSubscribed) {
      isSubscribed = false;
      fn();
    }
  };
  set.add(once);
  return () => {
    isSubscribed = false;
    set.delete(once);
    if (set.size === 0 && subscribers.get(signal) === set) {
      subscribers.delete(signal);
      (set as unknown as { detach: () => void }).detach();
    }
  };
}

/**
 * A signal for one request that aborts when `parent` does, and a `release` that detaches it from
 * `parent` once the request has ended, so the parent never collects the listeners that libraries
 * (the `openai` SDK) add to the signal they are given and never remove.
 */
export function linkedSignal(parent: AbortSignal | undefined): { signal: AbortSignal; release: () => void } {
  const controller = new AbortController();
  const release = whenAborted(parent, () => controller.abort(parent?.reason));
  return { signal: controller.signal, release };
}
