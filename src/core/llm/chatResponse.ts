import type { ChatResponse, TokenUsage } from './types';
import { MalformedResponseError, NotChatCompletionError } from './retryPolicy';

interface RawUsage {
  prompt_tokens?: unknown;
  completion_tokens?: unknown;
  prompt_tokens_details?: { cached_tokens?: unknown } | null;
  completion_tokens_details?: { reasoning_tokens?: unknown } | null;
}

interface RawCompletion {
  choices?: unknown;
  model?: unknown;
  usage?: RawUsage | null;
  error?: unknown;
}

interface RawChoice {
  message?: { content?: unknown } | null;
  finish_reason?: unknown;
}

/**
 * A 200 whose error says the path does not exist: LM Studio answers every route it lacks so
 * (`{"error":"Unexpected endpoint or method. (POST /chat/completions)"}`), e.g. a base URL without `/v1`.
 */
const ROUTE_ERROR = /unexpected endpoint|unknown (?:route|endpoint|path)|no route|not found/i;

/** How much of a body is quoted in a "not a chat completion" message. */
const QUOTED_CHARS = 80;

/**
 * Reads a 2xx body (its text) into a `ChatResponse`: the choices' texts ('' when a choice has no
 * content), the first choice's finish reason, usage with cached and reasoning tokens (0 when
 * absent) and the answering model.
 * - Throws `NotChatCompletionError` for a body that is not one at all (an HTML page, JSON without
 *   `choices`, an error saying the route does not exist): retrying cannot help, the base URL is wrong.
 * - Throws `MalformedResponseError` for a body that broke on the way (cut-off JSON, empty
 *   `choices`) or an error object sent with status 200: retried like a 5xx.
 */
export function toChatResponse(bodyText: string, requestedModel: string, latencyMs: number): ChatResponse {
  const body = parseBody(bodyText);
  if (typeof body.error === 'string' && ROUTE_ERROR.test(body.error)) {
    throw new NotChatCompletionError(`an error instead of a completion: ${quote(body.error)}`);
  }
  if (body.error !== undefined && body.error !== null) {
    throw new MalformedResponseError(`an error object with status 200: ${quote(JSON.stringify(body.error))}`);
  }
  if (!Array.isArray(body.choices)) {
    throw new NotChatCompletionError(`JSON without \`choices\`: ${quote(bodyText)}`);
  }
  const choices = body.choices.filter((c): c is RawChoice => typeof c === 'object' && c !== null);
  const first = choices[0];
  if (first === undefined) {
    throw new MalformedResponseError('no choices');
  }
  const texts = choices.map((choice) => (typeof choice.message?.content === 'string' ? choice.message.content : ''));
  const reasons = choices.map((choice) => (typeof choice.finish_reason === 'string' ? choice.finish_reason : ''));
  return {
    text: texts[0] ?? '',
    ...(texts.length > 1 ? { choices: texts, finishReasons: reasons } : {}),
    ...(typeof first.finish_reason === 'string' ? { finishReason: first.finish_reason } : {}),
    usage: usageOf(body.usage),
    model: typeof body.model === 'string' && body.model !== '' ? body.model : requestedModel,
    latencyMs,
  };
}

function parseBody(text: string): RawCompletion {
  const trimmed = text.trimStart();
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    // A body that starts like JSON and breaks off was cut on the way; anything else is not JSON at all.
    if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
      throw new MalformedResponseError('the JSON body is cut off');
    }
    throw new NotChatCompletionError(trimmed === '' ? 'an empty body' : `a body that is not JSON: ${quote(trimmed)}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new NotChatCompletionError(`JSON that is not an object: ${quote(trimmed)}`);
  }
  return parsed as RawCompletion;
}

function usageOf(raw: RawUsage | null | undefined): TokenUsage {
  const cached = toCount(raw?.prompt_tokens_details?.cached_tokens);
  const reasoning = toCount(raw?.completion_tokens_details?.reasoning_tokens);
  return {
    promptTokens: toCount(raw?.prompt_tokens),
    completionTokens: toCount(raw?.completion_tokens),
    ...(cached > 0 ? { cachedPromptTokens: cached } : {}),
    ...(reasoning > 0 ? { reasoningTokens: reasoning } : {}),
  };
}

function quote(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return `"${flat.length > QUOTED_CHARS ? `${flat.slice(0, QUOTED_CHARS)}…` : flat}"`;
}

function toCount(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : 0;
}

/**
 * True when a reply was cut at the token limit (`finish_reason: "length"`), or came back empty
 * because a reasoning model spent every token thinking: there is no whole answer in it.
 */
export function isCutOff(response: ChatResponse): boolean {
  return response.finishReason === 'length' || (response.text.trim() === '' && (response.usage.reasoningTokens ?? 0) > 0);
}
