import type { RunConfig } from '../config';
import type { ModelConfig } from '../llm/types';

/** The config as saved: no API key, no headers (they may carry credentials). */
export function redactConfig(config: RunConfig): RunConfig {
  return {
    ...config,
    scorer: redactModel(config.scorer),
    optimizer: redactModel(config.optimizer),
    ...(config.judge === undefined ? {} : { judge: redactModel(config.judge) }),
  };
}

function redactModel(model: ModelConfig): ModelConfig {
  const { apiKey: _apiKey, headers: _headers, ...rest } = model;
  return rest;
}
