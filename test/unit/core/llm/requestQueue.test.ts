import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { getEventListeners } from 'node:events';
import { join } from 'node:path';
import { OproError } from '../../../../src/core/errors';
import { createEndpointLimiter, RequestQueue } from '../../../../src/core/llm/requestQueue';
import { FakeClock, settle } from '../../../support/fakeClock';

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve = (): void => undefined;
  const promise = new Promise<void>((done) => {
    resolve = done;
  });
  return { promise, resolve };
}

describe('RequestQueue', () => {
  it('shares 8 slots by default', () => {
    assert.equal(createEndpointLimiter().concurrency, 8);
  });

  it('runs at most `concurrency` tasks at once, retries first, then in arrival order', async () => {
    const queue = new RequestQueue({ concurrency: 2, clock: new FakeClock() });
    const started: string[] = [];
    const gates = new Map<string, ReturnType<typeof deferred>>();
    const task = (name: string, priority = 0): Promise<void> =>
      queue.run(async () => {
        started.push(name);
        const gate = deferred();
        gates.set(name, gate);
        await gate.promise;
      }, { priority });
    const all = [task('a'), task('b'), task('c'), task('d'), task('retry', 1)];
    await settle();
    assert.deepEqual(started, ['a', 'b']);
    gates.get('a')?.resolve();
    await settle();
    assert.deepEqual(started, ['a', 'b', 'retry']);
    for (const name of ['b', 'retry', 'c', 'd']) {
      gates.get(name)?.resolve();
      await settle();
    }
    await Promise.all(all);
    assert.deepEqual(started, ['a', 'b', 'retry', 'c', 'd']);
  });

  it('holds new tasks back until the retry-after has passed, with a timer set for that time', async () => {
    const clock = new FakeClock();
    const queue = new RequestQueue({ concurrency: 2, clock });
    const order: string[] = [];
    await queue.run(async (ticket) => {
      queue.recordRateLimit(ticket, 150);
    });
    const later = queue.run(async () => {
      order.push('later');
    });
    await settle();
    assert.deepEqual([order, clock.scheduled, clock.nextAt], [[], 1, clock.now() + 150]);
    await clock.advanceAsync(149);
    assert.deepEqual(order, []);
    await clock.advanceAsync(1);
    await later;
    assert.deepEqual([order, clock.scheduled], [['later'], 0]);
  });

  it('rejects a waiting task as cancelled as soon as its signal aborts, and keeps no listener on it', async () => {
    const queue = new RequestQueue({ concurrency: 1, clock: new FakeClock() });
    const gate = deferred();
    const first = queue.run(() => gate.promise);
    const controller = new AbortController();
    let hasStarted = false;
    const queued = queue.run(async () => {
      hasStarted = true;
    }, { signal: controller.signal });
    assert.equal(getEventListeners(controller.signal, 'abort').length, 1);
    controller.abort();
    await assert.rejects(queued, (err: unknown) => err instanceof OproError && err.kind === 'cancelled');
    gate.resolve();
    await first;
    assert.deepEqual([hasStarted, queue.size, getEventListeners(controller.signal, 'abort').length], [false, 0, 0]);
  });

  it('takes its listener off the signal when a task starts', async () => {
    const queue = new RequestQueue({ concurrency: 4, clock: new FakeClock() });
    const controller = new AbortController();
    await Promise.all(Array.from({ length: 50 }, () => queue.run(async () => undefined, { signal: controller.signal })));
    assert.equal(getEventListeners(controller.signal, 'abort').length, 0);
  });

  it('keeps the process alive while a task waits behind a pause, so the task runs before the process exits', function () {
    // A child process whose only pending work is a task queued behind a 429's pause: it must run.
    const script = join(__dirname, '..', '..', '..', 'support', 'pausedQueueProcess.ts');
    const child = spawnSync(process.execPath, ['--import', 'tsx', script], { encoding: 'utf8', timeout: 15_000 });
    assert.deepEqual([child.status, child.stdout.trim().split('\n')], [0, ['first: 429 on its last attempt', 'second: ran after the pause']]);
  });
});

describe('RequestQueue paced by rate-limit headers', () => {
  it("holds a request until the tokens the last response reported are there, on the queue's clock", async () => {
    const clock = new FakeClock();
    const queue = new RequestQueue({ concurrency: 4, clock });
    const headers = new Headers({ 'x-ratelimit-limit-tokens': '1000', 'x-ratelimit-remaining-tokens': '120', 'x-ratelimit-reset-tokens': '880ms' });
    await queue.run(async (ticket) => queue.recordHeaders(ticket, headers), { tokens: 100 });
    const started: string[] = [];
    const small = queue.run(async () => started.push('small'), { tokens: 100 });
    const big = queue.run(async () => started.push('big'), { tokens: 400 });
    await settle();
    assert.deepEqual(started, ['small'], '100 of the 120 tokens: the next 400 must wait');
    // 380 more at 0.95 token/ms (the reported refill, with the margin) take 400 ms.
    await clock.advanceAsync(399);
    assert.deepEqual(started, ['small']);
    await clock.advanceAsync(2);
    await Promise.all([small, big]);
    assert.deepEqual(started, ['small', 'big']);
  });
});
