import { cancelledError, isCancellation } from '../errors';
import { whenAborted } from '../signals';
import type { ChatRequest, ChatResponse, LlmClient } from '../llm/types';
import { cacheKey, type ResponseCache } from './responseCache';

/** The cache key `withCache` uses for a request to `client`. */
export function requestCacheKey(client: LlmClient, request: ChatRequest): string {
  return cacheKey({
    clientId: client.id,
    model: client.model,
    messages: request.messages,
    temperature: request.temperature,
    maxTokens: request.maxTokens,
    seed: request.seed,
    drawIndex: request.drawIndex,
    n: request.n,
  });
}

function asFree(response: ChatResponse): ChatResponse {
  return { ...response, usage: { ...response.usage }, cached: true, latencyMs: 0 };
}

/** Settles like `promise`, but rejects with a `cancelled` OproError as soon as `signal` aborts. */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (signal === undefined) {
    return promise;
  }
  if (signal.aborted) {
    return Promise.reject(cancelledError());
  }
  return new Promise<T>((resolve, reject) => {
    const unsubscribe = whenAborted(signal, () => reject(cancelledError()));
    promise.then(resolve, reject).finally(unsubscribe);
  });
}

/**
 * Wraps `client` so a request already answered is served from `cache` (marked `cached: true`,
 * `latencyMs` 0, usage kept so callers can tell paid from free), and identical requests made
 * while the first is in flight share its one call.
 */
export function withCache(client: LlmClient, cache: ResponseCache): LlmClient {
  const inFlight = new Map<string, Promise<ChatResponse>>();

  const callAndStore = (key: string, request: ChatRequest, signal: AbortSignal | undefined): Promise<ChatResponse> => {
    const call = client.complete(request, signal).then(async (response) => {
      await cache.put(key, response);
      return response;
    });
    const shared = call.finally(() => inFlight.delete(key));
    inFlight.set(key, shared);
    return shared;
  };

  const complete = async (request: ChatRequest, signal?: AbortSignal): Promise<ChatResponse> => {
    const key = requestCacheKey(client, request);
    for (;;) {
      const hit = await cache.get(key);
      if (hit !== undefined) {
        return asFree(hit);
      }
      const pending = inFlight.get(key);
      if (pending === undefined) {
        return callAndStore(key, request, signal);
      }
      try {
        return asFree(await untilAborted(pending, signal));
      } catch (err) {
        // The first caller was cancelled but this one was not: make the call ourselves.
        if (signal?.aborted === true || !isCancellation(err)) {
          throw err;
        }
      }
    }
  };

  return { id: client.id, model: client.model, complete };
}
