import * as vscode from 'vscode';
import { modelLabel, type VsCodeModelInfo } from './vscodeModelInfo';

/** What an extension's package.json declares under `contributes.languageModelChatProviders`. */
interface VendorContribution {
  vendor?: unknown;
  displayName?: unknown;
}

/** Vendor id -> display name, from every installed extension that contributes a language model provider. */
function vendorDisplayNames(): Map<string, string> {
  const names = new Map<string, string>();
  for (const extension of vscode.extensions.all) {
    const contributed: unknown = (extension.packageJSON as { contributes?: { languageModelChatProviders?: unknown } }).contributes?.languageModelChatProviders;
    const list = Array.isArray(contributed) ? contributed : contributed === undefined ? [] : [contributed];
    for (const entry of list as VendorContribution[]) {
      if (typeof entry?.vendor === 'string' && typeof entry.displayName === 'string' && entry.displayName !== '') {
        names.set(entry.vendor, entry.displayName);
      }
    }
  }
  return names;
}

/** Describes chat models for people: id, name and vendor, with a `GPT-5 mini · Copilot` label. */
export function describeChatModels(models: readonly vscode.LanguageModelChat[]): VsCodeModelInfo[] {
  const vendors = vendorDisplayNames();
  return models.map((model) => ({ id: model.id, name: model.name, vendor: model.vendor, family: model.family, label: modelLabel(model, vendors) }));
}

/** Every chat model VS Code offers right now ([] when none, e.g. no Copilot). */
export async function listVsCodeModels(): Promise<VsCodeModelInfo[]> {
  return describeChatModels(await vscode.lm.selectChatModels());
}
