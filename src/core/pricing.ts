// What model calls cost: the one price table and rule the engine, the CLI, the extension and the
// panel use. Dependency-free on purpose (no imports at all), so the webview bundle can include it.

/** USD per million tokens. `cachedInput` is what prompt tokens served from the provider's cache cost. */
export interface ModelPrice {
  input: number;
  /** @default input (no cache discount) */
  cachedInput?: number;
  output: number;
}

/** Prices by model name (a name also prices its dated and suffixed variants, `gpt-4o-mini-2024-07-18`). */
export type PriceTable = Record<string, ModelPrice>;

/** The day `LIST_PRICES` was read from the providers' price pages. */
export const PRICES_AS_OF = '2025-11-25';

/**
 * Public list prices of common models on their providers' own APIs, as of `PRICES_AS_OF`. Prices
 * change: check the provider's page, and set `opro.prices` / `prices` in opro.config.json to override.
 */
export const LIST_PRICES: PriceTable = {
  // OpenAI (platform.openai.com/docs/pricing)
  'gpt-5': { input: 1.25, cachedInput: 0.125, output: 10 },
  'gpt-5-mini': { input: 0.25, cachedInput: 0.025, output: 2 },
  'gpt-5-pro': { input: 15, output: 120 },
  'gpt-5-nano': { input: 0.05, cachedInput: 0.005, output: 0.4 },
  'gpt-4.1': { input: 2, cachedInput: 0.5, output: 8 },
  'gpt-4.1-mini': { input: 0.4, cachedInput: 0.1, output: 1.6 },
  'gpt-4.1-nano': { input: 0.1, cachedInput: 0.025, output: 0.4 },
  'gpt-4o': { input: 2.5, cachedInput: 1.25, output: 10 },
  'gpt-4o-mini': { input: 0.15, cachedInput: 0.075, output: 0.6 },
  o1: { input: 15, cachedInput: 7.5, output: 60 },
  'o1-mini': { input: 1.1, cachedInput: 0.55, output: 4.4 },
  'o1-pro': { input: 150, output: 600 },
  o3: { input: 2, cachedInput: 0.5, output: 8 },
  'o3-pro': { input: 20, output: 80 },
  'o3-mini': { input: 1.1, cachedInput: 0.55, output: 4.4 },
  'o4-mini': { input: 1.1, cachedInput: 0.275, output: 4.4 },
  'gpt-3.5-turbo': { input: 0.5, output: 1.5 },
  // Anthropic (cached input: cache reads)
  'claude-opus-4': { input: 15, cachedInput: 1.5, output: 75 },
  'claude-opus-4-1': { input: 15, cachedInput: 1.5, output: 75 },
  'claude-opus-4-5': { input: 5, cachedInput: 0.5, output: 25 },
  'claude-sonnet-4-5': { input: 3, cachedInput: 0.3, output: 15 },
  'claude-sonnet-4': { input: 3, cachedInput: 0.3, output: 15 },
  'claude-3-7-sonnet': { input: 3, cachedInput: 0.3, output: 15 },
  'claude-3-5-haiku': { input: 0.8, cachedInput: 0.08, output: 4 },
  'claude-haiku-4-5': { input: 1, cachedInput: 0.1, output: 5 },
  // Google Gemini (prompts up to 200k tokens)
  'gemini-2.5-pro': { input: 1.25, cachedInput: 0.31, output: 10 },
  'gemini-2.5-flash': { input: 0.3, cachedInput: 0.075, output: 2.5 },
  'gemini-2.5-flash-lite': { input: 0.1, cachedInput: 0.025, output: 0.4 },
  'gemini-2.0-flash': { input: 0.1, cachedInput: 0.025, output: 0.4 },
  // Mistral
  'mistral-large': { input: 2, output: 6 },
  'mistral-medium': { input: 0.4, output: 2 },
  'mistral-small': { input: 0.1, output: 0.3 },
  // Groq
  'llama-3.3-70b-versatile': { input: 0.59, output: 0.79 },
  'llama-3.1-8b-instant': { input: 0.05, output: 0.08 },
};

/** What a local server's calls cost per token: nothing (the machine is paid for otherwise). */
export const FREE: ModelPrice = { input: 0, cachedInput: 0, output: 0 };

/**
 * A model name's variants that keep its price: a date (`-2024-07-18`, `-20250514`), `-latest`, a
 * preview or experimental build, a tag after `:` or `@` (Ollama, Vertex). A new version (`-4-5`,
 * `.2`) is another model: it is "not priced" rather than priced as its predecessor.
 */
const SAME_PRICE_SUFFIX = /^(-\d{4}-\d{2}-\d{2}|-\d{8}|-\d{2}-\d{2}|-latest|-preview\S*|-exp\S*|[:@]\S*)$/;

function lookUp(table: PriceTable, name: string): ModelPrice | undefined {
  const exact = table[name];
  if (exact !== undefined) {
    return exact;
  }
  const base = Object.keys(table)
    .filter((key) => name.startsWith(key) && SAME_PRICE_SUFFIX.test(name.slice(key.length)))
    .sort((a, b) => b.length - a.length)[0];
  return base === undefined ? undefined : table[base];
}

/**
 * The price of `model`: from `overrides` first, then `LIST_PRICES`; in each, the exact name, else the
 * name with a date or tag dropped (`gpt-4o-mini-2024-07-18` → `gpt-4o-mini`), with a vendor prefix
 * (`openai/gpt-4o-mini`) ignored. `undefined` when neither knows it.
 */
export function findPrice(model: string, overrides: PriceTable = {}): ModelPrice | undefined {
  const bare = model.slice(model.lastIndexOf('/') + 1);
  for (const table of [overrides, LIST_PRICES]) {
    const price = lookUp(table, model) ?? lookUp(table, bare);
    if (price !== undefined) {
      return price;
    }
  }
  return undefined;
}

/** Tokens of one call (or of many, summed), as the cost is computed from them. */
export interface BilledTokens {
  promptTokens: number;
  completionTokens: number;
  /** Of `promptTokens`, those served from the provider's prompt cache. */
  cachedPromptTokens?: number;
}

/** The cost in USD: uncached prompt tokens at the input price, cached ones at the cached-input price, completion (reasoning included) at the output price. */
export function costUsd(tokens: BilledTokens, price: ModelPrice): number {
  const cached = Math.min(tokens.cachedPromptTokens ?? 0, tokens.promptTokens);
  const fresh = tokens.promptTokens - cached;
  return (fresh * price.input + cached * (price.cachedInput ?? price.input) + tokens.completionTokens * price.output) / 1_000_000;
}

/** Dollars for people: cents are too coarse for a test run, so small amounts keep four decimals; a known cost never reads $0.0000. */
export function formatUsd(dollars: number): string {
  if (dollars > 0 && dollars < 0.00005) {
    return '< $0.0001';
  }
  return dollars >= 1 ? `$${dollars.toFixed(2)}` : `$${dollars.toFixed(4)}`;
}

const PRICE_FIELDS = ['input', 'cachedInput', 'output'] as const;

/**
 * What is wrong with a price table from settings or a config file, one sentence per problem (empty
 * when it is usable): an object of model name → `{ input, output, cachedInput? }`, numbers ≥ 0.
 */
export function priceTableProblems(value: unknown, name = 'prices'): string[] {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return [`Expected \`${name}\` to be an object of model name → { "input": USD, "output": USD } per million tokens, got \`${JSON.stringify(value)}\``];
  }
  return Object.entries(value as Record<string, unknown>).flatMap(([model, price]) => {
    if (typeof price !== 'object' || price === null) {
      return [`Expected \`${name}.${model}\` to be { "input": USD, "output": USD }, got \`${JSON.stringify(price)}\``];
    }
    const fields = price as Record<string, unknown>;
    return PRICE_FIELDS.flatMap((field) => {
      const v = fields[field];
      const isOptional = field === 'cachedInput' && v === undefined;
      return isOptional || (typeof v === 'number' && Number.isFinite(v) && v >= 0)
        ? []
        : [`Expected \`${name}.${model}.${field}\` to be a number ≥ 0 (USD per million tokens), got \`${JSON.stringify(v)}\``];
    });
  });
}
