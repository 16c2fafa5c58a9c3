/** What an OpenAI-compatible endpoint does differently, known before the first request. */
export interface ProviderQuirks {
  /** The most samples one request may ask for (`n`); 1 asks for each sample separately. @default no limit */
  maxN?: number;
  /** The endpoint ignores `seed`: it is not sent. @default false */
  ignoresSeed?: boolean;
  /** The name the endpoint gives the seed (Mistral: `random_seed`). @default 'seed' */
  seedParameter?: string;
  /** Temperatures above this are capped by the endpoint; sent capped. @default none */
  maxTemperature?: number;
  /** The endpoint ignores `reasoning_effort`: it is not sent. @default false */
  ignoresReasoningEffort?: boolean;
}

export interface ProviderProfile {
  /** The base URL of its OpenAI-compatible API, without a trailing slash. */
  baseUrl?: string;
  /** Host names that identify it when only a base URL is configured. */
  hosts?: readonly string[];
  quirks: ProviderQuirks;
  /** A local server: no key, no per-token price. */
  isLocal?: boolean;
}

/**
 * The OpenAI-compatible endpoints README documents, with what their docs say they do differently.
 * Anything not listed here is learned from the endpoint's own answers (see `parameterFixes.ts`).
 */
export const PROVIDER_PROFILES = {
  openai: { baseUrl: 'https://api.openai.com/v1', hosts: ['api.openai.com'], quirks: {} },
  azure: { hosts: [], quirks: {} },
  // docs.anthropic.com/en/api/openai-sdk: n must be exactly 1; temperature 0..1 (higher is capped); seed and reasoning_effort ignored.
  anthropic: { baseUrl: 'https://api.anthropic.com/v1', hosts: ['api.anthropic.com'], quirks: { maxN: 1, ignoresSeed: true, maxTemperature: 1, ignoresReasoningEffort: true } },
  gemini: { baseUrl: 'https://generativelanguage.googleapis.com/v1beta/openai', hosts: ['generativelanguage.googleapis.com'], quirks: {} },
  // console.groq.com/docs/openai: n other than 1 is a 400.
  groq: { baseUrl: 'https://api.groq.com/openai/v1', hosts: ['api.groq.com'], quirks: { maxN: 1 } },
  // Mistral's API takes random_seed; `seed` is a 422 "Extra inputs are not permitted".
  mistral: { baseUrl: 'https://api.mistral.ai/v1', hosts: ['api.mistral.ai'], quirks: { seedParameter: 'random_seed' } },
  openrouter: { baseUrl: 'https://openrouter.ai/api/v1', hosts: ['openrouter.ai'], quirks: {} },
  // Ollama's OpenAI compatibility answers one choice whatever `n` says.
  ollama: { baseUrl: 'http://localhost:11434/v1', hosts: [], quirks: { maxN: 1 }, isLocal: true },
  lmstudio: { baseUrl: 'http://localhost:1234/v1', hosts: [], quirks: {}, isLocal: true },
  vllm: { baseUrl: 'http://localhost:8000/v1', hosts: [], quirks: {}, isLocal: true },
  llamacpp: { baseUrl: 'http://localhost:8080/v1', hosts: [], quirks: {}, isLocal: true },
} as const satisfies Record<string, ProviderProfile>;

export type ProviderName = keyof typeof PROVIDER_PROFILES;

export const PROVIDER_NAMES = Object.keys(PROVIDER_PROFILES) as ProviderName[];

function hostOf(baseUrl: string): string {
  try {
    return new URL(baseUrl).hostname.toLowerCase();
  } catch {
    return '';
  }
}

/** True for loopback and `localhost` base URLs. */
export function isLoopback(baseUrl: string): boolean {
  const host = hostOf(baseUrl);
  return host === 'localhost' || host === '::1' || host === '[::1]' || host.startsWith('127.');
}

/** The profile a model config points at: its provider when that is a known one, else the one its base URL's host names. */
export function profileFor(provider: string | undefined, baseUrl: string): ProviderProfile | undefined {
  if (provider !== undefined && provider in PROVIDER_PROFILES && provider !== 'openai') {
    return PROVIDER_PROFILES[provider as ProviderName];
  }
  const host = hostOf(baseUrl);
  return Object.values(PROVIDER_PROFILES).find((profile: ProviderProfile) => profile.hosts?.includes(host) === true);
}
