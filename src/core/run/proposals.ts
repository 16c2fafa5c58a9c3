import type { RunConfig } from '../config';
import { acceptProposals } from '../prompt/extractInstructions';
import { isDemoSafe } from '../prompt/demonstrations';
import type { MetaPromptFailure } from '../prompt/failureFeedback';
import { buildMetaPrompt } from '../prompt/metaPrompt';
import type { StepRecord } from '../runRecord';
import type { RunState } from '../store/logEntry';
import type { RunStore } from '../store/runStore';
import { demonstrationsOf } from './candidatePrompt';
import { drawDemos } from './demoSearch';
import { pickExemplars } from './exemplars';
import { failuresForMetaPrompt, pickFailures } from './failures';
import { bestCandidate, incumbentBefore } from './history';
import { isFatal } from './fatal';
import { drawSamples, type ProposalContext } from './optimizerSamples';
import { rankingValue } from '../ranking';

/** Characters of each optimizer reply saved in the run file. */
export const MAX_KEPT_REPLY = 4000;

export type { ProposalContext } from './optimizerSamples';

/** The meta-prompt for `step` from the history so far (OPRO.md), with `failures` under `method: feedback`. */
export function metaPromptFor(record: Pick<RunState, 'candidates' | 'examples'>, config: RunConfig, exemplars: number[], failures: readonly MetaPromptFailure[] = []): string {
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
    ...(failures.length === 0 ? {} : { failures }),
  });
}

/**
 * The training examples the best candidate so far gets wrong, as `method: feedback` shows them
 * (read back from the run store; see pickFailures), never one of the step's exemplars. None for `opro`.
 */
export async function feedbackFailures(record: Pick<RunState, 'candidates' | 'examples'>, config: RunConfig, step: number, context: { store: RunStore; exemplars: readonly number[] }): Promise<MetaPromptFailure[]> {
  const best = bestCandidate(record);
  if (config.method !== 'feedback' || best === undefined) {
    return [];
  }
  const results = await context.store.results(best.id, 'train');
  const picked = pickFailures(results, { count: config.feedbackExamples ?? 0, seed: config.seed, step, exclude: new Set(context.exemplars) });
  return failuresForMetaPrompt(picked, new Map(record.examples.map((e) => [e.index, e])));
}

/** The exemplars and the meta-prompt of `step`: what proposing it sends, and what `opro meta-prompt` prints. */
export async function stepMetaPrompt(record: RunState, config: RunConfig, step: number, store: RunStore): Promise<{ exemplars: number[]; metaPrompt: string }> {
  const exemplars = await pickExemplars(record, config, step, store);
  const failures = await feedbackFailures(record, config, step, { store, exemplars });
  return { exemplars, metaPrompt: metaPromptFor(record, config, exemplars, failures) };
}

/**
 * The demonstrations of each accepted instruction (`RunConfig.demos`), drawn around the best of the
 * steps before this one so a resumed step draws the same rows. Rows whose values look like
 * placeholders are never shown in template mode.
 */
function demosForStep(record: RunState, config: RunConfig, step: number, accepted: readonly string[]): number[][] | undefined {
  const count = config.demos ?? 0;
  if (count === 0 || accepted.length === 0) {
    return undefined;
  }
  const pool = config.position === 'template' ? record.train.filter((row) => demonstrationsOf([row], record.examples).every(isDemoSafe)) : record.train;
  const best = incumbentBefore(record, step)?.demos ?? [];
  return accepted.map((_, ordinal) => drawDemos({ count, step, ordinal, totalSteps: config.steps, seed: config.seed, pool, best }));
}

/**
 * Asks the optimizer for `candidatesPerStep` instructions at its temperature (in one request with
 * `n` where the endpoint honours it, see `drawSamples`), and keeps the new, well-formed ones. A failed
 * sample gives an empty reply; if every one fails, the last error is thrown.
 */
export async function proposeStep(record: RunState, step: number, context: ProposalContext): Promise<StepRecord> {
  const { config } = context;
  const { exemplars, metaPrompt } = await stepMetaPrompt(record, config, step, context.store);
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
  const demos = demosForStep(record, config, step, accepted);
  return { step, metaPrompt, exemplars, replies: kept, accepted, ...(demos === undefined ? {} : { demos }), rejected, ...(truncated > 0 ? { truncated } : {}), done: false };
}
