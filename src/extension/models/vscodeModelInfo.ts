/** A chat model VS Code offers through `vscode.lm`, as people and run files name it. */
export interface VsCodeModelInfo {
  /** What `vscode.lm.selectChatModels({ id })` finds; unique per vendor. Saved in settings and run files. */
  id: string;
  /** The model's human-readable name, e.g. `GPT-5 mini`. */
  name: string;
  /** Who serves it, e.g. `copilot`. */
  vendor: string;
  family: string;
  /** Name and vendor for people, e.g. `GPT-5 mini · Copilot`. */
  label: string;
}

/** Vendors whose display name is known when no installed extension declares one. */
const KNOWN_VENDORS: Readonly<Record<string, string>> = { copilot: 'Copilot' };

/**
 * `GPT-5 mini · Copilot`: the model's name and its vendor's display name (from the extension that
 * contributes the vendor, else a known name, else the vendor id as VS Code reports it).
 */
export function modelLabel(model: { name: string; vendor: string }, vendorNames: ReadonlyMap<string, string> = new Map()): string {
  const vendor = vendorNames.get(model.vendor) ?? KNOWN_VENDORS[model.vendor] ?? model.vendor;
  const name = model.name.trim() || '(unnamed model)';
  return vendor === '' ? name : `${name} · ${vendor}`;
}

/** `GPT-5 mini · Copilot (gpt-5-mini)`: the label with the id a setting holds. */
export function labelWithId(model: VsCodeModelInfo): string {
  return model.label.includes(model.id) ? model.label : `${model.label} (${model.id})`;
}
