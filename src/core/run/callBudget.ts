import { estimatePromptTokens } from '../llm/tokenEstimate';
import type { ChatRequest, ChatResponse, LlmClient } from '../llm/types';
import { costUsd, type ModelPrice } from '../pricing';

const BUDGET_NAMES = { maxCalls: 'call', maxTokens: 'token', maxCost: 'cost' } as const;

/** Thrown instead of sending a call the run's budget does not allow. Never leaves core. */
export class BudgetExhausted extends Error {
  constructor(readonly reason: keyof typeof BUDGET_NAMES) {
    super(`The run's ${BUDGET_NAMES[reason]} budget is spent.`);
    this.name = 'BudgetExhausted';
  }
}

/** The most a request can cost: its prompt, and every token it may answer (`max_tokens` × `n`). */
export function mostCostUsd(request: ChatRequest, price: ModelPrice): number {
  return costUsd({ promptTokens: estimatePromptTokens(request), completionTokens: request.maxTokens * (request.n ?? 1) }, price);
}

export interface BudgetLimits {
  /** 0 = unlimited. */
  maxCalls: number;
  /** 0 = unlimited. */
  maxTokens: number;
  /** USD; 0 = unlimited. */
  maxCost?: number;
  /** Paid calls, tokens and USD so far (cached answers are free); `cost` undefined when unknown. */
  spent: () => { calls: number; tokens: number; cost?: number | undefined };
}

/**
 * Refuses a paid call once the budget would be exceeded, counting calls in flight, so a run never
 * pays more than `maxCalls`. Sits under the cache: cached answers pass without touching the budget.
 */
export class CallBudget {
  private inFlight = 0;
  /** The most the calls in flight can still cost, in USD. */
  private inFlightCost = 0;

  constructor(private readonly limits: BudgetLimits) {}

  /** `price`: the model's, so a cost budget can count this client's calls in flight at their most. */
  wrap(client: LlmClient, price?: ModelPrice): LlmClient {
    return {
      id: client.id,
      model: client.model,
      complete: (request: ChatRequest, signal?: AbortSignal) => this.run(client, { request, price }, signal),
    };
  }

  private async run(client: LlmClient, call: { request: ChatRequest; price: ModelPrice | undefined }, signal?: AbortSignal): Promise<ChatResponse> {
    const most = call.price === undefined ? 0 : mostCostUsd(call.request, call.price);
    this.check(most);
    this.inFlight += 1;
    this.inFlightCost += most;
    try {
      return await client.complete(call.request, signal);
    } finally {
      this.inFlight -= 1;
      this.inFlightCost -= most;
    }
  }

  /** Throws BudgetExhausted when no further paid call (that may cost up to `nextCost` USD) may start. */
  check(nextCost = 0): void {
    const { calls, tokens, cost } = this.limits.spent();
    if (this.limits.maxCalls > 0 && calls + this.inFlight >= this.limits.maxCalls) {
      throw new BudgetExhausted('maxCalls');
    }
    if (this.limits.maxTokens > 0 && tokens >= this.limits.maxTokens) {
      throw new BudgetExhausted('maxTokens');
    }
    const maxCost = this.limits.maxCost ?? 0;
    if (maxCost > 0 && (cost ?? 0) + this.inFlightCost + nextCost > maxCost) {
      throw new BudgetExhausted('maxCost');
    }
  }
}
