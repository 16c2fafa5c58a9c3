import type { ModelFamily, ReasoningEffort } from './modelFamily';
import type { ProviderQuirks } from './providerProfiles';
import type { AdjustableParameter, ChatRequest, ParameterFixes } from './types';

/** What the body of one chat-completions request is built from. */
export interface BodyInput {
  model: string;
  request: ChatRequest;
  family: ModelFamily;
  reasoningEffort: ReasoningEffort | undefined;
  quirks: ProviderQuirks;
  /** Learned from this endpoint and model's refusals; applied last. */
  fixes: ParameterFixes;
}

/** A request body and what it says about the request it came from. */
export interface RequestBody {
  body: Record<string, unknown> & { model: string; messages: ChatRequest['messages'] };
  /** The adjustable parameters the body carries (what a refusal may name). */
  sent: Set<AdjustableParameter>;
  /** Samples the body asks for (1 when it does not send `n`). */
  n: number;
  /** The request's temperature, when the body cannot carry it (the model takes only its default). */
  droppedTemperature?: number;
}

/** The temperature reasoning models take (the only one): their default. */
const REASONING_TEMPERATURE = 1;

/**
 * The chat-completions body for `request`: the token limit under the name the family takes, the
 * temperature unless the family takes none, `seed`, `n`, `reasoning_effort`, adjusted for the
 * provider's known quirks and then for what this model refused before.
 */
export function buildRequestBody(input: BodyInput): RequestBody {
  const { request } = input;
  const params: Params = { ...lengthAndTemperature(input), ...seedAndSamples(input) };
  if (input.reasoningEffort !== undefined && input.quirks.ignoresReasoningEffort !== true) {
    params.reasoning_effort = input.reasoningEffort;
  }
  applyFixes(params, input.fixes);
  const sent = new Set(Object.keys(params) as AdjustableParameter[]);
  const n = typeof params.n === 'number' ? params.n : 1;
  const droppedTemperature = !sent.has('temperature') && request.temperature !== REASONING_TEMPERATURE ? request.temperature : undefined;
  return {
    body: { model: input.model, messages: request.messages, ...params },
    sent,
    n,
    ...(droppedTemperature === undefined ? {} : { droppedTemperature }),
  };
}

type Params = Partial<Record<AdjustableParameter, unknown>>;

function lengthAndTemperature({ request, family, quirks }: BodyInput): Params {
  if (family === 'reasoning') {
    return { max_completion_tokens: request.maxTokens };
  }
  const cap = quirks.maxTemperature ?? Number.POSITIVE_INFINITY;
  return { max_tokens: request.maxTokens, temperature: Math.min(request.temperature, cap) };
}

function seedAndSamples({ request, quirks }: BodyInput): Params {
  const params: Params = {};
  if (request.seed !== undefined && quirks.ignoresSeed !== true) {
    params[(quirks.seedParameter ?? 'seed') as AdjustableParameter] = request.seed;
  }
  const wanted = Math.min(request.n ?? 1, quirks.maxN ?? Number.POSITIVE_INFINITY);
  if (wanted > 1) {
    params.n = wanted;
  }
  return params;
}

function applyFixes(params: Params, fixes: ParameterFixes): void {
  for (const [name, replacement] of Object.entries(fixes) as [AdjustableParameter, AdjustableParameter | null][]) {
    if (!(name in params)) {
      continue;
    }
    const value = params[name];
    delete params[name];
    if (replacement !== null && !(replacement in params)) {
      params[replacement] = value;
    }
  }
}
