/**
 * How a model takes its sampling parameters. `reasoning`: OpenAI's o-series and GPT-5 family (also
 * as Azure deployments or behind routers): `max_completion_tokens` instead of `max_tokens`, no
 * temperature but the default 1, and `reasoning_effort`. `standard`: everything else.
 */
export type ModelFamily = 'reasoning' | 'standard';

export const MODEL_FAMILIES: readonly ModelFamily[] = ['reasoning', 'standard'];

/** What `reasoning_effort` may be set to (`none` and `minimal` only on the models that have them). */
export const REASONING_EFFORTS = ['none', 'minimal', 'low', 'medium', 'high'] as const;
export type ReasoningEffort = (typeof REASONING_EFFORTS)[number];

/** Model names (the last path segment, so `openai/o4-mini` counts) of the reasoning family. */
const REASONING_NAMES: readonly RegExp[] = [/^o\d+(?:$|-)/i, /^gpt-5(?!.*-chat)/i];

/** `*` matches any run of characters; everything else is literal. Case-insensitive. */
function globToRegExp(pattern: string): RegExp {
  const escaped = pattern.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${escaped.join('.*')}$`, 'i');
}

/**
 * The family of `model`: the first override whose pattern matches the whole name (`*` is a
 * wildcard; `my-o4-deployment`, `gpt-5-chat*`), else the built-in name patterns.
 */
export function familyOf(model: string, overrides: Readonly<Record<string, ModelFamily>> = {}): ModelFamily {
  for (const [pattern, family] of Object.entries(overrides)) {
    if (globToRegExp(pattern).test(model)) {
      return family;
    }
  }
  const name = model.slice(model.lastIndexOf('/') + 1);
  return REASONING_NAMES.some((re) => re.test(name)) ? 'reasoning' : 'standard';
}

/** `pattern=family` pairs (the CLI's `--model-family`) as an overrides table; throws a message on a bad pair. */
export function parseFamilyOverrides(pairs: readonly string[]): Record<string, ModelFamily> {
  const out: Record<string, ModelFamily> = {};
  for (const pair of pairs) {
    const at = pair.lastIndexOf('=');
    const family = pair.slice(at + 1).trim() as ModelFamily;
    const pattern = pair.slice(0, Math.max(0, at)).trim();
    if (at <= 0 || pattern === '' || !MODEL_FAMILIES.includes(family)) {
      throw new Error(`Expected PATTERN=reasoning or PATTERN=standard, got \`${pair}\``);
    }
    out[pattern] = family;
  }
  return out;
}
