import type { ChatRequest, ChatResponse, LlmClient, ModelConfig } from '../../src/core/llm/types';
import { countTokens } from './fakeLlmServer';
import { answerScorer, isOptimizerRequest } from './syntheticTask';

/** An in-memory model: scripted optimizer replies, the synthetic task's scorer for everything else. */
export interface ScriptedModels {
  /** Pass as `EngineDeps.createClient`. */
  createClient: (model: ModelConfig) => LlmClient;
  /** Optimizer calls answered so far. */
  readonly optimizerCalls: number;
}

/**
 * Answers the n-th optimizer call (a request whose last user message starts with
 * "Your task is to generate") with `replies[n % replies.length]`, and every scorer call as the
 * fake server's synthetic scorer does, so scores stay exact.
 */
export function scriptedModels(replies: readonly string[]): ScriptedModels {
  let optimizerCalls = 0;
  const answer = (request: ChatRequest): string => {
    if (!isOptimizerRequest(request.messages)) {
      return answerScorer(request.messages);
    }
    const reply = replies[optimizerCalls % replies.length] ?? '';
    optimizerCalls += 1;
    return reply;
  };
  const createClient = (model: ModelConfig): LlmClient => ({
    id: `scripted|${model.model}`,
    model: model.model,
    complete: (request: ChatRequest): Promise<ChatResponse> => {
      const text = answer(request);
      const prompt = request.messages.map((m) => m.content).join('');
      return Promise.resolve({ text, model: model.model, usage: { promptTokens: countTokens(prompt), completionTokens: countTokens(text) }, latencyMs: 0 });
    },
  });
  return {
    createClient,
    get optimizerCalls() {
      return optimizerCalls;
    },
  };
}
