/**
 * How the suite's fake server behaves like a given provider: the requests each refuses, with the
 * bodies the provider sends, and the answers it shapes (samples, reasoning tokens, truncation).
 * Sources: OpenAI's API errors for reasoning models (the bodies users report verbatim), Groq's and
 * Anthropic's OpenAI-compatibility pages, Mistral's 422 for OpenAI's `seed`.
 */
export type FakeProvider = 'openai' | 'anthropic' | 'groq' | 'mistral' | 'ollama';

/** An error the server answers instead of a completion. */
export interface Refusal {
  status: number;
  body: unknown;
}

/** What a request body may hold that a provider refuses. */
export interface RequestParams {
  max_tokens?: unknown;
  max_completion_tokens?: unknown;
  temperature?: unknown;
  seed?: unknown;
  n?: unknown;
  reasoning_effort?: unknown;
}

/** Reasoning tokens an OpenAI reasoning model spends per request, by `reasoning_effort` (`default`: none sent). */
export const REASONING_TOKENS: Record<string, number> = { none: 0, minimal: 16, low: 64, medium: 256, high: 1024, default: 256 };

function openAiError(message: string, param: string, code: string): Refusal {
  return { status: 400, body: { error: { message, type: 'invalid_request_error', param, code } } };
}

/** OpenAI's o-series / GPT-5 refusals, one parameter at a time as the API reports them. */
function reasoningRefusal(body: RequestParams): Refusal | undefined {
  if (body.max_tokens !== undefined) {
    return openAiError("Unsupported parameter: 'max_tokens' is not supported with this model. Use 'max_completion_tokens' instead.", 'max_tokens', 'unsupported_parameter');
  }
  if (body.temperature !== undefined && body.temperature !== 1) {
    return openAiError(
      `Unsupported value: 'temperature' does not support ${String(body.temperature)} with this model. Only the default (1) value is supported.`,
      'temperature',
      'unsupported_value',
    );
  }
  return undefined;
}

/** The refusal `provider` answers `body` with, if any (for a reasoning model when `isReasoning`). */
export function refusalFor(provider: FakeProvider, body: RequestParams, isReasoning: boolean): Refusal | undefined {
  if (isReasoning) {
    const refused = reasoningRefusal(body);
    if (refused !== undefined) {
      return refused;
    }
  }
  const n = body.n ?? 1;
  switch (provider) {
    case 'groq':
      // "If N is supplied, it must be equal to 1" (console.groq.com/docs/openai): a 400.
      return n === 1 ? undefined : { status: 400, body: { error: { message: "'n' : number must be at most 1", type: 'invalid_request_error' } } };
    case 'anthropic':
      // "n: Must be exactly 1" (docs.anthropic.com/en/api/openai-sdk), in Anthropic's error envelope.
      return n === 1 ? undefined : { status: 400, body: { type: 'error', error: { type: 'invalid_request_error', message: 'n: Must be exactly 1' } } };
    case 'mistral':
      return body.seed === undefined
        ? undefined
        : {
            status: 422,
            body: {
              object: 'error',
              message: { detail: [{ type: 'extra_forbidden', loc: ['body', 'seed'], msg: 'Extra inputs are not permitted', input: body.seed }] },
              type: 'invalid_request_error',
              param: null,
              code: null,
            },
          };
    default:
      return undefined;
  }
}

/** How many choices `provider` answers a request for `n` with (Ollama ignores `n`). */
export function choicesFor(provider: FakeProvider, n: unknown): number {
  const wanted = typeof n === 'number' && Number.isInteger(n) && n > 0 ? n : 1;
  return provider === 'ollama' ? 1 : wanted;
}

/** One choice as the model would return it under its token limit. */
export interface ShapedChoice {
  content: string;
  finishReason: 'stop' | 'length';
  completionTokens: number;
  reasoningTokens: number;
}

/**
 * Applies the token limit to an answer: a reasoning model spends `reasoning` tokens first (all
 * of them count as completion tokens), and whatever passes the limit is cut, with
 * `finish_reason: "length"`; a model that spent its whole limit reasoning returns no content.
 */
export function shapeChoice(answer: string, input: { limit: number | undefined; reasoning: number; countTokens: (text: string) => number }): ShapedChoice {
  const limit = input.limit ?? Number.POSITIVE_INFINITY;
  const reasoning = Math.min(input.reasoning, limit);
  const room = limit - reasoning;
  const tokens = input.countTokens(answer);
  if (tokens <= room) {
    return { content: answer, finishReason: 'stop', completionTokens: reasoning + tokens, reasoningTokens: reasoning };
  }
  const content = room <= 0 ? '' : answer.slice(0, room * 4);
  return { content, finishReason: 'length', completionTokens: limit, reasoningTokens: reasoning };
}
