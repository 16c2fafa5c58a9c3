import type { MetaPromptFailure } from '../prompt/failureFeedback';
import { createRandom, mixSeed, shuffled } from '../random';
import type { ExampleResult, RecordedExample } from '../runRecord';

export interface FailurePick {
  /** Most failures shown (M). */
  count: number;
  /** The run's seed and the step: the same step of the same run always shows the same failures. */
  seed: number;
  step: number;
  /** Rows left out, e.g. the step's exemplars (already shown with their answers). */
  exclude?: ReadonlySet<number>;
}

/** What picking reads of a result (an `ExampleResult`; `status` set when it has no verdict). */
type Verdict = Pick<ExampleResult, 'example' | 'correct' | 'score'> & { status?: string };

function credit(result: Verdict): number {
  return result.score ?? Number(result.correct);
}

/**
 * The training examples `--method feedback` shows: results with a verdict (not truncated or
 * errored) that the grader calls wrong, the lowest credit first, ties in a seeded random order, at
 * most `count`. A pure function of its inputs, so resuming a run rebuilds the same meta-prompt.
 */
export function pickFailures<T extends Verdict>(results: readonly T[], pick: FailurePick): T[] {
  const failing = results.filter((r) => r.status === undefined && !r.correct && pick.exclude?.has(r.example) !== true);
  const random = createRandom(mixSeed(pick.seed, pick.step, 0xfa11));
  // Array.prototype.sort is stable: the shuffle decides among equal credit.
  return shuffled(failing, random)
    .sort((a, b) => credit(a) - credit(b))
    .slice(0, Math.max(0, pick.count));
}

/** The failures as the meta-prompt shows them: each row's input and expected answer beside the model's. */
export function failuresForMetaPrompt(picked: readonly ExampleResult[], examples: ReadonlyMap<number, RecordedExample>): MetaPromptFailure[] {
  return picked.flatMap((result) => {
    const example = examples.get(result.example);
    if (example === undefined) {
      return [];
    }
    return [{ input: example.input, output: result.output, target: example.target, ...(result.reason === undefined ? {} : { reason: result.reason }) }];
  });
}
