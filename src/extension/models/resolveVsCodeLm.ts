import { cancelledError, OproError } from '../../core/errors';
import { SETTING_KEYS } from '../settingKeys';
import { labelWithId, type VsCodeModelInfo } from './vscodeModelInfo';

/** How many available models an error lists before "and N more". */
const LISTED_MODELS = 8;

/** The VS Code models a run uses; the optimizer is the scorer unless its setting names another. */
export interface VsCodeModelChoice {
  scorer: VsCodeModelInfo;
  optimizer: VsCodeModelInfo;
  /** `opro.judge.model` when it names an available model (the judge's client reports it otherwise). */
  judge?: VsCodeModelInfo;
}

export interface VsCodeModelSettings {
  scorerModel: string;
  optimizerModel: string;
  judgeModel: string;
}

/**
 * Picks the models a run uses, never one the user did not name or see: a setting must match an
 * available model (by id, else by a unique name or family, ignoring case), or it is a `notFound`
 * error that lists what exists; with no scorer model set, `ask` shows the list (undefined: cancelled).
 */
export async function chooseVsCodeModels(
  settings: VsCodeModelSettings,
  models: readonly VsCodeModelInfo[],
  ask: (models: readonly VsCodeModelInfo[]) => Promise<VsCodeModelInfo | undefined>,
): Promise<VsCodeModelChoice> {
  if (models.length === 0) {
    throw noVsCodeModels();
  }
  const scorer = settings.scorerModel ? matchSetting(models, settings.scorerModel, SETTING_KEYS.scorerModel) : await ask(models);
  if (scorer === undefined) {
    throw cancelledError();
  }
  const optimizer = settings.optimizerModel ? matchSetting(models, settings.optimizerModel, SETTING_KEYS.optimizerModel) : scorer;
  const judge = settings.judgeModel ? findModel(models, settings.judgeModel) : undefined;
  return { scorer, optimizer, ...(judge === undefined ? {} : { judge }) };
}

/** VS Code offers no chat model at all. */
export function noVsCodeModels(): OproError {
  const hint = 'Install and sign in to an extension that provides language models (such as GitHub Copilot), or choose another opro.provider.';
  return new OproError('notFound', `No VS Code language model is available. ${hint}`, { hint, setting: SETTING_KEYS.provider });
}

/**
 * The available models a setting matches: the id (or `vendor/id`, which tells apart two vendors'
 * models of one id) exactly, else the id, name or family ignoring case.
 */
export function matchingModels(models: readonly VsCodeModelInfo[], wanted: string): VsCodeModelInfo[] {
  const exact = models.filter((m) => m.id === wanted || vendorAndId(m) === wanted);
  if (exact.length > 0) {
    return exact;
  }
  const lower = wanted.trim().toLowerCase();
  return models.filter((m) => [m.id, m.name, m.family].some((value) => value.toLowerCase() === lower));
}

/** `vendor/id`: names one model even when two vendors use the same id. */
function vendorAndId(model: VsCodeModelInfo): string {
  return `${model.vendor}/${model.id}`;
}

/** What a setting saves to name `model` among `models`: its id, or `vendor/id` when another vendor has the same id. */
export function settingFor(model: VsCodeModelInfo, models: readonly VsCodeModelInfo[]): string {
  return models.filter((m) => m.id === model.id).length > 1 ? vendorAndId(model) : model.id;
}

function findModel(models: readonly VsCodeModelInfo[], wanted: string): VsCodeModelInfo | undefined {
  const found = matchingModels(models, wanted);
  return found.length === 1 ? found[0] : undefined;
}

function matchSetting(models: readonly VsCodeModelInfo[], wanted: string, setting: string): VsCodeModelInfo {
  const found = matchingModels(models, wanted);
  if (found.length === 1 && found[0] !== undefined) {
    return found[0];
  }
  const hint = 'Run "OPRO: Select Models" to pick one.';
  if (found.length > 1) {
    const message = `${setting} is "${wanted}", which matches ${found.length} VS Code language models: ${listModels(found)}. ${hint}`;
    throw new OproError('notFound', message, { hint, setting });
  }
  const message = `${setting} is "${wanted}", but no VS Code language model has that id or name. Available: ${listModels(models)}. ${hint}`;
  throw new OproError('notFound', message, { hint, setting });
}

/** `GPT-5 mini · Copilot (gpt-5-mini), Claude Sonnet 4 · Copilot (claude-sonnet-4) and 3 more`. */
export function listModels(models: readonly VsCodeModelInfo[]): string {
  const shown = models.slice(0, LISTED_MODELS).map(labelWithId).join(', ');
  return models.length > LISTED_MODELS ? `${shown} and ${models.length - LISTED_MODELS} more` : shown;
}
