import { bestCandidate } from '../../core/ranking';
import type { ScoredCandidate, SeedComparison } from '../../core/runRecord';
import type { Localize } from './progressText';

/** What the "run finished" toast says, and the instruction its "Insert Best" button inserts. */
export interface FinishedToast {
  message: string;
  /** The panel's #1 (core's ranking rule), when it is not the user's own prompt. */
  insert: Pick<ScoredCandidate, 'id' | 'instruction'> | undefined;
}

type ToastCandidate = Pick<ScoredCandidate, 'id' | 'instruction' | 'origin' | 'score' | 'objective' | 'partial' | 'step' | 'ordinal'>;

/** The toast for a finished run's candidates (with the paired verdict when the run has one); undefined when nothing was scored. */
export function finishedToast(candidates: readonly ToastCandidate[], t: Localize, comparison?: SeedComparison): FinishedToast | undefined {
  const best = bestCandidate(candidates);
  if (best === undefined) {
    return undefined;
  }
  const seed = candidates.find((c) => c.origin === 'seed');
  const percent = (c: ToastCandidate): number => Math.round(c.score * 100);
  if (seed === undefined || seed.id === best.id) {
    return { message: t('OPRO finished: no candidate beat your prompt ({0}%).', percent(best)), insert: undefined };
  }
  const message =
    comparison?.candidateId === best.id
      ? t('OPRO finished: the best prompt scores {0}% (yours: {1}%), {2}.', percent(best), percent(seed), comparison.sentence)
      : t('OPRO finished: the best prompt scores {0}% (yours: {1}%).', percent(best), percent(seed));
  return { message, insert: best };
}
