import assert from 'node:assert/strict';
import { Gate } from '../../../../src/core/run/gate';

/** A task that records when it starts and ends, and finishes when told. */
function task(log: string[], name: string): { run: () => Promise<string>; finish: () => void; fail: (err: Error) => void } {
  let finish = (): void => undefined;
  let fail = (_err: Error): void => undefined;
  const run = (): Promise<string> => {
    log.push(`start ${name}`);
    return new Promise<string>((resolve, reject) => {
      finish = () => {
        log.push(`end ${name}`);
        resolve(name);
      };
      fail = reject;
    });
  };
  return { run, finish: () => finish(), fail: (err) => fail(err) };
}

const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('Gate', () => {
  it('runs at most its capacity at once and starts the waiting ones in the order they came', async () => {
    const gate = new Gate(2);
    const log: string[] = [];
    const tasks = ['a', 'b', 'c', 'd'].map((name) => task(log, name));
    const results = tasks.map((t) => gate.run(t.run));
    await settle();
    assert.deepEqual(log, ['start a', 'start b']);
    tasks[1]?.finish();
    await settle();
    tasks[0]?.finish();
    await settle();
    assert.deepEqual(log, ['start a', 'start b', 'end b', 'start c', 'end a', 'start d']);
    tasks[2]?.finish();
    tasks[3]?.finish();
    assert.deepEqual(await Promise.all(results), ['a', 'b', 'c', 'd']);
  });

  it('passes a failure on and frees the slot for the next task', async () => {
    const gate = new Gate(1);
    const log: string[] = [];
    const first = task(log, 'a');
    const second = task(log, 'b');
    const failed = gate.run(first.run);
    const next = gate.run(second.run);
    await settle();
    first.fail(new Error('boom'));
    await assert.rejects(failed, /boom/);
    await settle();
    second.finish();
    assert.equal(await next, 'b');
    assert.deepEqual(log, ['start a', 'start b', 'end b']);
    // The slot is free again.
    const third = task(log, 'c');
    const run = gate.run(third.run);
    await settle();
    assert.equal(log.at(-1), 'start c');
    third.finish();
    assert.equal(await run, 'c');
  });
});
