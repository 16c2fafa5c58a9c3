import assert from 'node:assert/strict';
import { PACING_MARGIN, PROBE_FACTOR, RATE_CUT_FACTOR, RateController, type LimiterTicket } from '../../../../src/core/llm/rateController';

/** `count` requests that start now, in the current epoch. */
function start(controller: RateController, count: number): LimiterTicket[] {
  return Array.from({ length: count }, () => controller.started());
}

/** Each ticket gets a 429 asking to wait `waitMs(i)` and then ends, in order, as a burst comes back. */
function refuse(controller: RateController, tickets: LimiterTicket[], now: number, waitMs: (i: number) => number): void {
  tickets.forEach((ticket, i) => {
    controller.rateLimited(ticket, waitMs(i), now);
    controller.finished(ticket);
  });
}

function serve(controller: RateController, tickets: LimiterTicket[]): void {
  for (const ticket of tickets) {
    controller.succeeded(ticket);
    controller.finished(ticket);
  }
}

/** `successes` requests that all succeed, sent in rounds of the current limit. */
function succeedInRounds(controller: RateController, successes: number): void {
  for (let done = 0; done < successes; ) {
    const batch = Math.min(controller.limit, successes - done);
    serve(controller, start(controller, batch));
    done += batch;
  }
}

describe('RateController', () => {
  it('starts at the configured concurrency, 8 by default, and refuses a count below 1', () => {
    assert.equal(new RateController().limit, 8);
    assert.equal(new RateController(3).limit, 3);
    assert.throws(() => new RateController(0), /Expected `concurrency` to be an integer ≥ 1, got `0` \(number\)/);
  });

  it('lets a request go now while a slot is free, and none while every slot is taken', () => {
    const controller = new RateController(2);
    assert.equal(controller.sendTime(500), 500);
    const tickets = start(controller, 2);
    assert.equal(controller.sendTime(500), undefined);
    serve(controller, tickets.slice(0, 1));
    assert.equal(controller.sendTime(600), 600);
  });

  it('cuts once per burst of 429s, to the requests the endpoint served, and waits the longest retry-after', () => {
    const controller = new RateController(16);
    const served = start(controller, 10);
    const refused = start(controller, 6);
    const waits = [300, 250, 250, 250, 250, 250];
    refuse(controller, refused, 1_050, (i) => waits[i] ?? 0);
    // 16 in flight at the first 429: 15 presumed served, then the 5 others of the burst take one each.
    assert.deepEqual([controller.limit, controller.notBefore, controller.epoch, controller.running], [10, 1_350, 1, 10]);
    assert.equal(controller.sendTime(1_100), undefined, 'the 10 served still hold every slot');
    controller.finished(served[0]!);
    assert.equal(controller.sendTime(1_100), 1_350, 'a slot freed without a success waits for the retry-after');
    serve(controller, served.slice(1, 2));
    assert.equal(controller.sendTime(1_100), 1_100, 'a success ends a concurrency pause early');
  });

  it('reads a 429 that comes while its burst is still coming back as a cap, not as a rate limit', () => {
    // On a loaded machine the burst's 429s trickle back after its successes, and the early end of
    // the pause has already sent requests at the new level: one of those being refused proves nothing yet.
    const controller = new RateController(16);
    const burst = start(controller, 16);
    refuse(controller, burst.slice(0, 3), 0, () => 100);
    serve(controller, burst.slice(3, 7));
    const fresh = start(controller, 2);
    refuse(controller, fresh.slice(0, 1), 10, () => 100);
    // 11 in flight when it was refused: a cut to the 10 others, as for any cap (a rate cut would keep 12 of 16).
    assert.deepEqual([controller.limit, controller.epoch], [10, 2]);
  });

  it('never goes below one request in flight', () => {
    const controller = new RateController(4);
    refuse(controller, start(controller, 4), 0, () => 0);
    assert.equal(controller.limit, 1);
  });

  it('settles at 8, not 4, behind an in-flight cap of 8 at concurrency 32, and a failed probe lands back on 8', () => {
    const controller = new RateController(32);
    const served = start(controller, 8);
    refuse(controller, start(controller, 24), 0, () => 200);
    assert.deepEqual([controller.limit, controller.epoch, controller.notBefore], [8, 1, 200]);
    // A success during the pause ends it: the endpoint has just freed a slot.
    serve(controller, served);
    assert.equal(controller.notBefore, 0);
    // The 8 that finished count too: 8 * PROBE_FACTOR successes in all before the probe.
    succeedInRounds(controller, 8 * PROBE_FACTOR - 16);
    assert.equal(controller.limit, 8, 'no growth at the level that worked');
    succeedInRounds(controller, 8);
    assert.equal(controller.limit, 9, 'probes past it after PROBE_FACTOR rounds');
    const probe = start(controller, 9);
    refuse(controller, probe.slice(8), 1_000, () => 200);
    assert.deepEqual([controller.limit, controller.epoch], [8, 2], 'the failed probe goes back to 8');
    serve(controller, probe.slice(0, 8));
    succeedInRounds(controller, 8 * PROBE_FACTOR * 2 - 16);
    assert.equal(controller.limit, 8, 'the next probe waits twice as long');
    succeedInRounds(controller, 8);
    assert.equal(controller.limit, 9);
  });

  it('under a rate limit cuts once per wait window, waits all of it, and grows back at the normal speed', () => {
    const controller = new RateController(32);
    const first = start(controller, 32);
    refuse(controller, first.slice(20), 0, () => 10);
    assert.deepEqual([controller.limit, controller.epoch], [20, 1], 'read first as a cap of 20');
    serve(controller, first.slice(0, 20));
    // Refused with no more in flight than worked before: a rate limit. One cut for the whole window,
    // from the 32 that the first burst wrongly cut from.
    refuse(controller, start(controller, 20), 0, () => 10);
    assert.deepEqual([controller.limit, controller.epoch, controller.notBefore], [24, 2, 10]);
    refuse(controller, start(controller, 10), 5, () => 5);
    assert.deepEqual([controller.limit, controller.epoch, controller.notBefore], [24, 2, 10], 'no second cut in the same window');
    const grown: number[] = [];
    for (let step = 0; step < 3; step++) {
      succeedInRounds(controller, controller.limit);
      grown.push(controller.limit);
    }
    assert.deepEqual(grown, [25, 26, 27], 'one step per `limit` successes, not PROBE_FACTOR times more');
    // A request sent after the cut was served, so the window has closed: the next 429 cuts again.
    refuse(controller, start(controller, 27), 10, () => 10);
    assert.deepEqual([controller.limit, controller.epoch, controller.notBefore], [Math.ceil(27 * RATE_CUT_FACTOR), 3, 20]);
  });
});

describe('RateController pacing by the reported allowances', () => {
  it('sends a request only once its tokens are there, refilling at the reported rate (with a margin)', () => {
    const controller = new RateController(8);
    const a = controller.started(100, 0);
    // 150 of 1000 left, whole again in 850 ms: 1 token per ms, counted as PACING_MARGIN of that.
    controller.observe({ tokens: { limit: 1000, remaining: 150, resetInMs: 850 } }, a);
    assert.equal(controller.sendTime(0, 100), 0);
    controller.started(100, 0);
    assert.equal(controller.sendTime(0, 100), (100 - 50) / PACING_MARGIN);
    assert.equal(controller.sendTime(200, 100), 200, 'refilled meanwhile');
  });

  it('takes off what the requests started after the one whose headers it reads will cost, and ignores older news', () => {
    const controller = new RateController(8);
    const [a, b, c] = [controller.started(100, 0), controller.started(100, 0), controller.started(100, 0)];
    // a's response: 250 left when a was counted; b and c came after, 200 more.
    controller.observe({ tokens: { limit: 1000, remaining: 250, resetInMs: 750 } }, a!);
    assert.deepEqual([controller.sendTime(0, 50), controller.sendTime(0, 60)], [0, 10 / PACING_MARGIN]);
    controller.observe({ tokens: { limit: 1000, remaining: 900, resetInMs: 100 } }, c!);
    controller.observe({ tokens: { limit: 1000, remaining: 0, resetInMs: 1000 } }, b!);
    assert.equal(controller.sendTime(0, 900), 0, "b's response is older than c's: ignored");
  });

  it('waits for the reset when the refill rate is unknown, and for the whole limit when a request needs more than it', () => {
    const controller = new RateController(8);
    const a = controller.started(0, 1_000);
    controller.observe({ requests: { remaining: 0, resetInMs: 500 } }, a);
    assert.equal(controller.sendTime(1_200), 1_500);
    const other = new RateController(8);
    const b = other.started(10, 0);
    other.observe({ tokens: { limit: 1000, remaining: 0, resetInMs: 1000 } }, b);
    assert.equal(other.sendTime(0, 5000), 1000 / PACING_MARGIN, 'a 5,000-token request waits for all 1,000 of them, not forever');
  });

  it('does not pace an endpoint that reports nothing', () => {
    const controller = new RateController(2);
    controller.started(1e9, 0);
    assert.equal(controller.sendTime(7, 1e9), 7);
  });
});

