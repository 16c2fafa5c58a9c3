import type { RunConfig } from '../config';
import { OproError } from '../errors';
import { isLoopback, profileFor } from '../llm/providerProfiles';
import type { ModelConfig } from '../llm/types';
import { findPrice, FREE, type ModelPrice } from '../pricing';
import type { ModelRole, PriceLookup } from './usage';

/** The model config a role's calls go to (the judge defaults to the scorer's endpoint). */
export function modelOfRole(config: RunConfig, role: ModelRole): ModelConfig {
  return role === 'optimizer' ? config.optimizer : role === 'judge' ? (config.judge ?? config.scorer) : config.scorer;
}

/**
 * What a model's tokens cost: nothing on a local server (loopback, or a local preset); unknown for
 * VS Code's language models (VS Code reports no price); else the run's own prices, then the list.
 */
export function priceOfModel(model: ModelConfig, name: string, prices?: RunConfig['prices']): ModelPrice | undefined {
  if (model.provider === 'vscode-lm') {
    return undefined;
  }
  const baseUrl = model.baseUrl ?? 'https://api.openai.com/v1';
  if (isLoopback(baseUrl) || profileFor(model.provider, baseUrl)?.isLocal === true) {
    return prices?.[name] ?? FREE;
  }
  return findPrice(name, prices);
}

/** The price lookup a run's usage meter uses. */
export function runPricing(config: RunConfig): PriceLookup {
  return (role, name) => priceOfModel(modelOfRole(config, role), name, config.prices);
}

/** The run's models that have no price, as `role model` (empty when every one has). */
export function unpricedModels(config: RunConfig): string[] {
  const roles: ModelRole[] = config.grader?.kind === 'judge' ? ['scorer', 'optimizer', 'judge'] : ['scorer', 'optimizer'];
  return roles.flatMap((role) => {
    const model = modelOfRole(config, role);
    return priceOfModel(model, model.model, config.prices) === undefined ? [`${role} ${model.model}`] : [];
  });
}

/** A cost budget needs every model priced: else the run could not tell when to stop. */
export function checkCostBudget(config: RunConfig): void {
  const missing = unpricedModels(config);
  if ((config.maxCost ?? 0) > 0 && missing.length > 0) {
    const hint = 'Give the models a price in opro.prices (or "prices" in opro.config.json), in USD per million tokens: { "<model>": { "input": 0.15, "output": 0.6 } }.';
    throw new OproError('config', `A cost limit needs a price for every model, and ${missing.join(', ')} has none. ${hint}`, { hint, setting: 'opro.prices' });
  }
}
