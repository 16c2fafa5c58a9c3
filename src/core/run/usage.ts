import type { ChatResponse, RequestLogEntry } from '../llm/types';
import type { ModelUsage, RunUsage } from '../runRecord';

export type ModelRole = 'scorer' | 'optimizer' | 'judge';

export function emptyUsage(): RunUsage {
  return { calls: 0, cachedCalls: 0, failedCalls: 0, retries: 0, promptTokens: 0, completionTokens: 0, byModel: {} };
}

function emptyModelUsage(): ModelUsage {
  return { calls: 0, cachedCalls: 0, failedCalls: 0, retries: 0, promptTokens: 0, completionTokens: 0 };
}

/** Adds one call's outcome to the run's totals and to its model's. Mutates `usage`. */
export class UsageMeter {
  constructor(readonly usage: RunUsage) {}

  recordResponse(role: ModelRole, model: string, response: ChatResponse): void {
    this.bump(role, model, (u) => {
      if (response.cached === true) {
        u.cachedCalls += 1;
        return;
      }
      u.calls += 1;
      u.promptTokens += response.usage.promptTokens;
      u.completionTokens += response.usage.completionTokens;
    });
  }

  recordFailure(role: ModelRole, model: string): void {
    this.bump(role, model, (u) => {
      u.failedCalls += 1;
    });
  }

  recordLog(role: ModelRole, entry: RequestLogEntry): void {
    if (entry.outcome === 'retry') {
      this.bump(role, entry.model, (u) => {
        u.retries += 1;
      });
    }
  }

  /** Paid tokens so far. */
  get tokens(): number {
    return this.usage.promptTokens + this.usage.completionTokens;
  }

  /** A deep copy for events, so listeners never see later changes. */
  snapshot(): RunUsage {
    return structuredClone(this.usage);
  }

  private bump(role: ModelRole, model: string, change: (u: ModelUsage | RunUsage) => void): void {
    const key = `${role}:${model}`;
    const perModel = (this.usage.byModel[key] ??= emptyModelUsage());
    change(perModel);
    change(this.usage);
  }
}
