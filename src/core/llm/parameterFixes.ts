import { APIError } from 'openai';
import { errorBodyOf } from './nodeFetch';
import { ADJUSTABLE_PARAMETERS, type AdjustableParameter, type ParameterFix } from './types';

/** The two names of the answer-length limit; a model refusing one takes the other. */
const TOKEN_LIMIT_SWAP: Partial<Record<AdjustableParameter, AdjustableParameter>> = {
  max_tokens: 'max_completion_tokens',
  max_completion_tokens: 'max_tokens',
};

/** What providers say when a parameter or its value is refused (OpenAI, Azure, vLLM, Mistral, Groq, Anthropic…). */
const REFUSAL =
  /unsupported|not supported|not permitted|extra inputs|extra_forbidden|unrecognized|unknown (?:field|parameter|argument|name)|not allowed|must be (?:exactly |equal to |at most )?1\b|only .{0,40}(?:supported|allowed)|invalid (?:value|parameter)/i;

function isAdjustable(name: unknown): name is AdjustableParameter {
  return typeof name === 'string' && (ADJUSTABLE_PARAMETERS as readonly string[]).includes(name);
}

/** The error's text: the body the server sent when the transport kept it, else the SDK's message. */
function errorText(err: APIError): string {
  const parts = [errorBodyOf(err.headers), err.message];
  return parts.filter((part): part is string => typeof part === 'string').join('\n');
}

/** The sent parameter the refusal names: the body's `param`, else a quoted name in its text (`'n'`, `["body","seed"]`). */
function namedParameter(err: APIError, text: string, sent: ReadonlySet<string>): AdjustableParameter | undefined {
  if (isAdjustable(err.param) && sent.has(err.param)) {
    return err.param;
  }
  // Quoted (`'n'`, `["body","seed"]`) or leading a "name: problem" message (Anthropic's `n: Must be exactly 1`).
  return ADJUSTABLE_PARAMETERS.find((name) => sent.has(name) && new RegExp(`["'\`]${name}["'\`]|(?:^|[\\s"])${name}:\\s`).test(text));
}

/** The replacement a refusal suggests ("Use 'max_completion_tokens' instead"), when it is one the client knows. */
function suggested(text: string, parameter: AdjustableParameter): AdjustableParameter | undefined {
  const match = /use ["'`]([a-z_]+)["'`] instead/i.exec(text);
  const name = match?.[1];
  return isAdjustable(name) && name !== parameter ? name : TOKEN_LIMIT_SWAP[parameter];
}

/**
 * Reads a 400/422 as "this model does not take parameter X (or this value of it)" when it says
 * so, and returns the fix: the other name of the token limit, or leaving the parameter out.
 * `undefined` for any other error (a bad prompt, a wrong model) and for parameters not in `sent`.
 */
export function fixForRefusal(err: unknown, sent: ReadonlySet<string>): ParameterFix | undefined {
  if (!(err instanceof APIError) || (err.status !== 400 && err.status !== 422)) {
    return undefined;
  }
  const text = errorText(err);
  const isRefusal = err.code === 'unsupported_parameter' || err.code === 'unsupported_value' || REFUSAL.test(text);
  const parameter = isRefusal ? namedParameter(err, text, sent) : undefined;
  if (parameter === undefined) {
    return undefined;
  }
  const swap = parameter in TOKEN_LIMIT_SWAP ? suggested(text, parameter) : undefined;
  // A token limit is renamed, never dropped (that would let answers run to the model's maximum).
  return { parameter, replacement: swap !== undefined && !sent.has(swap) ? swap : null };
}
