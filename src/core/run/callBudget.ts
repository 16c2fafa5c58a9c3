import type { ChatRequest, ChatResponse, LlmClient } from '../llm/types';

/** Thrown instead of sending a call the run's budget does not allow. Never leaves core. */
export class BudgetExhausted extends Error {
  constructor(readonly reason: 'maxCalls' | 'maxTokens') {
    super(`The run's ${reason === 'maxCalls' ? 'call' : 'token'} budget is spent.`);
    this.name = 'BudgetExhausted';
  }
}

export interface BudgetLimits {
  /** 0 = unlimited. */
  maxCalls: number;
  /** 0 = unlimited. */
  maxTokens: number;
  /** Paid calls and tokens so far (cached answers are free). */
  spent: () => { calls: number; tokens: number };
}

/**
 * Refuses a paid call once the budget would be exceeded, counting calls in flight, so a run never
 * pays more than `maxCalls`. Sits under the cache: cached answers pass without touching the budget.
 */
export class CallBudget {
  private inFlight = 0;

  constructor(private readonly limits: BudgetLimits) {}

  wrap(client: LlmClient): LlmClient {
    return {
      id: client.id,
      model: client.model,
      complete: (request: ChatRequest, signal?: AbortSignal) => this.run(client, request, signal),
    };
  }

  private async run(client: LlmClient, request: ChatRequest, signal?: AbortSignal): Promise<ChatResponse> {
    this.check();
    this.inFlight += 1;
    try {
      return await client.complete(request, signal);
    } finally {
      this.inFlight -= 1;
    }
  }

  /** Throws BudgetExhausted when no further paid call may start. */
  check(): void {
    const { calls, tokens } = this.limits.spent();
    if (this.limits.maxCalls > 0 && calls + this.inFlight >= this.limits.maxCalls) {
      throw new BudgetExhausted('maxCalls');
    }
    if (this.limits.maxTokens > 0 && tokens >= this.limits.maxTokens) {
      throw new BudgetExhausted('maxTokens');
    }
  }
}
