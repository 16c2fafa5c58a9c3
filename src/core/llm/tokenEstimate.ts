import type { ChatRequest } from './types';

/** Tokens a chat format adds per message (role and separators), as OpenAI's counting does. */
const TOKENS_PER_MESSAGE = 3;

/** Rough token count of a text (≈ 4 characters per token for English with BPE tokenizers). */
export function estimateTokens(text: string): number {
  return Math.ceil([...text].length / 4);
}

/** The prompt tokens of a request, before it is sent. */
export function estimatePromptTokens(request: Pick<ChatRequest, 'messages'>): number {
  return request.messages.reduce((sum, m) => sum + estimateTokens(m.content) + TOKENS_PER_MESSAGE, 0);
}

/**
 * What a request counts toward a tokens-per-minute limit when it is sent: its prompt and the
 * completion it may use (`max_tokens` × `n`), as OpenAI reserves them.
 */
export function estimateRequestTokens(request: ChatRequest): number {
  return estimatePromptTokens(request) + request.maxTokens * (request.n ?? 1);
}
