import { bestCandidate } from '../../core/ranking';
import type { ScoredCandidate } from '../../core/runRecord';
import type { Localize } from './progressText';

/** What the "run finished" toast says, and the instruction its "Insert Best" button inserts. */
export interface FinishedToast {
  message: string;
  /** The panel's #1 (core's ranking rule), when it is not the user's own prompt. */
  insert: Pick<ScoredCandidate, 'id' | 'instruction'> | undefined;
}

type ToastCandidate = Pick<ScoredCandidate, 'id' | 'instruction' | 'origin' | 'score' | 'objective' | 'partial' | 'step' | 'ordinal'>;

/** The toast for a finished run's candidates; undefined when nothing was scored. */
export function finishedToast(candidates: readonly ToastCandidate[], t: Localize): FinishedToast | undefined {
  const best = bestCandidate(candidates);
  if (best === undefined) {
    return undefined;
  }
  const seed = candidates.find((c) => c.origin === 'seed');
  const percent = (c: ToastCandidate): number => Math.round(c.score * 100);
  if (seed === undefined || seed.id === best.id) {
    return { message: t('OPRO finished: no candidate beat your prompt ({0}%).', percent(best)), insert: undefined };
  }
  return { message: t('OPRO finished: the best prompt scores {0}% (yours: {1}%).', percent(best), percent(seed)), insert: best };
}
