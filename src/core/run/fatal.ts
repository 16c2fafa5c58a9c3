import { OproError, isCancellation } from '../errors';
import { BudgetExhausted } from './callBudget';

/**
 * Error kinds that end a run: retrying or asking other questions cannot help. `network` is here
 * because the client already retried: an endpoint that is down would otherwise score every
 * candidate 0% instead of saying so.
 */
const FATAL_KINDS: ReadonlySet<string> = new Set(['auth', 'notFound', 'quota', 'config', 'cancelled', 'network']);

/** True when `err` must stop the run instead of being recorded on one call. */
export function isFatal(err: unknown): boolean {
  return err instanceof BudgetExhausted || isCancellation(err) || (err instanceof OproError && FATAL_KINDS.has(err.kind));
}
