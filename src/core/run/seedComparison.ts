import type { SeedComparison } from '../runRecord';
import { comparePaired, describeComparison } from '../stats/pairedComparison';
import type { RunState } from '../store/logEntry';
import type { RunStore } from '../store/runStore';
import { bestCandidate } from './history';

/**
 * The best candidate against the seed (the user's prompt, the first seed) on the validation rows:
 * exact McNemar for an accuracy, paired bootstrap otherwise, over the rows both were graded on.
 * Undefined when the best is the seed, or either was not scored on validation rows. The rows are
 * held out from the search, so choosing the best on training rows does not bias the test.
 */
export async function compareWithSeed(record: Pick<RunState, 'candidates'>, store: RunStore): Promise<SeedComparison | undefined> {
  const best = bestCandidate(record);
  const seed = record.candidates.find((c) => c.origin === 'seed');
  if (best === undefined || seed === undefined || best.id === seed.id || best.validation === undefined || seed.validation === undefined) {
    return undefined;
  }
  const comparison = comparePaired(await store.results(best.id, 'validation'), await store.results(seed.id, 'validation'));
  return { candidateId: best.id, baselineId: seed.id, ...comparison, sentence: describeComparison(comparison) };
}
