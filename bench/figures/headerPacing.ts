import type { FakeServerOptions } from '../../test/support/fakeLlmServer';
import { syntheticWorkspace } from '../../test/support/syntheticRun';
import { round, type Emit } from '../report';
import { benchInstructions, timeScoring } from '../scoring';
import { startServerChild } from '../serverChild';

const CLIENT_CONCURRENCY = 32;
const LATENCY_MS = 50;
const WINDOW_MS = 2000;
const ROWS = 400;
const INSTRUCTIONS = 8;
/** The scorer's answer limit: with the prompt, what each request counts toward a tokens-per-minute limit. */
const SCORER_MAX_TOKENS = 64;
const TARGET_429_SHARE = 0.01;
const TARGET_RATIO = 1.15;

interface PacingCase {
  limit: string;
  server: FakeServerOptions;
  /** The earliest the calls can finish under the limit alone, in ms, given what they cost in all. */
  idealMs: (calls: number, tokens: number) => number;
}

const TOKENS_PER_WINDOW = 40_000;
const REQUESTS_PER_WINDOW = 400;

/** An allowance of `capacity` refilling at capacity per window: the first `capacity` is there at once. */
function bucketIdeal(total: number, capacity: number): number {
  return Math.max(0, ((total - capacity) / capacity) * WINDOW_MS) + LATENCY_MS;
}

const CASES: PacingCase[] = [
  {
    limit: `${TOKENS_PER_WINDOW} tokens per ${WINDOW_MS} ms (x-ratelimit-* headers)`,
    server: { latencyMs: LATENCY_MS, rateLimits: { tokens: TOKENS_PER_WINDOW, windowMs: WINDOW_MS, headers: 'openai' } },
    idealMs: (_calls, tokens) => bucketIdeal(tokens, TOKENS_PER_WINDOW),
  },
  {
    limit: `${REQUESTS_PER_WINDOW} requests per ${WINDOW_MS} ms (x-ratelimit-* headers)`,
    server: { latencyMs: LATENCY_MS, rateLimits: { requests: REQUESTS_PER_WINDOW, windowMs: WINDOW_MS, headers: 'openai' } },
    idealMs: (calls) => bucketIdeal(calls, REQUESTS_PER_WINDOW),
  },
  {
    limit: `${TOKENS_PER_WINDOW} tokens per ${WINDOW_MS} ms (anthropic-ratelimit-* headers)`,
    server: { latencyMs: LATENCY_MS, rateLimits: { tokens: TOKENS_PER_WINDOW, windowMs: WINDOW_MS, headers: 'anthropic' } },
    idealMs: (_calls, tokens) => bucketIdeal(tokens, TOKENS_PER_WINDOW),
  },
];

/**
 * Issue 12: scoring at a limit that binds (tokens per minute, then requests per minute), paced
 * from the rate-limit headers of every response: the share of 429s and the wall time against the
 * limit's ideal. Tokens are counted as the server counts them (prompt + max_tokens).
 */
export async function headerPacing(emit: Emit): Promise<void> {
  for (const pacing of CASES) {
    const server = await startServerChild(pacing.server);
    const workspace = syntheticWorkspace(ROWS, 23);
    try {
      const instructions = benchInstructions(INSTRUCTIONS);
      const run = await timeScoring({ baseUrl: server.url, datasetPath: workspace.datasetPath }, instructions, {
        concurrency: CLIENT_CONCURRENCY,
        scorer: { baseUrl: server.url, apiKey: 'test-key', model: 'scorer-model', maxTokens: SCORER_MAX_TOKENS },
      });
      const stats = await server.stats();
      const calls = INSTRUCTIONS * ROWS;
      const idealMs = pacing.idealMs(calls, stats.countedTokens);
      const ratio = run.wallMs / idealMs;
      const share429 = run.log.rateLimited() / Math.max(1, run.log.count());
      emit({
        figure: 'header-paced-scoring',
        limit: pacing.limit,
        clientConcurrency: CLIENT_CONCURRENCY,
        calls,
        countedTokens: stats.countedTokens,
        wallMs: round(run.wallMs),
        idealMs: round(idealMs),
        ratio: round(ratio, 3),
        received429: run.log.rateLimited(),
        share429: round(share429, 4),
        failedEvaluations: run.failedEvaluations,
        target: `429 share < ${TARGET_429_SHARE}, ratio <= ${TARGET_RATIO}, 0 failed`,
        met: share429 < TARGET_429_SHARE && ratio <= TARGET_RATIO && run.failedEvaluations === 0,
      });
    } finally {
      await server.close();
    }
  }
}
