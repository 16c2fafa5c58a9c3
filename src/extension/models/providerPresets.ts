import { PROVIDER_PROFILES, type ProviderName } from '../../core/llm/providerProfiles';
import type { ProviderSetting } from '../settingValues';

/** Where each preset's OpenAI-compatible API lives by default (core's provider table: local servers and hosted ones). */
export const PRESET_BASE_URLS: Readonly<Partial<Record<ProviderSetting, string>>> = Object.fromEntries(
  Object.entries(PROVIDER_PROFILES).flatMap(([name, profile]) => ('baseUrl' in profile && name !== 'openai' ? [[name, profile.baseUrl]] : [])),
);

/** True for a preset whose endpoint is a hosted service that needs an API key. */
export function isHostedPreset(provider: ProviderSetting): boolean {
  const profile = (PROVIDER_PROFILES as Partial<Record<string, { isLocal?: boolean; baseUrl?: string }>>)[provider];
  return profile?.baseUrl !== undefined && profile.isLocal !== true;
}

/** The preset names core knows quirks for (passed on as the model's provider). */
export function isCoreProvider(provider: string): provider is ProviderName {
  return provider in PROVIDER_PROFILES;
}

export const OPENAI_BASE_URL = 'https://api.openai.com/v1';
/** Probed by provider "auto" when nothing is configured. */
export const OLLAMA_PROBE_URL = 'http://127.0.0.1:11434/v1';
/** How long the Ollama probe may take. */
export const PROBE_TIMEOUT_MS = 500;
/** The model used on api.openai.com when none is set. */
export const DEFAULT_OPENAI_MODEL = 'gpt-4o-mini';
/** Marks a model config as VS Code's language model API (core treats it as an opaque provider name). */
export const VSCODE_LM_PROVIDER = 'vscode-lm';

/** Human-readable provider names for messages and pickers. */
export const PROVIDER_LABELS: Readonly<Record<ProviderSetting, string>> = {
  auto: 'auto',
  openai: 'OpenAI-compatible endpoint',
  azure: 'Azure OpenAI',
  ollama: 'Ollama',
  lmstudio: 'LM Studio',
  vllm: 'vLLM',
  llamacpp: 'llama.cpp server',
  anthropic: 'Anthropic',
  gemini: 'Google Gemini',
  groq: 'Groq',
  mistral: 'Mistral',
  openrouter: 'OpenRouter',
  'vscode-lm': 'VS Code language models',
};
