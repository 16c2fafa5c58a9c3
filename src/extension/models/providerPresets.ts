import type { ProviderSetting } from '../settingValues';

/** Where each local server listens by default (all speak the OpenAI API under /v1). */
export const PRESET_BASE_URLS: Readonly<Partial<Record<ProviderSetting, string>>> = {
  ollama: 'http://localhost:11434/v1',
  lmstudio: 'http://localhost:1234/v1',
  vllm: 'http://localhost:8000/v1',
  llamacpp: 'http://localhost:8080/v1',
};

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
  'vscode-lm': 'VS Code language models',
};
