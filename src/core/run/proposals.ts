import type { RunConfig } from '../config';
import { acceptProposals } from '../prompt/extractInstructions';
import { buildMetaPrompt } from '../prompt/metaPrompt';
import type { StepRecord } from '../runRecord';
import type { RunState } from '../store/logEntry';
import { pickExemplars } from './exemplars';
import { isFatal } from './fatal';
import { drawSamples, type ProposalContext } from './optimizerSamples';
import { rankingValue } from '../ranking';

/** Characters of each optimizer reply saved in the run file. */
export const MAX_KEPT_REPLY = 4000;

export type { ProposalContext } from './optimizerSamples';

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
 * Asks the optimizer for `candidatesPerStep` instructions at its temperature (in one request with
 * `n` where the endpoint honours it, see `drawSamples`), and keeps the new, well-formed ones. A failed
 * sample gives an empty reply; if every one fails, the last error is thrown.
 */
export async function proposeStep(record: RunState, step: number, context: ProposalContext): Promise<StepRecord> {
  const { config } = context;
  const exemplars = await pickExemplars(record, config, step, context.store);
  const metaPrompt = metaPromptFor(record, config, exemplars);
  const outcomes = await drawSamples(metaPrompt, step, context);
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
