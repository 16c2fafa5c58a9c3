import * as vscode from 'vscode';
import type { ApiKeyStore } from '../secrets';
import { readSettings, updateSetting } from '../settings';
import type { Prompter } from '../ui/prompter';
import { isEndpointUp, listEndpointModels } from './endpointModels';
import { resolveModels, type ModelSetup } from './resolveModels';
import { settingFor } from './resolveVsCodeLm';
import { labelWithId, type VsCodeModelInfo } from './vscodeModelInfo';
import { listVsCodeModels } from './vscodeModels';

/** What resolving the models needs from the extension. */
export interface ModelSetupDeps {
  apiKeys: ApiKeyStore;
  /** Asks for a VS Code model when none is set; absent: the settings are taken as they are (Select Models). */
  ask?: { prompter: Prompter; log: vscode.LogOutputChannel };
}

/** Resolves the models from the current settings, the stored key and what answers right now. */
export async function currentModelSetup(deps: ModelSetupDeps): Promise<ModelSetup> {
  const apiKey = await deps.apiKeys.get();
  const { ask } = deps;
  return resolveModels(readSettings(), {
    apiKey,
    listVsCodeModels,
    ...(ask === undefined ? {} : { askVsCodeModel: (models: readonly VsCodeModelInfo[]) => askAndRemember(models, ask) }),
    listEndpointModels: (baseUrl, timeoutMs) => listEndpointModels(baseUrl, { ...(apiKey === undefined ? {} : { apiKey }), timeoutMs }),
    isEndpointUp,
  });
}

/** Asks once which VS Code model scores and optimizes, and saves the answer in `opro.scorerModel`. */
async function askAndRemember(models: readonly VsCodeModelInfo[], deps: { prompter: Prompter; log: vscode.LogOutputChannel }): Promise<VsCodeModelInfo | undefined> {
  const t = vscode.l10n.t;
  const items = models.map((model) => ({ label: model.label, description: model.id, model }));
  const picked = await deps.prompter.pick(items, {
    title: t('OPRO: Which VS Code language model should score and improve your prompt?'),
    placeHolder: t('Saved in opro.scorerModel; "OPRO: Select Models" changes it.'),
    ignoreFocusOut: true,
  });
  if (picked !== undefined) {
    await updateSetting('scorerModel', settingFor(picked.model, models));
    deps.log.info(`VS Code language model chosen for scoring and optimizing: ${labelWithId(picked.model)}`);
  }
  return picked?.model;
}
