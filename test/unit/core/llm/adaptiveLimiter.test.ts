import assert from 'node:assert/strict';
import { OproError } from '../../../../src/core/errors';
import { AdaptiveLimiter, createEndpointLimiter, PROBE_FACTOR } from '../../../../src/core/llm/adaptiveLimiter';

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve = (): void => undefined;
  const promise = new Promise<void>((done) => {
    resolve = done;
  });
  return { promise, resolve };
}

function succeed(limiter: AdaptiveLimiter, times: number): void {
  for (let i = 0; i < times; i++) {
    limiter.recordSuccess();
  }
}

describe('AdaptiveLimiter', () => {
  it('starts at the configured concurrency, 8 by default', () => {
    assert.equal(createEndpointLimiter().concurrency, 8);
    assert.equal(new AdaptiveLimiter({ concurrency: 3 }).concurrency, 3);
    assert.throws(() => new AdaptiveLimiter({ concurrency: 0 }), /Expected `concurrency` to be an integer ≥ 1, got `0` \(number\)/);
  });

  it('halves the limit once per burst of 429s and sets a not-before time from retry-after', () => {
    let now = 1_000;
    const limiter = new AdaptiveLimiter({ concurrency: 16, now: () => now });
    const ticket = { epoch: limiter.epoch };
    limiter.recordRateLimit(ticket, 300);
    limiter.recordRateLimit(ticket, 250);
    assert.deepEqual([limiter.concurrency, limiter.notBefore, limiter.epoch], [8, 1_300, 1]);
    now = 1_100;
    limiter.recordRateLimit({ epoch: limiter.epoch }, 500);
    assert.deepEqual([limiter.concurrency, limiter.notBefore, limiter.epoch], [4, 1_600, 2]);
  });

  it('never goes below one request in flight', () => {
    const limiter = new AdaptiveLimiter({ concurrency: 2, now: () => 0 });
    for (let i = 0; i < 4; i++) {
      limiter.recordRateLimit({ epoch: limiter.epoch }, 0);
    }
    assert.equal(limiter.concurrency, 1);
  });

  it('grows back by one per `limit` successes below the last failing level, and slowly past it', () => {
    const limiter = new AdaptiveLimiter({ concurrency: 8, now: () => 0 });
    limiter.recordRateLimit({ epoch: 0 }, 0); // failed at 8: 7 is presumed safe, limit 4
    succeed(limiter, 4);
    assert.equal(limiter.concurrency, 5);
    succeed(limiter, 5 + 6);
    assert.equal(limiter.concurrency, 7);
    succeed(limiter, 7 * PROBE_FACTOR - 1);
    assert.equal(limiter.concurrency, 7, 'probing past the failing level waits');
    succeed(limiter, 1);
    assert.equal(limiter.concurrency, 8);
    succeed(limiter, 1000);
    assert.equal(limiter.concurrency, 8, 'never above the configured concurrency');
  });

  it('waits twice as long before probing again after a failed probe', () => {
    const limiter = new AdaptiveLimiter({ concurrency: 8, now: () => 0 });
    limiter.recordRateLimit({ epoch: 0 }, 0); // 8 failed -> 4, safe 7
    succeed(limiter, 4 + 5 + 6 + 7 * PROBE_FACTOR);
    assert.equal(limiter.concurrency, 8);
    limiter.recordRateLimit({ epoch: limiter.epoch }, 0); // the probe at 8 failed again -> 4
    succeed(limiter, 4 + 5 + 6 + 7 * PROBE_FACTOR);
    assert.equal(limiter.concurrency, 7);
    succeed(limiter, 7 * PROBE_FACTOR);
    assert.equal(limiter.concurrency, 8);
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
