import { isCancellation, OproError } from '../errors';
import type { ChatRequest, LlmClient } from '../llm/types';
import { whenAborted } from '../signals';
import { isFatal } from './fatal';

/**
 * Stops a run's other calls once one call fails in a way no other call can avoid (wrong key, not
 * an OpenAI-compatible endpoint, unknown model): the calls still queued are never sent, and the
 * ones in flight are aborted. Every call it stops rejects with that first error, not as cancelled.
 * Its signal follows the run's own, and `release` detaches it from that signal when the run ends.
 */
export class RunHalt {
  private readonly controller = new AbortController();
  private readonly detach: () => void;
  private reason: OproError | undefined;

  constructor(runSignal: AbortSignal | undefined) {
    this.detach = whenAborted(runSignal, () => this.controller.abort(runSignal?.reason));
  }

  /** Aborts on cancellation and on the first fatal call error: the signal the run's calls take. */
  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** The client whose fatal errors halt the run, and whose halted calls reject with that error. */
  wrap(client: LlmClient): LlmClient {
    return {
      id: client.id,
      model: client.model,
      complete: (request: ChatRequest, signal?: AbortSignal) => client.complete(request, signal).catch((err: unknown) => this.failed(err)),
    };
  }

  release(): void {
    this.detach();
  }

  private failed(err: unknown): never {
    if (this.reason !== undefined && isCancellation(err)) {
      throw this.reason;
    }
    if (this.reason === undefined && err instanceof OproError && !isCancellation(err) && isFatal(err)) {
      this.reason = err;
      // Only the halt's own signal: the run's (the user's cancel) is left alone.
      this.controller.abort(err);
    }
    throw err;
  }
}
