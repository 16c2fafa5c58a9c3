import type { FakeServerOptions } from '../../test/support/fakeLlmServer';
import { syntheticWorkspace } from '../../test/support/syntheticRun';
import { round, type Emit } from '../report';
import { benchInstructions, timeScoring } from '../scoring';
import { startServerChild } from '../serverChild';

const CLIENT_CONCURRENCY = 32;
const TARGET_RATIO = 1.1;
const TARGET_LATE_429_SHARE = 0.05;
const FIRST_SECOND_MS = 1000;

interface LimitCase {
  limit: string;
  rows: number;
  server: FakeServerOptions;
  /** The earliest the calls can finish under the limit alone, in ms. */
  idealMs: (calls: number) => number;
}

const IN_FLIGHT = 8;
const IN_FLIGHT_LATENCY_MS = 100;
const PER_WINDOW = 600;
const WINDOW_MS = 2000;
const RATE_LATENCY_MS = 50;

const CASES: LimitCase[] = [
  {
    limit: `maxInFlight ${IN_FLIGHT}`,
    rows: 100,
    server: { latencyMs: IN_FLIGHT_LATENCY_MS, maxInFlight: IN_FLIGHT },
    idealMs: (calls) => (calls * IN_FLIGHT_LATENCY_MS) / IN_FLIGHT,
  },
  {
    limit: `${PER_WINDOW} requests per ${WINDOW_MS} ms window`,
    rows: 400,
    server: { latencyMs: RATE_LATENCY_MS, requestsPerMinute: PER_WINDOW, rateWindowMs: WINDOW_MS },
    // Sliding window: request k can start no earlier than request k - PER_WINDOW plus one window.
    idealMs: (calls) => Math.floor((calls - 1) / PER_WINDOW) * WINDOW_MS + RATE_LATENCY_MS,
  },
];

/** Figure 2: scoring against an endpoint that answers 429 + retry-after past its limit. */
export async function rateLimited(emit: Emit): Promise<void> {
  for (const limitCase of CASES) {
    const server = await startServerChild(limitCase.server);
    const workspace = syntheticWorkspace(limitCase.rows, 13);
    try {
      const instructions = benchInstructions(8);
      const run = await timeScoring({ baseUrl: server.url, datasetPath: workspace.datasetPath }, instructions, { concurrency: CLIENT_CONCURRENCY });
      const stats = await server.stats();
      const calls = instructions.length * limitCase.rows;
      const idealMs = limitCase.idealMs(calls);
      const ratio = run.wallMs / idealMs;
      const late429 = run.log.rateLimited(FIRST_SECOND_MS);
      const lateShare = late429 / Math.max(1, run.log.count(FIRST_SECOND_MS));
      emit({
        figure: 'rate-limited-scoring',
        limit: limitCase.limit,
        clientConcurrency: CLIENT_CONCURRENCY,
        calls,
        wallMs: round(run.wallMs),
        idealMs,
        ratio: round(ratio, 3),
        received429: run.log.rateLimited(),
        after1s429: late429,
        after1sShare: round(lateShare, 4),
        server429: stats.byStatus[429] ?? 0,
        failedEvaluations: run.failedEvaluations,
        target: `ratio <= ${TARGET_RATIO}, 0 failed, after1sShare < ${TARGET_LATE_429_SHARE}`,
        met: ratio <= TARGET_RATIO && run.failedEvaluations === 0 && lateShare < TARGET_LATE_429_SHARE,
      });
    } finally {
      await server.close();
    }
  }
}
