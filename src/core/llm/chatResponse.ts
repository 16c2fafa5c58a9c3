import type { ChatResponse } from './types';
import { MalformedResponseError } from './retryPolicy';

interface RawCompletion {
  choices?: unknown;
  model?: unknown;
  usage?: { prompt_tokens?: unknown; completion_tokens?: unknown } | null;
}

/**
 * Reads a chat completion body into a `ChatResponse`: the first choice's text ('' when the model
 * sent none), usage (0 when absent) and the answering model. Throws `MalformedResponseError`
 * for a body that is not a completion, which the client retries.
 */
export function toChatResponse(raw: unknown, requestedModel: string, latencyMs: number): ChatResponse {
  if (typeof raw !== 'object' || raw === null) {
    throw new MalformedResponseError(`body is ${typeof raw === 'string' ? 'not JSON' : String(raw)}`);
  }
  const body = raw as RawCompletion;
  return {
    text: firstChoiceText(body),
    usage: {
      promptTokens: toCount(body.usage?.prompt_tokens),
      completionTokens: toCount(body.usage?.completion_tokens),
    },
    model: typeof body.model === 'string' && body.model !== '' ? body.model : requestedModel,
    latencyMs,
  };
}

function firstChoiceText(body: RawCompletion): string {
  const first: unknown = Array.isArray(body.choices) ? body.choices[0] : undefined;
  if (typeof first !== 'object' || first === null) {
    throw new MalformedResponseError('no choices');
  }
  const content = (first as { message?: { content?: unknown } }).message?.content;
  return typeof content === 'string' ? content : '';
}

function toCount(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : 0;
}
