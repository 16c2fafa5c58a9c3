import assert from 'node:assert/strict';
import { OproError } from '../../../../src/core/errors';
import { AdaptiveLimiter, createEndpointLimiter, PROBE_FACTOR, RATE_CUT_FACTOR, type LimiterTicket } from '../../../../src/core/llm/adaptiveLimiter';

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve = (): void => undefined;
  const promise = new Promise<void>((done) => {
    resolve = done;
  });
  return { promise, resolve };
}

/** A limiter whose queue has loaded, so a burst sent to it is dispatched at once. */
async function loadedLimiter(concurrency: number, now: () => number): Promise<AdaptiveLimiter> {
  const limiter = new AdaptiveLimiter({ concurrency, now });
  await limiter.run(async () => undefined);
  return limiter;
}

/** Lets every dispatch, 429 and completion that is ready happen (a few turns of the event loop). */
async function settle(): Promise<void> {
  for (let turn = 0; turn < 3; turn++) {
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/**
 * An endpoint in front of the limiter: a request it admits holds its slot until `finish()`; one it
 * refuses gets a 429 with `waitMs()` on the next turn, as over a network, so a burst is all in
 * flight before its first 429 comes back. `admit` decides, given how many it is serving.
 */
function fakeEndpoint(limiter: AdaptiveLimiter, options: { admit: (serving: number) => boolean; waitMs: () => number }) {
  let serving = 0;
  let peak = 0;
  let refused = 0;
  const gates: Array<() => void> = [];
  const task = async (ticket: LimiterTicket): Promise<number> => {
    if (!options.admit(serving)) {
      await new Promise((resolve) => setImmediate(resolve));
      refused += 1;
      limiter.recordRateLimit(ticket, options.waitMs());
      return 429;
    }
    serving += 1;
    peak = Math.max(peak, serving);
    await new Promise<void>((resolve) => gates.push(resolve));
    serving -= 1;
    limiter.recordSuccess(ticket);
    return 200;
  };
  return {
    send: (count: number): Array<Promise<number>> => Array.from({ length: count }, () => limiter.run(task)),
    /** Answers every admitted request. */
    finish: async (): Promise<void> => {
      gates.splice(0).forEach((open) => open());
      await settle();
    },
    get serving() {
      return serving;
    },
    get refused() {
      return refused;
    },
    get peak() {
      return peak;
    },
  };
}

/** `successes` requests that all succeed, sent in rounds of `limiter.concurrency`. */
async function succeedInRounds(endpoint: ReturnType<typeof fakeEndpoint>, limiter: AdaptiveLimiter, successes: number): Promise<void> {
  for (let done = 0; done < successes; ) {
    const batch = Math.min(limiter.concurrency, successes - done);
    const calls = endpoint.send(batch);
    // Sent while a pause lasts, they start when it ends.
    while (endpoint.serving < batch) {
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
    await endpoint.finish();
    await Promise.all(calls);
    done += batch;
  }
}

describe('AdaptiveLimiter', () => {
  it('starts at the configured concurrency, 8 by default', () => {
    assert.equal(createEndpointLimiter().concurrency, 8);
    assert.equal(new AdaptiveLimiter({ concurrency: 3 }).concurrency, 3);
    assert.throws(() => new AdaptiveLimiter({ concurrency: 0 }), /Expected `concurrency` to be an integer ≥ 1, got `0` \(number\)/);
  });

  it('cuts once per burst of 429s, to the requests the endpoint served, and waits the longest retry-after', async () => {
    let now = 1_000;
    const limiter = await loadedLimiter(16, () => now);
    let isFull = false;
    const waits = [300, 250, 250, 250, 250, 250];
    const endpoint = fakeEndpoint(limiter, { admit: () => !isFull, waitMs: () => waits.shift() ?? 0 });
    const served = endpoint.send(10);
    await settle();
    isFull = true;
    now = 1_050;
    const refused = endpoint.send(6);
    await settle();
    // 16 in flight at the first 429: 15 presumed served, then the 5 others of the burst take one each.
    assert.deepEqual([limiter.concurrency, limiter.notBefore, limiter.epoch, endpoint.refused], [10, 1_350, 1, 6]);
    await endpoint.finish();
    assert.deepEqual(await Promise.all([...served, ...refused]), [...Array<number>(10).fill(200), ...Array<number>(6).fill(429)]);
  });

  it('never goes below one request in flight', async () => {
    const limiter = await loadedLimiter(4, () => 0);
    const endpoint = fakeEndpoint(limiter, { admit: () => false, waitMs: () => 0 });
    await Promise.all(endpoint.send(4));
    assert.deepEqual([limiter.concurrency, endpoint.refused], [1, 4]);
  });

  it('settles at 8, not 4, behind an in-flight cap of 8 at concurrency 32, and a failed probe lands back on 8', async () => {
    let now = 0;
    const limiter = await loadedLimiter(32, () => now);
    const endpoint = fakeEndpoint(limiter, { admit: (serving) => serving < 8, waitMs: () => 200 });
    const first = endpoint.send(32);
    await settle();
    assert.deepEqual([endpoint.serving, endpoint.refused, limiter.concurrency, limiter.epoch, limiter.notBefore], [8, 24, 8, 1, 200]);
    // A success during the pause ends it: the endpoint has just freed a slot.
    await endpoint.finish();
    await Promise.all(first);
    assert.equal(limiter.notBefore, 0);
    now = 1_000;
    // The 8 that finished count too: 8 * PROBE_FACTOR successes in all before the probe.
    await succeedInRounds(endpoint, limiter, 8 * PROBE_FACTOR - 16);
    assert.deepEqual([limiter.concurrency, endpoint.refused, endpoint.peak], [8, 24, 8], 'no 429 at the level that worked');
    await succeedInRounds(endpoint, limiter, 8);
    assert.equal(limiter.concurrency, 9, 'probes past it after PROBE_FACTOR rounds');
    const probe = endpoint.send(9);
    await settle();
    assert.deepEqual([limiter.concurrency, endpoint.refused, limiter.epoch], [8, 25, 2], 'the failed probe goes back to 8');
    await endpoint.finish();
    await Promise.all(probe);
    await succeedInRounds(endpoint, limiter, 8 * PROBE_FACTOR * 2 - 16);
    assert.equal(limiter.concurrency, 8, 'the next probe waits twice as long');
    await succeedInRounds(endpoint, limiter, 8);
    assert.equal(limiter.concurrency, 9);
  });

  it('under a rate limit cuts once per wait window, waits all of it, and grows back at the normal speed', async () => {
    let now = 0;
    const limiter = await loadedLimiter(32, () => now);
    // 20 requests per window; refused ones are told to wait until the window reopens.
    let quota = 20;
    let reopenAt = 10;
    const endpoint = fakeEndpoint(limiter, { admit: () => quota-- > 0, waitMs: () => Math.max(1, reopenAt - now) });
    const fill = endpoint.send(32);
    await settle();
    assert.deepEqual([endpoint.serving, endpoint.refused, limiter.concurrency, limiter.epoch], [20, 12, 20, 1], 'read first as a cap of 20');
    await endpoint.finish();
    await Promise.all(fill);
    // Refused with no more in flight than worked before: a rate limit. One cut for the whole window,
    // from the 32 that the first burst wrongly cut from.
    const full = endpoint.send(20);
    await settle();
    assert.deepEqual([endpoint.refused, limiter.concurrency, limiter.epoch, limiter.notBefore], [32, 24, 2, 10]);
    await Promise.all(full);
    const stillFull = endpoint.send(10);
    await Promise.all(stillFull);
    assert.deepEqual([endpoint.refused, limiter.concurrency, limiter.epoch], [42, 24, 2], 'no second cut in the same window');
    now = 10;
    quota = Infinity;
    const grown: number[] = [];
    for (let step = 0; step < 3; step++) {
      await succeedInRounds(endpoint, limiter, limiter.concurrency);
      grown.push(limiter.concurrency);
    }
    assert.deepEqual(grown, [25, 26, 27], 'one step per `limit` successes, not PROBE_FACTOR times more');
    // A request sent after the cut was served, so the window has closed: the next 429 cuts again.
    quota = 0;
    reopenAt = 20;
    await Promise.all(endpoint.send(27));
    assert.deepEqual([limiter.concurrency, limiter.epoch, endpoint.refused], [Math.ceil(27 * RATE_CUT_FACTOR), 3, 69]);
  });

  it('runs at most `concurrency` tasks at once and holds new ones back while paused', async () => {
    const limiter = new AdaptiveLimiter({ concurrency: 2 });
    let running = 0;
    let peak = 0;
    const gates = Array.from({ length: 5 }, deferred);
    const tasks = gates.map((gate) =>
      limiter.run(async () => {
        running += 1;
        peak = Math.max(peak, running);
        await gate.promise;
        running -= 1;
      }),
    );
    await new Promise((resolve) => setTimeout(resolve, 20));
    assert.equal(running, 2);
    limiter.recordRateLimit({ epoch: limiter.epoch }, 150);
    gates.forEach((gate) => gate.resolve());
    await new Promise((resolve) => setTimeout(resolve, 50));
    assert.equal(running, 0, 'no new task starts before the retry-after time');
    await Promise.all(tasks);
    assert.equal(peak, 2);
  });

  it('rejects a queued task as cancelled as soon as its signal aborts', async () => {
    const limiter = new AdaptiveLimiter({ concurrency: 1 });
    const gate = deferred();
    const first = limiter.run(() => gate.promise);
    const controller = new AbortController();
    let hasStarted = false;
    const queued = limiter.run(async () => {
      hasStarted = true;
    }, { signal: controller.signal });
    controller.abort();
    await assert.rejects(queued, (err: unknown) => err instanceof OproError && err.kind === 'cancelled');
    gate.resolve();
    await first;
    assert.equal(hasStarted, false);
  });
});
