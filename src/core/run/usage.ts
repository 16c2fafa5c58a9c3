import type { ChatResponse, RequestLogEntry } from '../llm/types';
import { costUsd, type ModelPrice } from '../pricing';
import type { ModelUsage, RunUsage } from '../runRecord';

export type ModelRole = 'scorer' | 'optimizer' | 'judge';

export function emptyUsage(): RunUsage {
  return { calls: 0, cachedCalls: 0, failedCalls: 0, retries: 0, promptTokens: 0, completionTokens: 0, byModel: {} };
}

function emptyModelUsage(): ModelUsage {
  return { calls: 0, cachedCalls: 0, failedCalls: 0, retries: 0, promptTokens: 0, completionTokens: 0 };
}

/** The price of a role's model, `undefined` when unknown. */
export type PriceLookup = (role: ModelRole, model: string) => ModelPrice | undefined;

/** Adds one call's outcome to the run's totals and to its model's, tokens and dollars. Mutates `usage`. */
export class UsageMeter {
  constructor(
    readonly usage: RunUsage,
    private readonly priceOf: PriceLookup = () => undefined,
  ) {
    this.backfillCosts();
  }

  recordResponse(role: ModelRole, model: string, response: ChatResponse): void {
    const price = response.cached === true ? undefined : this.priceOf(role, model);
    this.bump(role, model, (u) => {
      if (response.cached === true) {
        u.cachedCalls += 1;
        return;
      }
      const { promptTokens, completionTokens, cachedPromptTokens = 0, reasoningTokens = 0 } = response.usage;
      u.calls += 1;
      u.promptTokens += promptTokens;
      u.completionTokens += completionTokens;
      u.cachedPromptTokens = (u.cachedPromptTokens ?? 0) + cachedPromptTokens;
      u.reasoningTokens = (u.reasoningTokens ?? 0) + reasoningTokens;
      if (price !== undefined) {
        u.costUsd = (u.costUsd ?? 0) + costUsd({ promptTokens, completionTokens, cachedPromptTokens }, price);
      }
    });
    if (response.cached !== true) {
      this.settleRunCost();
    }
  }

  /** What the run's paid calls cost so far in USD, when every model paid for has a price. */
  get costUsd(): number | undefined {
    return this.usage.costUsd;
  }

  /** Run-level cost: the sum of the models' when all have one, else none and the unpriced named. */
  private settleRunCost(): void {
    const paid = Object.entries(this.usage.byModel).filter(([, u]) => u.calls > 0);
    const unpriced = paid.filter(([, u]) => u.costUsd === undefined).map(([key]) => key);
    if (unpriced.length > 0) {
      this.usage.unpricedModels = unpriced;
      delete this.usage.costUsd;
    } else {
      delete this.usage.unpricedModels;
      this.usage.costUsd = paid.reduce((sum, [, u]) => sum + (u.costUsd ?? 0), 0);
    }
  }

  /** A run saved before costs were kept: its models' past tokens priced now (cache hits unknown, so at the input price). */
  private backfillCosts(): void {
    let isChanged = false;
    for (const [key, u] of Object.entries(this.usage.byModel)) {
      const [role, ...rest] = key.split(':');
      const price = u.costUsd === undefined && u.calls > 0 ? this.priceOf(role as ModelRole, rest.join(':')) : undefined;
      if (price !== undefined) {
        u.costUsd = costUsd(u, price);
        isChanged = true;
      }
    }
    if (isChanged || Object.keys(this.usage.byModel).length > 0) {
      this.settleRunCost();
    }
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
