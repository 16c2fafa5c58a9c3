import assert from 'node:assert/strict';
import { getEventListeners } from 'node:events';
import { sleep } from '../../../../src/core/llm/clock';
import { FakeClock } from '../../../support/fakeClock';

describe('sleep', () => {
  it('resolves once its clock has moved by the wait, not before', async () => {
    const clock = new FakeClock();
    let isDone = false;
    const waiting = sleep(clock, 250).then(() => (isDone = true));
    await clock.advanceAsync(249);
    assert.equal(isDone, false);
    await clock.advanceAsync(1);
    await waiting;
    assert.equal(isDone, true);
  });

  it('stops waiting as soon as the signal aborts, cancelling its timer and leaving no listener', async () => {
    const clock = new FakeClock();
    const controller = new AbortController();
    const waiting = sleep(clock, 5_000, controller.signal);
    assert.equal(clock.scheduled, 1);
    controller.abort();
    // The clock never moves: only the abort can settle it.
    await assert.rejects(waiting, { kind: 'cancelled' });
    assert.deepEqual([clock.scheduled, getEventListeners(controller.signal, 'abort').length], [0, 0]);
  });

  it('rejects at once under a signal that has already aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    await assert.rejects(sleep(new FakeClock(), 10, controller.signal), { kind: 'cancelled' });
  });
});
