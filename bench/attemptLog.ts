import type { RequestLogEntry } from '../src/core/llm/types';

/** One request attempt as the client logged it, stamped with ms since the log started. */
export interface TimedAttempt {
  atMs: number;
  entry: RequestLogEntry;
}

/** Collects the client's per-attempt log (`EngineDeps.onLog`) with timestamps. */
export class AttemptLog {
  readonly attempts: TimedAttempt[] = [];
  readonly #started = performance.now();

  readonly onLog = (entry: RequestLogEntry): void => {
    // Notes (a refused parameter, another model) are not attempts.
    if (entry.outcome !== 'note') {
      this.attempts.push({ atMs: performance.now() - this.#started, entry });
    }
  };

  /** Attempts answered 429 (retried or not), optionally only those after `afterMs`. */
  rateLimited(afterMs = 0): number {
    return this.attempts.filter((a) => a.entry.status === 429 && a.atMs > afterMs).length;
  }

  /** Every attempt that ended after `afterMs`. */
  count(afterMs = 0): number {
    return this.attempts.filter((a) => a.atMs > afterMs).length;
  }

  /** Mean duration of the successful attempts, in ms (what one call costs as the client sees it). */
  meanOkMs(): number {
    const ok = this.attempts.filter((a) => a.entry.outcome === 'ok');
    return ok.reduce((sum, a) => sum + a.entry.durationMs, 0) / Math.max(1, ok.length);
  }
}
