import type { RunConfig } from '../core/config';
import type { ModelConfig } from '../core/llm/types';

/** How people know a model: its label (`GPT-5 mini · Copilot` for VS Code's models), else its id. */
export function modelName(model: Pick<ModelConfig, 'model' | 'label'>): string {
  return model.label ?? model.model;
}

/** The header's models: `scorer gpt-4o-mini · optimizer gpt-4o`, or with `;` between labels that hold a `·`. */
export function describeModels(config: Pick<RunConfig, 'scorer' | 'optimizer'>): string {
  const scorer = modelName(config.scorer);
  const optimizer = modelName(config.optimizer);
  const separator = scorer.includes(' · ') || optimizer.includes(' · ') ? '; ' : ' · ';
  return `scorer ${scorer}${separator}optimizer ${optimizer}`;
}
