import assert from 'node:assert/strict';
import { getEventListeners } from 'node:events';
import { linkedSignal, whenAborted } from '../../../src/core/signals';

describe('whenAborted', () => {
  it('keeps one listener on the signal for any number of subscribers, and none once they leave', () => {
    const controller = new AbortController();
    const leave = Array.from({ length: 1000 }, () => whenAborted(controller.signal, () => undefined));
    assert.equal(getEventListeners(controller.signal, 'abort').length, 1);
    leave.forEach((unsubscribe) => unsubscribe());
    assert.equal(getEventListeners(controller.signal, 'abort').length, 0);
    // A signal that lost every subscriber takes new ones again.
    let called = 0;
    whenAborted(controller.signal, () => (called += 1));
    controller.abort();
    assert.equal(called, 1);
  });

  it('calls every subscriber that is still there once, and at once when the signal has already aborted', () => {
    const controller = new AbortController();
    const calls: string[] = [];
    whenAborted(controller.signal, () => calls.push('a'));
    const leaveB = whenAborted(controller.signal, () => calls.push('b'));
    whenAborted(controller.signal, () => calls.push('c'));
    leaveB();
    controller.abort();
    controller.abort();
    whenAborted(controller.signal, () => calls.push('late'));
    assert.deepEqual(calls, ['a', 'c', 'late']);
  });
});

describe('linkedSignal', () => {
  it('aborts with its parent, with the parent reason', () => {
    const parent = new AbortController();
    const link = linkedSignal(parent.signal);
    const reason = new Error('stop');
    parent.abort(reason);
    assert.deepEqual([link.signal.aborted, link.signal.reason], [true, reason]);
  });

  it('no longer follows its parent once released, and leaves no listener behind', () => {
    const parent = new AbortController();
    const links = Array.from({ length: 50 }, () => linkedSignal(parent.signal));
    links.forEach((link) => link.release());
    parent.abort();
    assert.deepEqual([links.some((link) => link.signal.aborted), getEventListeners(parent.signal, 'abort').length], [false, 0]);
  });

  it('starts aborted under an aborted parent', () => {
    const parent = new AbortController();
    parent.abort();
    assert.equal(linkedSignal(parent.signal).signal.aborted, true);
  });
});
