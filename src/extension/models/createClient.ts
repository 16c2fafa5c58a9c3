import { createOpenAiClient } from '../../core/llm/openaiClient';
import type { ClientOptions, LlmClient, ModelConfig } from '../../core/llm/types';
import { VSCODE_LM_PROVIDER } from './providerPresets';
import { createVsCodeLmClient } from './vscodeLmClient';

/** The engine's `deps.createClient`: VS Code's language models for `vscode-lm`, core's OpenAI client otherwise. */
export function createClient(model: ModelConfig, options: ClientOptions): LlmClient {
  return model.provider === VSCODE_LM_PROVIDER ? createVsCodeLmClient(model, options) : createOpenAiClient(model, options);
}
