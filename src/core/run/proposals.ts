import type { RunConfig } from '../config';
import { isCancellation } from '../errors';
import { isCutOff } from '../llm/chatResponse';
import type { LlmClient } from '../llm/types';
import { acceptProposals } from '../prompt/extractInstructions';
import { buildMetaPrompt } from '../prompt/metaPrompt';
import { mixSeed } from '../random';
import type { StepRecord } from '../runRecord';
import type { RunState } from '../store/logEntry';
import type { RunStore } from '../store/runStore';
import { BudgetExhausted } from './callBudget';
import { pickExemplars } from './exemplars';
import { isFatal } from './fatal';
import { rankingValue } from '../ranking';
import type { UsageMeter } from './usage';

/** Characters of each optimizer reply saved in the run file. */
export const MAX_KEPT_REPLY = 4000;

export interface ProposalContext {
  client: LlmClient;
  /** Where the best candidate's results are read back from (exemplar selection `failures`). */
  store: RunStore;
  config: RunConfig;
  meter: UsageMeter;
  signal?: AbortSignal;
  /** Called for each proposal cut at the token limit (the run warns once). */
  onTruncated?: () => void;
}

/** The meta-prompt for `step` from the history so far (OPRO.md). */
export function metaPromptFor(record: Pick<RunState, 'candidates' | 'examples'>, config: RunConfig, exemplars: number[]): string {
  const byIndex = new Map(record.examples.map((e) => [e.index, e]));
  return buildMetaPrompt({
    // A candidate with no graded example has no score to show (every answer failed or was cut).
    history: record.candidates.filter((c) => c.total > 0 || c.incomplete !== true).map((c) => ({ instruction: c.instruction, score: Math.max(0, rankingValue(c)) })),
    exemplars: exemplars.flatMap((row) => {
      const example = byIndex.get(row);
      return example === undefined ? [] : [{ input: example.input, target: example.target }];
    }),
    position: config.position,
    includeQA: config.includeQA,
    scoreThreshold: config.scoreThreshold,
    maxInstructions: config.maxInstructions,
    scoreBuckets: config.scoreBuckets,
  });
}

/**
 * Asks the optimizer for `candidatesPerStep` instructions, one call each at its temperature with a
 * per-draw seed, and keeps the new, well-formed ones. A failed call gives an empty reply; if every
 * call fails, the last error is thrown.
 */
export async function proposeStep(record: RunState, step: number, context: ProposalContext): Promise<StepRecord> {
  const { config } = context;
  const exemplars = await pickExemplars(record, config, step, context.store);
  const metaPrompt = metaPromptFor(record, config, exemplars);
  const draws = Array.from({ length: config.candidatesPerStep }, (_, draw) => draw);
  const outcomes = await Promise.allSettled(draws.map((draw) => askOptimizer(metaPrompt, step, draw, context)));
  const answered = outcomes.map((o) => (o.status === 'fulfilled' ? o.value : { text: '', isCut: false }));
  const replies = answered.map((a) => a.text);
  const truncated = answered.filter((a) => a.isCut).length;
  const failures = outcomes.flatMap((o) => (o.status === 'rejected' ? [o.reason as unknown] : []));
  const fatal = failures.find(isFatal);
  if (fatal !== undefined || failures.length === outcomes.length) {
    throw fatal ?? failures[failures.length - 1];
  }
  // A proposal cut at the limit would be half an instruction: it is offered as nothing.
  const { accepted, rejected } = acceptProposals(answered.map((a) => (a.isCut ? '' : a.text)), {
    tag: config.position === 'A_begin' ? 'Start' : 'INS',
    maxLength: config.maxInstructionLength,
    seen: new Set(record.candidates.map((c) => c.instruction)),
    ...(config.position === 'template' ? { template: config.seedInstructions[0] ?? '' } : {}),
  });
  // Replies are kept for the inspector; a runaway 100 kB reply is cut so the run file stays small.
  const kept = replies.map((reply) => (reply.length > MAX_KEPT_REPLY ? `${reply.slice(0, MAX_KEPT_REPLY)}…` : reply));
  return { step, metaPrompt, exemplars, replies: kept, accepted, rejected, ...(truncated > 0 ? { truncated } : {}), done: false };
}

async function askOptimizer(metaPrompt: string, step: number, draw: number, context: ProposalContext): Promise<{ text: string; isCut: boolean }> {
  const { client, config, meter } = context;
  try {
    const response = await client.complete(
      {
        messages: [{ role: 'user', content: metaPrompt }],
        temperature: config.optimizer.temperature,
        maxTokens: config.optimizer.maxTokens,
        drawIndex: draw,
        seed: mixSeed(config.seed, step, draw),
      },
      context.signal,
    );
    meter.recordResponse('optimizer', client.model, response);
    const isCut = isCutOff(response);
    if (isCut) {
      context.onTruncated?.();
    }
    return { text: response.text, isCut };
  } catch (err) {
    if (!(err instanceof BudgetExhausted) && !isCancellation(err)) {
      meter.recordFailure('optimizer', client.model);
    }
    throw err;
  }
}
