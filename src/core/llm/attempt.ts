import type { ChatCompletionCreateParamsNonStreaming } from 'openai/resources/chat/completions';
import { linkedSignal } from '../signals';
import { note, type CallContext } from './callContext';
import { isSameModel } from './modelNames';
import { fixForRefusal } from './parameterFixes';
import { toChatResponse } from './chatResponse';
import { buildRequestBody, type RequestBody } from './requestBody';
import type { LimiterTicket } from './requestQueue';
import { serverWaitMs } from './rateLimitHeaders';
import { estimateRequestTokens } from './tokenEstimate';
import { backoffDelay, classifyFailure, responseHeaders, type FailureClass } from './retryPolicy';
import type { ChatRequest, ChatResponse } from './types';

/** How one attempt went, with the body it sent. */
export type AttemptResult = { plan: RequestBody } & (
  | { ok: true; response: ChatResponse; durationMs: number }
  | {
      ok: false;
      err: unknown;
      failure: FailureClass;
      durationMs: number;
      waitMs: number;
      /** The endpoint refused a parameter and the fix is learned: the next attempt sends something else. */
      isFixed: boolean;
      /** `waitMs` is what the server asked for (retry-after, a reset time), not a guessed backoff. */
      isServerWait: boolean;
    }
);

export interface AttemptInput {
  request: ChatRequest;
  signal: AbortSignal | undefined;
  attempt: number;
}

/** The body for an attempt at `request`, from what this model is known to take at the moment it is sent. */
function planAttempt(ctx: CallContext, request: ChatRequest): RequestBody {
  const plan = buildRequestBody({
    model: ctx.config.model,
    request,
    family: ctx.family,
    reasoningEffort: ctx.config.reasoningEffort,
    quirks: ctx.quirks,
    fixes: ctx.parameters.fixesFor(ctx.clientId),
  });
  if (plan.droppedTemperature !== undefined) {
    note(
      ctx,
      'temperature',
      `\`${ctx.config.model}\` at ${ctx.baseUrl} takes no temperature but its default, so it cannot answer at temperature ${plan.droppedTemperature}: its answers are sampled and may differ between runs (the cache keeps replays identical).`,
    );
  }
  return plan;
}

/** Runs one attempt through the endpoint's queue; retries go first so started work finishes before new work. */
export function runAttempt(ctx: CallContext, input: AttemptInput): Promise<AttemptResult> {
  const tokens = estimateRequestTokens(input.request);
  return ctx.limiter.run((ticket) => attemptOnce(ctx, input, ticket), { signal: input.signal, priority: input.attempt > 1 ? 1 : 0, tokens });
}

async function attemptOnce(ctx: CallContext, input: AttemptInput, ticket: LimiterTicket): Promise<AttemptResult> {
  // Planned when the queue lets it go, not when it was queued: a refusal learned meanwhile applies.
  const plan = planAttempt(ctx, input.request);
  const started = performance.now();
  // The SDK adds an abort listener to the signal it is given and never removes it: give it one
  // that lives only as long as this attempt.
  const link = linkedSignal(input.signal);
  try {
    const raw = await ctx.sdk.chat.completions
      .create(plan.body as unknown as ChatCompletionCreateParamsNonStreaming, { signal: link.signal, timeout: ctx.timeoutMs, maxRetries: 0 })
      .asResponse();
    ctx.limiter.recordHeaders(ticket, raw.headers);
    const text = await raw.text();
    const durationMs = Math.round(performance.now() - started);
    const response = toChatResponse(text, ctx.config.model, durationMs);
    // Learned before the slot is released, so the very next request already knows.
    learnFromAnswer(ctx, plan, response);
    ctx.limiter.recordSuccess(ticket);
    return { plan, ok: true, response, durationMs };
  } catch (err) {
    const failure = classifyFailure(err);
    const headers = responseHeaders(err);
    ctx.limiter.recordHeaders(ticket, headers);
    const serverWait = serverWaitMs(headers, ctx.clock.now(), estimateRequestTokens(input.request));
    const waitMs = serverWait ?? backoffDelay(input.attempt - 1, { baseMs: ctx.backoffBaseMs });
    if (failure === 'rateLimit') {
      // Recorded before the slot is released, so the pause holds back the very next dispatch.
      // A wait past the call's patience ends the call instead; the others need not sit it out.
      ctx.limiter.recordRateLimit(ticket, Math.min(waitMs, ctx.rateLimitPatienceMs));
    }
    const isFixed = failure === 'request' && learnFix(ctx, plan, err);
    return { plan, ok: false, err, failure, waitMs, isServerWait: serverWait !== undefined, isFixed, durationMs: Math.round(performance.now() - started) };
  } finally {
    link.release();
  }
}

/** Learns the fix a refusal asks for; true when the next attempt will send something else. */
function learnFix(ctx: CallContext, plan: RequestBody, err: unknown): boolean {
  const fix = fixForRefusal(err, plan.sent);
  if (fix === undefined) {
    return false;
  }
  if (ctx.parameters.learn(ctx.clientId, fix)) {
    const change = fix.replacement === null ? 'it is left out' : `\`${fix.replacement}\` is sent instead`;
    note(ctx, 'parameter', `\`${ctx.config.model}\` at ${ctx.baseUrl} refused \`${fix.parameter}\`; from now on ${change} (remembered next to the cache).`);
  }
  return true;
}

/** What an answer tells about the endpoint: that it ignores `n`, or that another model answered. */
function learnFromAnswer(ctx: CallContext, plan: RequestBody, response: ChatResponse): void {
  const got = response.choices?.length ?? 1;
  if (plan.n > 1 && got < plan.n && ctx.parameters.learn(ctx.clientId, { parameter: 'n', replacement: null })) {
    note(ctx, 'samples', `\`${ctx.config.model}\` at ${ctx.baseUrl} answered ${got} of the ${plan.n} samples asked for in one request (it ignores \`n\`); the rest are asked for one by one.`);
  }
  if (!isSameModel(ctx.config.model, response.model)) {
    note(ctx, 'otherModel', `${ctx.baseUrl} answered requests for \`${ctx.config.model}\` with model \`${response.model}\`.`);
  }
}
